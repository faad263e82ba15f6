import diagnosticsChannel from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { FINDING_CHANNEL, type FindingMessage } from '../../src/engine/channel.js';
import { MAX_FINDING_DETAIL, MAX_FINDINGS_PER_RULE, formatMessage, runRules } from '../../src/engine/run.js';
import { defineRule, type Finding, type Rule, type RuleCategory, type Severity } from '../../src/engine/types.js';
import type { Diagnostic } from '../../src/model/source.js';
import type { AppModel } from '../../src/model/types.js';
import { at, fn, role, scanModel, stack, suppression } from './model-builders.js';

/** A rule that reports once per function, about the function, at the function's line. */
function perFunctionRule(id: string, severity: Severity = 'high', data: (name: string) => Record<string, string> = (name) => ({ name })): Rule {
  return defineRule(
    { id, category: id.split('/')[0] as RuleCategory, description: `test rule ${id}`, severity, messages: { found: 'Function {{name}} is bad' } },
    ({ stack: s, report }) => {
      for (const f of s.functions) report({ messageId: 'found', data: data(f.id), resource: f.id, loc: f.loc });
    },
  );
}

function run(stacks: AppModel[], rules: Rule[]): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const findings = runRules(scanModel(...stacks), rules, { onDiagnostic: (d) => diagnostics.push(d) });
  return { findings, diagnostics };
}

describe('runRules', () => {
  it('formats messages from meta.messages and data, fills location, stack and severity', () => {
    const { findings } = run([stack({ functions: [fn('Hello', 12)] })], [perFunctionRule('iam/test')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'iam/test',
      severity: 'high',
      message: 'Function Hello is bad',
      resource: 'Hello',
      stack: 'template.yaml',
      file: 'template.yaml',
      line: 12,
      column: 3,
      unknown: false,
    });
    expect(findings[0]!.suppressed).toBeUndefined();
  });

  it('takes a report severity over the rule severity, and keeps unknown and properties', () => {
    const rule = defineRule({ id: 'iam/x', category: 'iam', description: 'd', severity: 'high', messages: { m: 'cannot tell' } }, ({ report }) =>
      report({ messageId: 'm', resource: 'R', loc: at(4), severity: 'medium', unknown: true, properties: { actions: ['s3:*'] } }),
    );
    const { findings } = run([stack()], [rule]);
    expect(findings[0]).toMatchObject({ severity: 'medium', unknown: true, properties: { actions: ['s3:*'] } });
  });

  it('turns a throwing rule into an ERR_LEASH_INTERNAL diagnostic naming the rule, and runs the others', () => {
    const broken = defineRule({ id: 'runtime/broken', category: 'runtime', description: 'd', severity: 'low', messages: {} }, () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const { findings, diagnostics } = run([stack({ functions: [fn('A', 5)] })], [broken, perFunctionRule('iam/ok')]);
    expect(findings.map((f) => f.rule)).toEqual(['iam/ok']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_INTERNAL', file: 'template.yaml', message: expect.stringContaining('runtime/broken') }),
    ]);
    expect(diagnostics[0]!.message).toContain('cannot read properties of undefined');
  });

  it('drops the findings of a rule that throws midway (no half-reported rule)', () => {
    const partial = defineRule({ id: 'iam/partial', category: 'iam', description: 'd', severity: 'low', messages: { m: 'x' } }, ({ report }) => {
      report({ messageId: 'm', resource: 'A', loc: at(1) });
      throw new Error('boom');
    });
    const { findings, diagnostics } = run([stack()], [partial]);
    expect(findings).toEqual([]);
    expect(diagnostics).toHaveLength(1);
  });

  it('reports an unknown message id as a rule failure', () => {
    const rule = defineRule({ id: 'iam/typo', category: 'iam', description: 'd', severity: 'low', messages: { ok: 'x' } }, ({ report }) =>
      report({ messageId: 'nope', resource: 'A', loc: at(1) }),
    );
    const { findings, diagnostics } = run([stack()], [rule]);
    expect(findings).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'ERR_LEASH_INTERNAL', message: expect.stringContaining('iam/typo') });
  });

  it('sorts by file, line, then rule, whatever the order rules and stacks come in', () => {
    const s1 = stack({ id: 'b.yaml', file: 'b.yaml', functions: [fn('B', 3, { loc: at(3, 3, 'b.yaml') })] });
    const s2 = stack({ functions: [fn('Z', 30), fn('A', 10)] });
    const rules = [perFunctionRule('runtime/r2'), perFunctionRule('iam/r1')];
    const forward = run([s1, s2], rules).findings;
    const backward = run([s2, s1], [...rules].reverse()).findings;
    const order = forward.map((f) => `${f.file}:${f.line}:${f.rule}`);
    expect(order).toEqual(['b.yaml:3:iam/r1', 'b.yaml:3:runtime/r2', 'template.yaml:10:iam/r1', 'template.yaml:10:runtime/r2', 'template.yaml:30:iam/r1', 'template.yaml:30:runtime/r2']);
    expect(backward).toEqual(forward);
  });

  it('redacts credentials a rule put in a message or properties', () => {
    const key = ['AKIA', 'Z7QW3ERT5YUI9OPL'].join(''); // fake, split so that no scanner takes it for a leak
    const rule = defineRule({ id: 'secrets/leaky', category: 'secrets', description: 'd', severity: 'critical', messages: { m: 'key {{value}}' } }, ({ report }) =>
      report({ messageId: 'm', data: { value: key }, resource: 'A', loc: at(1), properties: { value: key, nested: ['xoxb-1234567890-abcdefghij'] } }),
    );
    const { findings } = run([stack()], [rule]);
    const printed = JSON.stringify(findings);
    expect(printed).not.toContain(key);
    expect(printed).not.toContain('xoxb-1234567890-abcdefghij');
    expect(findings[0]!.message).toBe('key AKIA…(20 chars)');
  });

  it('publishes each finding on the leash:scan:finding channel', () => {
    const seen: string[] = [];
    const onMessage = (message: unknown) => seen.push((message as FindingMessage).finding.resource);
    diagnosticsChannel.subscribe(FINDING_CHANNEL, onMessage);
    try {
      run([stack({ functions: [fn('A', 1), fn('B', 2)] })], [perFunctionRule('iam/x')]);
    } finally {
      diagnosticsChannel.unsubscribe(FINDING_CHANNEL, onMessage);
    }
    expect(seen).toEqual(['A', 'B']);
  });
});

