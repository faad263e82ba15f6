import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/model/values.js';
import { lines, ROOT, stack } from '../cloudformation/helpers.js';

const APP = lines(
  'AWSTemplateFormatVersion: "2010-09-09"', // 1
  'Transform: AWS::Serverless-2016-10-31', // 2
  'Globals:', // 3
  '  Function:', // 4
  '    Runtime: python3.12', // 5
  '    Timeout: 10', // 6
  '    Tracing: Active', // 7
  '    Layers: [arn:aws:lambda:us-east-1:1:layer:global:1]', // 8
  '    Environment:', // 9
  '      Variables:', // 10
  '        STAGE: prod', // 11
  '        LOG_LEVEL: info', // 12
  '  Api:', // 13
  '    Auth:', // 14
  '      DefaultAuthorizer: UserPool', // 15
  '      Authorizers:', // 16
  '        UserPool: {UserPoolArn: arn:aws:cognito-idp:us-east-1:1:userpool/x}', // 17
  'Resources:', // 18
  '  Table:', // 19
  '    Type: AWS::Serverless::SimpleTable', // 20
  '  Queue:', // 21
  '    Type: AWS::SQS::Queue', // 22
  '  Bucket:', // 23
  '    Type: AWS::S3::Bucket', // 24
  '  Spare:', // 25
  '    Type: AWS::Function::Placeholder', // 26
  '  ApiFn:', // 27
  '    Type: AWS::Serverless::Function', // 28
  '    Properties:', // 29
  '      CodeUri: src/api/', // 30
  '      Handler: app.handler', // 31
  '      Timeout: 30', // 32
  '      Layers: [arn:aws:lambda:us-east-1:1:layer:own:1]', // 33
  '      Environment:', // 34
  '        Variables:', // 35
  '          LOG_LEVEL: debug', // 36
  '          TABLE: !Ref Table', // 37
  '          ALIAS: !Ref ApiFn.Alias', // 38
  '      AutoPublishAlias: live', // 39
  '      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 2}', // 40
  '      ReservedConcurrentExecutions: 20', // 41
  '      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}', // 42
  '      DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Queue.Arn}', // 43
  '      Policies:', // 44
  '        - AmazonS3ReadOnlyAccess', // 45
  '        - DynamoDBCrudPolicy:', // 46
  '            TableName: !Ref Table', // 47
  '        - SQSSendMessagePolicy: {QueueName: "*"}', // 48
  '        - Statement:', // 49
  '            - Effect: Allow', // 50
  '              Action: kms:Decrypt', // 51
  '              Resource: "*"', // 52
  '        - NotARealPolicyTemplate: {X: 1}', // 53
  '        - AmazonMadeUpAccess', // 54
  '      Events:', // 55
  '        GetItems:', // 56
  '          Type: Api', // 57
  '          Properties: {Path: /items, Method: get}', // 58
  '        Health:', // 59
  '          Type: Api', // 60
  '          Properties: {Path: /health, Method: get, Auth: {Authorizer: NONE}}', // 61
  '        Keyed:', // 62
  '          Type: Api', // 63
  '          Properties: {Path: /keyed, Method: post, Auth: {Authorizer: NONE, ApiKeyRequired: true}}', // 64
  '  WorkerFn:', // 65
  '    Type: AWS::Serverless::Function', // 66
  '    Properties:', // 67
  '      InlineCode: "def handler(e, c): pass"', // 68
  '      Handler: index.handler', // 69
  '      RecursiveLoop: Allow', // 70
  '      Policies:', // 71
  '        Statement:', // 72
  '          - Effect: Allow', // 73
  '            Action: s3:PutObject', // 74
  '            Resource: !Sub "${Bucket.Arn}/*"', // 75
  '      FunctionUrlConfig:', // 76
  '        AuthType: NONE', // 77
  '      EventInvokeConfig:', // 78
  '        MaximumRetryAttempts: 0', // 79
  '        MaximumEventAgeInSeconds: 120', // 80
  '        DestinationConfig:', // 81
  '          OnFailure: {Type: SQS}', // 82
  '          OnSuccess: {Type: SNS, Destination: arn:aws:sns:us-east-1:1:done}', // 83
  '      Events:', // 84
  '        Upload: {Type: S3, Properties: {Bucket: !Ref Bucket, Events: s3:ObjectCreated:*}}', // 85
  '        Jobs:', // 86
  '          Type: SQS', // 87
  '          Properties: {Queue: !GetAtt Queue.Arn, BatchSize: 5, FunctionResponseTypes: [ReportBatchItemFailures]}', // 88
  '        Changes:', // 89
  '          Type: DynamoDB', // 90
  '          Properties:', // 91
  '            Stream: !GetAtt Table.StreamArn', // 92
  '            StartingPosition: TRIM_HORIZON', // 93
  '            MaximumRetryAttempts: 3', // 94
  '            BisectBatchOnFunctionError: true', // 95
  '            DestinationConfig: {OnFailure: {Destination: !GetAtt Queue.Arn}}', // 96
  '        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}', // 97
  '        Orders: {Type: EventBridgeRule, Properties: {Pattern: {source: [orders]}}}', // 98
  '        Logs: {Type: CloudWatchLogs, Properties: {LogGroupName: /aws/x, FilterPattern: ERROR}}', // 99
  '        Topic: {Type: SNS, Properties: {Topic: arn:aws:sns:us-east-1:1:t}}', // 100
  '        Later: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 hour)}}', // 101
  '  SharedFn:', // 102
  '    Type: AWS::Serverless::Function', // 103
  '    Properties:', // 104
  '      CodeUri: s3://bucket/code.zip', // 105
  '      Handler: x.y', // 106
  '      Role: !GetAtt WorkerFnRole.Arn', // 107
  '      Policies: [AdministratorAccess]', // 108
  '  ImageFn:', // 109
  '    Type: AWS::Serverless::Function', // 110
  '    Properties:', // 111
  '      PackageType: Image', // 112
  '      ImageUri: 1.dkr.ecr.us-east-1.amazonaws.com/x:1', // 113
  '      Policies: AWSLambdaRole', // 114
  '      Events:', // 115
  '        Http: {Type: HttpApi}', // 116
  'Outputs:', // 117
  '  Url: {Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod"}', // 118
);

