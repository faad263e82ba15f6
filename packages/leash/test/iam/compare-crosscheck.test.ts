/**
 * Declared-versus-needed comparison bugs found by the serverless-patterns cross-check
 * (docs/crosscheck/serverless-patterns.md): B1, B4, B9, B13, B15 and the platform actions of
 * durable functions and the AppConfig extension layer.
 */
import { describe, expect, it } from 'vitest';
import type { AppModel, LambdaFunction, Parameter, PolicyStatement, Resource, Role, Trigger } from '../../src/model/types.js';
import type { CfnValue } from '../../src/model/values.js';
import { comparePermissions, type NeededPermission } from '../../src/iam/compare.js';
import { toPolicyStatements } from '../../src/iam/evaluator.js';
import type { IamStatement } from '../../src/iam/types.js';

const loc = { file: 'template.yaml', line: 10, column: 3 };
const inline = (...s: IamStatement[]) => toPolicyStatements(s, { kind: 'inline', name: 'Policies[0]', loc });
const resource = (id: string, type: string, properties: Record<string, CfnValue> = {}): Resource => ({ id, type, kind: 'other', loc, properties, generated: false, suppressions: [] });
const role = (statements: PolicyStatement[], extra: Partial<Role> = {}): Role => ({ id: 'FnRole', kind: 'explicit', loc, statements, policies: [], unknowns: [], suppressions: [], arn: { 'Fn::GetAtt': ['FnRole', 'Arn'] }, ...extra });
const need = (action: string, resource: CfnValue | '*', reason?: string): NeededPermission => (reason ? { action, resource, reason } : { action, resource });
const fn = (extra: Partial<LambdaFunction> = {}, triggers: Partial<Trigger>[] = []): LambdaFunction =>
  ({ id: 'Fn', roleId: 'FnRole', layers: [], triggers: triggers.map((t) => ({ id: 'E', invocation: 'poll', loc, properties: {}, ...t })), ...extra }) as unknown as LambdaFunction;

function stackOf(resources: Resource[], extra: { roles?: Role[]; parameters?: Parameter[] } = {}): AppModel {
  return {
    id: 'template.yaml',
    framework: 'sam',
    file: 'template.yaml',
    baseDir: '/',
    functions: [],
    roles: extra.roles ?? [],
    resources,
    permissions: [],
    apis: [],
    network: { vpcs: [], subnets: [], routeTables: [] },
    parameters: extra.parameters ?? [],
    suppressions: [],
    diagnostics: [],
  };
}