describe('fingerprints', () => {
  it('stay the same when the resource moves to another line', () => {
    const before = run([stack({ functions: [fn('Hello', 10)] })], [perFunctionRule('iam/x')]).findings[0]!;
    const after = run([stack({ functions: [fn('Hello', 42)] })], [perFunctionRule('iam/x')]).findings[0]!;
    expect(after.line).not.toBe(before.line);
    expect(after.fingerprint).toBe(before.fingerprint);
  });

  it('differ by rule, resource, stack file and message data', () => {
    const base = run([stack({ functions: [fn('Hello', 10)] })], [perFunctionRule('iam/x')]).findings[0]!.fingerprint;
    const otherRule = run([stack({ functions: [fn('Hello', 10)] })], [perFunctionRule('iam/y')]).findings[0]!.fingerprint;
    const otherResource = run([stack({ functions: [fn('Other', 10)] })], [perFunctionRule('iam/x', 'high', () => ({ name: 'Hello' }))]).findings[0]!.fingerprint;
    const otherStack = run([stack({ id: 'b.yaml', file: 'b.yaml', functions: [fn('Hello', 10)] })], [perFunctionRule('iam/x')]).findings[0]!.fingerprint;
    const otherData = run([stack({ functions: [fn('Hello', 10)] })], [perFunctionRule('iam/x', 'high', () => ({ name: 'Hello', action: 's3:*' }))]).findings[0]!.fingerprint;
    expect(new Set([base, otherRule, otherResource, otherStack, otherData]).size).toBe(5);
  });

  it('are unique when a rule reports the same thing twice', () => {
    const twice = defineRule({ id: 'iam/twice', category: 'iam', description: 'd', severity: 'low', messages: { m: 'x' } }, ({ report }) => {
      report({ messageId: 'm', resource: 'A', loc: at(7) });
      report({ messageId: 'm', resource: 'A', loc: at(3) });
    });
    const findings = run([stack()], [twice]).findings;
    expect(findings.map((f) => f.line)).toEqual([3, 7]);
    expect(findings[1]!.fingerprint).toBe(`${findings[0]!.fingerprint}-2`);
  });
});

