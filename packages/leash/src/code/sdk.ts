/**
 * What the analysis knows about the AWS SDK packages: which package is which service, which
 * export is a client, a command, a paginator or a waiter, and how the DynamoDB document clients
 * name their operations.
 */

/** `@aws-sdk/client-secrets-manager` → `secretsmanager`; undefined for packages that are not a service client. */
export function serviceOfV3Package(pkg: string): string | undefined {
  const m = /^@aws-sdk\/client-([a-z0-9-]+)$/.exec(pkg);
  if (!m) return undefined;
  return V3_PACKAGE_SERVICE[m[1]!] ?? m[1]!;
}

/** Package suffixes whose service id differs from the suffix. */
const V3_PACKAGE_SERVICE: Record<string, string> = {
  'secrets-manager': 'secretsmanager',
};

/** SDK v2 class names (`AWS.S3`, `require('aws-sdk/clients/stepfunctions')`) → the v3 service id. */
const V2_CLASS_SERVICE: Record<string, string> = {
  StepFunctions: 'sfn',
  CloudWatchEvents: 'cloudwatch-events',
  CloudWatchLogs: 'cloudwatch-logs',
  CognitoIdentityServiceProvider: 'cognito-identity-provider',
  CognitoIdentity: 'cognito-identity',
  IotData: 'iot-data-plane',
  DynamoDBStreams: 'dynamodb-streams',
  ELBv2: 'elastic-load-balancing-v2',
  ELB: 'elastic-load-balancing',
  ApplicationAutoScaling: 'application-auto-scaling',
  ResourceGroupsTaggingAPI: 'resource-groups-tagging-api',
  SESV2: 'sesv2',
  KinesisVideo: 'kinesis-video',
  ApiGatewayManagementApi: 'apigatewaymanagementapi',
  APIGateway: 'api-gateway',
  RDSDataService: 'rds-data',
  TimestreamWrite: 'timestream-write',
  TimestreamQuery: 'timestream-query',
  SecretsManager: 'secretsmanager',
};

const V2_LOWER_SERVICE: Record<string, string> = Object.fromEntries(Object.entries(V2_CLASS_SERVICE).map(([k, v]) => [k.toLowerCase(), v]));

export function serviceOfV2Class(className: string): string {
  return V2_CLASS_SERVICE[className] ?? className.toLowerCase();
}

/** `aws-sdk/clients/s3` → `s3`. */
export function serviceOfV2ClientPath(pkg: string): string | undefined {
  const m = /^aws-sdk\/clients\/([a-z0-9]+)(\.js)?$/.exec(pkg);
  if (!m) return undefined;
  return V2_LOWER_SERVICE[m[1]!] ?? m[1]!;
}

/** DynamoDB document client commands (`@aws-sdk/lib-dynamodb`) and methods → the DynamoDB operation they send. */
const DOCUMENT_OPERATIONS: Record<string, string> = {
  Put: 'PutItem',
  Get: 'GetItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement',
  BatchExecuteStatement: 'BatchExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
};

/** `PutCommand` / `put` → `PutItem`; undefined when not a document client operation. */
export function documentOperation(name: string): string | undefined {
  const base = name.endsWith('Command') ? name.slice(0, -'Command'.length) : name;
  return DOCUMENT_OPERATIONS[base.charAt(0).toUpperCase() + base.slice(1)];
}

export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Methods of SDK clients that are not API operations. */
export const CLIENT_NON_OPERATIONS = new Set([
  'send', 'destroy', 'config', 'middlewareStack', 'promise', 'on', 'makeRequest', 'makeUnauthenticatedRequest', 'waitFor',
  'createPresignedPost', 'getSignedUrl', 'getSignedUrlPromise', 'setupRequestListeners', 'defineService', 'then', 'catch',
]);

/**
 * Waiters → the operation they poll. Sources: the `waitFor*` / `waitUntil*` definitions in each
 * `@aws-sdk/client-*` package (`waiters/*.ts`), which name the polled command.
 */
const WAITERS: Record<string, Record<string, string>> = {
  s3: { ObjectExists: 'HeadObject', ObjectNotExists: 'HeadObject', BucketExists: 'HeadBucket', BucketNotExists: 'HeadBucket' },
  dynamodb: { TableExists: 'DescribeTable', TableNotExists: 'DescribeTable', ContributorInsightsEnabled: 'DescribeContributorInsights', ExportCompleted: 'DescribeExport', ImportCompleted: 'DescribeImport', KinesisStreamingDestinationActive: 'DescribeKinesisStreamingDestination' },
  lambda: { FunctionActive: 'GetFunctionConfiguration', FunctionActiveV2: 'GetFunction', FunctionExists: 'GetFunction', FunctionUpdated: 'GetFunctionConfiguration', FunctionUpdatedV2: 'GetFunction', PublishedVersionActive: 'GetFunctionConfiguration' },
  kinesis: { StreamExists: 'DescribeStream', StreamNotExists: 'DescribeStream' },
  cloudformation: { StackCreateComplete: 'DescribeStacks', StackUpdateComplete: 'DescribeStacks', StackDeleteComplete: 'DescribeStacks', StackExists: 'DescribeStacks', ChangeSetCreateComplete: 'DescribeChangeSet' },
  ec2: { InstanceRunning: 'DescribeInstances', InstanceStopped: 'DescribeInstances', InstanceTerminated: 'DescribeInstances', InstanceExists: 'DescribeInstances' },
  ecs: { ServicesStable: 'DescribeServices', TasksRunning: 'DescribeTasks', TasksStopped: 'DescribeTasks' },
  athena: {},
  'cloudwatch': { AlarmExists: 'DescribeAlarms', CompositeAlarmExists: 'DescribeAlarms' },
  sqs: {},
  'secretsmanager': {},
};

/** `waitUntilObjectExists` / `objectExists` (v2 `waitFor`) → `HeadObject`; undefined when the waiter is not in the table. */
export function waiterOperation(service: string, name: string): string | undefined {
  const state = pascal(name.replace(/^waitUntil/, '').replace(/^waitFor/, ''));
  return WAITERS[service]?.[state];
}

/**
 * npm packages that call AWS with the execution role's credentials in ways leash does not model:
 * importing one is reported as unknown, so their permissions never disappear silently.
 */
const UNMODELLED_LIBRARIES: Record<string, string> = {
  '@aws-sdk/signature-v4': 'signs HTTP requests with the execution role (SigV4)',
  '@smithy/signature-v4': 'signs HTTP requests with the execution role (SigV4)',
  'aws4': 'signs HTTP requests with the execution role (SigV4)',
  'aws4-axios': 'signs HTTP requests with the execution role (SigV4)',
  '@aws-sdk/rds-signer': 'makes RDS IAM authentication tokens (rds-db:connect)',
  '@aws/durable-execution-sdk-js': 'the durable execution SDK calls Lambda (context.invoke, checkpoints)',
  'amazon-qldb-driver-nodejs': 'the QLDB driver sends qldb:SendCommand / PartiQL statements',
  'dynamoose': 'dynamoose calls DynamoDB for its models',
  'aws-amplify': 'Amplify calls AWS services',
  '@aws-amplify/api': 'Amplify calls AWS services',
};

/** Why leash cannot see the AWS calls a package makes; undefined for packages leash models or that call no AWS API. */
export function unmodelledLibrary(spec: string): string | undefined {
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return UNMODELLED_LIBRARIES[pkg];
}