describe('B4: one resource written two ways', () => {
  const stack = stackOf([
    resource('Worker', 'AWS::Lambda::Function', { FunctionName: { 'Fn::Sub': '${AWS::StackName}-Worker' } }),
    resource('Other', 'AWS::Lambda::Function'),
    resource('Bucket', 'AWS::S3::Bucket', { BucketName: { Ref: 'BucketName' } }),
  ], { parameters: [{ name: 'BucketName', type: 'String', noEcho: false, loc }] });

  it('matches !GetAtt Worker.Arn with an ARN built from Worker\'s FunctionName expression', () => {
    const r = role(inline({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::Sub': 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-Worker' } as never }));
    const result = comparePermissions({ stack, role: r, needed: [need('lambda:InvokeFunction', { 'Fn::GetAtt': ['Worker', 'Arn'] })] });
    expect(result.granted.map((g) => g.need.action)).toEqual(['lambda:InvokeFunction']);
    expect(result.unused).toEqual([]);
  });

  it('still tells two functions apart', () => {
    const r = role(inline({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['Other', 'Arn'] } as never }));
    const result = comparePermissions({ stack, role: r, needed: [need('lambda:InvokeFunction', { 'Fn::GetAtt': ['Worker', 'Arn'] })] });
    expect(result.missing.map((m) => m.need.action)).toEqual(['lambda:InvokeFunction']);
    const named = role(inline({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::Sub': 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-Other' } as never }));
    expect(comparePermissions({ stack, role: named, needed: [need('lambda:InvokeFunction', { 'Fn::GetAtt': ['Worker', 'Arn'] })] }).missing).toHaveLength(1);
  });

  it('matches ${Bucket.Arn}/* with arn:${AWS::Partition}:s3:::${BucketName}/* when BucketName is the bucket\'s name', () => {
    const r = role(inline({ Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${BucketName}/*' } as never }));
    const result = comparePermissions({ stack, role: r, needed: [need('s3:GetObject', { 'Fn::Sub': '${Bucket.Arn}/*' })] });
    expect(result.granted).toHaveLength(1);
    expect(result.unknown).toEqual([]);
  });
});

describe('B13: parameter defaults on both sides', () => {
  it('grants a need written with ${StreamName} when the role statement has the default substituted', () => {
    const stack = stackOf([resource('Stream', 'AWS::Kinesis::Stream', { Name: { Ref: 'StreamName' } })], { parameters: [{ name: 'StreamName', type: 'String', default: 'testDataStream', noEcho: false, loc }] });
    const r = role(inline({ Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/testDataStream' } as never }));
    const needed = [need('kinesis:PutRecord', { 'Fn::Sub': 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${StreamName}' }), need('kinesis:PutRecords', { 'Fn::GetAtt': ['Stream', 'Arn'] })];
    const wide = role([...r.statements, ...inline({ Effect: 'Allow', Action: 'kinesis:PutRecords', Resource: { 'Fn::Sub': 'arn:aws:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${StreamName}' } as never })]);
    const result = comparePermissions({ stack, role: wide, needed });
    expect(result.unknown).toEqual([]);
    expect(result.granted.map((g) => g.need.action).sort()).toEqual(['kinesis:PutRecord', 'kinesis:PutRecords']);
  });
});

describe('B1: sts:AssumeRole granted by the target role\'s trust policy', () => {
  const trust = (principal: CfnValue, extra: Record<string, CfnValue> = {}): Role =>
    role([], { id: 'TargetRole', arn: { 'Fn::GetAtt': ['TargetRole', 'Arn'] }, assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...extra }] } });
  const target = { 'Fn::GetAtt': ['TargetRole', 'Arn'] };
  const caller = role(inline({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }));
  const run = (targetRole: Role, callerRole: Role = caller) =>
    comparePermissions({ stack: stackOf([resource('FnRole', 'AWS::IAM::Role'), resource('TargetRole', 'AWS::IAM::Role')], { roles: [callerRole, targetRole] }), role: callerRole, needed: [need('sts:AssumeRole', target)] });

  it('grants it when the trust policy names the calling role\'s ARN (same account)', () => {
    const result = run(trust({ 'Fn::GetAtt': ['FnRole', 'Arn'] }));
    expect(result.missing).toEqual([]);
    expect(result.granted).toEqual([expect.objectContaining({ statements: [], resourcePolicy: { kind: 'trust-policy', roleId: 'TargetRole' } })]);
    expect(run(trust({ 'Fn::Sub': '${FnRole.Arn}' })).granted).toHaveLength(1);
  });

  it('does not when the trust policy names only the account (identity policies must allow it then) or another role', () => {
    expect(run(trust({ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' })).missing).toHaveLength(1);
    expect(run(trust({ 'Fn::GetAtt': ['OtherRole', 'Arn'] })).missing).toHaveLength(1);
  });

  it('cannot tell under a trust condition, and the caller\'s permissions boundary still limits it', () => {
    expect(run(trust({ 'Fn::GetAtt': ['FnRole', 'Arn'] }, { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } })).unknown).toHaveLength(1);
    const bounded = role(caller.statements, { permissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' });
    expect(run(trust({ 'Fn::GetAtt': ['FnRole', 'Arn'] }), bounded).missing).toHaveLength(1);
  });
});

describe('B9: *-only actions are decided', () => {
  const stack = stackOf([resource('Stream', 'AWS::Kinesis::Stream')]);
  const listStreams = need('kinesis:ListStreams', '*', 'Kinesis event source Mapping');

  it('is missing when the role grants it only on a stream ARN, and that grant is unused', () => {
    const r = role(inline({ Effect: 'Allow', Action: ['kinesis:ListStreams'], Resource: { 'Fn::GetAtt': ['Stream', 'Arn'] } as never }));
    const result = comparePermissions({ stack, role: r, needed: [listStreams] });
    expect(result.unknown).toEqual([]);
    expect(result.missing.map((m) => m.need.action)).toEqual(['kinesis:ListStreams']);
  });

  it('is granted by a statement on *', () => {
    const r = role(inline({ Effect: 'Allow', Action: 'kinesis:ListStreams', Resource: '*' }));
    expect(comparePermissions({ stack, role: r, needed: [listStreams] }).granted).toHaveLength(1);
  });
});

describe('B15 and platform features: actions the platform calls with the role are never unused', () => {
  const stack = stackOf([resource('Fn', 'AWS::Lambda::Function', { DurableConfig: { ExecutionTimeout: 300 } }), resource('Plain', 'AWS::Lambda::Function')]);
  const unusedOf = (statements: PolicyStatement[], functions: LambdaFunction[]) => comparePermissions({ stack, role: role(statements), needed: [], functions }).unused.flatMap((u) => u.actions).sort();

  it('DocumentDB event source: the poller reads the cluster and the secret', () => {
    const statements = inline({ Effect: 'Allow', Action: ['rds:DescribeDBClusters', 'rds:DescribeDBClusterParameters', 'rds:DescribeDBSubnetGroups', 'secretsmanager:GetSecretValue', 'kms:Decrypt'], Resource: '*' });
    const docdb = { kind: 'other' as const, properties: { DatabaseName: 'db', CollectionName: 'c' } };
    expect(unusedOf(statements, [fn({}, [docdb])])).toEqual([]);
    expect(unusedOf(statements, [fn()])).toHaveLength(5);
  });

  it('durable functions: checkpoints and state reads', () => {
    const statements = inline({ Effect: 'Allow', Action: ['lambda:CheckpointDurableExecution', 'lambda:GetDurableExecutionState'], Resource: '*' });
    expect(unusedOf(statements, [fn()])).toEqual([]);
    expect(unusedOf(statements, [fn({ id: 'Plain' })])).toEqual(['lambda:CheckpointDurableExecution', 'lambda:GetDurableExecutionState']);
  });

  it('AppConfig extension layer: configuration sessions, recognised by AWS\'s layer ARN only', () => {
    const statements = inline({ Effect: 'Allow', Action: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'], Resource: '*' });
    expect(unusedOf(statements, [fn({ id: 'Plain', layers: ['arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:82'] })])).toEqual([]);
    expect(unusedOf(statements, [fn({ id: 'Plain', layers: ['arn:aws:lambda:eu-central-1:066940009817:layer:AWS-AppConfig-Extension-Arm64:101'] })])).toEqual([]);
    expect(unusedOf(statements, [fn({ id: 'Plain', layers: ['arn:aws:lambda:us-east-1:123456789012:layer:my-appconfig-helper:1'] })])).toHaveLength(2);
  });
});