describe('suppressions', () => {
  const reported = (s: AppModel, rule = perFunctionRule('iam/wildcard')) => run([s], [rule]);

  it('suppress a finding about a function that carries a suppression with a reason', () => {
    const s = stack({ functions: [fn('A', 5, { suppressions: [suppression('iam/wildcard', 'bucket names are generated', 4)] }), fn('B', 20)] });
    const { findings, diagnostics } = reported(s);
    expect(findings.find((f) => f.resource === 'A')!.suppressed).toEqual({ reason: 'bucket names are generated', kind: 'inSource', source: 'metadata', loc: at(4) });
    expect(findings.find((f) => f.resource === 'B')!.suppressed).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });

  it('ignore a suppression without a reason, and warn about it once', () => {
    const s = stack({ functions: [fn('A', 5, { suppressions: [suppression('iam/wildcard', undefined, 4), suppression('iam/other', '   ', 6)] })] });
    const { findings, diagnostics } = reported(s);
    expect(findings[0]!.suppressed).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_SUPPRESSION_NO_REASON', file: 'template.yaml', line: 4, message: expect.stringContaining('iam/wildcard') }),
      expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_SUPPRESSION_NO_REASON', line: 6 }),
    ]);
  });

  it('match a category prefix ending in /*, and nothing else', () => {
    const withRule = (rule: string) => reported(stack({ functions: [fn('A', 5, { suppressions: [suppression(rule, 'accepted')] })] })).findings[0]!.suppressed;
    expect(withRule('iam/*')).toBeDefined();
    expect(withRule('exposure/*')).toBeUndefined();
    expect(withRule('iam/wild')).toBeUndefined();
    expect(withRule('ia/*')).toBeUndefined();
    expect(withRule('iam')).toBeUndefined();
  });

  it('apply stack-level suppressions to every node', () => {
    const s = stack({ functions: [fn('A', 5), fn('B', 9)], suppressions: [suppression('iam/*', 'sandbox account', 2)] });
    expect(reported(s).findings.map((f) => f.suppressed?.reason)).toEqual(['sandbox account', 'sandbox account']);
  });

  it("apply a role's suppressions to the IAM findings of its functions, not to other categories", () => {
    const s = stack({
      functions: [fn('A', 5, { roleId: 'Shared' })],
      roles: [role('Shared', 30, { suppressions: [suppression('iam/*', 'legacy role, tracked in JIRA-1', 31), suppression('runtime/*', 'not an iam rule', 32)] })],
    });
    expect(reported(s).findings[0]!.suppressed?.reason).toBe('legacy role, tracked in JIRA-1');
    expect(reported(s, perFunctionRule('runtime/old')).findings[0]!.suppressed).toBeUndefined();
  });

  it('find the node by id among roles, resources, APIs and permissions', () => {
    const aboutNode = (id: string) =>
      defineRule({ id: 'exposure/public', category: 'exposure', description: 'd', severity: 'high', messages: { m: 'x' } }, ({ report }) => report({ messageId: 'm', resource: id, loc: at(1) }));
    const s = stack({
      resources: [{ id: 'Bucket', type: 'AWS::S3::Bucket', kind: 'bucket', loc: at(40), properties: {}, generated: false, suppressions: [suppression('exposure/public', 'static site', 41)] }],
      apis: [{ id: 'Api', kind: 'rest', loc: at(50), generated: false, authorizers: [], hasUsagePlan: false, suppressions: [suppression('exposure/*', 'internal API', 51)] }],
      permissions: [
        { id: 'Perm', loc: at(60), action: 'lambda:InvokeFunction', principal: '*', generated: false, suppressions: [suppression('exposure/public', 'public by design', 61)] },
      ],
    });
    expect(run([s], [aboutNode('Bucket')]).findings[0]!.suppressed?.reason).toBe('static site');
    expect(run([s], [aboutNode('Api')]).findings[0]!.suppressed?.reason).toBe('internal API');
    expect(run([s], [aboutNode('Perm')]).findings[0]!.suppressed?.reason).toBe('public by design');
    expect(run([s], [aboutNode('Elsewhere')]).findings[0]!.suppressed).toBeUndefined();
  });

  it('mark suppressions from a config file as external', () => {
    const s = stack({ functions: [fn('A', 5)], suppressions: [suppression('iam/*', 'accepted in leash.config', 1, 'config')] });
    expect(reported(s).findings[0]!.suppressed).toMatchObject({ kind: 'external', source: 'config' });
  });

  it('prefer a suppression with a reason when another on the node has none', () => {
    const s = stack({ functions: [fn('A', 5, { suppressions: [suppression('iam/wildcard', undefined, 3), suppression('iam/*', 'ok because', 4, 'cdk-nag')] })] });
    const { findings, diagnostics } = reported(s);
    expect(findings[0]!.suppressed).toMatchObject({ reason: 'ok because', source: 'cdk-nag' });
    expect(diagnostics).toHaveLength(1);
  });
});

