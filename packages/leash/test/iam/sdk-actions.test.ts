/**
 * SDK operation → IAM action mapping: the tricky cases from the field notes, that every action the
 * table can produce exists in the catalog, and checks against the SAM policy templates (oracle,
 * read from ../shared when present).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionInfo } from '../../src/iam/catalog.js';
import { actionsFor, iamPrefix, permissionsFor, literalView } from '../../src/iam/sdk-actions.js';

describe('actionsFor', () => {
  const cases: [string, string, unknown, string[]][] = [
    ['s3', 'GetObject', { Bucket: 'b', Key: 'k' }, ['s3:GetObject']],
    ['s3', 'GetObject', { Bucket: 'b', Key: 'k', VersionId: 'v1' }, ['s3:GetObject', 's3:GetObjectVersion']],
    ['s3', 'ListObjectsV2', { Bucket: 'b' }, ['s3:ListBucket']],
    ['s3', 'ListObjects', { Bucket: 'b' }, ['s3:ListBucket']],
    ['s3', 'HeadObject', { Bucket: 'b', Key: 'k' }, ['s3:GetObject']],
    ['s3', 'HeadBucket', { Bucket: 'b' }, ['s3:ListBucket']],
    ['s3', 'ListBuckets', {}, ['s3:ListAllMyBuckets']],
    ['s3', 'CopyObject', { Bucket: 'dst', Key: 'k', CopySource: 'src/k' }, ['s3:GetObject', 's3:PutObject']],
    ['s3', 'DeleteObjects', { Bucket: 'b' }, ['s3:DeleteObject']],
    ['s3', 'CreateMultipartUpload', { Bucket: 'b', Key: 'k' }, ['s3:PutObject']],
    ['s3', 'UploadPart', { Bucket: 'b', Key: 'k' }, ['s3:PutObject']],
    ['s3', 'CompleteMultipartUpload', { Bucket: 'b', Key: 'k' }, ['s3:PutObject']],
    ['s3', 'ListParts', { Bucket: 'b', Key: 'k' }, ['s3:ListMultipartUploadParts']],
    ['s3', 'ListMultipartUploads', { Bucket: 'b' }, ['s3:ListBucketMultipartUploads']],
    ['s3', 'Upload', { params: { Bucket: 'b', Key: 'k' } }, ['s3:AbortMultipartUpload', 's3:PutObject']],
    ['s3', 'Upload', { params: { Bucket: 'b', Key: 'k' }, tags: [{ Key: 'a', Value: 'b' }] }, ['s3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectTagging']],
    ['s3', 'PutBucketPolicy', { Bucket: 'b' }, ['s3:PutBucketPolicy']],
    ['dynamodb', 'PutItem', { TableName: 't' }, ['dynamodb:PutItem']],
    ['dynamodb', 'TransactWriteItems', { TransactItems: [{ Put: { TableName: 'a' } }, { Delete: { TableName: 'b' } }, { ConditionCheck: { TableName: 'a' } }] }, ['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem']],
    ['dynamodb', 'TransactGetItems', { TransactItems: [{ Get: { TableName: 'a' } }] }, ['dynamodb:GetItem']],
    ['dynamodb', 'BatchWriteItem', { RequestItems: { a: [] } }, ['dynamodb:BatchWriteItem']],
    ['dynamodb', 'BatchGetItem', { RequestItems: { a: {} } }, ['dynamodb:BatchGetItem']],
    ['dynamodb', 'ExecuteStatement', { Statement: 'SELECT * FROM "T"' }, ['dynamodb:PartiQLSelect']],
    ['dynamodb', 'ExecuteStatement', { Statement: 'insert into "T" value {}' }, ['dynamodb:PartiQLInsert']],
    ['dynamodb', 'ExecuteStatement', {}, ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate']],
    ['dynamodb', 'DescribeEndpoints', {}, []],
    ['dynamodb-streams', 'GetRecords', {}, ['dynamodb:GetRecords']],
    ['sqs', 'SendMessageBatch', { QueueUrl: 'u' }, ['sqs:SendMessage']],
    ['sqs', 'DeleteMessageBatch', { QueueUrl: 'u' }, ['sqs:DeleteMessage']],
    ['sqs', 'ChangeMessageVisibilityBatch', { QueueUrl: 'u' }, ['sqs:ChangeMessageVisibility']],
    ['sns', 'PublishBatch', { TopicArn: 't' }, ['sns:Publish']],
    ['sts', 'GetCallerIdentity', {}, []],
    ['sts', 'AssumeRole', { RoleArn: 'arn:aws:iam::1:role/x' }, ['sts:AssumeRole']],
    ['bedrock-runtime', 'Converse', { modelId: 'm' }, ['bedrock:InvokeModel']],
    ['bedrock-runtime', 'ConverseStream', { modelId: 'm' }, ['bedrock:InvokeModelWithResponseStream']],
    ['bedrock-runtime', 'InvokeModel', { modelId: 'm' }, ['bedrock:InvokeModel']],
    ['lambda', 'Invoke', { FunctionName: 'f' }, ['lambda:InvokeFunction']],
    ['secretsmanager', 'GetSecretValue', { SecretId: 's' }, ['secretsmanager:GetSecretValue']],
    ['secretsmanager', 'BatchGetSecretValue', { SecretIdList: ['a'] }, ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue']],
    ['sfn', 'StartExecution', { stateMachineArn: 'a' }, ['states:StartExecution']],
    ['eventbridge', 'PutEvents', { Entries: [{}] }, ['events:PutEvents']],
    ['cloudwatch-logs', 'PutLogEvents', {}, ['logs:PutLogEvents']],
    ['sesv2', 'SendEmail', {}, ['ses:SendEmail']],
    ['apigatewaymanagementapi', 'PostToConnection', {}, ['execute-api:ManageConnections']],
    ['ssm', 'GetParametersByPath', { Path: '/a' }, ['ssm:GetParametersByPath']],
  ];
  for (const [service, op, input, want] of cases) {
    it(`${service} ${op} → ${want.join(', ') || 'nothing'}`, () => {
      expect(actionsFor(service, op, input)).toEqual([...want].sort());
    });
  }

  it('returns undefined for an operation neither the table nor the catalog knows', () => {
    expect(permissionsFor('s3', 'ListObjectsV3')).toBeUndefined();
    expect(permissionsFor('nosuchservice', 'DoThing')).toBeUndefined();
  });

  it('maps SDK service ids to IAM prefixes', () => {
    expect(iamPrefix('sfn')).toBe('states');
    expect(iamPrefix('eventbridge')).toBe('events');
    expect(iamPrefix('bedrock-runtime')).toBe('bedrock');
    expect(iamPrefix('dynamodb-streams')).toBe('dynamodb');
    expect(iamPrefix('iot-data-plane')).toBe('iot');
    expect(iamPrefix('s3')).toBe('s3');
  });

  it('never produces an action the catalog does not know (every exception, every default)', () => {
    const ops: [string, string][] = [
      ...['GetObject', 'PutObject', 'DeleteObject', 'ListObjectsV2', 'HeadObject', 'HeadBucket', 'ListBuckets', 'CopyObject', 'DeleteObjects', 'Upload', 'UploadPartCopy', 'GetObjectAttributes', 'RestoreObject', 'ListObjectVersions', 'SelectObjectContent', 'AbortMultipartUpload', 'GetBucketLocation'].map((o) => ['s3', o] as [string, string]),
      ...['TransactWriteItems', 'TransactGetItems', 'BatchWriteItem', 'BatchGetItem', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction', 'Query', 'Scan', 'DescribeStream', 'GetShardIterator', 'ListStreams'].map((o) => ['dynamodb', o] as [string, string]),
      ['sqs', 'SendMessageBatch'], ['sqs', 'GetQueueUrl'], ['sqs', 'CreateQueue'], ['sns', 'Publish'], ['sns', 'PublishBatch'], ['sts', 'AssumeRole'], ['bedrock-runtime', 'Converse'], ['bedrock-runtime', 'ConverseStream'],
      ['lambda', 'Invoke'], ['lambda', 'InvokeWithResponseStream'], ['secretsmanager', 'BatchGetSecretValue'], ['ssm', 'GetParameters'], ['sfn', 'DescribeExecution'], ['sfn', 'SendTaskSuccess'], ['eventbridge', 'PutEvents'],
      ['apigatewaymanagementapi', 'PostToConnection'], ['kinesis', 'PutRecords'], ['iot-data-plane', 'Publish'],
    ];
    for (const [service, op] of ops) {
      const needs = permissionsFor(service, op, literalView({ Filters: [{}], SecretIdList: ['a'], TransactItems: [{ Put: {} }] }));
      expect(needs, `${service} ${op}`).toBeDefined();
      for (const a of needs!.flatMap((n) => n.actions)) expect(actionInfo(a)?.action, `${service} ${op} → ${a}`).toBe(a);
    }
  });

  it('names the resource field: S3 object key, DynamoDB index, transact items per table', () => {
    const [get] = permissionsFor('s3', 'GetObject', literalView({ Bucket: 'b', Key: 'k/1' }))!;
    expect(get!.resourceType).toBe('object');
    expect(get!.target?.text()).toBe('b');
    expect(get!.sub?.text()).toBe('k/1');
    const [q] = permissionsFor('dynamodb', 'Query', literalView({ TableName: 't', IndexName: 'ByUser' }))!;
    expect(q!.resourceType).toBe('index');
    expect(q!.sub?.text()).toBe('ByUser');
    const tw = permissionsFor('dynamodb', 'TransactWriteItems', literalView({ TransactItems: [{ Put: { TableName: 'a' } }, { Update: { TableName: 'b' } }] }))!;
    expect(tw.map((n) => [n.actions[0], n.target?.text()])).toEqual([['dynamodb:PutItem', 'a'], ['dynamodb:UpdateItem', 'b']]);
    const copy = permissionsFor('s3', 'CopyObject', literalView({ Bucket: 'dst', Key: 'x', CopySource: '/src-bucket/a%20b.txt' }))!;
    expect(copy.map((n) => [n.actions[0], n.target?.text(), n.sub?.text()])).toEqual([['s3:GetObject', 'src-bucket', 'a b.txt'], ['s3:PutObject', 'dst', 'x']]);
  });
});

const shared = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared');
const templatesFile = join(shared, 'oracles', 'sam', 'policy_templates.json');

describe.skipIf(!existsSync(templatesFile))('against the SAM policy templates (oracle)', () => {
  const templates = existsSync(templatesFile) ? (JSON.parse(readFileSync(templatesFile, 'utf8')) as { Templates: Record<string, { Definition: { Statement: { Action: string | string[] }[] } }> }).Templates : {};
  const actionsOf = (name: string) => new Set(templates[name]!.Definition.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).map((a) => a.toLowerCase()));
  const covered = (granted: Set<string>, action: string) => [...granted].some((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(action.toLowerCase()));

  it('DynamoDBCrudPolicy covers every document-client operation, transactions included', () => {
    const crud = actionsOf('DynamoDBCrudPolicy');
    const ops = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchWriteItem', 'BatchGetItem', 'TransactGetItems'];
    for (const op of ops) for (const a of actionsFor('dynamodb', op, { TableName: 't' })) expect(covered(crud, a), a).toBe(true);
    for (const a of actionsFor('dynamodb', 'TransactWriteItems', { TransactItems: [{ Put: { TableName: 't' } }, { Update: { TableName: 't' } }, { Delete: { TableName: 't' } }, { ConditionCheck: { TableName: 't' } }] })) expect(covered(crud, a), a).toBe(true);
  });

  it('DynamoDBReadPolicy covers the reads but not a write', () => {
    const read = actionsOf('DynamoDBReadPolicy');
    for (const op of ['GetItem', 'Query', 'Scan', 'BatchGetItem']) for (const a of actionsFor('dynamodb', op, { TableName: 't' })) expect(covered(read, a), a).toBe(true);
    expect(covered(read, actionsFor('dynamodb', 'PutItem', { TableName: 't' })[0]!)).toBe(false);
  });

  it('S3ReadPolicy covers reads, listing and HeadObject; S3CrudPolicy adds writes', () => {
    const read = actionsOf('S3ReadPolicy');
    for (const op of ['GetObject', 'HeadObject', 'ListObjectsV2', 'ListObjects', 'HeadBucket']) for (const a of actionsFor('s3', op, { Bucket: 'b', Key: 'k' })) expect(covered(read, a), `${op} ${a}`).toBe(true);
    const crud = actionsOf('S3CrudPolicy');
    for (const op of ['PutObject', 'DeleteObject', 'DeleteObjects', 'CreateMultipartUpload', 'CompleteMultipartUpload', 'CopyObject']) for (const a of actionsFor('s3', op, { Bucket: 'b', Key: 'k', CopySource: 'b/k' })) expect(covered(crud, a), `${op} ${a}`).toBe(true);
  });

  it('SQSSendMessagePolicy covers SendMessage and SendMessageBatch; SNSPublishMessagePolicy covers PublishBatch', () => {
    const send = actionsOf('SQSSendMessagePolicy');
    for (const op of ['SendMessage', 'SendMessageBatch']) for (const a of actionsFor('sqs', op, { QueueUrl: 'u' })) expect(covered(send, a), a).toBe(true);
    const pub = actionsOf('SNSPublishMessagePolicy');
    for (const op of ['Publish', 'PublishBatch']) for (const a of actionsFor('sns', op, { TopicArn: 't' })) expect(covered(pub, a), a).toBe(true);
  });

  it('StepFunctionsExecutionPolicy covers StartExecution; LambdaInvokePolicy covers Invoke', () => {
    expect(covered(actionsOf('StepFunctionsExecutionPolicy'), actionsFor('sfn', 'StartExecution', { stateMachineArn: 'a' })[0]!)).toBe(true);
    expect(covered(actionsOf('LambdaInvokePolicy'), actionsFor('lambda', 'Invoke', { FunctionName: 'f' })[0]!)).toBe(true);
  });
});

describe('serverless-patterns cross-check fixes', () => {
  it('a known operation never needs nothing: PutEvents with an empty Entries array as written is an unknown bus, not zero actions (B16)', () => {
    const needs = permissionsFor('eventbridge', 'PutEvents', literalView({ Entries: [] }))!;
    expect(needs.flatMap((n) => n.actions)).toEqual(['events:PutEvents']);
    expect(needs[0]!.target).toBeUndefined();
    expect(permissionsFor('sts', 'GetCallerIdentity', literalView({}))).toEqual([]);
  });

  it('S3 Upload reads the SDK v2 shape (the PutObject input) as well as lib-storage `{ params }` (B8)', () => {
    const v2 = permissionsFor('s3', 'Upload', literalView({ Bucket: 'b', Key: 'k', ACL: 'private' }))!;
    expect(v2[0]!.target?.text()).toBe('b');
    expect(v2[0]!.actions).toContain('s3:PutObjectAcl');
    const v3 = permissionsFor('s3', 'Upload', literalView({ params: { Bucket: 'c', Key: 'k' } }))!;
    expect(v3[0]!.target?.text()).toBe('c');
  });

  it('Pinpoint is mobiletargeting; WriteGetObjectResponse is s3-object-lambda (B21, B22)', () => {
    expect(iamPrefix('pinpoint')).toBe('mobiletargeting');
    expect(actionsFor('pinpoint', 'SendMessages', { ApplicationId: 'a' })).toEqual(['mobiletargeting:SendMessages']);
    expect(actionsFor('s3', 'WriteGetObjectResponse', { RequestRoute: 'r', RequestToken: 't' })).toEqual(['s3-object-lambda:WriteGetObjectResponse']);
  });
});
