/**
 * The generated policy: trigger and platform permissions, ARN formatting of literal names,
 * grouping and determinism, the snippet formats, and that the platform permissions are exactly
 * what AWS's own Lambda execution managed policies grant (checked against the managed-policy
 * snapshot).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CodeAnalyzer } from '../../src/code/index.js';
import type { AwsCall, CodeAnalysis } from '../../src/code/types.js';
import { formatPolicy, defaultFormat } from '../../src/iam/format.js';
import { generatePolicy, policyFromPermissions, requiredPermissions, type RequiredPermission } from '../../src/iam/generate.js';
import { getManagedPolicy } from '../../src/iam/managed-policies.js';
import type { IamStatement } from '../../src/iam/types.js';
import type { AppModel, LambdaFunction } from '../../src/model/types.js';
import { loadCase } from '../code/fixture-model.js';

const corpus = join(import.meta.dirname, '..', 'fixtures', 'handlers');

function load(name: string, fnId: string): { stack: AppModel; fn: LambdaFunction; analysis: CodeAnalysis } {
  const c = loadCase(join(corpus, name));
  const fn = c.stack.functions.find((f) => f.id === fnId)!;
  return { stack: c.stack, fn, analysis: new CodeAnalyzer().analyzeFunction(c.stack, fn, c.root) };
}

const of = (perms: RequiredPermission[], source: RequiredPermission['source']) => perms.filter((p) => (typeof source === 'string' ? p.source === source : typeof p.source === 'object')).map((p) => `${p.action} ${JSON.stringify(p.resource)}`).sort();

function managedActions(name: string): string[] {
  const doc = getManagedPolicy(name)!.document;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : [])).map((a) => a.toLowerCase());
}

describe('requiredPermissions: triggers and platform', () => {
  it('SQS trigger: ReceiveMessage, DeleteMessage, GetQueueAttributes on the queue (AWSLambdaSQSQueueExecutionRole)', () => {
    const { stack, fn, analysis } = load('sqs-trigger-forward', 'ForwardFunction');
    const perms = requiredPermissions(stack, fn, analysis);
    const arn = JSON.stringify({ 'Fn::GetAtt': ['InboxQueue', 'Arn'] });
    expect(of(perms, 'trigger')).toEqual([`sqs:DeleteMessage ${arn}`, `sqs:GetQueueAttributes ${arn}`, `sqs:ReceiveMessage ${arn}`]);
    const managed = managedActions('AWSLambdaSQSQueueExecutionRole');
    for (const p of perms.filter((x) => x.source === 'trigger')) expect(managed, p.action).toContain(p.action.toLowerCase());
  });

  it('DynamoDB stream trigger, VPC, X-Ray, DLQ, logs', () => {
    const { stack, fn, analysis } = load('dynamodb-stream-middy', 'ProjectFunction');
    const perms = requiredPermissions(stack, fn, analysis);
    const stream = JSON.stringify({ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] });
    expect(of(perms, 'trigger')).toEqual([`dynamodb:DescribeStream ${stream}`, `dynamodb:GetRecords ${stream}`, `dynamodb:GetShardIterator ${stream}`, 'dynamodb:ListStreams "*"']);
    const platform = of(perms, 'platform');
    const logGroup = JSON.stringify({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/${AWS::StackName}-ProjectFunction-*:*' });
    expect(platform).toContain(`logs:CreateLogStream ${logGroup}`);
    expect(platform).toContain(`logs:PutLogEvents ${logGroup}`);
    expect(platform).toContain(`sqs:SendMessage ${JSON.stringify({ 'Fn::GetAtt': ['FailuresQueue', 'Arn'] })}`);
    expect(platform).toContain('xray:PutTraceSegments "*"');
    expect(platform).toContain('ec2:CreateNetworkInterface "*"');
    // Exactly the managed policies' actions (no more): AWS's own definitions of these needs.
    const pairs: [string, (p: RequiredPermission) => boolean][] = [
      ['AWSLambdaDynamoDBExecutionRole', (p) => p.source === 'trigger' || p.action.startsWith('logs:')],
      ['AWSLambdaVPCAccessExecutionRole', (p) => p.action.startsWith('ec2:') || p.action.startsWith('logs:')],
      ['AWSXRayDaemonWriteAccess', (p) => p.action.startsWith('xray:')],
      ['AWSLambdaBasicExecutionRole', (p) => p.action.startsWith('logs:')],
    ];
    for (const [name, pick] of pairs) {
      const managed = managedActions(name);
      for (const p of perms.filter(pick)) expect(managed, `${name} ${p.action}`).toContain(p.action.toLowerCase());
    }
    // The code still found the stream record → projection write through the middy wrapper.
    expect(of(perms, { file: '', line: 0 })).toEqual([`dynamodb:PutItem ${JSON.stringify({ 'Fn::GetAtt': ['ProjectionTable', 'Arn'] })}`]);
  });

  it('no VPC, no tracing: no ec2 or xray permissions', () => {
    const { stack, fn, analysis } = load('s3-v3-command', 'ReportFunction');
    const actions = requiredPermissions(stack, fn, analysis).map((p) => p.action);
    expect(actions.some((a) => a.startsWith('ec2:') || a.startsWith('xray:'))).toBe(false);
    expect(actions).toContain('logs:PutLogEvents');
  });
});

function call(partial: Partial<AwsCall> & Pick<AwsCall, 'service' | 'actions' | 'resource'>): AwsCall {
  return { operation: 'X', sdk: 'v3', style: 'command', loc: { file: 'a.js', line: 1, column: 1 }, ...partial };
}

describe('resources from literal names and unknowns', () => {
  const { stack, fn } = load('s3-v3-command', 'ReportFunction');
  const perms = (calls: AwsCall[]) => requiredPermissions(stack, fn, { functionId: fn.id, files: [], calls, unknowns: [] }).filter((p) => typeof p.source === 'object');

  it('formats literal names with the catalog ARN formats', () => {
    const got = perms([
      call({ service: 's3', actions: ['s3:GetObject'], resource: { kind: 'literal', value: 'my-bucket', param: 'Bucket', subResource: 'in/*' }, resourceType: 'object' }),
      call({ service: 'dynamodb', actions: ['dynamodb:GetItem'], resource: { kind: 'literal', value: 'Orders', param: 'TableName' }, resourceType: 'table' }),
      call({ service: 'sqs', actions: ['sqs:SendMessage'], resource: { kind: 'literal', value: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs', param: 'QueueUrl' }, resourceType: 'queue' }),
      call({ service: 'sns', actions: ['sns:Publish'], resource: { kind: 'literal', value: 'arn:aws:sns:us-east-1:123456789012:t', param: 'TopicArn' }, resourceType: 'topic' }),
    ]);
    expect(got.map((p) => p.resource)).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-bucket/in/*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/Orders' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:eu-west-1:123456789012:jobs' },
      'arn:aws:sns:us-east-1:123456789012:t',
    ]);
  });

  it('an unresolved resource is * with the reason; an env var the template does not set says so', () => {
    const got = perms([
      call({ service: 's3', actions: ['s3:GetObject'], resource: { kind: 'unknown', param: 'Bucket', reason: 'Bucket: parameter b of f: no call site found' }, resourceType: 'object' }),
      call({ service: 's3', actions: ['s3:PutObject'], resource: { kind: 'env', variable: 'NOPE', param: 'Bucket' }, resourceType: 'object' }),
    ]);
    expect(got.map((p) => [p.resource, p.reason])).toEqual([
      ['*', 'Bucket: parameter b of f: no call site found'],
      ['*', 'environment variable NOPE is not set on the function in the template'],
    ]);
  });
});

describe('generatePolicy', () => {
  it('groups actions by resource set, deduplicates, sorts, and is deterministic', () => {
    const doc = policyFromPermissions([
      { action: 's3:PutObject', resource: 'arn:b/*', source: 'platform' },
      { action: 's3:GetObject', resource: 'arn:b/*', source: 'platform' },
      { action: 's3:GetObject', resource: 'arn:b/*', source: 'platform' },
      { action: 'sqs:SendMessage', resource: 'arn:q2', source: 'platform' },
      { action: 'sqs:SendMessage', resource: 'arn:q1', source: 'platform' },
      { action: 'xray:PutTraceSegments', resource: '*', source: 'platform' },
      { action: 'xray:PutTraceSegments', resource: 'arn:narrow', source: 'platform' },
    ]);
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:b/*' },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ['arn:q1', 'arn:q2'] },
        { Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' },
      ],
    });
    const { stack, fn, analysis } = load('helper-modules', 'CreateOrderFunction');
    expect(JSON.stringify(generatePolicy(stack, fn, analysis))).toBe(JSON.stringify(generatePolicy(stack, fn, analysis)));
  });
});

describe('formatPolicy', () => {
  const { stack, fn, analysis } = load('dynamodb-document-client', 'OrdersFunction');
  const doc = generatePolicy(stack, fn, analysis);
  const statements = doc.Statement as IamStatement[];

  it('json / iam', () => {
    expect(JSON.parse(formatPolicy(doc, 'json', { functionId: fn.id }))).toEqual(doc);
    expect(formatPolicy(doc, 'iam', { functionId: fn.id })).toBe(formatPolicy(doc, 'json', { functionId: fn.id }));
  });

  it('sam: a Policies list with the inline document', () => {
    const parsed = parse(formatPolicy(doc, 'sam', { functionId: fn.id })) as { Policies: { Statement: IamStatement[] }[] };
    expect(parsed.Policies[0]!.Statement).toEqual(statements);
  });

  it('cloudformation: an AWS::IAM::Role Lambda can assume', () => {
    const parsed = parse(formatPolicy(doc, 'cloudformation', { functionId: fn.id })) as { Resources: Record<string, { Type: string; Properties: { AssumeRolePolicyDocument: unknown; Policies: { PolicyDocument: { Statement: unknown } }[] } }> };
    const role = parsed.Resources.OrdersFunctionRole!;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('lambda.amazonaws.com');
    expect(role.Properties.Policies[0]!.PolicyDocument.Statement).toEqual(statements);
  });

  it('serverless: provider.iam.role.statements, or per function', () => {
    const provider = parse(formatPolicy(doc, 'serverless', { functionId: fn.id })) as { provider: { iam: { role: { statements: unknown } } } };
    expect(provider.provider.iam.role.statements).toEqual(statements);
    const perFn = parse(formatPolicy(doc, 'serverless', { functionId: fn.id, serverlessScope: 'per-function' })) as { functions: Record<string, { iamRoleStatements: unknown }> };
    expect(perFn.functions.OrdersFunction!.iamRoleStatements).toEqual(statements);
  });

  it("defaults to the app's own format", () => {
    expect(defaultFormat('sam')).toBe('sam');
    expect(defaultFormat('serverless')).toBe('serverless');
    expect(defaultFormat('cloudformation')).toBe('cloudformation');
    expect(defaultFormat('cdk')).toBe('json');
  });
});

describe('requiredPermissions: `*`-only actions', () => {
  it('a `*`-only trigger action carries no reason, so `*` reads as its exact resource, not as "resource not known" (B9)', () => {
    const { stack, fn, analysis } = load('dynamodb-stream-middy', fn0('dynamodb-stream-middy'));
    const listStreams = requiredPermissions(stack, fn, analysis).filter((p) => p.action === 'dynamodb:ListStreams');
    expect(listStreams.length).toBeGreaterThan(0);
    for (const p of listStreams) {
      expect(p.resource).toBe('*');
      expect(p.reason).toBeUndefined();
    }
  });
});

function fn0(name: string): string {
  return loadCase(join(corpus, name)).stack.functions[0]!.id;
}

describe('requiredPermissions: DocumentDB event source (B15)', () => {
  it('the poller describes the cluster (and its parameter and subnet groups, `*` with a reason) and reads the BASIC_AUTH secret', () => {
    const { stack, fn, analysis } = load('documentdb-trigger', 'ChangesFunction');
    const perms = requiredPermissions(stack, fn, analysis);
    expect(of(perms, 'trigger')).toEqual([
      'rds:DescribeDBClusterParameters "*"',
      'rds:DescribeDBClusters "arn:aws:rds:us-east-1:111122223333:cluster:docs"',
      'rds:DescribeDBSubnetGroups "*"',
      `secretsmanager:GetSecretValue ${JSON.stringify({ Ref: 'DocsSecret' })}`,
    ]);
    expect(perms.find((p) => p.action === 'rds:DescribeDBSubnetGroups')?.reason).toMatch(/subnet group is not known/);
  });
});