describe('formatMessage', () => {
  it('replaces known names and leaves unknown ones', () => {
    expect(formatMessage('{{a}} and {{ b }} and {{c}}', { a: 1, b: 'two' })).toBe('1 and two and {{c}}');
    expect(formatMessage('{{constructor}}', {})).toBe('{{constructor}}');
  });

  it(`stops a rule at ${MAX_FINDINGS_PER_RULE} findings on a stack, with an ERR_LEASH_LIMIT error, and runs the others`, () => {
    let reported = 0;
    const flood = defineRule({ id: 'iam/flood', category: 'iam', description: 'd', severity: 'low', messages: { m: 'finding {{n}}' } }, ({ report }) => {
      for (let n = 0; n < 1_000_000; n++, reported++) report({ messageId: 'm', data: { n }, resource: `R${n}`, loc: at(1) });
    });
    const { findings, diagnostics } = run([stack({ functions: [fn('Hello', 12)] })], [flood, perFunctionRule('iam/after')]);
    expect(reported).toBe(MAX_FINDINGS_PER_RULE);
    expect(findings.filter((f) => f.rule === 'iam/flood')).toHaveLength(MAX_FINDINGS_PER_RULE);
    expect(findings.filter((f) => f.rule === 'iam/after')).toHaveLength(1);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_LIMIT', message: expect.stringContaining('rule iam/flood found more than') })]);
  });

  it('keeps every finding but drops the properties of those past the detail limit, with one warning', () => {
    const big = 'x'.repeat(1_000_000);
    const detailed = defineRule({ id: 'iam/detailed', category: 'iam', description: 'd', severity: 'low', messages: { m: 'finding {{n}}' } }, ({ report }) => {
      for (let n = 0; n < 30; n++) report({ messageId: 'm', data: { n }, resource: `R${n}`, loc: at(n + 1), properties: { big } });
    });
    const { findings, diagnostics } = run([stack()], [detailed]);
    expect(findings).toHaveLength(30);
    const withDetail = findings.filter((f) => f.properties !== undefined).length;
    expect(withDetail).toBe(Math.floor(MAX_FINDING_DETAIL / JSON.stringify({ big }).length));
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'WARN_LEASH_DETAIL_LIMIT']]);
  });
});
