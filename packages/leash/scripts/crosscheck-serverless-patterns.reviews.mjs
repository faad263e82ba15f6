/**
 * Hand review of the disagreements `crosscheck-serverless-patterns.mjs` finds, keyed
 * `<pattern>#<function id>`. Each line is `class: explanation`, class one of
 * `template over-grants`, `template misses`, `leash bug` (followed by the bug id of BUGS),
 * `platform/implicit`, `out of scope`. Reviewed against serverless-patterns HEAD fb7b5d06c.
 */
export const REVIEWS = {
  'serverless-multi-tenant-api#authFunction':
    'leash bug: B1 sts:AssumeRole on AuthorizerAccessRole is granted by that role\'s trust policy (names this role\'s ARN, same account): no identity grant is needed',
  'serverless-multi-tenant-api#getByIdFunction':
    'leash bug: B2 the DynamoDB client is built with `credentials` from the authorizer context (tenant-scoped assumed role), so GetItem does not run with the execution role',
  'serverless-multi-tenant-api#putItemFunction':
    'leash bug: B2 same as getByIdFunction: PutItem runs with tenant credentials passed in the event, not the execution role',
  'cognito-sns-sms-origination-id-sam#CustomSmsSenderLambda': [
    'template misses: Tracing: Active (Globals) with an explicit role lacking xray:PutTraceSegments/PutTelemetryRecords (SAM adds them only to roles it generates): traces are dropped',
    'template over-grants: AmazonSNSFullAccess (sns:*, sms-voice:*) for a function that calls ListOriginationNumbers and Publish',
    'leash bug: B3 kms:Decrypt is used through the AWS Encryption SDK (@aws-crypto/client-node KmsKeyringNode + decrypt), which leash does not model, so the KMS grant looks unused',
  ],
  'lambda-durable-parallel-processing-sam#ParallelProcessorFunction': [
    'leash bug: B4 need `!GetAtt InventoryCheckFunction.Arn` vs grant `arn:…:function:${AWS::StackName}-InventoryCheck`: the function\'s FunctionName is exactly that, the comparison does not see they are the same ARN (4 false missing + false unused)',
    'platform/implicit: lambda:CheckpointDurableExecution / GetDurableExecutionState are called by the durable execution SDK for functions with DurableConfig; leash counts them unused',
  ],
  'lambda-secretsmanager-abac#GetSecretFunction': [
    'leash bug: B5 SECRET_NAME = !Ref SecretName, and TheSecret has Name: !Ref SecretName; leash builds `secret:${SecretName}` (no `-??????` suffix, not linked to TheSecret), so the grant on !Ref TheSecret looks unused and the need missing',
    'template misses: Tracing: Active with an explicit role and no X-Ray permissions',
  ],
  'lambda-secretsmanager-node-sdkv3-sam#GetSecretFunction':
    'leash bug: B5 SECRET_NAME = !Ref SecretName names MySecret (Name: !Ref SecretName); the AWSSecretsManagerGetSecretValuePolicy on !Ref MySecret does grant it',
  'msk-cfn-sasl-lambda#TopicConsumerFunction': [
    'leash bug: B6 the SAM MSK event (Stream: !Ref parameter, Topics) is read as a Kinesis trigger: 6 false kinesis:* missing, and the Kafka poller\'s secretsmanager/kms needs are not recognised',
    'template over-grants: SecretsManagerReadWrite + AWSKeyManagementServicePowerUser + kafka-cluster:* for a SASL/SCRAM consumer whose code calls nothing (the poller needs GetSecretValue on the SASL secret and kms:Decrypt)',
  ],
  'cfn-custom-resource-s3-create#FunctionS3Create': [
    'out of scope: s3:AbortMultipartUpload is needed by lib-storage Upload only when a multipart upload fails; the custom resource\'s small bodies take the single PutObject path',
    'leash bug: B7 Bucket comes from event.ResourceProperties.Bucket, and the custom resource in the same template (ServiceToken: !GetAtt FunctionS3Create.Arn) sets Bucket: !If [.., !Ref NewS3Bucket, !Ref ExistingS3Bucket]: leash could resolve it instead of `*`',
    'template over-grants: S3CrudPolicy for Put/DeleteObject (GetObject, ListBucket, lifecycle, ACL unused)',
  ],
  'eventbridge-sfn-redrive#ConsumerFunction':
    'template misses: broken sample: grants states:RedriveExecution on the Lambda function\'s own ARN, while the code calls StartExecution (with an execution ARN as stateMachineArn); the explicit role has no CloudWatch Logs permissions',
  'lambda-s3-sfn#ProcessFileFunction': [
    'leash bug: B8 SDK v2 `s3.upload(params)`: leash reads params like lib-storage\'s `{ params }` and reports Bucket "not set" (it is the event\'s Bucket)',
    'template over-grants: S3CrudPolicy for Get/PutObject',
  ],
  'lambda-s3-sfn#SavePayloadAndStartStateMachineFunction': [
    'template misses: code calls startSyncExecution, template grants StepFunctionsExecutionPolicy (StartExecution only); the sample\'s own comment says to change the action by hand after deployment',
    'leash bug: B8 `s3.upload({ Bucket: process.env.UPLOADS_BUCKET, … })` (SDK v2) resolved as "Bucket not set" instead of UploadsBucket',
  ],
  'lambda-s3-sfn#AddFooterFunction':
    'template over-grants: S3ReadPolicy for GetObject only (bucket from the state machine input: `*` unknown is right)',
  'qldb-kinesis-lambda-dynamodb#QldbStreamsDynamoDBLambdaFunction': [
    'platform/implicit: Lambda\'s Kinesis poller: the Lambda docs list DescribeStreamSummary and ListShards, this older template grants DescribeStream/GetRecords/GetShardIterator/ListStreams only',
    'leash bug: B9 kinesis:ListStreams (takes only `*`) is reported unknown ("resource not known") because the trigger reason is attached to it; the role grants it on the stream ARN, which does not grant it',
    'template over-grants: kinesis:PutRecord and DynamoDB Query/Scan/GetItem/PutItem/DeleteItem unused (code only UpdateItem)',
  ],
  'appsync-notify-subscribers-of-database-updates/3-lambda#AppSyncLambdaUseEventBridge':
    'leash bug: B10 EVENT_BUS_ARN = !Ref OrdersEventBusArn (a parameter holding an ARN: EventBusName accepts name or ARN) is wrapped as `event-bus/${OrdersEventBusArn}`, so it cannot match the grant on !Ref OrdersEventBusArn',
  'dynamodb-eventbridge#EventProcessingFunction': [
    'leash bug: B11 `Entries: event.Records.map((item) => ({ EventBusName: \'MyEventBus\', … }))`: array built by .map not followed ("Entries is not set")',
    'template over-grants: events:PutEvents on `*` for a single bus (MyEventBus)',
  ],
  'eventbridge-schedule-remove-one-time-schedules#ProcessSchedules':
    'out of scope: schedule names come from the SQS message (data): `*` is right (leash\'s reason "not set in the call\'s input as written" is misleading: Name/GroupName are set, from data)',
  'lambda-cloudwatch#PutMetricFunction':
    'leash bug: B12 cloudwatch:PutMetricData is reported unknown ("resource is not set"): its only resource type (dataset, optional) is not addressed by the call, the need is `*` (the template grants exactly that)',
  'kinesis-lambda#ApplicationFunction':
    'out of scope: broken sample: Handler app.lambdaHandler but src/app.js exports only `handler` (leash\'s unknown is right)',
  'kinesis-lambda-efo#ApplicationFunction':
    'out of scope: broken sample: Handler app.lambdaHandler but src/app.js exports only `handler` (leash\'s unknown is right)',
  'lambda-lambda#ProducerFunction':
    'out of scope: broken sample on case-sensitive file systems: CodeUri ProducerFunction/ but the folder is producerFunction/ (leash\'s unknown is right)',
  'lambda-ssm-parameter#LambdaFunction':
    'leash bug: B13 the role statement has the parameter default substituted (`parameter/ExampleParameterName`) while the need keeps `parameter/${SSMParameterName}` (and ${AWS::Partition} vs `aws`): reported unknown instead of granted',
  'lambda-streaming-ttfb-write-sam-with-bedrock-streaming#StreamingFunction':
    'out of scope: broken sample: syntax error (missing comma) at src/index.js:66; leash reports the file unparsed, right',
};

/** The leash bugs the review found, with a minimal reproduction (see docs/crosscheck/serverless-patterns.md). */
export const BUGS = {};