describe('SAM transform', () => {
  const model = stack(APP);
  const fns = new Map(model.functions.map((f) => [f.id, f]));
  const apiFn = fns.get('ApiFn')!;
  const worker = fns.get('WorkerFn')!;
  const roles = new Map(model.roles.map((r) => [r.id, r]));
  const resources = new Map(model.resources.map((r) => [r.id, r]));

  it('is read as SAM and loads without errors', () => {
    expect(model.framework).toBe('sam');
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // `!Ref ApiFn.Alias`, `!GetAtt WorkerFnRole.Arn`, `${ServerlessRestApi}` all resolve to generated resources.
    expect(model.diagnostics.filter((d) => d.code === 'WARN_LEASH_UNRESOLVED_REFERENCE')).toEqual([]);
    expect([...fns.keys()]).toEqual(['ApiFn', 'WorkerFn', 'SharedFn', 'ImageFn']);
    expect(resources.get('ApiFn')).toMatchObject({ type: 'AWS::Lambda::Function', declaredType: 'AWS::Serverless::Function', generated: false });
    expect(resources.get('Table')).toMatchObject({ type: 'AWS::DynamoDB::Table', declaredType: 'AWS::Serverless::SimpleTable', kind: 'table' });
  });

  it('merges Globals: scalars resource wins, maps merged, lists prepended', () => {
    expect(apiFn).toMatchObject({ runtime: 'python3.12', timeout: 30, tracing: 'Active', handler: 'app.handler' });
    expect(worker.timeout).toBe(10);
    expect(apiFn.layers).toEqual(['arn:aws:lambda:us-east-1:1:layer:global:1', 'arn:aws:lambda:us-east-1:1:layer:own:1']);
    const env = Object.fromEntries(apiFn.environment.map((v) => [v.name, v.value]));
    expect(env).toMatchObject({ STAGE: 'prod', LOG_LEVEL: 'debug', TABLE: { Ref: 'Table' } });
    // A value that came from Globals points at Globals.
    expect(worker.environment.find((v) => v.name === 'STAGE')!.loc.line).toBe(11);
    expect(apiFn.environment.find((v) => v.name === 'STAGE')!.loc.line).toBe(11);
    expect(apiFn.environment.find((v) => v.name === 'LOG_LEVEL')!.loc.line).toBe(36);
    expect(worker.loc.line).toBe(65);
  });

  it('creates an implicit role per function with the policies SAM adds', () => {
    const role = roles.get('ApiFnRole')!;
    expect(apiFn.roleId).toBe('ApiFnRole');
    expect(role.kind).toBe('sam-implicit');
    expect(resources.get('ApiFnRole')).toMatchObject({ type: 'AWS::IAM::Role', generated: true });
    expect(role.policies.map((p) => [p.kind, p.name])).toEqual([
      ['implicit', 'AWSLambdaBasicExecutionRole'],
      ['implicit', 'AWSXrayWriteOnlyAccess'],
      ['implicit', 'AWSLambdaVPCAccessExecutionRole'],
      ['implicit', 'DeadLetterQueue'],
      ['managed', 'AmazonS3ReadOnlyAccess'],
      ['sam-policy-template', 'DynamoDBCrudPolicy'],
      ['sam-policy-template', 'SQSSendMessagePolicy'],
      ['inline', 'Policies[3]'],
      ['sam-policy-template', 'NotARealPolicyTemplate'],
      ['managed', 'AmazonMadeUpAccess'],
    ]);
    expect(role.statements.find((s) => s.source.name === 'DeadLetterQueue')).toMatchObject({ action: ['sqs:SendMessage'], resource: [{ 'Fn::GetAtt': ['Queue', 'Arn'] }] });
    expect(role.statements.some((s) => s.source.name === 'AWSLambdaVPCAccessExecutionRole' && s.action?.includes('ec2:CreateNetworkInterface'))).toBe(true);
    expect(role.statements.some((s) => s.source.name === 'AmazonS3ReadOnlyAccess' && s.action?.some((a) => a.startsWith('s3:Get')))).toBe(true);
  });

  it('expands SAM policy templates with their parameters, and inline statements', () => {
    const role = roles.get('ApiFnRole')!;
    const crud = role.statements.filter((s) => s.source.name === 'DynamoDBCrudPolicy');
    expect(crud.length).toBeGreaterThan(0);
    expect(crud[0]!.action).toContain('dynamodb:PutItem');
    expect(JSON.stringify(crud[0]!.resource)).toContain('"Ref":"Table"');
    expect(crud[0]!.source.parameters).toEqual({ TableName: { Ref: 'Table' } });
    expect(crud[0]!.loc.line).toBe(46);
    const sqs = role.statements.find((s) => s.source.name === 'SQSSendMessagePolicy')!;
    expect(JSON.stringify(sqs.resource)).toContain(':*');
    expect(role.statements.find((s) => s.source.name === 'Policies[3]')).toMatchObject({ action: ['kms:Decrypt'], resource: ['*'], loc: { line: 50 } });
    // A template or managed policy leash does not know is an unknown, never nothing.
    expect(role.unknowns.map((u) => u.reason)).toEqual([expect.stringContaining('NotARealPolicyTemplate'), expect.stringContaining('AmazonMadeUpAccess')]);
    expect(role.unknowns[0]!.loc?.line).toBe(53);
  });

  it('reads a single inline policy document and a single managed policy name', () => {
    const role = roles.get('WorkerFnRole')!;
    expect(role.statements.find((s) => s.source.kind === 'inline')).toMatchObject({ action: ['s3:PutObject'], resource: [{ 'Fn::Sub': '${Bucket.Arn}/*' }] });
    const image = roles.get('ImageFnRole')!;
    expect(image.policies.find((p) => p.kind === 'managed')).toMatchObject({ name: 'AWSLambdaRole', arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaRole' });
    expect(image.policies.map((p) => p.name)).toContain('AWSXrayWriteOnlyAccess'); // Tracing comes from Globals
  });

  it('uses the given Role (shared) and ignores Policies then, with a warning', () => {
    expect(fns.get('SharedFn')!.roleId).toBe('WorkerFnRole');
    expect(roles.get('WorkerFnRole')!.policies.some((p) => p.name === 'AdministratorAccess')).toBe(false);
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'WARN_LEASH_SAM_POLICIES_IGNORED', line: 108 }));
  });

  it('reads code locations: CodeUri folder, inline, S3, image', () => {
    expect(apiFn.code).toMatchObject({ dir: `${ROOT}/src/api`, loc: { line: 30 } });
    expect(worker.code.inline).toBe('def handler(e, c): pass');
    expect(fns.get('SharedFn')!.code.unknown?.reason).toContain('s3://bucket/code.zip');
    expect(fns.get('ImageFn')).toMatchObject({ packageType: 'Image' });
    expect(fns.get('ImageFn')!.code.unknown?.reason).toContain('container image');
  });

  it('reads concurrency, aliases and recursive loop settings', () => {
    expect(apiFn).toMatchObject({ reservedConcurrency: 20, provisionedConcurrency: 2 });
    expect(worker.recursiveLoop).toBe('Allow');
    expect(resources.get('ApiFn.Alias')).toMatchObject({ type: 'AWS::Lambda::Alias', generated: true });
    expect(resources.get('ApiFn.Version')).toMatchObject({ type: 'AWS::Lambda::Version', generated: true });
    expect(apiFn.environment.find((v) => v.name === 'ALIAS')!.resourceId).toBe('ApiFn.Alias');
    expect(apiFn.asyncConfig.deadLetter).toMatchObject({ type: 'sqs', target: { resourceId: 'Queue' } });
  });

  it('derives API auth: default authorizer, NONE opting out, API key only', () => {
    const byName = new Map(apiFn.triggers.map((t) => [t.id, t]));
    expect(byName.get('GetItems')).toMatchObject({ kind: 'api-rest', invocation: 'sync', api: { apiId: 'ServerlessRestApi', path: '/items', method: 'GET', auth: { type: 'COGNITO', authorizer: 'UserPool' } } });
    expect(byName.get('GetItems')!.loc.line).toBe(56);
    expect(byName.get('Health')!.api!.auth.type).toBe('NONE');
    expect(byName.get('Keyed')!.api!.auth).toMatchObject({ type: 'API_KEY', apiKeyRequired: true });
    const http = fns.get('ImageFn')!.triggers[0]!;
    expect(http).toMatchObject({ kind: 'api-http', api: { apiId: 'ServerlessHttpApi', path: '$default', method: 'ANY', auth: { type: 'NONE' } } });
  });

  it('creates the implicit APIs and their stage and deployment, so references resolve', () => {
    expect(model.apis.map((a) => [a.id, a.kind, a.generated, a.defaultAuthorizer])).toEqual([
      ['ServerlessRestApi', 'rest', true, 'UserPool'],
      ['ServerlessHttpApi', 'http', true, undefined],
    ]);
    for (const id of ['ServerlessRestApi', 'ServerlessRestApi.Stage', 'ServerlessRestApi.Deployment', 'ServerlessHttpApi', 'ServerlessHttpApi.Stage']) {
      expect(resources.get(id)?.generated).toBe(true);
    }
    const permission = model.permissions.find((p) => p.id === 'ApiFnGetItemsPermission')!;
    expect(permission).toMatchObject({ functionId: 'ApiFn', principal: 'apigateway.amazonaws.com', generated: true });
  });

  it('turns events into triggers with their settings', () => {
    const byKind = new Map(worker.triggers.map((t) => [t.kind, t]));
    expect(byKind.get('s3')).toMatchObject({ id: 'Upload', invocation: 'async', source: { resourceId: 'Bucket' }, s3: { events: ['s3:ObjectCreated:*'] } });
    expect(byKind.get('sqs')).toMatchObject({ invocation: 'poll', source: { resourceId: 'Queue' }, eventSourceMapping: { batchSize: 5, functionResponseTypes: ['ReportBatchItemFailures'], resourceId: 'WorkerFnJobs' } });
    expect(byKind.get('dynamodb-stream')!.eventSourceMapping).toMatchObject({ maximumRetryAttempts: 3, bisectBatchOnFunctionError: true, startingPosition: 'TRIM_HORIZON', onFailure: { type: 'sqs', target: { resourceId: 'Queue' } } });
    expect(byKind.get('dynamodb-stream')!.source).toMatchObject({ resourceId: 'Table' });
    expect(worker.triggers.filter((t) => t.kind === 'schedule').map((t) => t.schedule?.expression)).toEqual(['rate(1 day)', 'rate(1 hour)']);
    expect(byKind.get('eventbridge')).toMatchObject({ eventBridge: { pattern: { source: ['orders'] } } });
    expect(byKind.get('cloudwatch-logs')).toBeDefined();
    expect(byKind.get('sns')).toMatchObject({ invocation: 'async' });
    expect(byKind.get('function-url')).toBeDefined();
    // The pollers' managed policies join the implicit role.
    const role = roles.get('WorkerFnRole')!;
    expect(role.policies.filter((p) => p.kind === 'implicit').map((p) => p.name)).toEqual([
      'AWSLambdaBasicExecutionRole',
      'AWSXrayWriteOnlyAccess',
      'EventInvokeConfig.OnSuccess',
      'EventInvokeConfig.OnFailure',
      'AWSLambdaSQSQueueExecutionRole',
      'AWSLambdaDynamoDBExecutionRole',
    ]);
  });

  it('reads the function URL and generates its public permission', () => {
    expect(worker.url).toMatchObject({ authType: 'NONE', resourceId: 'WorkerFnUrl' });
    expect(resources.get('WorkerFnUrl')).toMatchObject({ type: 'AWS::Lambda::Url', generated: true });
    expect(model.permissions.find((p) => p.id === 'WorkerFnUrlPublicPermissions')).toMatchObject({
      functionId: 'WorkerFn',
      principal: '*',
      action: 'lambda:InvokeFunctionUrl',
      functionUrlAuthType: 'NONE',
      generated: true,
      loc: expect.objectContaining({ line: 76 }),
    });
  });

  it('reads EventInvokeConfig with destinations, creating the queue SAM creates', () => {
    expect(worker.asyncConfig).toMatchObject({
      maximumRetryAttempts: 0,
      maximumEventAgeInSeconds: 120,
      onFailure: { type: 'sqs', target: { resourceId: 'WorkerFnEventInvokeConfigOnFailureQueue' } },
      onSuccess: { type: 'sns', target: { value: 'arn:aws:sns:us-east-1:1:done' } },
    });
    expect(resources.get('WorkerFnEventInvokeConfigOnFailureQueue')).toMatchObject({ kind: 'queue', generated: true });
  });
});

