import { describe, expect, it } from 'vitest';
import { json } from '../../src/reporters/json.js';
import { resultFromModel } from '../../src/scan.js';
import { fn, role, scanModel, stack } from '../engine/model-builders.js';
import { sampleResult, sampleRules } from './sample-result.js';

describe('json reporter', () => {
  it('is deterministic and valid JSON ending in a newline', () => {
    const out = json(sampleResult());
    expect(out).toBe(json(sampleResult()));
    expect(out.endsWith('}\n')).toBe(true);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('follows the documented contract (docs/json-format.md), version 1', () => {
    const report = JSON.parse(json(sampleResult()));
    expect(Object.keys(report)).toEqual(['version', 'tool', 'target', 'summary', 'stacks', 'findings', 'functions', 'diagnostics', 'rules']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'leash', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(report.summary).toEqual({
      findings: 4,
      bySeverity: { critical: 0, high: 1, medium: 2, low: 1, info: 0 },
      suppressed: 1,
      unknown: 1,
      errors: 1,
      warnings: 2,
      stacks: 1,
      functions: 3,
    });
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(['rule', 'severity', 'resource', 'stack', 'message', 'file', 'line', 'column', 'suppressed', 'fingerprint', 'unknown', 'properties']);
    }
    expect(report.findings.find((f: { resource: string }) => f.resource === 'Public').suppressed).toEqual({
      reason: 'public webhook, verified by signature',
      kind: 'inSource',
      source: 'metadata',
      file: 'template.yaml',
      line: 29,
    });
    const orders = report.functions.find((f: { id: string }) => f.id === 'Orders');
    expect(orders).toEqual({
      id: 'Orders',
      logicalId: 'Orders',
      stack: 'template.yaml',
      file: 'template.yaml',
      line: 10,
      column: 3,
      runtime: 'nodejs16.x',
      handler: 'index.handler',
      role: { id: 'OrdersRole', kind: 'sam-implicit', unknowns: [] },
      policy: {
        effective: [{ Effect: 'Allow', Action: ['s3:*'], Resource: [{ 'Fn::Sub': '${Bucket.Arn}/*' }] }],
        sources: [{ kind: 'sam-policy-template', name: 'S3CrudPolicy', file: 'template.yaml', line: 15 }],
      },
    });
    expect(report.diagnostics[0]).toEqual({ severity: 'error', code: 'ERR_LEASH_PARSE', message: 'bad indentation', file: 'other/template.yaml', line: 3, column: 1 });
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual(['exposure/url-auth-none', 'iam/wildcard-action', 'runtime/deprecated']);
  });

  it('passes through the fields later features add to functions (calls, policy.generated...)', () => {
    const model = scanModel(stack({ functions: [fn('A', 3)], roles: [role('ARole', 9)] }));
    const result = resultFromModel(model, {
      target: '.',
      rules: sampleRules,
      enrichFunction: (f) => ({ calls: [{ service: 's3', operation: 'GetObject', fn: f.id }], policy: { generated: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }], missing: [] } }),
    });
    const report = JSON.parse(json(result));
    const a = report.functions[0];
    expect(Object.keys(a)).toEqual(['id', 'logicalId', 'stack', 'file', 'line', 'column', 'runtime', 'handler', 'role', 'policy', 'calls']);
    expect(a.calls).toEqual([{ service: 's3', operation: 'GetObject', fn: 'A' }]);
    expect(Object.keys(a.policy)).toEqual(['effective', 'sources', 'generated', 'missing']);
    expect(a.policy.generated).toEqual([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }]);
  });
});
