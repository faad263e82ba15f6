import { describe, expect, it } from 'vitest';
import { sarif } from '../../src/reporters/sarif.js';
import { sampleResult } from './sample-result.js';
import { sarifValidator as validator } from './sarif-schema.js';

describe('sarif reporter', () => {
  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    const validate = validator();
    const log = JSON.parse(sarif(sampleResult()));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is real: it rejects a broken log', () => {
    const validate = validator();
    const log = JSON.parse(sarif(sampleResult()));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('is deterministic', () => {
    expect(sarif(sampleResult())).toBe(sarif(sampleResult()));
  });

  it('describes every rule with levels, security-severity and a help URI', () => {
    const driver = JSON.parse(sarif(sampleResult())).runs[0].tool.driver;
    expect(driver.name).toBe('leash');
    const byId = Object.fromEntries(driver.rules.map((r: { id: string }) => [r.id, r]));
    expect(byId['exposure/url-auth-none'].properties['security-severity']).toBe('9.5');
    expect(byId['iam/wildcard-action'].properties['security-severity']).toBe('8.0');
    expect(byId['runtime/deprecated'].properties['security-severity']).toBe('5.5');
    expect(byId['iam/wildcard-action'].defaultConfiguration.level).toBe('error');
    expect(byId['runtime/deprecated'].defaultConfiguration.level).toBe('warning');
    expect(byId['iam/wildcard-action'].helpUri).toBeUndefined();
    expect(byId['iam/wildcard-action'].help.text).toContain('packages/leash/src/rules/iam/wildcard-action.md');
    expect(byId['iam/wildcard-action'].shortDescription.text).toBe('A role grants every action of a service.');
    expect(byId['iam/wildcard-action'].properties.tags).toContain('iam');
  });

  it('reports results with relative locations, fingerprints, and in-source suppressions', () => {
    const run = JSON.parse(sarif(sampleResult())).runs[0];
    expect(run.results).toHaveLength(5);
    const wildcard = run.results.find((r: { ruleId: string }) => r.ruleId === 'iam/wildcard-action');
    expect(wildcard.level).toBe('error');
    expect(wildcard.message.text).toBe('Role OrdersRole of Orders grants s3:*');
    expect(wildcard.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'template.yaml' }, region: { startLine: 16, startColumn: 11 } });
    expect(run.tool.driver.rules[wildcard.ruleIndex].id).toBe('iam/wildcard-action');
    expect(wildcard.partialFingerprints['leash/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(wildcard.suppressions).toBeUndefined();
    const suppressed = run.results.find((r: { message: { text: string } }) => r.message.text === 'Public has a public function URL');
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'public webhook, verified by signature' }]);
    const unknown = run.results.find((r: { properties: { unknown: boolean } }) => r.properties.unknown);
    expect(unknown.level).toBe('note');
  });

  it('reports input problems as tool execution notifications', () => {
    const invocation = JSON.parse(sarif(sampleResult())).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0]).toEqual({
      level: 'error',
      message: { text: 'bad indentation' },
      descriptor: { id: 'ERR_LEASH_PARSE' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'other/template.yaml' }, region: { startLine: 3, startColumn: 1 } } }],
    });
  });

  it('writes URIs relative to the scan root whatever the target (what code scanning resolves them against)', () => {
    for (const target of ['app', '.', '../elsewhere']) {
      const run = JSON.parse(sarif({ ...sampleResult(), target })).runs[0];
      expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('template.yaml');
    }
  });
});
