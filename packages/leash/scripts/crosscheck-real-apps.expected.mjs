/**
 * Hand review for `crosscheck-real-apps.mjs` (issue 8), at the commits of
 * docs/crosscheck/real-apps.json. Written from reading each function's code and the libraries it
 * calls, before and independently of what leash says.
 *
 * EXPECTED, keyed `<app id>:<stack id>#<function id>` (as leash names them):
 *   code    'present' (the Node.js code is in the checkout) or why not;
 *   needs   [action, where and how] for every IAM action the code really needs, libraries included;
 *           logs and trigger polling are left out (the platform's), X-Ray only where the code
 *           uses an X-Ray SDK or the Powertools Tracer (with active tracing);
 *   node    true where leash cannot resolve the runtime but it is Node.js;
 *   packagedCopy  true for a function of a packaged template (every CodeUri in S3) committed next
 *           to its sources: left out of the per-function numbers (issue 8, item 7);
 *   note    what is special, which issue-8 item it belongs to, and where the review is uncertain.
 *
 * FINDINGS, keyed as the script prints them: `right: why` or `wrong: why` for every
 * `iam/missing-permission` and `iam/unused-permission` finding that is not an unknown. An
 * unused-permission finding is right only if none of the actions it lists is needed.
 */
const XRAY = (where) => [
  ['xray:PutTraceSegments', where],
  ['xray:PutTelemetryRecords', where],
];

const coffeePackaged = ['GetIoTEndpointFunction', 'PublisherFunctionAdmin', 'PublisherFunctionUser', 'PublisherFunctionConfig', 'ConfigChangedFunction', 'GetQRcodeFunction', 'VerifyQRcodeFunction', 'FillDatabasesCustomResource', 'ValidatorNewOrderFunction', 'SanitizeOrderLambda', 'GetOrderByIdFunction', 'WorkFlowStarted', 'WaitingCompletion'];
const packaged = Object.fromEntries(
  ['00-baseCore/output.yaml', '01-appCore/output.yaml'].flatMap((stack) =>
    coffeePackaged.map((fn) => [
      `serverless-coffee:${stack}#${fn}`,
      { code: 'packaged (CodeUri in S3)', packagedCopy: true, needs: [], note: 'item 7: a `sam package` output committed beside the sources; leash scans it as a second app (code location unknown)' },
    ]),
  ),
);

const qr = {
  get: {
    code: 'present',
    needs: [
      ['dynamodb:Query', 'backends/9-validator/code/ddb.js:25 (config table) and :47 (validator table), SDK v2 DocumentClient'],
      ['dynamodb:PutItem', 'ddb.js:61 (validator table)'],
    ],
  },
  verify: {
    code: 'present',
    needs: [
      ['dynamodb:Query', 'ddb.js:47 (validator table)'],
      ['dynamodb:UpdateItem', 'ddb.js:81 (validator table)'],
      ['events:PutEvents', 'verifyCode.js:83 (bus from env BusName)'],
    ],
  },
};
const coffeeGenerateHtml = { code: 'present', needs: [], note: 'no AWS call: the S3 put at app.js:66-72 is commented out (the state machine writes the file)' };
const metrics = (file, line) => ({ code: 'present', needs: [['cloudwatch:PutMetricData', `backends/7-metrics-service/code/${file}:${line}, SDK v2`]] });
const noCall = { code: 'present', needs: [] };

const powertoolsNeeds = {
  putItem: [
    ['ssm:GetParameter', 'functions/commons/helpers/get-string-param.ts:11, Powertools parameters getParameter (/items-store/idempotency-table-name)'],
    ['dynamodb:PutItem', 'functions/commons/helpers/put-item.ts:24 (items table), and Powertools idempotency DynamoDBPersistenceLayer put-item.ts:21 (idempotency table)'],
    ['dynamodb:GetItem', 'Powertools idempotency DynamoDBPersistenceLayer (put-item.ts:21, makeIdempotent :38): reads the record on a repeated key'],
    ['dynamodb:UpdateItem', 'Powertools idempotency: saves the result'],
    ['dynamodb:DeleteItem', 'Powertools idempotency: deletes the record when the wrapped function throws'],
    ...XRAY('Powertools Tracer (functions/commons/powertools/tracer.ts:8, captureAWSv3Client clients/dynamodb.ts:6), Tracing Active'),
  ],
  getAll: [['dynamodb:Scan', 'functions/commons/helpers/scan-items.ts:16'], ...XRAY('Powertools Tracer (middy captureLambdaHandler get-all-items.ts:66)')],
  getById: [['dynamodb:GetItem', 'functions/commons/helpers/get-item.ts:16, called from a decorated class method'], ...XRAY('Powertools Tracer decorators (get-by-id.ts:29, :43)')],
  stream: XRAY('Powertools Tracer (process-items-stream.ts:86 captureAsyncFunc); no AWS API call (fetch to an external host)'),
};

