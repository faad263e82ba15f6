import { describe, expect, it } from 'vitest';
import type { AppModel, LambdaFunction, PolicySource, PolicyStatement, Role, Trigger } from '../../src/model/types.js';
import type { CfnValue } from '../../src/model/values.js';
import { comparePermissions, isPlatformStatement, type NeededPermission } from '../../src/iam/compare.js';
import { statementActions } from '../../src/iam/statement-actions.js';
import { toPolicyStatements } from '../../src/iam/evaluator.js';
import { getManagedPolicy } from '../../src/iam/managed-policies.js';
import { expandSamPolicyTemplate } from '../../src/iam/sam-policy-templates.js';
import type { IamStatement } from '../../src/iam/types.js';

const loc = { file: 'template.yaml', line: 10, column: 3 };

function template(name: string, parameters: Record<string, CfnValue>): PolicyStatement[] {
  const r = expandSamPolicyTemplate(name, parameters);
  if (!r || 'error' in r) throw new Error(name);
  return toPolicyStatements(r.statements, { kind: 'sam-policy-template', name, parameters, loc });
}
function managed(name: string, kind: PolicySource['kind'] = 'managed'): PolicyStatement[] {
  const p = getManagedPolicy(name)!;
  const raw = Array.isArray(p.document.Statement) ? p.document.Statement : [p.document.Statement];
  return toPolicyStatements(raw, { kind, name: p.name, arn: p.arn, loc });
}
const inline = (...s: IamStatement[]) => toPolicyStatements(s, { kind: 'inline', name: 'Policies[0]', loc });

function role(statements: PolicyStatement[], extra: Partial<Role> = {}): Role {
  return { id: 'FnRole', kind: 'sam-implicit', loc, statements, policies: [], unknowns: [], suppressions: [], ...extra };
}
const stack: AppModel = {
  id: 'template.yaml',
  framework: 'sam',
  file: 'template.yaml',
  baseDir: '/',
  functions: [],
  roles: [],
  resources: [
    { id: 'Orders', type: 'AWS::DynamoDB::Table', kind: 'table', loc, properties: {}, generated: false, suppressions: [] },
    { id: 'Jobs', type: 'AWS::SQS::Queue', kind: 'queue', loc, properties: {}, generated: false, suppressions: [] },
    { id: 'Uploads', type: 'AWS::S3::Bucket', kind: 'bucket', loc, properties: {}, generated: false, suppressions: [] },
  ],
  permissions: [],
  apis: [],
  network: { vpcs: [], subnets: [], routeTables: [] },
  parameters: [],
  suppressions: [],
  diagnostics: [],
};
const ordersArn: CfnValue = { 'Fn::GetAtt': ['Orders', 'Arn'] };
const jobsArn: CfnValue = { 'Fn::GetAtt': ['Jobs', 'Arn'] };
const need = (action: string, resource: CfnValue | '*', reason?: string): NeededPermission => (reason ? { action, resource, reason } : { action, resource });
const fnWith = (triggers: Partial<Trigger>[]): LambdaFunction => ({ triggers: triggers.map((t) => ({ id: 'E', invocation: 'poll', loc, properties: {}, ...t })) }) as unknown as LambdaFunction;

