/**
 * `policy(options)` end to end through the real loaders: output format, function selection,
 * exit codes, the report, and the scan-JSON enrichment hook.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { policy as policyOf, policyEnrichment, type PolicyOptions } from '../../src/policy.js';
import { loadScan } from '../../src/loaders/index.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const corpus = join(fixtures, 'handlers');

/** Each fixture is an app of its own: its folder is the scan root, so paths are relative to it. */
const policy = (options: PolicyOptions) => policyOf({ root: options.path, ...options });

describe('policy()', () => {
  it("prints the app's own format (SAM) with only what the code needs for a SAM-generated role", () => {
    const r = policy({ path: join(corpus, 'dynamodb-stream-middy') });
    expect(r.exitCode).toBe(0);
    const parsed = parse(r.output) as { Policies: { Version: string; Statement: { Action: string; Resource: unknown }[] }[] };
    expect(parsed.Policies[0]!.Version).toBe('2012-10-17');
    expect(parsed.Policies[0]!.Statement).toEqual([{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': ['ProjectionTable', 'Arn'] } }]);
    expect(r.output).toContain('# SAM adds the trigger and platform permissions itself');
    // The report's generated policy has everything (triggers, platform).
    const actions = JSON.stringify(r.report[0]!.generated);
    for (const a of ['dynamodb:GetRecords', 'logs:PutLogEvents', 'xray:PutTraceSegments', 'ec2:CreateNetworkInterface', 'sqs:SendMessage']) expect(actions).toContain(a);
  });

  it('compares with the declared role: a needed permission it lacks is missing (exit 1); unused grants are listed', () => {
    const r = policy({ path: join(corpus, 'sqs-trigger-forward'), format: 'json' });
    expect(r.exitCode).toBe(1);
    expect(r.report[0]!.missing!.map((m) => m.action)).toEqual(['sqs:SendMessage']);
    expect(r.errors).toContain('ForwardFunction: missing from the declared role: sqs:SendMessage on !GetAtt OutboxQueue.Arn');
    const granted = policy({ path: join(corpus, 'dynamodb-stream-middy') });
    expect(granted.report[0]!.missing).toEqual([]);
    // DynamoDBWritePolicy also grants UpdateItem and BatchWriteItem, which the code does not use.
    expect(granted.report[0]!.unused!.map((u) => u.action).sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:UpdateItem']);
  });

  it('json for one function is the policy document; for several, a map by function id', () => {
    const one = policy({ path: join(corpus, 'stepfunctions-lambda-invoke'), functionId: 'StarterFunction', format: 'json' });
    const doc = JSON.parse(one.output) as { Version: string; Statement: unknown[] };
    expect(doc.Version).toBe('2012-10-17');
    expect(one.output).toContain('states:StartExecution');
    const all = JSON.parse(policy({ path: join(corpus, 'stepfunctions-lambda-invoke'), format: 'json' }).output) as Record<string, unknown>;
    expect(Object.keys(all).sort()).toEqual(['StarterFunction', 'WorkerFunction']);
  });

  it('reports calls with file and line, and exits 1 when something is unknown', () => {
    const r = policy({ path: join(corpus, 'bad-dynamic-require'), format: 'json' });
    expect(r.exitCode).toBe(1);
    const fn = r.report[0]!;
    expect(fn.calls).toEqual([expect.objectContaining({ action: 's3:ListBucket', file: 'plugin.js', line: 9, resource: { 'Fn::GetAtt': ['FilesBucket', 'Arn'] } })]);
    expect(fn.unknown.map((u) => `${u.file}:${u.line}`)).toEqual(['plugin.js:6', 'plugin.js:8']);
    expect(r.errors.some((e) => e.startsWith('plugin.js:8: PluginFunction: unknown: AWS client method chosen at run time'))).toBe(true);
  });

  it('a * resource with its reason counts as unknown', () => {
    const r = policy({ path: join(corpus, 'unresolved-parameter'), format: 'json' });
    expect(r.exitCode).toBe(1);
    expect(r.report[0]!.unknown.some((u) => u.reason.startsWith('sqs:SendMessage on "*"'))).toBe(true);
  });

  it('cloudformation and serverless formats render', () => {
    const cfn = parse(policy({ path: join(corpus, 's3-v3-command'), format: 'cloudformation' }).output) as { Resources: Record<string, { Type: string }> };
    expect(cfn.Resources.ReportFunctionRole!.Type).toBe('AWS::IAM::Role');
    const sls = parse(policy({ path: join(corpus, 's3-v3-command'), format: 'serverless' }).output) as { provider: { iam: { role: { statements: unknown[] } } } };
    expect(sls.provider.iam.role.statements.length).toBeGreaterThan(0);
  });

  it('an unknown function id or path is an error diagnostic with a stable code, and exit 2 (not a throw)', () => {
    const unknownId = policy({ path: join(corpus, 's3-v3-command'), functionId: 'Nope' });
    expect(unknownId.exitCode).toBe(2);
    expect(unknownId.output).toBe('');
    expect(unknownId.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_USAGE', file: '' })]);
    expect(unknownId.diagnostics[0]!.message).toContain('no function "Nope"');
    const badPath = policy({ path: join(corpus, 'does-not-exist') });
    expect(badPath.exitCode).toBe(2);
    expect(badPath.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_FILE_NOT_FOUND', file: '' })]);
  });

  it('a missing handler file is an error diagnostic at the function (code, file, line, column), and exit 2; the other functions still get their policy', () => {
    const r = policy({ path: join(fixtures, 'policy-missing-handler'), format: 'json' });
    expect(r.exitCode).toBe(2);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_HANDLER_NOT_FOUND', file: 'template.yaml', line: 10, column: 3 })]);
    expect(r.diagnostics[0]!.message).toContain('AbsentFunction');
    expect(Object.keys(JSON.parse(r.output) as object).sort()).toEqual(['AbsentFunction', 'PresentFunction']);
  });

  it('a broken template is an error diagnostic with its line, and exit 2; the readable template still gets its policy', () => {
    // Without `root`, the scan root is the git work tree holding the path: the repository.
    const r = policyOf({ path: join(fixtures, 'cli-broken-yaml'), format: 'json' });
    expect(r.exitCode).toBe(2);
    const file = `${relative(repoRoot, join(fixtures, 'cli-broken-yaml'))}/bad/template.yaml`;
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ code: 'ERR_LEASH_PARSE', file, line: 8, column: 1 })]);
    expect(r.output).not.toBe('');
  });

  it('warnings are diagnostics too, and do not change the exit code', () => {
    const r = policy({ path: join(fixtures, 'bad-missing-handler'), format: 'json' });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_CODE_NOT_FOUND', file: 'template.yaml' }));
    expect(r.exitCode).not.toBe(2);
  });
});

describe('policyEnrichment()', () => {
  it('adds calls[] and policy { generated, unknown } per function', () => {
    const model = loadScan(join(corpus, 'helper-modules'), { root: join(corpus, 'helper-modules') });
    const stack = model.stacks[0]!;
    const enrich = policyEnrichment();
    const out = enrich(stack.functions[0]!, stack, model);
    expect(out.calls).toEqual([
      { action: 'dynamodb:PutItem', resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, file: 'src/lib/repo.mjs', line: 6 },
      { action: 'sns:Publish', resource: { Ref: 'OrderEvents' }, file: 'src/lib/events.mjs', line: 5 },
    ]);
    expect(JSON.stringify(out.policy.generated)).toContain('sns:Publish');
    expect(out.policy.unknown).toEqual([]);
  });
});

describe('policy(): values never printed in full', () => {
  it('a NoEcho parameter default in a generated resource is redacted, in the output and the report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leash-policy-noecho-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src', 'index.mjs'), "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nexport const handler = () => new DynamoDBClient({}).send(new GetItemCommand({ TableName: process.env.TABLE, Key: {} }));\n");
      writeFileSync(
        join(dir, 'template.yaml'),
        "Transform: AWS::Serverless-2016-10-31\nParameters:\n  Seed: { Type: String, NoEcho: true, Default: LEASH-NOECHO-table-7c1e }\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      FunctionName: !Sub 'orders-${Seed}'\n      Environment: { Variables: { TABLE: !Sub 'orders-${Seed}' } }\n",
      );
      for (const format of ['json', 'cloudformation'] as const) {
        const r = policy({ path: dir, format });
        expect(r.output).toContain('orders-LEAS…(23 chars)');
        expect(JSON.stringify(r)).not.toContain('LEASH-NOECHO-table-7c1e');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