const tsDemo = (action, line, op) => ({
  code: 'present',
  needs: [[action, `src/store/dynamodb/dynamodb-store.ts:${line} (${op} through lib-dynamodb, a class behind the ProductStore interface)`], ...XRAY('Powertools Tracer (middy captureLambdaHandler, @tracer.captureMethod) + aws-xray-sdk-core captureAWSv3Client')],
  note: 'item 3: CDK NodejsFunction; the bundle is in cdk.out/asset.<hash>/index.js (minified, no source map), leash looks for the code in S3',
});

export const EXPECTED = {
  ...packaged,
  // --- aws-samples/serverless-coffee (SAM, SDK v2) ---
  'serverless-coffee:00-baseCore/template.yaml#GetIoTEndpointFunction': { code: 'present', needs: [['iot:DescribeEndpoint', '00-baseCore/GetIoTEndpoint.js:17, SDK v2 callback style (custom resource)']] },
  'serverless-coffee:00-baseCore/template.yaml#DefineAuthChallenge': noCall,
  'serverless-coffee:00-baseCore/template.yaml#CreateAuthChallenge': { code: 'present', needs: [['sns:Publish', 'cognito-triggers/create-auth-challenge.js:49, SMS to a phone number (resource `*`)']] },
  'serverless-coffee:00-baseCore/template.yaml#VerifyAuthChallengeResponse': noCall,
  'serverless-coffee:00-baseCore/template.yaml#PreSignUp': noCall,
  'serverless-coffee:01-appCore/template.yaml#GenerateHtml': coffeeGenerateHtml,
  'serverless-coffee:01-appCore/template.yaml#PublisherFunctionAdmin': { code: 'present', needs: [['iot:Publish', 'backends/6-publisher-service/code/publishToIOT.js:26, IotData (topic from env + event)']] },
  'serverless-coffee:01-appCore/template.yaml#PublisherFunctionUser': { code: 'present', needs: [['iot:Publish', 'publishToIOTuserTopic.js:23']] },
  'serverless-coffee:01-appCore/template.yaml#PublisherFunctionConfig': { code: 'present', needs: [['iot:Publish', 'publishToIOTconfig.js:27']] },
  'serverless-coffee:01-appCore/template.yaml#ConfigChangedFunction': { code: 'present', needs: [['events:PutEvents', 'backends/2-config-service/code/configChanged.js:31']] },
  'serverless-coffee:01-appCore/template.yaml#GetQRcodeFunction': qr.get,
  'serverless-coffee:01-appCore/template.yaml#VerifyQRcodeFunction': qr.verify,
  'serverless-coffee:01-appCore/template.yaml#FillDatabasesCustomResource': { code: 'present', needs: [['dynamodb:BatchWriteItem', '01-appCore/initDB/initMenu.js:50 (two tables, keys computed from env)']] },
  'serverless-coffee:01-appCore/template.yaml#SanitizeOrderLambda': noCall,
  'serverless-coffee:01-appCore/template.yaml#WorkFlowStarted': { code: 'present', needs: [['dynamodb:PutItem', 'backends/5-order-manager/functions/workflowStarted/app.js:27']] },
  'serverless-coffee:01-appCore/template.yaml#OrderTimedOut': { code: 'present', needs: [['dynamodb:UpdateItem', 'functions/OrderTimedOut/app.js:31']] },
  'serverless-coffee:01-appCore/template.yaml#WaitingCompletion': { code: 'present', needs: [['dynamodb:UpdateItem', 'functions/waitingCompletion/app.js:38'], ['events:PutEvents', 'app.js:65']] },
  'serverless-coffee:backends/7-metrics-service/template.yaml#ValidatorNewOrderFunction': metrics('ValidatorNewOrder.js', 30),
  'serverless-coffee:backends/7-metrics-service/template.yaml#OrderManagerOrderCancelledFunction': metrics('OrderManagerOrderCancelled.js', 30),
  'serverless-coffee:backends/7-metrics-service/template.yaml#OrderProcessorOrderTimeOutFunction': metrics('OrderProcessorOrderTimeOut.js', 30),
  'serverless-coffee:backends/7-metrics-service/template.yaml#OrderManagerWaitingCompletionFunction': metrics('OrderManagerWaitingCompletion.js', 49),
  'serverless-coffee:backends/8-order-journey/template.yaml#GenerateHtml': coffeeGenerateHtml,
  'serverless-coffee:backends/9-validator/template.yaml#GetQRcodeFunction': qr.get,
  'serverless-coffee:backends/9-validator/template.yaml#VerifyQRcodeFunction': qr.verify,
  'serverless-coffee:extensions/PersistOrderMetricsToDynamoDB/template.yaml#LambdaFunctionpublishMetric': { code: 'present', needs: [['dynamodb:UpdateItem', 'publishMetric/function/app.js:55, DocumentClient transactWrite with two Update items']] },

  // --- 0xthierry/production-ready-serverless-workshop (serverless.yml, middy, Powertools) ---
  'production-ready-serverless-workshop:serverless.yml#get-index': {
    code: 'present',
    needs: [['execute-api:Invoke', 'functions/get-index.js:45, aws4.sign + axios GET of the restaurants API (authorizer aws_iam)'], ...XRAY('Powertools Tracer, middy captureLambdaHandler get-index.js:76')],
    note: 'item 1: aws4 is reported unknown (right); execute-api:Invoke is not in the policy',
  },
  'production-ready-serverless-workshop:serverless.yml#get-restaurants': {
    code: 'present',
    needs: [
      ['dynamodb:Scan', 'functions/get-restaurants.js:29 (RestaurantsTable)'],
      ['ssm:GetParameters', '@middy/ssm fetchData get-restaurants.js:44-51 (/<service>/<stage>/get-restaurants/config)'],
      ...XRAY('Powertools Tracer captureAWSv3Client :18, captureLambdaHandler :51'),
    ],
    note: 'item 1: @middy/ssm not recognised: ssm:GetParameters silently absent, and its real grant called unused',
  },
  'production-ready-serverless-workshop:serverless.yml#search-restaurants': {
    code: 'present',
    needs: [
      ['dynamodb:Scan', 'functions/search-restaurants.js:32'],
      ['ssm:GetParameters', '@middy/ssm fetchData search-restaurants.js:61-68 (config, secret-string; SecureString with the default key: no kms grant needed)'],
      ...XRAY('Powertools Tracer'),
    ],
    note: 'item 1: as get-restaurants',
  },
  'production-ready-serverless-workshop:serverless.yml#place-order': { code: 'present', needs: [['events:PutEvents', 'functions/place-order.js:40'], ...XRAY('Powertools Tracer')] },
  'production-ready-serverless-workshop:serverless.yml#notify-restaurant': {
    code: 'present',
    needs: [
      ['sns:Publish', 'functions/notify-restaurant.js:38'],
      ['events:PutEvents', 'notify-restaurant.js:56'],
      ['dynamodb:PutItem', 'Powertools idempotency DynamoDBPersistenceLayer :23, makeIdempotent inside middy :66 (IdempotencyTable)'],
      ['dynamodb:GetItem', 'Powertools idempotency'],
      ['dynamodb:UpdateItem', 'Powertools idempotency'],
      ['dynamodb:DeleteItem', 'Powertools idempotency'],
      ...XRAY('Powertools Tracer'),
    ],
    note: 'item 1: Powertools idempotency not recognised: four DynamoDB actions silently absent, their real grant called unused',
  },

  // --- theburningmonk/production-ready-serverless-workshop-dvla-demo (serverless.yml, local wrapper, conditional captureAWS) ---
  'prs-workshop-dvla-demo:serverless.yml#get-index': {
    code: 'present',
    needs: XRAY('aws-xray-sdk-core captureHTTPs lib/https.js:4, `tracing: true` with serverless-plugin-tracing'),
    note: 'no AWS API call: an unsigned HTTPS GET (lib/https.js:22) of a route without authorizer; the execute-api:Invoke grant is not needed',
  },
  'prs-workshop-dvla-demo:serverless.yml#get-restaurants': { code: 'present', needs: [['dynamodb:Scan', 'functions/get-restaurants.js:18, DocumentClient of a conditionally captureAWS-wrapped SDK (:4-6), handler wrapped by lib/wrapper.js'], ...XRAY('captureAWS get-restaurants.js:5')] },
  'prs-workshop-dvla-demo:serverless.yml#search-restaurants': { code: 'present', needs: [['dynamodb:Scan', 'functions/search-restaurants.js:19'], ...XRAY('captureAWS search-restaurants.js:4')] },
  'prs-workshop-dvla-demo:serverless.yml#place-order': { code: 'present', needs: [['kinesis:PutRecord', 'functions/place-order.js:29'], ...XRAY('captureAWS place-order.js:5')] },
  'prs-workshop-dvla-demo:serverless.yml#notify-restaurant': { code: 'present', needs: [['sns:Publish', 'functions/notify-restaurant.js:24'], ['kinesis:PutRecord', 'notify-restaurant.js:35'], ...XRAY('captureAWS notify-restaurant.js:7')] },

  // --- theburningmonk/lambda-x-ray-demo (serverless.yml, aws-xray-sdk) ---
  'lambda-x-ray-demo:serverless.yml#service-a': {
    code: 'present',
    needs: [
      ['sns:Publish', 'functions/service-a.js:23'],
      ['sqs:SendMessage', 'service-a.js:30'],
      ['lambda:InvokeFunction', 'service-a.js:37'],
      ['s3:PutObject', 'service-a.js:45'],
      ['dynamodb:PutItem', 'service-a.js:54 (DocumentClient put)'],
      ['kinesis:PutRecord', 'service-a.js:63'],
      ['events:PutEvents', 'service-a.js:71'],
      ...XRAY('aws-xray-sdk captureAWS service-a.js:2, tracing lambda: true'),
    ],
    note: 'item 1: every client comes from `AWSXRay.captureAWS(require(\'aws-sdk\'))`: leash sees no call, reports no unknown, and calls all seven real grants unused',
  },
  'lambda-x-ray-demo:serverless.yml#service-b': noCall,
  'lambda-x-ray-demo:serverless.yml#call': noCall,
  'lambda-x-ray-demo:serverless.yml#timeout': noCall,
  'lambda-x-ray-demo:serverless.yml#error': noCall,
  'lambda-x-ray-demo:serverless.yml#sns': noCall,
  'lambda-x-ray-demo:serverless.yml#sqs': noCall,
  'lambda-x-ray-demo:serverless.yml#s3': noCall,
  'lambda-x-ray-demo:serverless.yml#kinesis': noCall,
  'lambda-x-ray-demo:serverless.yml#dynamodb': noCall,
  'lambda-x-ray-demo:serverless.yml#eventbridge': noCall,

  // --- aws-powertools/powertools-lambda-typescript examples/app, SAM template over the sources ---
  'powertools-example-sam:template.yaml#putItemFunction': { code: 'present', needs: powertoolsNeeds.putItem, note: 'item 3: package.json `imports` (#clients/…, #helpers/…) reported as path aliases (unknown, not silent); item 1: Powertools parameters + idempotency' },
  'powertools-example-sam:template.yaml#getAllItemsFunction': { code: 'present', needs: powertoolsNeeds.getAll, note: 'item 3: #aliases' },
  'powertools-example-sam:template.yaml#getByIdFunction': { code: 'present', needs: powertoolsNeeds.getById, note: 'item 3: handler is `handlerClass.handler.bind(handlerClass)` of a decorated class: "handler export not found"' },
  'powertools-example-sam:template.yaml#processItemsStreamFunction': { code: 'present', needs: powertoolsNeeds.stream, note: 'item 3: #aliases; no AWS API call of its own' },

  // --- the same code through CDK NodejsFunction (cdk.out only) ---
  'powertools-example-cdk:PowertoolsTypeScript-Example-CDK.template.json#putitemfn8C6AAB5F': { code: 'present', needs: powertoolsNeeds.putItem, note: 'item 3: NodejsFunction subclass; bundle + source map in cdk.out/asset.<hash>/, leash looks for the code in S3' },
  'powertools-example-cdk:PowertoolsTypeScript-Example-CDK.template.json#getallitemsfn3B9AD980': { code: 'present', needs: powertoolsNeeds.getAll, note: 'item 3: as putitemfn' },
  'powertools-example-cdk:PowertoolsTypeScript-Example-CDK.template.json#getbyidfn009B4E07': { code: 'present', needs: powertoolsNeeds.getById, note: 'item 3: as putitemfn' },
  'powertools-example-cdk:PowertoolsTypeScript-Example-CDK.template.json#processitemsstreamfn7D8F3C44': { code: 'present', needs: powertoolsNeeds.stream, note: 'item 3: as putitemfn' },

  // --- aws-samples/serverless-typescript-demo (CDK NodejsFunction, middy, Powertools) ---
  'serverless-typescript-demo:cdk.out/ServerlessTypescriptDemoStack.template.json#ServerlessTypescriptDemoStack/GetProductsFunction': tsDemo('dynamodb:Scan', 66, 'ScanCommand'),
  'serverless-typescript-demo:cdk.out/ServerlessTypescriptDemoStack.template.json#ServerlessTypescriptDemoStack/GetProductFunction': tsDemo('dynamodb:GetItem', 32, 'GetCommand'),
  'serverless-typescript-demo:cdk.out/ServerlessTypescriptDemoStack.template.json#ServerlessTypescriptDemoStack/PutProductFunction': tsDemo('dynamodb:PutItem', 46, 'PutCommand'),
  'serverless-typescript-demo:cdk.out/ServerlessTypescriptDemoStack.template.json#ServerlessTypescriptDemoStack/DeleteProductsFunction': tsDemo('dynamodb:DeleteItem', 57, 'DeleteCommand'),
  'serverless-typescript-demo:cdk.out/ServerlessTypescriptDemoStack.template.json#ServerlessTypescriptDemoStack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a': {
    code: 'present',
    node: true,
    needs: [
      ['logs:PutRetentionPolicy', 'CDK LogRetention provider bundle (cdk.out asset index.js, PutRetentionPolicyCommand)'],
      ['logs:DeleteRetentionPolicy', 'same bundle, DeleteRetentionPolicyCommand'],
      ['logs:CreateLogGroup', 'same bundle, CreateLogGroupCommand on the target function\'s log group (granted by the basic execution policy on `*`)'],
    ],
    note: 'CDK\'s own provider (runtime `!FindInMap`, Node.js by its code); item 3: code in cdk.out not read. Uncertain: whether CreateLogGroup counts as code need or platform',
  },

  // --- aws-samples/powertools-for-aws-lambda-workshop api-workshop (SAM, TypeScript) ---
  'powertools-workshop-api:template.yaml#PowertoolsFunction': { code: 'present', needs: [['dynamodb:Scan', 'src/index.ts:22 (table name literal)'], ['dynamodb:GetItem', 'src/index.ts:44']] },
};

