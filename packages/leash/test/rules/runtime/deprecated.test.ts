import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import rule from '../../../src/rules/runtime/deprecated.js';
import { RUNTIMES, assessRuntime, currentDate, runtimeLifecycle, warnDays } from '../../../src/lambda/runtimes.js';
import { isLeashError } from '../../../src/errors.js';
import { ruleTester } from '../rule-tester.js';

// Every case runs on a pinned date, so the results do not change as the calendar moves.
const TODAY = '2026-11-28';
beforeAll(() => {
  vi.stubEnv('LEASH_NOW', TODAY);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const sam = (runtime: string, extra = ''): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${extra}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
${runtime ? `      Runtime: ${runtime}\n` : ''}      Handler: index.handler
      InlineCode: "exports.handler = async () => {}"
`;

const sls = (runtime: string): Record<string, string> => ({
  'serverless.yml': `service: legacy
provider:
  name: aws
  runtime: ${runtime}
functions:
  hello:
    handler: handler.hello
`,
  'handler.js': 'module.exports.hello = async () => {};\n',
});

/** A CDK cloud assembly with one user function and CDK's LogRetention helper, both on `runtime`. */
const cdk = (runtime: string): Record<string, string> => {
  const fnResource = (path: string) => ({
    Type: 'AWS::Lambda::Function',
    Properties: { Runtime: runtime, Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => {}' }, Role: 'arn:aws:iam::123456789012:role/r' },
    Metadata: { 'aws:cdk:path': path },
  });
  return {
    'cdk.out/manifest.json': JSON.stringify({
      version: '55.0.0',
      artifacts: { App: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'App.template.json' } } },
    }),
    'cdk.out/App.template.json': JSON.stringify({
      Resources: {
        Api4F2A2F9B: fnResource('App/Api/Resource'),
        LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A: fnResource('App/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/Resource'),
      },
    }),
  };
};

ruleTester(rule, {
  valid: [
    { name: 'nodejs24.x is supported', app: sam('nodejs24.x') },
    { name: 'python3.13 is supported', app: sam('python3.13') },
    { name: 'provided.al2023 is supported', app: sam('provided.al2023') },
    {
      name: 'container image: no runtime to check',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:latest
`,
    },
    { name: 'Serverless Framework provider runtime nodejs24.x', app: sls('nodejs24.x') },
  ],
  invalid: [
    { name: 'nodejs22.x: deprecation within 180 days', app: sam('nodejs22.x'), errors: [{ resource: 'Fn', messageId: 'approaching', severity: 'low', message: 'in 153 days' }] },
    { name: 'nodejs20.x: deprecated', app: sam('nodejs20.x'), errors: [{ resource: 'Fn', messageId: 'deprecated', severity: 'high', message: 'nodejs24.x' }] },
    { name: 'python3.9 from Globals', app: sam('', 'Globals:\n  Function:\n    Runtime: python3.9\n'), errors: [{ resource: 'Fn', messageId: 'deprecated', message: 'python3.14' }] },
    { name: 'nodejs14.x: create blocked', app: sam('nodejs14.x'), errors: [{ resource: 'Fn', messageId: 'create-blocked', severity: 'high', message: '2024-01-09' }] },
    { name: 'provided: create blocked, move to provided.al2023', app: sam('provided'), errors: [{ resource: 'Fn', messageId: 'create-blocked', message: 'provided.al2023' }] },
    { name: 'python2.7: update blocked', app: sam('python2.7'), errors: [{ resource: 'Fn', messageId: 'update-blocked' }] },
    { name: 'unknown runtime string', app: sam('nodejs99.x'), errors: [{ resource: 'Fn', messageId: 'unrecognised', unknown: true }] },
    {
      name: 'runtime from a parameter without default',
      app: sam('!Ref Runtime', 'Parameters:\n  Runtime:\n    Type: String\n'),
      errors: [{ resource: 'Fn', messageId: 'unresolved', unknown: true }],
    },
    { name: 'Serverless Framework provider runtime nodejs16.x', app: sls('nodejs16.x'), errors: [{ resource: 'hello', messageId: 'deprecated' }] },
    {
      name: 'CDK: a CDK-internal function is one level lower',
      app: cdk('nodejs20.x'),
      errors: [
        { resource: 'App/Api', messageId: 'deprecated', severity: 'high' },
        { resource: 'App/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a', messageId: 'deprecated', severity: 'medium', message: 'upgrade aws-cdk-lib' },
      ],
    },
  ],
});

describe('runtime/deprecated in August 2028', () => {
  beforeAll(() => {
    vi.stubEnv('LEASH_NOW', '2028-08-01');
  });
  afterAll(() => {
    vi.stubEnv('LEASH_NOW', TODAY);
  });
  ruleTester(rule, {
    valid: [{ name: 'python3.13 is still supported', app: sam('python3.13') }],
    invalid: [{ name: 'nodejs24.x once its update block date has passed', app: sam('nodejs24.x'), errors: [{ resource: 'Fn', messageId: 'update-blocked' }] }],
  });
});

describe('lifecycle table', () => {
  it('classifies by date', () => {
    const node20 = runtimeLifecycle('nodejs20.x')!;
    expect(assessRuntime(node20, new Date('2025-06-01')).status).toBe('supported');
    expect(assessRuntime(node20, new Date('2026-01-01')).status).toBe('approaching');
    expect(assessRuntime(node20, new Date('2026-04-30')).status).toBe('deprecated');
    expect(assessRuntime(node20, new Date('2027-02-01')).status).toBe('create-blocked');
    expect(assessRuntime(node20, new Date('2027-03-03')).status).toBe('update-blocked');
    expect(assessRuntime(node20, new Date('2026-01-01'), 30).status).toBe('supported');
  });
  it('has one entry per runtime, with a successor that is itself in the table', () => {
    const names = RUNTIMES.map((r) => r.runtime);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RUNTIMES) expect(runtimeLifecycle(r.successor), r.runtime).toBeDefined();
    for (const r of RUNTIMES) {
      if (r.blockCreate) expect(r.blockCreate >= r.deprecated, r.runtime).toBe(true);
      if (r.blockUpdate && r.blockCreate) expect(r.blockUpdate >= r.blockCreate, r.runtime).toBe(true);
    }
  });
  it('reads LEASH_NOW and LEASH_RUNTIME_WARN_DAYS, rejecting bad values with ERR_LEASH_USAGE', () => {
    expect(currentDate({ LEASH_NOW: '2030-01-02' }).toISOString()).toBe('2030-01-02T00:00:00.000Z');
    expect(warnDays({ LEASH_RUNTIME_WARN_DAYS: '30' })).toBe(30);
    expect(warnDays({})).toBe(180);
    for (const bad of [() => currentDate({ LEASH_NOW: 'tomorrow' }), () => warnDays({ LEASH_RUNTIME_WARN_DAYS: '-3' })]) {
      try {
        bad();
        expect.unreachable();
      } catch (error) {
        expect(isLeashError(error) && error.code).toBe('ERR_LEASH_USAGE');
      }
    }
  });
});
