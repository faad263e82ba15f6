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
    'leash bug: B6 (fixed in 86f8cc0 during the review) the SAM MSK event (Stream: !Ref parameter, Topics) was read as a Kinesis trigger: 6 false kinesis:* missing',
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
  'appconfig-feature-flag-sam#SAMConfigFunction':
    'platform/implicit: the AWS AppConfig Lambda extension (layer AppConfigLayerArn) calls StartConfigurationSession/GetLatestConfiguration with the function\'s role; the code only reads localhost:2772. Leash could know the well-known extension layers',
  'appsync-notify-subscribers-of-database-updates/3-lambda#AppSyncLambdaUseIAM':
    'leash bug: B14 the code signs a raw HTTP request with @aws-sdk/signature-v4 (service: \'appsync\'): appsync:GraphQL is used, leash sees no call and reports no unknown',
  'dynamodb-streams-appsync-subscription#DDBStreamFunction':
    'leash bug: B14 SignatureV4 (service: \'appsync\') signed fetch to the AppSync endpoint: appsync:GraphQL is used but not seen',
  'appsync-bedrock-streaming-sam#BedrockFunction':
    'leash bug: B14 appsyncRequest.ts signs the AppSync mutation with SignatureV4: appsync:GraphQL is used but not seen (the Bedrock stream call is matched)',
  'docdb-lambda#MyLambdaFunction':
    'leash bug: B15 DocumentDB event source: Lambda\'s poller needs rds:DescribeDBClusters/DescribeDBClusterParameters/DescribeDBSubnetGroups, secretsmanager:GetSecretValue and kms:Decrypt; leash does not know the DocumentDB poller and calls them unused',
  'docdb-lambda-nodejs-sam#MyLambdaFunction':
    'leash bug: B15 same DocumentDB event source poller permissions reported unused',
  'dynamodb-streams-lambda-eventbridge-sam-node#MyFunction':
    'leash bug: B16 `const entries = []; entries.push({ EventBusName: process.env.BUS_NAME, … }); send(new PutEventsCommand({ Entries: entries }))` yields a call with NO action and no unknown: events:PutEvents silently dropped (exit 0 in a minimal repro)',
  'lambda-durable-eventbridge-cron-nodejs-sam#DurableOrchestratorFunction':
    'leash bug: B17 `context.invoke("DataProcessorFunction", …)` of @aws/durable-execution-sdk-js invokes another function (lambda:InvokeFunction): not seen, the LambdaInvokePolicy grants look unused',
  'lambda-durable-testing-typescript-sam#MainWorkflowFunction': [
    'leash bug: B17 `context.invoke(\'child-function\', …)` (durable execution SDK) not seen: lambda:InvokeFunction looks unused',
    'platform/implicit: CheckpointDurableExecution / GetDurableExecutionState are the durable execution SDK\'s own calls (DurableConfig)',
  ],
  'lambda-durable-testing-typescript-sam#ChildWorkflowFunction':
    'platform/implicit: CheckpointDurableExecution / GetDurableExecutionState are needed by any function with DurableConfig (the SDK checkpoints); leash should treat them as platform',
  'lambda-durable-parallel-processing-sam#InventoryCheckFunction':
    'template over-grants: the shared role (4 workers) grants lambda:InvokeFunction on the workers and durable checkpoint actions the workers (no DurableConfig) never use',
  'lambda-rekognition#TextRecognitionLambda': [
    'leash bug: B18 `rekognition_client = new AWS.Rekognition()` assigned to an undeclared (implicit global) variable: the detectText call is not seen at all, no unknown',
    'leash bug: B19 Rekognition reads Image.S3Object with the caller\'s permissions (s3:GetObject on the object): leash does not add it',
    'template over-grants: logs:DescribeLogGroups/DescribeLogStreams',
  ],
  'sfn-lambda#GenerateRefernceNumber':
    'template over-grants: CloudWatchPutMetricPolicy on a function that only returns a random string',
  'sfn-lambda-lambda#FirstFunction':
    'template over-grants: CloudWatchPutMetricPolicy, the code makes no AWS call',
  'cloudfront-apigw-rest-api-lambda-dynamodb-sam#SubmitFunction':
    'leash bug: B23 CodeUri is a single file (src/function.js; `sam build`/`package` zip it); leash looks for src/function.js/function.js and finds no handler',
  'dynamodb-streams-lambda-event-filters#putItemTriggerFunction':
    'out of scope: broken sample: CodeUri src/handlers/ but the handlers are in src/ (leash\'s unknown is right); the code (stream logger) would not use DynamoDBCrudPolicy either: template over-grants',
  'lambda-layer-ssm-parameters/function#Function':
    'out of scope: the SSM calls (GetParametersByPath) are in a layer deployed by a sibling stack (Layers: !Ref LayerArn, /opt/nodejs/config.mjs); leash reports the unresolved import, right',
  'lambda-pinpoint#lambdaPinpoint':
    'leash bug: B21 Pinpoint SendMessagesCommand: "no IAM action known" — the IAM prefix of @aws-sdk/client-pinpoint is `mobiletargeting` (mobiletargeting:SendMessages, which the template grants)',
  's3-object-lambda#ResizeFunction': [
    'leash bug: B22 s3 WriteGetObjectResponse: "no IAM action known" — the action is s3-object-lambda:WriteGetObjectResponse (granted by the template)',
    'template over-grants: S3CrudPolicy, the function only answers the Object Lambda request (the GetObject is done by S3 Object Lambda via a presigned URL, fetched with https)',
  ],
  'apigw-lambda-qldb#CreatePerson':
    'leash bug: B24 amazon-qldb-driver-nodejs (QldbDriver.executeLambda / txn.execute) calls qldb:SendCommand and needs qldb:PartiQL*: not modelled, no unknown (QLDB is end-of-life, low priority; the library-wrapper gap is the point)',
  'apigw-lambda-qldb#GetPerson': 'leash bug: B24 QLDB driver not modelled (see CreatePerson)',
  'lambda-durable-functions-nodejs-calling-ecs#CallbackLambdaFunction': [
    'leash bug: B25 ecs:RunTask of a task definition with a task role / execution role needs iam:PassRole on them (the template grants exactly that): leash does not add the dependent PassRole and calls it unused',
    'leash bug: B26 ecs RunTask: "resource is not set in the call\'s input as written" although taskDefinition is set: leash knows the resource field of 14 services only',
    'template over-grants: ecs:DescribeTasks unused (the task reports back through a callback)',
  ],
  'lambda-iot-sam#LambdaFuncton': [
    'leash bug: B26 IoT data plane publish({ topic: `${process.env.IOT_TOPIC}` }): "topic is not set" although it is (no resource field for iot)',
    'template over-grants: iot:Connect is not needed for the HTTPS Publish API',
  ],
  'lambda-aurora-serverless#LambdaFunction': [
    'leash bug: B26 rds-data executeStatement({ resourceArn, secretArn }): "resource is not set" although resourceArn is',
    'leash bug: B19 the Data API reads secretArn with the caller\'s permissions: secretsmanager:GetSecretValue on the secret is needed (granted), leash calls it unused',
  ],
  'lambda-ses#SESSendFunction':
    'template over-grants: SESCrudPolicy bundle (SendRawEmail, VerifyEmailIdentity, GetIdentityVerificationAttributes unused); the `*` for SendEmail is leash\'s B26 (identity from Source not mapped)',
  'lambda-transcribe-sam-js#TranscriptionFunction': [
    'leash bug: B19 Transcribe reads Media.MediaFileUri and writes OutputBucketName with the caller\'s permissions (s3:GetObject / s3:PutObject), granted by the template, not added by leash',
    'template over-grants: transcribe:GetTranscriptionJob and s3:ListBucket unused',
  ],
  'apigw-websocket-api-sqs-lambda#SQSWebsocketResponse':
    'template over-grants: sqs:GetQueueUrl (CDK-style grantConsumeMessages) unused; ManageConnections `*` is right (connection ids from the message), though leash\'s reason "ConnectionId is not set" is misleading (it is set, from data)',
  'apigw-websocket-api-lambda#PostLambdaFunction':
    'template over-grants: DynamoDBCrudPolicy for Scan + DeleteItem; ManageConnections on `*` is right (connection ids from the table)',
  'apigw-websocket-api-lambda#OnConnectLambdaFunction':
    'template over-grants: DynamoDBCrudPolicy (9 actions) for a single PutItem',
  's3-lambda-resizing-node#ResizerFunction': [
    'leash bug: B4 need `${SourceBucket.Arn}/*` vs S3ReadPolicy `arn:${AWS::Partition}:s3:::${SourceBucketName}/*` where SourceBucket has BucketName: !Ref SourceBucketName: the same ARN, reported unknown',
    'template over-grants: S3CrudPolicy on the destination for PutObject only',
  ],
  's3-lambda-bedrock-js-sam#DocumentEmbeddingFunction':
    'leash bug: B4 `${DocumentBucket.Arn}/*` vs `arn:aws:s3:::${DocumentBucketName}/*` (DocumentBucket.BucketName is that parameter): reported unknown instead of granted; s3:ListBucket: template over-grants',
  'lambda-kinesis-lambda-js#ProducerFunction': [
    'leash bug: B13 KinesisCrudPolicy expands with the parameter default (`stream/testDataStream`) while the need keeps `stream/${KinesisStreamName}`: unknown instead of granted',
    'template over-grants: KinesisCrudPolicy (CreateStream, DeleteStream, …) for a single PutRecord',
  ],
  'lambda-kinesis-lambda-js#ConsumerFunction':
    'template over-grants: KinesisStreamReadPolicy includes kinesis:DescribeLimits, which the poller does not need',
  'apigw-websocket-lambda-bedrock-sam#WebSocketHandler': [
    'leash bug: B28 the Bedrock client is built with region: process.env.BEDROCK_REGION (default eu-west-2); leash uses ${AWS::Region} in the model ARN, and (B13) the role side has the defaults substituted: reported unknown',
    'template over-grants: DynamoDBCrudPolicy for PutItem/DeleteItem',
  ],
  'apigw-lambda-bedrock-sam-node#StreamingResponseFunction': [
    'leash bug: B29 modelId `global.anthropic.claude-sonnet-4-5-…` is a cross-region inference profile: the need is bedrock:InvokeModel* on `…:inference-profile/global.…` plus the foundation model in every region, not `foundation-model/global.…` in this region',
    'template over-grants: bedrock:InvokeModel unused (also grants `bedrock-runtime:*` names, which are no IAM actions)',
  ],
  'lambda-bedrock-response-streaming#Fn':
    'template over-grants: bedrock:InvokeModel and logs:DescribeLogStreams unused; modelId from the request body makes `*` right',
  'apigw-lambda-sfn-transcribe-translate-polly-sam#speech':
    'template over-grants: one role with s3:*, Polly:*, transcribe:*, states:*, execute-api:* on `*` for all six functions (406 unused actions each); buckets come from the state input, `*` is right',
  'apigw-lambda-sfn-transcribe-translate-polly-sam#AuthorizerLambda':
    'template over-grants: the authorizer makes no AWS call but shares the all-services role',
  'sfn-lambda-dynamodb#LambdaFunction':
    'template over-grants: CloudWatchLogsFullAccess (logs:*) and DynamoDBCrudPolicy for one PutItem',
  'lambda-durable-webhook-sam-nodejs#WebhookProcessorFunction':
    'template over-grants: inline DynamoDB GetItem/DeleteItem/Query/Scan unused (PutItem/UpdateItem used); lambda:InvokeFunction matched',
  'eventbridge-schedule-remove-one-time-schedules#FindSchedules':
    'template over-grants: scheduler:GetSchedule granted to the function that only lists (the other function gets it)',
  'lambda-dynamodb#LambdaPutDynamoDB':
    'template over-grants: DynamoDBWritePolicy bundle (BatchWriteItem, UpdateItem) for one PutItem',
  'lambda-streaming-large-sam#LargePayloadFunction':
    'template over-grants: S3ReadPolicy bundle (ListBucket, GetObjectVersion, lifecycle) for GetObject',
  'alb-lambda-serverless#functionOne':
    'template over-grants: provider iamRoleStatements s3:* and lambda:InvokeFunction on `*` for a handler that returns static HTML (the serverless.yml writes `Runtime:`, ignored by the framework: default Node.js runtime)',
  'lambda-sfn-sls#invokeSFN':
    'out of scope: STATE_MACHINE_ARN = !GetAtt HelloWorldStateMachine.Arn names a resource the serverless-step-functions plugin generates; leash does not know it (unknown is honest; the grant uses the same GetAtt, so passing the expression through would match)',
  'lambda-vpc-secrets-sls#VpcLambdaFunction':
    'template over-grants: secretsmanager:DescribeSecret unused (GetValue matched on !Ref ExampleSecret)',
  'lambda-streaming-ttfb-write-sam-with-dynamodb#DataDumpFunction': [
    'leash bug: B30 `import process from "process"` shadows the global: `process.env.DDB_TABLE_NAME` is then "not a name leash can read (export)" and PutItem goes to `*`',
    'template over-grants: DynamoDBCrudPolicy for PutItem',
  ],
  'lambda-streaming-ttfb-write-sam-with-dynamodb#StreamingFunction':
    'template over-grants: DynamoDBReadPolicy bundle (BatchGetItem, DescribeTable, GetItem, Query) for one Scan',
  's3-eventbridge-direct#MyFunction': [
    'out of scope: the EventBridge rule matches every aws.s3 event (any bucket), so the bucket is data: `*` + unknown is right; the template scopes reads to SourceBucket, as the sample intends',
    'template over-grants: S3ReadPolicy bundle (ListBucket, GetObjectVersion, lifecycle) for GetObject',
  ],
  's3-sqs-lambda#ResizerFunction': [
    'out of scope: the source bucket comes from the S3 notification inside the SQS message body (JSON.parse(record.body)): `*` + unknown is honest; resolving it would mean following the bucket\'s NotificationConfiguration through the queue',
    'template over-grants: S3ReadPolicy + S3CrudPolicy bundles (DeleteObject, lifecycle, ListBucket unused)',
  ],
  'apigw-lambda-sfn-transcribe-translate-polly-sam#transcribeCheck':
    'leash bug: B26 GetTranscriptionJob({ TranscriptionJobName }) is set (from the state input): reason "resource is not set" is wrong, `*` would be right anyway; template over-grants (transcribe:*, s3:*, …)',
  'apigw-lambda-sfn-transcribe-translate-polly-sam#translate':
    'leash bug: B12 translate:TranslateText reported unknown: its only resource type (terminology) is optional and not in the input, the need is `*`; the bucket from the state input makes s3 `*` right; template over-grants',
  'apigw-websocket-mapping-template-authorizer#SendMessageFunction':
    'template over-grants: DynamoDBCrudPolicy for one Scan; ManageConnections `*` is right (connection ids from the table)',
  'lambda-durable-scheduled-tasks-sam#TaskManagementFunction':
    'template over-grants: DynamoDBCrudPolicy: PutItem/UpdateItem/DeleteItem/Query unused by the status function (GetItem, Scan, BatchWriteItem used)',
  'apigw-lambda-bedrock-js-sam#BedrockLambdaFunction': [
    'template over-grants: 20 bedrock actions (CreateAgent, CreateKnowledgeBase, …) for one InvokeModel',
    'leash bug: B29 modelId `global.anthropic.claude-sonnet-4-5-…` is an inference profile, mapped as a foundation model of this region',
  ],
  'sqs-lambda-ddb-sam-ts#IngressProcessingFunction':
    'template over-grants: DynamoDBWritePolicy bundle (BatchWriteItem, UpdateItem) for one PutItem; the SQS poller grants are recognised as platform',
  'sam-webapp-cognito#LamdaFunction':
    'template over-grants: DynamoDBWritePolicy bundle for one PutItem',
  'lambda-durable-order-processing-sam#OrderStatusFunction':
    'template over-grants: DynamoDBReadPolicy bundle for one GetItem',
  'apigw-lambda-bedrock-sam-node#NonStreamingResponseFunction':
    'template over-grants: bedrock:InvokeModelWithResponseStream unused by the non-streaming function (shared inline statement); `global.` model id: B29',
  'apigw-lambda-qldb#GetPersonHistory': 'leash bug: B24 QLDB driver not modelled',
  'apigw-lambda-qldb#UpdatePerson': 'leash bug: B24 QLDB driver not modelled',
  'apigw-lambda-qldb#DeletePerson': 'leash bug: B24 QLDB driver not modelled',
  'apigw-lambda-sfn-transcribe-translate-polly-sam#transcribeLaunch':
    'template over-grants: shared all-services role; StartTranscriptionJob also reads the media from S3 with the caller\'s permissions (B19; s3:* covers it here)',
  'apigw-lambda-sfn-transcribe-translate-polly-sam#InvokerLambda':
    'template over-grants: shared all-services role (states:* for one StartSyncExecution, execute-api:* for ManageConnections); ManageConnections `*` is right (connection id from the request)',
  'apigw-websocket-api-lambda#OnDisconnectLambdaFunction': 'template over-grants: DynamoDBCrudPolicy for one DeleteItem',
  'apigw-websocket-mapping-template-authorizer#OnConnectFunction': 'template over-grants: DynamoDBCrudPolicy for one PutItem',
  'apigw-websocket-mapping-template-authorizer#OnDisconnectFunction': 'template over-grants: DynamoDBCrudPolicy for one DeleteItem',
  'dynamodb-streams-lambda-event-filters#deleteItemTriggerFunction':
    'out of scope: broken sample (CodeUri src/handlers/, code in src/); the stream logger needs no DynamoDBCrudPolicy: template over-grants',
  'lambda-durable-order-processing-sam#OrderProcessingFunction': 'template over-grants: DynamoDBCrudPolicy for PutItem + UpdateItem',
  'lambda-durable-parallel-processing-sam#PaymentValidationFunction': 'template over-grants: shared role (see InventoryCheckFunction)',
  'lambda-durable-parallel-processing-sam#ShippingCalculationFunction': 'template over-grants: shared role (see InventoryCheckFunction)',
  'lambda-durable-parallel-processing-sam#TaxCalculationFunction': 'template over-grants: shared role (see InventoryCheckFunction)',
  'lambda-durable-scheduled-tasks-sam#ScheduledTaskFunction': 'template over-grants: DynamoDBCrudPolicy for PutItem + UpdateItem',
  'lambda-durable-testing-typescript-sam#OrderProcessorFunction': 'platform/implicit: durable execution checkpoint actions (DurableConfig)',
  'lambda-durable-testing-typescript-sam#PaymentProcessorFunction': 'platform/implicit: durable execution checkpoint actions (DurableConfig)',
  'lambda-durable-testing-typescript-sam#ApprovalWorkflowFunction': 'platform/implicit: durable execution checkpoint actions (DurableConfig)',
  'lambda-durable-testing-typescript-sam#BatchProcessorFunction': 'platform/implicit: durable execution checkpoint actions (DurableConfig)',
  'lambda-durable-webhook-sam-nodejs#StatusQueryFunction': 'template over-grants: DynamoDBReadPolicy bundle for one GetItem',
  'lambda-vpc-secrets-sls#OpenLambdaFunction': 'template over-grants: secretsmanager:DescribeSecret unused',
  'sfn-lambda-lambda#SecondFunction': 'template over-grants: CloudWatchPutMetricPolicy, the code makes no AWS call',
  'bedrock-lambda-nodejs#BedrockFunction':
    'leash bug: B29 agrees only because the template grants bedrock:InvokeModel on `*`: modelId `us.amazon.nova-lite-v1:0` is an inference profile, so the policy leash generates (foundation-model/us.amazon.nova-lite-v1:0) would be denied',
};