describe('comparePermissions', () => {
  const basic = managed('AWSLambdaBasicExecutionRole', 'implicit');

  it('grants what a SAM template covers and reports the rest of it as unused, with risks', () => {
    const result = comparePermissions({
      stack,
      role: role([...basic, ...template('DynamoDBCrudPolicy', { TableName: { Ref: 'Orders' } }), ...template('S3ReadPolicy', { BucketName: { Ref: 'Uploads' } })]),
      needed: [need('dynamodb:GetItem', ordersArn), need('dynamodb:PutItem', ordersArn), need('logs:CreateLogStream', '*')],
    });
    expect(result.missing).toEqual([]);
    expect(result.unknown).toEqual([]);
    expect(result.granted.map((g) => g.need.action)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'logs:CreateLogStream']);
    const dynamo = result.unused.find((u) => u.statement.source.name === 'DynamoDBCrudPolicy')!;
    expect(dynamo.wholeStatement).toBe(false);
    expect(dynamo.actions).toEqual(['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem']);
    expect(dynamo.risks['data-access']).toEqual(['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan']);
    const s3 = result.unused.find((u) => u.statement.source.name === 'S3ReadPolicy')!;
    expect(s3.wholeStatement).toBe(true);
    expect(s3.risks.exfiltration).toEqual(['s3:GetObject']);
    // The platform's logs permissions are never unused.
    expect(result.unused.some((u) => u.statement.source.kind === 'implicit')).toBe(false);
  });

  it('reports a need the role does not grant, and one an explicit Deny blocks', () => {
    const result = comparePermissions({
      stack,
      role: role([...inline({ Effect: 'Allow', Action: 'sqs:*', Resource: jobsArn }, { Effect: 'Deny', Action: 'sqs:PurgeQueue', Resource: '*' })]),
      needed: [need('sqs:SendMessage', jobsArn), need('dynamodb:GetItem', ordersArn), need('sqs:PurgeQueue', jobsArn)],
    });
    expect(result.granted.map((g) => g.need.action)).toEqual(['sqs:SendMessage']);
    expect(result.missing.map((m) => [m.need.action, m.decision])).toEqual([
      ['dynamodb:GetItem', 'implicit-deny'],
      ['sqs:PurgeQueue', 'denied'],
    ]);
    expect(result.missing[1]!.deniedBy[0]!.effect).toBe('Deny');
  });

  it('is unknown, not missing, when it cannot decide', () => {
    const conditional = comparePermissions({
      stack,
      role: role(inline({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })),
      needed: [need('dynamodb:GetItem', ordersArn)],
    });
    expect(conditional.unknown).toHaveLength(1);
    expect(conditional.unknown[0]!.reasons[0]).toMatch(/aws:SourceVpce/);

    const external = comparePermissions({ stack, role: role([], { kind: 'external' }), needed: [need('dynamodb:GetItem', ordersArn)] });
    expect(external.missing).toEqual([]);
    expect(external.unknown[0]!.reasons[0]).toMatch(/outside the stack/);

    const unknownResource = comparePermissions({
      stack,
      role: role(template('DynamoDBReadPolicy', { TableName: { Ref: 'Orders' } })),
      needed: [need('dynamodb:GetItem', '*', 'TableName comes from the request body')],
    });
    expect(unknownResource.unknown[0]!.reasons[0]).toMatch(/resource is not known/);
    // ... and a statement that may serve it is not called unused for that action.
    expect(unknownResource.unused[0]!.actions).not.toContain('dynamodb:GetItem');
  });

  it('is unknown when the role has policies leash could not expand', () => {
    const r = comparePermissions({ stack, role: role([], { unknowns: [{ kind: 'unknown', reason: 'managed policy arn:aws:iam::1:policy/Custom' }] }), needed: [need('sqs:SendMessage', jobsArn)] });
    expect(r.unknown).toHaveLength(1);
    expect(r.caveats[0]).toMatch(/Custom/);
  });

  it('keeps the trigger poller permissions out of unused', () => {
    const poller = template('SQSPollerPolicy', { QueueName: { 'Fn::GetAtt': ['Jobs', 'QueueName'] } });
    const withTrigger = comparePermissions({ stack, role: role(poller), needed: [], functions: [fnWith([{ kind: 'sqs' }])] });
    expect(withTrigger.unused).toEqual([]);
    const withoutTrigger = comparePermissions({ stack, role: role(poller), needed: [], functions: [fnWith([])] });
    expect(withoutTrigger.unused[0]!.actions).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage']);
  });

  it('never reports Lambda execution-role managed policies', () => {
    const r = comparePermissions({ stack, role: role([...managed('AWSLambdaVPCAccessExecutionRole'), ...managed('AWSXRayDaemonWriteAccess')]), needed: [] });
    expect(r.unused).toEqual([]);
    expect(isPlatformStatement(managed('AWSLambdaDynamoDBExecutionRole')[0]!)).toBe(true);
    expect(isPlatformStatement(managed('AmazonS3FullAccess')[0]!)).toBe(false);
  });

  it('finds escalation paths made of unused grants', () => {
    const r = comparePermissions({
      stack,
      role: role(inline({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' })),
      needed: [need('lambda:InvokeFunction', '*')],
    });
    expect(r.escalations.map((e) => e.id)).toContain('pathfinding.cloud lambda-001');
    expect(r.unused[0]!.risks['privilege-escalation']).toEqual(['iam:PassRole']);
  });

  it('reports names that are no IAM action in inline statements', () => {
    const r = comparePermissions({ stack, role: role(inline({ Effect: 'Allow', Action: ['s3:ListObjectsV2', 's3:ListBucket'], Resource: '*' })), needed: [need('s3:ListBucket', '*')] });
    expect(r.unused).toHaveLength(1);
    expect(r.unused[0]!.notActions).toEqual(['s3:ListObjectsV2']);
    expect(r.unused[0]!.actions).toEqual([]);
  });

  it('expands NotAction statements', () => {
    const [s] = inline({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    const { actions } = statementActions(s!, stack)!;
    expect(actions.length).toBeGreaterThan(20000);
    expect(actions.some((a) => a.startsWith('iam:'))).toBe(false);
  });

  it('checks a known permissions boundary', () => {
    const r = comparePermissions({
      stack,
      role: role(inline({ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: '*' }), { permissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }),
      needed: [need('s3:GetObject', 'arn:aws:s3:::b/k'), need('sqs:SendMessage', jobsArn)],
    });
    expect(r.granted.map((g) => g.need.action)).toEqual(['s3:GetObject']);
    expect(r.missing.map((m) => m.need.action)).toEqual(['sqs:SendMessage']);
  });
});

describe('evaluatedResource', () => {
  it('compares PutLogEvents on a group as its streams', async () => {
    const { evaluatedResource } = await import('../../src/iam/compare.js');
    const group = { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/svc-prod-fn:*' };
    expect(evaluatedResource('logs:PutLogEvents', group)).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/svc-prod-fn:log-stream:*' });
    expect(evaluatedResource('logs:CreateLogStream', group)).toEqual(evaluatedResource('logs:PutLogEvents', group));
    expect(evaluatedResource('s3:GetObject', group)).toBe(group);
    // The Serverless Framework's default role grants PutLogEvents on `svc-stage*:*:*`.
    const r = comparePermissions({
      stack,
      role: role(inline({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/svc-prod*:*:*' } })),
      needed: [need('logs:PutLogEvents', group)],
    });
    expect(r.granted).toHaveLength(1);
    // A bare group ARN (no `:*`) does not cover the group's streams, in AWS either.
    const bare = comparePermissions({
      stack,
      role: role(inline({ Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/svc-prod-fn' } })),
      needed: [need('logs:CreateLogStream', group)],
    });
    expect(bare.missing).toHaveLength(1);
  });
});

describe('compare (the per-function form leash policy loads)', () => {
  it('flattens missing and unused grants, and refuses unused for a shared role', async () => {
    const { compare } = await import('../../src/iam/compare.js');
    const fn = { id: 'Fn', roleId: 'FnRole', triggers: [] } as unknown as LambdaFunction;
    const r = role([...template('DynamoDBReadPolicy', { TableName: { Ref: 'Orders' } })]);
    const alone = compare({ stack: { ...stack, functions: [fn] }, fn, role: r, required: [need('dynamodb:GetItem', ordersArn), need('sqs:SendMessage', jobsArn)] });
    expect(alone.missing).toEqual([{ action: 'sqs:SendMessage', resource: jobsArn, decision: 'implicit-deny' }]);
    expect(alone.unused.map((u) => u.action)).toEqual(['dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:Query', 'dynamodb:Scan']);
    expect(alone.unused[0]!.source).toBe('sam-policy-template DynamoDBReadPolicy');
    expect(alone.unused[0]!.risks).toEqual(['data-access']);
    const other = { id: 'Other', roleId: 'FnRole', triggers: [] } as unknown as LambdaFunction;
    const shared = compare({ stack: { ...stack, functions: [fn, other] }, fn, role: r, required: [need('dynamodb:GetItem', ordersArn)] });
    expect(shared.unused).toEqual([]);
    expect(shared.caveats.join()).toMatch(/shared with Other/);
  });
});
