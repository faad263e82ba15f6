import { describe, expect, it } from 'vitest';
import type { AppModel, PolicySource, Resource } from '../../src/model/types.js';
import type { CfnValue } from '../../src/model/values.js';
import { compilePolicy, evaluate, evaluateCompiled, parseOperator, toPolicyStatements } from '../../src/iam/evaluator.js';
import type { IamStatement } from '../../src/iam/types.js';

const loc = { file: 'template.yaml', line: 1, column: 1 };
const source: PolicySource = { kind: 'inline', name: 'test', loc };
const policy = (...statements: IamStatement[]) => toPolicyStatements(statements, source);
const decide = (statements: IamStatement[], action: string, resource: CfnValue, context?: Record<string, string | string[] | null>, stack?: AppModel) =>
  evaluate(policy(...statements), { action, resource, ...(context ? { context } : {}) }, stack ? { stack } : {}).decision;

function stackWith(resources: Array<Pick<Resource, 'id' | 'type'> & { properties?: Record<string, CfnValue> }>): AppModel {
  return {
    id: 'template.yaml',
    framework: 'sam',
    file: 'template.yaml',
    baseDir: '/',
    functions: [],
    roles: [],
    resources: resources.map((r) => ({ kind: 'other', loc, properties: r.properties ?? {}, generated: false, suppressions: [], ...r })),
    permissions: [],
    apis: [],
    network: { vpcs: [], subnets: [], routeTables: [] },
    parameters: [],
    suppressions: [],
    diagnostics: [],
  };
}