/**
 * The leash bugs the review found. `repro` is a minimal app (template + handler) that shows the
 * bug with `node packages/leash/bin/leash.js policy <dir> --format json`; `where` is the module
 * that should change, `severity` how much it matters (`silent` = a needed permission disappears
 * without an unknown).
 */
export const BUGS = [
  {
    id: 'B16', severity: 'silent', where: 'src/iam/sdk-actions.ts (PutEvents entries) / src/code evaluator (arrays built by push)',
    title: 'PutEvents with an Entries array filled by push() yields a call with no action at all',
    template: 'Bus: AWS::Events::EventBus (Name: my-bus); Fn env BUS_NAME: !Ref Bus',
    code: "const entries = [];\nfor (const r of event.Records) entries.push({ EventBusName: process.env.BUS_NAME, Source: 's', DetailType: 't', Detail: '{}' });\nawait client.send(new PutEventsCommand({ Entries: entries }));",
    observed: 'generated policy has only the log statement, no unknown, exit 0', expected: 'events:PutEvents on the bus (or `*` with an unknown); never zero actions for a known operation',
  },
  {
    id: 'B18', severity: 'silent', where: 'src/code (scope / client tracking)',
    title: 'A client assigned to an undeclared (implicit global) variable is not tracked',
    template: 'any SAM function, nodejs20.x, app.handler',
    code: "const AWS = require('aws-sdk');\nexports.handler = (event, context, callback) => {\n  client = new AWS.Rekognition();\n  client.detectText({ Image: { S3Object: { Bucket: 'b', Name: 'k' } } }, function (err, res) {});\n};",
    observed: 'no rekognition:DetectText, no unknown (the same call on a `const` client is found)', expected: 'rekognition:DetectText',
  },
  {
    id: 'B8', severity: 'wrong', where: 'src/iam/sdk-actions.ts (s3 Upload) or src/code/analyze.ts (v2 upload)',
    title: 'SDK v2 `s3.upload(params)` is read with the lib-storage shape `{ params }`: Bucket "not set"',
    template: 'Bucket: AWS::S3::Bucket; Fn env BUCKET: !Ref Bucket',
    code: "const s3 = new AWS.S3();\nawait s3.upload({ Bucket: process.env.BUCKET, Key: 'a.json', Body: '{}' }).promise();",
    observed: 's3:PutObject + s3:AbortMultipartUpload on `*`, "Bucket is not set in the call\'s input as written"', expected: 'on ${Bucket.Arn}/a.json',
  },
  {
    id: 'B2', severity: 'wrong', where: 'src/code (client construction)',
    title: 'Calls through a client built with explicit `credentials` are charged to the execution role',
    template: 'Table: AWS::DynamoDB::Table; Fn env TABLE: !Ref Table; no policy',
    code: "const a = event.requestContext.authorizer;\nconst client = new DynamoDBClient({ credentials: { accessKeyId: a.accessKey, secretAccessKey: a.secretKey, sessionToken: a.sessionToken } });\nawait client.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { pk: { S: '1' } } }));",
    observed: 'missing from the declared role: dynamodb:GetItem', expected: 'an unknown / note ("client uses explicit credentials: not the execution role"), not a missing grant',
  },
  {
    id: 'B5', severity: 'wrong', where: 'src/iam/generate.ts (env → resource)',
    title: 'Secret named by a parameter: no `-??????` suffix, and not linked to the secret whose Name is the same parameter',
    template: "Parameters: SecretName (Default MySecret); MySecret: AWS::SecretsManager::Secret, Name: !Ref SecretName; Fn env SECRET_NAME: !Ref SecretName; Policies: AWSSecretsManagerGetSecretValuePolicy: { SecretArn: !Ref MySecret }",
    code: 'await client.send(new GetSecretValueCommand({ SecretId: process.env.SECRET_NAME }));',
    observed: 'need `arn:…:secret:${SecretName}`; "cannot tell whether the declared role grants…"', expected: '`!Ref MySecret` (a stack resource whose Name is the env value), else `secret:${SecretName}-??????`',
  },
  {
    id: 'B10', severity: 'wrong', where: 'src/iam/generate.ts (nameExpression / formatArnTemplate)',
    title: 'A parameter that holds an ARN is wrapped in the name→ARN format',
    template: 'Parameters: BusArn (String, "ARN of the bus"); Fn env EVENT_BUS_ARN: !Ref BusArn; Policies: events:PutEvents on !Ref BusArn',
    code: "await eb.putEvents({ Entries: [{ EventBusName: process.env.EVENT_BUS_ARN, Source: 's', DetailType: 'd', Detail: '{}' }] });",
    observed: 'need `arn:…:event-bus/${BusArn}`, undecided', expected: 'for fields that accept a name or an ARN and a parameter without a telling default: the parameter itself (`!Ref BusArn`) or `*` with an unknown; a default starting with `arn:` or a name ending in `Arn` is a strong hint',
  },
  {
    id: 'B11', severity: 'unknown', where: 'src/code/evaluate.ts (Array.prototype.map)',
    title: 'An array built with `.map(x => ({ … }))` is not followed',
    template: 'Policies: EventBridgePutEventsPolicy: { EventBusName: MyEventBus }',
    code: "const entries = event.Records.map((r) => ({ EventBusName: 'MyEventBus', Source: 's', DetailType: 'd', Detail: JSON.stringify(r) }));\nawait eb.send(new PutEventsCommand({ Entries: entries }));",
    observed: 'events:PutEvents on `*`, "Entries is not set in the call\'s input as written"', expected: 'event-bus/MyEventBus (one array item whose shape is the callback\'s return value)',
  },
  {
    id: 'B13', severity: 'unknown', where: 'src/iam/generate.ts + role statements (loaders) / src/iam/evaluator.ts',
    title: 'Role statements have parameter defaults substituted, needs keep `${Param}`: undecided instead of granted',
    template: "Parameters: StreamName (Default testDataStream); Stream: AWS::Kinesis::Stream Name: !Ref StreamName; Fn env STREAM: !Ref StreamName; Policies: kinesis:PutRecord on !Sub 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${StreamName}'",
    code: "await k.send(new PutRecordCommand({ StreamName: process.env.STREAM, PartitionKey: 'p', Data: new Uint8Array() }));",
    observed: '"cannot tell whether the declared role grants kinesis:PutRecord on …stream/${StreamName}: resource depends on values known only at deployment"', expected: 'granted: both sides are the same parameter (resolve both with the default, or neither)',
  },
  {
    id: 'B4', severity: 'wrong', where: 'src/iam/evaluator.ts / resource-pattern.ts (resource identity)',
    title: '`!GetAtt X.Arn` is not matched with an ARN built from X\'s own name property',
    template: "Worker: AWS::Serverless::Function FunctionName: !Sub '${AWS::StackName}-Worker'; Fn env WORKER: !GetAtt Worker.Arn; Policies: lambda:InvokeFunction on !Sub 'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-Worker'",
    code: 'await l.send(new InvokeCommand({ FunctionName: process.env.WORKER }));',
    observed: 'missing lambda:InvokeFunction on !GetAtt Worker.Arn (and the grant unused)', expected: 'granted (same ARN); same for `${Bucket.Arn}/*` vs `arn:${AWS::Partition}:s3:::${BucketName}/*` when Bucket.BucketName: !Ref BucketName (undecided today)',
  },
  {
    id: 'B9', severity: 'unknown', where: 'src/iam/generate.ts (trigger permissions)',
    title: 'kinesis:ListStreams / dynamodb:ListStreams (`*`-only) carry the trigger text as `reason`, so the comparison treats them as "resource not known"',
    template: 'explicit role granting kinesis:ListStreams, DescribeStream, … on !GetAtt Stream.Arn; AWS::Lambda::EventSourceMapping from the stream',
    code: 'export const handler = async () => 1;',
    observed: '"cannot tell whether the declared role grants kinesis:ListStreams on *: the resource is not known (Kinesis event source Mapping)"', expected: 'missing (a grant on a stream ARN does not grant a `*`-only action): keep the trigger text out of `reason` for `*`-only actions',
  },
  {
    id: 'B1', severity: 'wrong', where: 'src/iam/compare.ts',
    title: 'sts:AssumeRole allowed by the target role\'s trust policy (same account, names the caller\'s role ARN) is reported missing',
    template: "FnRole (Lambda trust, basic execution); TargetRole: AssumeRolePolicyDocument Principal: { AWS: !GetAtt FnRole.Arn }; Fn Role: !GetAtt FnRole.Arn, env TARGET_ROLE: !GetAtt TargetRole.Arn",
    code: "await sts.send(new AssumeRoleCommand({ RoleArn: process.env.TARGET_ROLE, RoleSessionName: 's' }));",
    observed: 'missing from the declared role: sts:AssumeRole on !GetAtt TargetRole.Arn', expected: 'granted by the resource policy: in the same account a trust policy that names the caller\'s role ARN needs no identity grant (one that names only the account root does), or at least undecided; the trust policies are in the model (Role.assumeRolePolicy)',
  },
  {
    id: 'B26', severity: 'unknown', where: 'src/iam/sdk-actions.ts (RESOURCE_FIELD)',
    title: 'Resource field known for 14 services only; elsewhere "X is not set in the call\'s input as written" although it is',
    template: 'Fn env IOT_TOPIC: my/topic, TASK_DEF: arn:aws:ecs:…:task-definition/worker:1, DB_ARN: arn:aws:rds:…:cluster:db',
    code: "await iot.publish({ topic: process.env.IOT_TOPIC, payload: '{}' });\nawait ecs.send(new RunTaskCommand({ cluster: 'c', taskDefinition: process.env.TASK_DEF }));\nawait rds.executeStatement({ resourceArn: process.env.DB_ARN, secretArn: process.env.SECRET_ARN, sql: 'select 1' });",
    observed: 'iot:Publish, ecs:RunTask, rds-data:ExecuteStatement on `*`, "… is not set in the call\'s input as written"', expected: 'topic/my/topic, the task definition, the cluster; and a truthful reason ("leash does not know which field of <service> names the resource") where it stays `*`',
  },
  {
    id: 'B19', severity: 'wrong', where: 'src/iam/sdk-actions.ts (dependent permissions)',
    title: 'Permissions the service uses with the caller\'s credentials are not added',
    template: 'any',
    code: "rekognition.detectText({ Image: { S3Object: { Bucket, Name } } })   // + s3:GetObject on the object\ntranscribe StartTranscriptionJob({ Media: { MediaFileUri }, OutputBucketName }) // + s3:GetObject / s3:PutObject\nrdsData.executeStatement({ resourceArn, secretArn, sql })             // + secretsmanager:GetSecretValue on secretArn",
    observed: 'only the service action; the template\'s S3 / Secrets Manager grants are called unused', expected: 'the dependent actions, on the resource named in the input',
  },
  {
    id: 'B25', severity: 'wrong', where: 'src/iam/sdk-actions.ts (dependent permissions)',
    title: 'ecs:RunTask needs iam:PassRole on the task definition\'s task / execution roles',
    template: 'ECSTaskRole, ECSTaskExecutionRole, a task definition using them; Fn grants iam:PassRole on both',
    code: 'await ecs.send(new RunTaskCommand({ cluster, taskDefinition: process.env.TASK_DEF }));',
    observed: 'iam:PassRole called unused', expected: 'iam:PassRole on the roles of the task definition when it is a stack resource (`*` with a reason otherwise)',
  },
  {
    id: 'B21', severity: 'unknown', where: 'src/iam/sdk-actions.ts (SERVICE_PREFIX)',
    title: 'Pinpoint: "no IAM action known" — the IAM prefix of @aws-sdk/client-pinpoint is `mobiletargeting`',
    template: 'any', code: "await p.send(new SendMessagesCommand({ ApplicationId: 'app', MessageRequest: {} }));",
    observed: 'unknown: pinpoint SendMessages: no IAM action known', expected: 'mobiletargeting:SendMessages on apps/app/messages',
  },
  {
    id: 'B22', severity: 'unknown', where: 'src/iam/sdk-actions.ts (s3 exceptions)',
    title: 's3 WriteGetObjectResponse: the action is s3-object-lambda:WriteGetObjectResponse',
    template: 'any', code: 'await new S3({}).writeGetObjectResponse({ RequestRoute, RequestToken, Body });',
    observed: 'unknown: s3 WriteGetObjectResponse: no IAM action known', expected: 's3-object-lambda:WriteGetObjectResponse',
  },
  {
    id: 'B12', severity: 'unknown', where: 'src/iam/sdk-actions.ts',
    title: 'Actions whose only resource type is optional and not in the input (cloudwatch:PutMetricData → dataset, translate:TranslateText → terminology) are reported unknown ("resource is not set")',
    template: 'Policies: CloudWatchPutMetricPolicy: {}', code: "await cw.putMetricData({ Namespace: 'Ns', MetricData: [] }).promise();",
    observed: 'unknown on `*`', expected: '`*` with no unknown (the namespace is a condition key)',
  },
  {
    id: 'B23', severity: 'unknown', where: 'src/code (handler resolution)',
    title: 'CodeUri naming a single file (`sam build` / `cloudformation package` zip it) is not handled',
    template: 'Fn: Handler: function.handler, CodeUri: src/function.js', code: "exports.handler = async () => new S3({}).listBuckets({});",
    observed: 'handler file not found (tried src/function.js/function.js, …)', expected: 'the handler module is that file',
  },
  {
    id: 'B14', severity: 'silent', where: 'src/code (library models)',
    title: 'Requests signed by hand with @aws-sdk/signature-v4 (AppSync GraphQL over HTTPS) are not seen',
    template: 'Policies: appsync:GraphQL on the API', code: "const signer = new SignatureV4({ credentials: defaultProvider(), region, service: 'appsync', sha256: Sha256 });\nconst signed = await signer.sign(new HttpRequest({ method: 'POST', hostname, path: '/graphql', body }));\nawait fetch(url, signed);",
    observed: 'no call, no unknown; appsync:GraphQL called unused', expected: 'an unknown ("signs requests for appsync: actions not known"), or appsync:GraphQL on the API when the endpoint is an env var naming a GraphQLApi',
  },
  {
    id: 'B3', severity: 'silent', where: 'src/code (library models)',
    title: 'AWS Encryption SDK (@aws-crypto/client-node KmsKeyringNode + decrypt/encrypt) uses KMS; not modelled',
    template: 'Fn env KEY_ARN: !GetAtt Key.Arn; Policies: kms:Decrypt on the key',
    code: "const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);\nconst keyring = new KmsKeyringNode({ keyIds: [process.env.KEY_ARN] });\nawait decrypt(keyring, data);",
    observed: 'no call; the KMS grant is called unused', expected: 'kms:Decrypt (decrypt) / kms:GenerateDataKey + kms:Encrypt (encrypt) on the keyring\'s keys',
  },
  {
    id: 'B17', severity: 'silent', where: 'src/code (library models)',
    title: 'Durable execution SDK `context.invoke(name, payload)` invokes another function (lambda:InvokeFunction)',
    template: 'Fn with DurableConfig', code: "export const handler = withDurableExecution(async (event, context) => context.invoke('other-function', { id: event.id }));",
    observed: 'no call, no unknown', expected: 'lambda:InvokeFunction on function:other-function; and CheckpointDurableExecution / GetDurableExecutionState as platform needs of functions with DurableConfig (compare.ts calls them unused)',
  },
  {
    id: 'B24', severity: 'silent', where: 'src/code (library models)',
    title: 'amazon-qldb-driver-nodejs (QldbDriver.executeLambda / txn.execute) is not modelled (QLDB is end-of-life: low priority)',
    template: 'Policies: qldb:SendCommand + qldb:PartiQL* on the ledger', code: "const driver = new QldbDriver(process.env.LEDGER);\nawait driver.executeLambda((txn) => txn.execute('SELECT * FROM People'));",
    observed: 'no call, no unknown', expected: 'qldb:SendCommand on the ledger (+ PartiQL* per statement) or an unknown naming the library',
  },
  {
    id: 'B29', severity: 'wrong', where: 'src/iam/generate.ts (bedrock model ids)',
    title: 'Bedrock inference-profile ids (`us.`, `eu.`, `apac.`, `global.` prefixes) are treated as foundation models of this region',
    template: 'any', code: "await br.send(new InvokeModelWithResponseStreamCommand({ modelId: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', body }));",
    observed: 'foundation-model/global.anthropic… in ${AWS::Region}', expected: 'inference-profile/global.anthropic… in this account and region, plus foundation-model/anthropic… in any region',
  },
  {
    id: 'B28', severity: 'unknown', where: 'src/code (client options) / generate.ts',
    title: 'The client\'s `region` option is ignored in resource ARNs',
    template: 'Fn env BEDROCK_REGION: !Ref BedrockRegion (default eu-west-2)', code: "const br = new BedrockRuntimeClient({ region: process.env.BEDROCK_REGION });\nawait br.send(new InvokeModelCommand({ modelId: process.env.BEDROCK_MODEL_ID, body }));",
    observed: 'ARN built with ${AWS::Region}', expected: 'the client\'s region (here ${BedrockRegion})',
  },
  {
    id: 'B7', severity: 'unknown', where: 'src/code (event sources)',
    title: 'Custom resource handlers: event.ResourceProperties.X is not resolved through the Custom:: resource whose ServiceToken is the function',
    template: "CustomResourceS3Create: Type Custom::S3Create, ServiceToken: !GetAtt Fn.Arn, Bucket: !Ref Bucket", code: 'await s3.deleteObject({ Bucket: event.ResourceProperties.Bucket, Key: event.ResourceProperties.Key });',
    observed: '`*` ("read from the event, which does not name a resource of the stack")', expected: '${Bucket.Arn}/* (the property\'s value in the template)',
  },
  {
    id: 'B15', severity: 'wrong', where: 'src/iam/compare.ts (POLLER_ACTIONS) + generate.ts (trigger needs)',
    title: 'DocumentDB event source: the poller\'s permissions are not known',
    template: "Events: { LambdaESM: { Type: DocumentDB, Properties: { Cluster: …, DatabaseName, CollectionName, SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: !Ref Secret }] } } }; inline rds:DescribeDBClusters, DescribeDBClusterParameters, DescribeDBSubnetGroups, secretsmanager:GetSecretValue, kms:Decrypt",
    code: 'export const handler = async (event) => console.log(event);',
    observed: 'all five called unused', expected: 'platform needs of a DocumentDB trigger (Lambda docs: "Amazon DocumentDB execution role permissions")',
  },
  {
    id: 'B30', severity: 'unknown', where: 'src/code (env recognition)',
    title: '`import process from "process"` (or require("node:process")) hides process.env from leash',
    template: 'Table: AWS::DynamoDB::Table; Fn env DDB_TABLE_NAME: !Ref Table',
    code: "import process from 'process';\nconst tableName = process.env.DDB_TABLE_NAME;\nawait dynamodb.send(new PutItemCommand({ TableName: tableName, Item: {} }));",
    observed: 'dynamodb:PutItem on `*`, "TableName is not a name leash can read (export)"', expected: '!GetAtt Table.Arn (the module `process` is the global process)',
  },
  {
    id: 'B6', severity: 'wrong', where: 'src/loaders/cloudformation/triggers.ts (sourceKind) — loader owner, not H7/H3',
    status: 'fixed in 86f8cc0 by the loader owner during this review (an event source mapping with Topics is Kafka)',
    title: 'SAM MSK event whose Stream is a parameter is read as a Kinesis trigger',
    template: "Parameters: MSkClusterId; Events: { MSKEvent: { Type: MSK, Properties: { Stream: !Ref MSkClusterId, Topics: [t], StartingPosition: LATEST } } }",
    code: 'exports.lambdaHandler = async (event) => {};',
    observed: 'six kinesis:* needs "missing"; Kafka poller secretsmanager/kms grants called unused', expected: 'kind kafka (the SAM event type says so; an ESM with Topics is Kafka)',
  },
];