describe('SAM APIs', () => {
  const model = stack(
    lines(
      'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
      'Resources:',
      '  Api:',
      '    Type: AWS::Serverless::Api',
      '    Properties:',
      '      StageName: prod',
      '      MethodSettings: [{HttpMethod: "*", ResourcePath: "/*", ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100}]',
      '      Auth:',
      '        ApiKeyRequired: true',
      '        UsagePlan: {CreateUsagePlan: PER_API}',
      '        Authorizers:',
      '          Lambda: {FunctionArn: !GetAtt AuthFn.Arn}',
      '  Http:',
      '    Type: AWS::Serverless::HttpApi',
      '    Properties:',
      '      DefaultRouteSettings: {ThrottlingRateLimit: 5}',
      '      Auth:',
      '        DefaultAuthorizer: Jwt',
      '        Authorizers:',
      '          Jwt: {JwtConfiguration: {issuer: x, audience: [y]}, IdentitySource: $request.header.Authorization}',
      '  OpenApi:',
      '    Type: AWS::Serverless::Api',
      '    Properties:',
      '      StageName: v1',
      '      DefinitionBody:',
      '        openapi: 3.0.1',
      '        paths:',
      '          /open: {get: {}}',
      '          /secure: {get: {security: [{Sigv4: []}]}}',
      '        components: {securitySchemes: {Sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}}}',
      '  AuthFn: {Type: AWS::Serverless::Function, Properties: {InlineCode: x, Handler: i.h, Runtime: nodejs20.x}}',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      InlineCode: x',
      '      Handler: i.h',
      '      Runtime: nodejs20.x',
      '      Events:',
      '        Keyed: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /a, Method: get}}',
      '        Custom: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /b, Method: get, Auth: {Authorizer: Lambda}}}',
      '        Missing: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /c, Method: get, Auth: {Authorizer: Nope}}}',
      '        Jwt: {Type: HttpApi, Properties: {ApiId: !Ref Http, Path: /d, Method: get}}',
      '        Iam: {Type: HttpApi, Properties: {ApiId: !Ref Http, Path: /e, Method: get, Auth: {Authorizer: AWS_IAM}}}',
      '        Open: {Type: Api, Properties: {RestApiId: !Ref OpenApi, Path: /open, Method: get}}',
      '        Secure: {Type: Api, Properties: {RestApiId: !Ref OpenApi, Path: /secure, Method: get}}',
      '        Alexa: {Type: AlexaSkill}',
    ),
  );
  const fn = model.functions.find((f) => f.id === 'Fn')!;
  const auth = Object.fromEntries(fn.triggers.map((t) => [t.id, t.api?.auth]));

  it('derives auth per event from the API, the event and the OpenAPI definition', () => {
    expect(auth.Keyed).toMatchObject({ type: 'API_KEY', apiKeyRequired: true });
    expect(auth.Custom).toMatchObject({ type: 'LAMBDA', authorizer: 'Lambda', apiKeyRequired: true });
    expect(auth.Missing!.type).toBe('unknown');
    expect(isUnknown(auth.Missing!.unknown) && auth.Missing!.unknown.reason).toContain('Nope');
    expect(auth.Jwt).toMatchObject({ type: 'JWT', authorizer: 'Jwt' });
    expect(auth.Iam).toMatchObject({ type: 'AWS_IAM' });
    expect(auth.Open).toMatchObject({ type: 'NONE' });
    expect(auth.Secure).toMatchObject({ type: 'AWS_IAM' });
    expect(fn.triggers.find((t) => t.id === 'Alexa')).toMatchObject({ kind: 'alexa' });
  });

  it('reads throttling, usage plans and authorizers of declared APIs', () => {
    const apis = new Map(model.apis.map((a) => [a.id, a]));
    expect(apis.get('Api')).toMatchObject({ kind: 'rest', generated: false, throttling: { rateLimit: 50, burstLimit: 100 }, hasUsagePlan: true, authorizers: ['Lambda'] });
    expect(apis.get('Http')).toMatchObject({ kind: 'http', throttling: { rateLimit: 5 }, hasUsagePlan: false, defaultAuthorizer: 'Jwt' });
    expect(apis.get('OpenApi')).toMatchObject({ hasUsagePlan: false });
    expect(apis.get('OpenApi')!.throttling).toBeUndefined();
    const ids = model.resources.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['Api', 'Api.Stage', 'Api.Deployment', 'ApiUsagePlan', 'Http', 'Http.Stage']));
    expect(ids).not.toContain('ServerlessRestApi');
  });
});