describe('actions', () => {
  it('matches wildcards case-insensitively', () => {
    expect(decide([{ Effect: 'Allow', Action: 'S3:get*', Resource: '*' }], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allowed');
    expect(decide([{ Effect: 'Allow', Action: 's3:?etObject', Resource: '*' }], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allowed');
    expect(decide([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }], 's3:PutObject', 'arn:aws:s3:::b/k')).toBe('implicit-deny');
    expect(decide([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'iam:PassRole', '*')).toBe('allowed');
  });

  it('handles NotAction', () => {
    const s: IamStatement = { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' };
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('allowed');
    expect(decide([s], 'iam:CreateUser', '*')).toBe('implicit-deny');
  });
});

describe('resources', () => {
  it('matches literal ARNs with * and ?', () => {
    const s: IamStatement = { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/in/*', 'arn:aws:s3:::c/?.txt'] };
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::b/in/x/y')).toBe('allowed');
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::b/out/x')).toBe('implicit-deny');
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::c/a.txt')).toBe('allowed');
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::c/ab.txt')).toBe('implicit-deny');
    // ARN matching is case-sensitive.
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::B/in/x')).toBe('implicit-deny');
  });

  it('handles NotResource', () => {
    const s: IamStatement = { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' };
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::public/x')).toBe('allowed');
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::secret/x')).toBe('implicit-deny');
  });

  it('matches the same stack expression on both sides', () => {
    const s: IamStatement = { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: { 'Fn::GetAtt': ['Orders', 'Arn'] } };
    expect(decide([s], 'dynamodb:GetItem', { 'Fn::GetAtt': ['Orders', 'Arn'] })).toBe('allowed');
    expect(decide([s], 'dynamodb:GetItem', { 'Fn::GetAtt': ['Users', 'Arn'] })).toBe('implicit-deny');
  });

  it('sees GetAtt Arn and the SAM template Sub form of a table as one ARN', () => {
    const stack = stackWith([{ id: 'Orders', type: 'AWS::DynamoDB::Table' }]);
    const sam: IamStatement = {
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: [
        { 'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}', { tableName: { Ref: 'Orders' } }] },
        { 'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*', { tableName: { Ref: 'Orders' } }] },
      ],
    };
    expect(decide([sam], 'dynamodb:GetItem', { 'Fn::GetAtt': ['Orders', 'Arn'] }, undefined, stack)).toBe('allowed');
    expect(decide([sam], 'dynamodb:Query', { 'Fn::Sub': '${Orders.Arn}/index/*' }, undefined, stack)).toBe('implicit-deny');
    expect(decide([{ ...sam, Action: 'dynamodb:Query' }], 'dynamodb:Query', { 'Fn::Sub': '${Orders.Arn}/index/*' }, undefined, stack)).toBe('allowed');
    // Without the index statement, a needed `index/*` is not covered by the table ARN.
    expect(decide([{ ...sam, Action: 'dynamodb:Query', Resource: { 'Fn::GetAtt': ['Orders', 'Arn'] } }], 'dynamodb:Query', { 'Fn::Sub': '${Orders.Arn}/index/*' }, undefined, stack)).toBe('implicit-deny');
  });

  it('uses a literal physical name from the template', () => {
    const stack = stackWith([{ id: 'Bucket', type: 'AWS::S3::Bucket', properties: { BucketName: 'uploads' } }]);
    const s: IamStatement = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' };
    expect(decide([s], 's3:PutObject', { 'Fn::Sub': '${Bucket.Arn}/*' }, undefined, stack)).toBe('allowed');
    expect(decide([s], 's3:PutObject', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' }, undefined, stack)).toBe('allowed');
  });

  it('treats pseudo parameters in a policy as one-segment wildcards', () => {
    const s: IamStatement = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs' } };
    expect(decide([s], 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:123456789012:jobs')).toBe('allowed');
    expect(decide([s], 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:123456789012:other')).toBe('implicit-deny');
  });

  it('is conditional when the policy names a literal region the stack may not be in', () => {
    const s: IamStatement = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' };
    const r = evaluate(policy(s), { action: 'sqs:SendMessage', resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs' } });
    expect(r.decision).toBe('conditional');
    expect(r.reasons.join()).toMatch(/deployment/);
  });

  it('is conditional for values it cannot render, except under Resource *', () => {
    const imported: CfnValue = { 'Fn::ImportValue': 'shared-table-arn' };
    const s: IamStatement = { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: imported };
    expect(decide([s], 'dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:1:table/t')).toBe('conditional');
    expect(decide([{ ...s, Resource: '*' }], 'dynamodb:GetItem', imported)).toBe('allowed');
  });

  it('handles a needed * (wildcard-only action)', () => {
    expect(decide([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }], 's3:ListAllMyBuckets', '*')).toBe('allowed');
    expect(decide([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::b' }], 's3:ListAllMyBuckets', '*')).toBe('implicit-deny');
  });

  it('considers both branches of an Fn::If', () => {
    const s: IamStatement = { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::If': ['Prod', 'arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] } };
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::a/k')).toBe('conditional');
    expect(decide([s], 's3:GetObject', 'arn:aws:s3:::c/k')).toBe('implicit-deny');
    const both: IamStatement = { ...s, Resource: { 'Fn::If': ['Prod', 'arn:aws:s3:::a/*', 'arn:aws:s3:::a/k'] } };
    expect(decide([both], 's3:GetObject', 'arn:aws:s3:::a/k')).toBe('allowed');
  });
});

describe('deny and allow', () => {
  it('explicit deny wins', () => {
    const statements: IamStatement[] = [
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/*' },
    ];
    const r = evaluate(policy(...statements), { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/k' });
    expect(r.decision).toBe('denied');
    expect(r.matched).toHaveLength(1);
    expect(r.matched[0]!.effect).toBe('Deny');
    expect(decide(statements, 's3:DeleteObject', 'arn:aws:s3:::c/k')).toBe('allowed');
  });

  it('a deny that may apply makes an allow conditional', () => {
    const statements: IamStatement[] = [
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ];
    expect(decide(statements, 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('conditional');
    expect(decide(statements, 's3:GetObject', 'arn:aws:s3:::b/k', { 'aws:SecureTransport': 'true' })).toBe('allowed');
    expect(decide(statements, 's3:GetObject', 'arn:aws:s3:::b/k', { 'aws:SecureTransport': 'false' })).toBe('denied');
  });

  it('statements without Resource or Action match nothing', () => {
    expect(decide([{ Effect: 'Allow', Action: 's3:*' }], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('implicit-deny');
    expect(decide([{ Effect: 'Allow', Resource: '*' }], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('implicit-deny');
  });
});

describe('conditions', () => {
  const allowIf = (Condition: IamStatement['Condition']): IamStatement[] => [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition }];
  const get = (statements: IamStatement[], context?: Record<string, string | string[] | null>) => decide(statements, 's3:GetObject', 'arn:aws:s3:::b/k', context);

  it('a key missing from the context is conditional, never a silent allow', () => {
    const r = evaluate(policy(...allowIf({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } })), { action: 's3:GetObject', resource: '*' });
    expect(r.decision).toBe('conditional');
    expect(r.reasons[0]).toMatch(/aws:SourceVpc/);
    expect(get(allowIf({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }))).toBe('conditional');
  });

  it('String operators', () => {
    expect(get(allowIf({ StringEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } }), { 'aws:sourcevpc': 'vpc-2' })).toBe('allowed');
    expect(get(allowIf({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }), { 'aws:SourceVpc': 'VPC-1' })).toBe('implicit-deny');
    expect(get(allowIf({ StringEqualsIgnoreCase: { 'aws:SourceVpc': 'vpc-1' } }), { 'aws:SourceVpc': 'VPC-1' })).toBe('allowed');
    expect(get(allowIf({ StringLike: { 's3:prefix': 'home/*' } }), { 's3:prefix': 'home/x' })).toBe('allowed');
    expect(get(allowIf({ StringNotLike: { 's3:prefix': 'home/*' } }), { 's3:prefix': 'home/x' })).toBe('implicit-deny');
    expect(get(allowIf({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }), { 'aws:SourceVpc': null })).toBe('allowed');
  });

  it('IfExists, Null and absent keys', () => {
    expect(get(allowIf({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } }), { 'aws:SourceVpc': null })).toBe('allowed');
    expect(get(allowIf({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }), { 'aws:SourceVpc': null })).toBe('implicit-deny');
    expect(get(allowIf({ Null: { 'aws:SourceVpc': 'true' } }), { 'aws:SourceVpc': null })).toBe('allowed');
    expect(get(allowIf({ Null: { 'aws:SourceVpc': 'false' } }), { 'aws:SourceVpc': 'vpc-1' })).toBe('allowed');
    expect(get(allowIf({ Null: { 'aws:SourceVpc': 'false' } }))).toBe('conditional');
  });

  it('Numeric, Date, Bool, IpAddress and Arn operators', () => {
    expect(get(allowIf({ NumericLessThan: { 's3:max-keys': '10' } }), { 's3:max-keys': '5' })).toBe('allowed');
    expect(get(allowIf({ NumericGreaterThanEquals: { 's3:max-keys': '10' } }), { 's3:max-keys': '5' })).toBe('implicit-deny');
    expect(get(allowIf({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }), { 'aws:CurrentTime': '2026-11-28T00:00:00Z' })).toBe('allowed');
    expect(get(allowIf({ Bool: { 'aws:SecureTransport': 'true' } }), { 'aws:SecureTransport': 'true' })).toBe('allowed');
    expect(get(allowIf({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } }), { 'aws:SourceIp': '10.1.2.3' })).toBe('allowed');
    expect(get(allowIf({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }), { 'aws:SourceIp': '2001:db8:1::5' })).toBe('allowed');
    expect(get(allowIf({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), { 'aws:SourceIp': '10.1.2.3' })).toBe('implicit-deny');
    expect(get(allowIf({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic-*' } }), { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:topic-a' })).toBe('allowed');
    expect(get(allowIf({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:t' } }), { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:999999999999:t' })).toBe('implicit-deny');
  });

  it('dates in epoch seconds and ISO 8601 compare as the same instant', () => {
    expect(get(allowIf({ DateLessThan: { 'aws:CurrentTime': '1750000000' } }), { 'aws:CurrentTime': '2024-06-01T00:00:00Z' })).toBe('allowed');
    expect(get(allowIf({ DateGreaterThan: { 'aws:CurrentTime': '1750000000' } }), { 'aws:CurrentTime': '2024-06-01T00:00:00Z' })).toBe('implicit-deny');
  });

  it('policy variables in condition values and resources', () => {
    const tagged = allowIf({ StringEquals: { 'aws:SourceVpc': '${aws:PrincipalTag/vpc}' } });
    expect(get(tagged, { 'aws:SourceVpc': 'vpc-1', 'aws:PrincipalTag/vpc': 'vpc-1' })).toBe('allowed');
    expect(get(tagged, { 'aws:SourceVpc': 'vpc-1', 'aws:PrincipalTag/vpc': 'vpc-2' })).toBe('implicit-deny');
    expect(get(tagged, { 'aws:SourceVpc': 'vpc-1' })).toBe('conditional');
    expect(get(tagged, { 'aws:SourceVpc': 'vpc-1', 'aws:PrincipalTag/vpc': null })).toBe('implicit-deny');
    const withDefault = allowIf({ StringEquals: { 'aws:SourceVpc': "${aws:PrincipalTag/vpc, 'vpc-9'}" } });
    expect(get(withDefault, { 'aws:SourceVpc': 'vpc-9', 'aws:PrincipalTag/vpc': null })).toBe('allowed');
    const home: IamStatement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' };
    expect(decide([home], 's3:GetObject', 'arn:aws:s3:::b/alice/k', { 'aws:username': 'alice' })).toBe('allowed');
    expect(decide([home], 's3:GetObject', 'arn:aws:s3:::b/alice/k')).toBe('conditional');
    expect(evaluate(policy(home), { action: 's3:GetObject', resource: 'arn:aws:s3:::b/alice/k' }, { missingContextKeys: 'absent' }).decision).toBe('implicit-deny');
  });

  it('ForAnyValue and ForAllValues', () => {
    const any = allowIf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'env'] } });
    const all = allowIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } });
    expect(get(any, { 'aws:TagKeys': ['x', 'env'] })).toBe('allowed');
    expect(get(any, { 'aws:TagKeys': ['x'] })).toBe('implicit-deny');
    expect(get(any, { 'aws:TagKeys': null })).toBe('implicit-deny');
    expect(get(all, { 'aws:TagKeys': ['team', 'env'] })).toBe('allowed');
    expect(get(all, { 'aws:TagKeys': ['team', 'x'] })).toBe('implicit-deny');
    expect(get(all, { 'aws:TagKeys': null })).toBe('allowed');
  });

  it('an unknown operator or a stack-dependent value is conditional', () => {
    expect(get(allowIf({ StringSortaEquals: { 'aws:SourceVpc': 'vpc-1' } }), { 'aws:SourceVpc': 'vpc-1' })).toBe('conditional');
    expect(get(allowIf({ StringEquals: { 'aws:SourceVpc': { Ref: 'Vpc' } } }), { 'aws:SourceVpc': 'vpc-1' })).toBe('conditional');
  });

  it('parses operator names', () => {
    expect(parseOperator('ForAllValues:StringLikeIfExists')).toMatchObject({ kind: 'string-like', set: 'all', ifExists: true, negated: false });
    expect(parseOperator('ArnNotLike')).toMatchObject({ kind: 'arn', negated: true });
    expect(parseOperator('NullIfExists')).toBeUndefined();
  });
});

describe('compiled policies', () => {
  it('evaluate many requests against one compiled policy', () => {
    const compiled = compilePolicy(policy({ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: 'arn:aws:sqs:*:*:q' }));
    expect(evaluateCompiled(compiled, { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:1:q' }).decision).toBe('allowed');
    expect(evaluateCompiled(compiled, { action: 'sqs:DeleteMessage', resource: 'arn:aws:sqs:us-east-1:1:q' }).decision).toBe('implicit-deny');
  });
});