const crud = 'right: a SAM DynamoDB policy template bundle; the code uses only the actions not listed';
export const FINDINGS = {
  // serverless-coffee
  'serverless-coffee:00-baseCore/template.yaml#CreateAuthChallenge:unused@136': 'right: `mobiletargeting:*` + `sns:*` on `*` for one sns:Publish (not listed)',
  'serverless-coffee:01-appCore/template.yaml#GenerateHtml:unused@139': 'right: S3 write policy, no S3 call in the code (commented out)',
  'serverless-coffee:01-appCore/template.yaml#PublisherFunctionAdmin:unused@225': 'right: iot:Connect is not needed to publish over the IoT data HTTPS API',
  'serverless-coffee:01-appCore/template.yaml#PublisherFunctionUser:unused@258': 'right: as PublisherFunctionAdmin',
  'serverless-coffee:01-appCore/template.yaml#PublisherFunctionConfig:unused@297': 'right: as PublisherFunctionAdmin',
  'serverless-coffee:01-appCore/template.yaml#ConfigChangedFunction:unused@356': 'right: table read policy; the function only reads its stream (trigger) and puts events',
  'serverless-coffee:01-appCore/template.yaml#GetQRcodeFunction:unused@431': crud,
  'serverless-coffee:01-appCore/template.yaml#GetQRcodeFunction:unused@433': crud,
  'serverless-coffee:01-appCore/template.yaml#VerifyQRcodeFunction:unused@464': crud,
  'serverless-coffee:01-appCore/template.yaml#FillDatabasesCustomResource:unused@527': crud,
  'serverless-coffee:01-appCore/template.yaml#FillDatabasesCustomResource:unused@529': crud,
  'serverless-coffee:01-appCore/template.yaml#WorkFlowStarted:unused@572': crud,
  'serverless-coffee:01-appCore/template.yaml#OrderTimedOut:unused@601': crud,
  'serverless-coffee:01-appCore/template.yaml#OrderTimedOut:unused@603': 'right: the code puts no event',
  'serverless-coffee:01-appCore/template.yaml#WaitingCompletion:unused@630': crud,
  'serverless-coffee:backends/8-order-journey/template.yaml#GenerateHtml:unused@103': 'right: as 01-appCore GenerateHtml',
  'serverless-coffee:backends/9-validator/template.yaml#GetQRcodeFunction:unused@84': crud,
  'serverless-coffee:backends/9-validator/template.yaml#VerifyQRcodeFunction:unused@111': crud,
  // production-ready-serverless-workshop
  'production-ready-serverless-workshop:serverless.yml#get-restaurants:unused@94': 'wrong: @middy/ssm calls ssm:GetParameters (item 1)',
  'production-ready-serverless-workshop:serverless.yml#search-restaurants:unused@117': 'wrong: @middy/ssm calls ssm:GetParameters (item 1)',
  'production-ready-serverless-workshop:serverless.yml#notify-restaurant:unused@168': 'wrong: Powertools idempotency calls all four on IdempotencyTable (item 1)',
  // lambda-x-ray-demo
  'lambda-x-ray-demo:serverless.yml#service-a:unused@41': 'wrong: used at service-a.js:54 through an SDK wrapped by AWSXRay.captureAWS (item 1)',
  'lambda-x-ray-demo:serverless.yml#service-a:unused@44': 'wrong: lists s3:PutObject, used at service-a.js:45 (item 1); the other eight s3:PutObject* actions are rightly unused',
  'lambda-x-ray-demo:serverless.yml#service-a:unused@49': 'wrong: used at service-a.js:23 (item 1)',
  'lambda-x-ray-demo:serverless.yml#service-a:unused@52': 'wrong: used at service-a.js:30 (item 1)',
  'lambda-x-ray-demo:serverless.yml#service-a:unused@55': 'wrong: used at service-a.js:37 (item 1)',
  'lambda-x-ray-demo:serverless.yml#service-a:unused@58': 'wrong: used at service-a.js:63 (item 1)',
  'lambda-x-ray-demo:serverless.yml#service-a:unused@61': 'wrong: used at service-a.js:71 (item 1)',
  'lambda-x-ray-demo:serverless.yml#service-a:unused@64': 'right: `xray:Put*` also grants PutEncryptionConfig, PutResourcePolicy, PutSpans*; the X-Ray SDK needs only PutTraceSegments/PutTelemetryRecords',
  'lambda-x-ray-demo:serverless.yml#kinesis:missing:kinesis:DescribeStreamSummary on !GetAtt Kinesis.Arn':
    'wrong (uncertain): documented in AWSLambdaKinesisExecutionRole, but the Serverless Framework v3 stream role grants DescribeStream/GetRecords/GetShardIterator/ListStreams only and such triggers work: at most a low note (item 5)',
  'lambda-x-ray-demo:serverless.yml#kinesis:missing:kinesis:ListShards on !GetAtt Kinesis.Arn': 'wrong: documented, not enforced for the Kinesis poller (item 5)',
  'lambda-x-ray-demo:serverless.yml#kinesis:missing:kinesis:ListStreams on *': 'wrong: documented, not enforced for the Kinesis poller; the framework grants it on the stream ARN (item 5)',
  'lambda-x-ray-demo:serverless.yml#dynamodb:missing:dynamodb:ListStreams on *': 'wrong: documented, not enforced for the DynamoDB stream poller (item 5)',
  // prs-workshop-dvla-demo
  'prs-workshop-dvla-demo:serverless.yml#get-index:unused@55': 'right: the code sends an unsigned GET to a route without authorizer; execute-api:Invoke is not used',
  'prs-workshop-dvla-demo:serverless.yml#notify-restaurant:missing:kinesis:DescribeStreamSummary on !GetAtt orderEventsStream.Arn': 'wrong (uncertain): as lambda-x-ray-demo kinesis (item 5)',
  'prs-workshop-dvla-demo:serverless.yml#notify-restaurant:missing:kinesis:ListShards on !GetAtt orderEventsStream.Arn': 'wrong: documented, not enforced for the Kinesis poller (item 5)',
  'prs-workshop-dvla-demo:serverless.yml#notify-restaurant:missing:kinesis:ListStreams on *': 'wrong: documented, not enforced for the Kinesis poller (item 5)',
  // powertools-example-sam
  'powertools-example-sam:template.yaml#processItemsStreamFunction:missing:sqs:SendMessage on !GetAtt processItemsDeadLetterQueue.Arn':
    'right: the stream event\'s OnFailure destination has no `Type`, so SAM adds no SQS permission and the role has none (a real template miss; fairly sure from the SAM docs, not deployed)',
  // powertools-workshop-api
  'powertools-workshop-api:template.yaml#PowertoolsFunction:unused@47': crud,
};