describe('SAM bad input', () => {
  it('reports events without a Type and keeps the rest', () => {
    const model = stack(
      lines(
        'Transform: AWS::Serverless-2016-10-31',
        'Globals: [not, a, map]',
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      InlineCode: x',
        '      Events:',
        '        Broken: {Properties: {}}',
        '        Weird: {Type: SomethingNew}',
      ),
    );
    expect(model.functions).toHaveLength(1);
    expect(model.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'ERR_LEASH_INVALID_TEMPLATE', line: 2 }),
        // SAM refuses an event without a Type; an event type leash does not model is only a warning.
        expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', line: 9 }),
        expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_SAM_EVENTS', line: 10 }),
      ]),
    );
    expect(model.functions[0]!.triggers).toEqual([expect.objectContaining({ kind: 'other', id: 'Weird' })]);
  });

  it('carries suppressions of a SAM function to the function and its generated role', () => {
    const model = stack(
      lines(
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  # leash-ignore iam/wildcard-resource: reads every table by design',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Metadata: {leash: {suppress: [{rule: dos/unbounded-concurrency, reason: internal}]}}',
        '    Properties: {InlineCode: x, Policies: [DynamoDBReadPolicy: {TableName: "*"}]}',
      ),
    );
    const rules = (list: readonly { rule: string }[]): string[] => list.map((s) => s.rule);
    expect(rules(model.functions[0]!.suppressions)).toEqual(['dos/unbounded-concurrency', 'iam/wildcard-resource']);
    expect(rules(model.roles.find((r) => r.id === 'FnRole')!.suppressions)).toEqual(['dos/unbounded-concurrency', 'iam/wildcard-resource']);
  });
});

describe('SAM SNS events with an SQS subscription', () => {
  it('makes the function poll a queue SAM creates', () => {
    const model = stack(
      lines(
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Topic: {Type: AWS::SNS::Topic}',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      InlineCode: x',
        '      Events:',
        '        Fanout: {Type: SNS, Properties: {Topic: !Ref Topic, SqsSubscription: {BatchSize: 3}}}',
      ),
    );
    const trigger = model.functions[0]!.triggers[0]!;
    expect(trigger).toMatchObject({ kind: 'sqs', invocation: 'poll', source: { resourceId: 'FnFanoutQueue' }, eventSourceMapping: { batchSize: 3 } });
    expect(model.resources.find((r) => r.id === 'FnFanoutQueue')).toMatchObject({ kind: 'queue', generated: true });
  });
});
