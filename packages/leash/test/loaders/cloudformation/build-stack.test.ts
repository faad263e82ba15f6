import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/model/values.js';
import { MAX_ENVIRONMENT_CHARACTERS } from '../../../src/loaders/parse/limits.js';
import { cfn, lines, stack } from './helpers.js';

const APP = lines(
  'AWSTemplateFormatVersion: "2010-09-09"', // 1
  'Parameters:', // 2
  '  DbPassword:', // 3
  '    Type: String', // 4
  '    NoEcho: true', // 5
  '  Stage:', // 6
  '    Type: String', // 7
  '    Default: prod', // 8
  'Resources:', // 9
  '  Table:', // 10
  '    Type: AWS::DynamoDB::Table', // 11
  '    Properties:', // 12
  '      TableName: !Sub "orders-${Stage}"', // 13
  '  Bucket:', // 14
  '    Type: AWS::S3::Bucket', // 15
  '    Properties:', // 16
  '      NotificationConfiguration:', // 17
  '        LambdaConfigurations:', // 18
  '          - Event: s3:ObjectCreated:*', // 19
  '            Function: !GetAtt Fn.Arn', // 20
  '  Queue:', // 21
  '    Type: AWS::SQS::Queue', // 22
  '  Dlq:', // 23
  '    Type: AWS::SQS::Queue', // 24
  '  Role:', // 25
  '    Type: AWS::IAM::Role', // 26
  '    Properties:', // 27
  '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}', // 28
  '      ManagedPolicyArns:', // 29
  '        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', // 30
  '        - arn:aws:iam::123456789012:policy/custom', // 31
  '      Policies:', // 32
  '        - PolicyName: data', // 33
  '          PolicyDocument:', // 34
  '            Statement:', // 35
  '              - Effect: Allow', // 36
  '                Action: dynamodb:*', // 37
  '                Resource: !GetAtt Table.Arn', // 38
  '  ExtraPolicy:', // 39
  '    Type: AWS::IAM::Policy', // 40
  '    Properties:', // 41
  '      PolicyName: extra', // 42
  '      Roles: [!Ref Role]', // 43
  '      PolicyDocument:', // 44
  '        Statement: {Effect: Allow, Action: ["s3:GetObject"], Resource: "*"}', // 45
  '  Fn:', // 46
  '    Type: AWS::Lambda::Function', // 47
  '    Properties:', // 48
  '      Runtime: nodejs20.x', // 49
  '      Handler: index.handler', // 50
  '      Role: !GetAtt Role.Arn', // 51
  '      Code: {ZipFile: "exports.handler = async () => 1"}', // 52
  '      ReservedConcurrentExecutions: 5', // 53
  '      DeadLetterConfig: {TargetArn: !GetAtt Dlq.Arn}', // 54
  '      Environment:', // 55
  '        Variables:', // 56
  '          TABLE: !Ref Table', // 57
  '          QUEUE_URL: !Sub "${Queue}"', // 58
  '          DB_PASSWORD: !Ref DbPassword', // 59
  '          API_KEY: "{{resolve:secretsmanager:prod/key:SecretString:key}}"', // 60
  '          PLAIN: hello', // 61
  '  Other:', // 62
  '    Type: AWS::Lambda::Function', // 63
  '    Properties:', // 64
  '      Role: arn:aws:iam::123456789012:role/shared', // 65
  '      Code: {S3Bucket: my-bucket, S3Key: code.zip}', // 66
  '      Timeout: 900', // 67
  '      MemorySize: 2048', // 68
  '  Third:', // 69
  '    Type: AWS::Lambda::Function', // 70
  '    Properties:', // 71
  '      Role: arn:aws:iam::123456789012:role/shared', // 72
  '      PackageType: Image', // 73
  '      Code: {ImageUri: 123.dkr.ecr.us-east-1.amazonaws.com/x:latest}', // 74
  '  Mapping:', // 75
  '    Type: AWS::Lambda::EventSourceMapping', // 76
  '    Properties:', // 77
  '      FunctionName: !Ref Fn', // 78
  '      EventSourceArn: !GetAtt Queue.Arn', // 79
  '      BatchSize: 10', // 80
  '      FunctionResponseTypes: [ReportBatchItemFailures]', // 81
  '  StreamMapping:', // 82
  '    Type: AWS::Lambda::EventSourceMapping', // 83
  '    Properties:', // 84
  '      FunctionName: !GetAtt Other.Arn', // 85
  '      EventSourceArn: !GetAtt Table.StreamArn', // 86
  '      StartingPosition: LATEST', // 87
  '      MaximumRetryAttempts: -1', // 88
  '      BisectBatchOnFunctionError: true', // 89
  '      DestinationConfig: {OnFailure: {Destination: !GetAtt Dlq.Arn}}', // 90
  '  Invoke:', // 91
  '    Type: AWS::Lambda::EventInvokeConfig', // 92
  '    Properties:', // 93
  '      FunctionName: !Ref Fn', // 94
  '      Qualifier: $LATEST', // 95
  '      MaximumRetryAttempts: 0', // 96
  '      MaximumEventAgeInSeconds: 300', // 97
  '      DestinationConfig: {OnFailure: {Destination: !GetAtt Queue.Arn}}', // 98
  '  Url:', // 99
  '    Type: AWS::Lambda::Url', // 100
  '    Properties:', // 101
  '      TargetFunctionArn: !GetAtt Fn.Arn', // 102
  '      AuthType: NONE', // 103
  '  PublicUrlPermission:', // 104
  '    Type: AWS::Lambda::Permission', // 105
  '    Properties:', // 106
  '      Action: lambda:InvokeFunctionUrl', // 107
  '      FunctionName: !Ref Fn', // 108
  '      Principal: "*"', // 109
  '      FunctionUrlAuthType: NONE', // 110
  '  Topic:', // 111
  '    Type: AWS::SNS::Topic', // 112
  '  Subscription:', // 113
  '    Type: AWS::SNS::Subscription', // 114
  '    Properties: {Protocol: lambda, Endpoint: !GetAtt Other.Arn, TopicArn: !Ref Topic}', // 115
  '  Nightly:', // 116
  '    Type: AWS::Events::Rule', // 117
  '    Properties:', // 118
  '      ScheduleExpression: rate(1 day)', // 119
  '      Targets: [{Arn: !GetAtt Third.Arn, Id: t}]', // 120
  '  Alias:', // 121
  '    Type: AWS::Lambda::Alias', // 122
  '    Properties: {FunctionName: !Ref Other, FunctionVersion: "1", Name: live, ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 3}}', // 123
);

describe('buildStack on CloudFormation', () => {
  const model = cfn(APP);
  const fn = model.functions.find((f) => f.id === 'Fn')!;
  const other = model.functions.find((f) => f.id === 'Other')!;
  const third = model.functions.find((f) => f.id === 'Third')!;

  it('loads cleanly', () => {
    expect(model.diagnostics).toEqual([]);
    expect(model.framework).toBe('cloudformation');
    expect(model.functions.map((f) => f.id)).toEqual(['Fn', 'Other', 'Third']);
  });

  it('reads parameters with NoEcho', () => {
    expect(model.parameters).toEqual([
      expect.objectContaining({ name: 'DbPassword', noEcho: true, loc: expect.objectContaining({ line: 3 }) }),
      expect.objectContaining({ name: 'Stage', default: 'prod', noEcho: false }),
    ]);
  });

  it('gives every resource its kind, ARN expression and name', () => {
    const byId = new Map(model.resources.map((r) => [r.id, r]));
    expect(byId.get('Table')).toMatchObject({ kind: 'table', arn: { 'Fn::GetAtt': ['Table', 'Arn'] }, name: 'orders-prod', loc: { line: 10, column: 3, file: 'template.yaml' } });
    expect(byId.get('Bucket')).toMatchObject({ kind: 'bucket', arn: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' } });
    expect(byId.get('Topic')).toMatchObject({ kind: 'topic', arn: { Ref: 'Topic' } });
    expect(byId.get('Fn')).toMatchObject({ kind: 'function', generated: false });
    expect(byId.get('Table')!.properties.TableName).toBe('orders-prod');
  });

  it('reads function settings with platform defaults', () => {
    expect(fn).toMatchObject({ runtime: 'nodejs20.x', handler: 'index.handler', memorySize: 128, timeout: 3, architectures: ['x86_64'], reservedConcurrency: 5, packageType: 'Zip', roleId: 'Role' });
    expect(fn.code).toMatchObject({ inline: 'exports.handler = async () => 1', loc: { line: 52 } });
    expect(other).toMatchObject({ timeout: 900, memorySize: 2048, provisionedConcurrency: 3 });
    expect(other.code.unknown?.reason).toContain('S3');
    expect(third.packageType).toBe('Image');
    expect(third.code.unknown?.reason).toContain('container image');
  });

  it('links environment values to resources and marks secret-store values', () => {
    const env = new Map(fn.environment.map((v) => [v.name, v]));
    expect(env.get('TABLE')).toMatchObject({ resourceId: 'Table', fromSecretStore: false, value: { Ref: 'Table' }, loc: { line: 57 } });
    expect(env.get('QUEUE_URL')).toMatchObject({ resourceId: 'Queue' });
    expect(env.get('DB_PASSWORD')).toMatchObject({ fromSecretStore: true });
    expect(env.get('DB_PASSWORD')!.resourceId).toBeUndefined();
    expect(env.get('API_KEY')).toMatchObject({ fromSecretStore: true });
    expect(env.get('PLAIN')).toMatchObject({ fromSecretStore: false, value: 'hello' });
  });

  it('expands the role: managed, inline, attached; an unknown policy is an unknown', () => {
    const role = model.roles.find((r) => r.id === 'Role')!;
    expect(role.kind).toBe('cloudformation');
    expect(role.policies.map((p) => [p.kind, p.name])).toEqual([
      ['inline', 'data'],
      ['managed', 'AWSLambdaBasicExecutionRole'],
      ['managed', 'custom'],
      ['attached', 'ExtraPolicy'],
    ]);
    expect(role.statements.find((s) => s.source.name === 'data')).toMatchObject({ effect: 'Allow', action: ['dynamodb:*'], resource: [{ 'Fn::GetAtt': ['Table', 'Arn'] }], loc: { line: 36 } });
    expect(role.statements.some((s) => s.source.name === 'AWSLambdaBasicExecutionRole' && s.action?.includes('logs:CreateLogStream'))).toBe(true);
    expect(role.statements.find((s) => s.source.name === 'ExtraPolicy')).toMatchObject({ action: ['s3:GetObject'], resource: ['*'] });
    expect(role.unknowns).toHaveLength(1);
    expect(role.unknowns[0]!.reason).toContain('arn:aws:iam::123456789012:policy/custom');
  });

  it('shares one external role between functions with the same role ARN', () => {
    expect(other.roleId).toBe(third.roleId);
    const external = model.roles.find((r) => r.id === other.roleId)!;
    expect(external).toMatchObject({ kind: 'external', arn: 'arn:aws:iam::123456789012:role/shared' });
    expect(external.unknowns[0]!.reason).toContain('outside this stack');
  });

  it('collects triggers: S3, SQS and stream mappings, SNS, schedule', () => {
    expect(fn.triggers.map((t) => [t.kind, t.invocation, t.source?.resourceId])).toEqual([
      ['sqs', 'poll', 'Queue'],
      ['s3', 'async', 'Bucket'],
      ['function-url', 'sync', undefined],
    ]);
    expect(fn.triggers[0]!.eventSourceMapping).toMatchObject({ batchSize: 10, functionResponseTypes: ['ReportBatchItemFailures'], resourceId: 'Mapping' });
    const stream = other.triggers.find((t) => t.kind === 'dynamodb-stream')!;
    expect(stream.eventSourceMapping).toMatchObject({ maximumRetryAttempts: -1, bisectBatchOnFunctionError: true, startingPosition: 'LATEST', onFailure: { type: 'sqs', target: { resourceId: 'Dlq' } } });
    expect(other.triggers.find((t) => t.kind === 'sns')).toMatchObject({ source: { resourceId: 'Topic' }, invocation: 'async' });
    expect(third.triggers).toEqual([expect.objectContaining({ kind: 'schedule', schedule: { expression: 'rate(1 day)' } })]);
  });

  it('reads async invoke config, DLQ and function URL', () => {
    expect(fn.asyncConfig).toMatchObject({ maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300, onFailure: { type: 'sqs', target: { resourceId: 'Queue' } }, deadLetter: { type: 'sqs', target: { resourceId: 'Dlq' } } });
    expect(fn.url).toMatchObject({ authType: 'NONE', resourceId: 'Url', loc: { line: 99 } });
    expect(other.asyncConfig).toEqual({});
  });

  it('reads permissions', () => {
    expect(model.permissions).toEqual([
      expect.objectContaining({ id: 'PublicUrlPermission', functionId: 'Fn', action: 'lambda:InvokeFunctionUrl', principal: '*', functionUrlAuthType: 'NONE', generated: false }),
    ]);
  });
});

describe('APIs', () => {
  const model = cfn(
    lines(
      'Resources:',
      '  Fn: {Type: AWS::Lambda::Function, Properties: {Role: arn:aws:iam::1:role/r, Code: {ZipFile: x}}}',
      '  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: api}}',
      '  Users: {Type: AWS::ApiGateway::Resource, Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: users}}',
      '  UserId: {Type: AWS::ApiGateway::Resource, Properties: {RestApiId: !Ref Api, ParentId: !Ref Users, PathPart: "{id}"}}',
      '  Auth: {Type: AWS::ApiGateway::Authorizer, Properties: {RestApiId: !Ref Api, Type: COGNITO_USER_POOLS}}',
      '  GetUser:',
      '    Type: AWS::ApiGateway::Method',
      '    Properties:',
      '      RestApiId: !Ref Api',
      '      ResourceId: !Ref UserId',
      '      HttpMethod: GET',
      '      AuthorizationType: COGNITO_USER_POOLS',
      '      AuthorizerId: !Ref Auth',
      '      Integration: {Type: AWS_PROXY, Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}',
      '  PostUser:',
      '    Type: AWS::ApiGateway::Method',
      '    Properties:',
      '      RestApiId: !Ref Api',
      '      ResourceId: !Ref Users',
      '      HttpMethod: POST',
      '      AuthorizationType: NONE',
      '      ApiKeyRequired: true',
      '      Integration: {Type: AWS_PROXY, Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}',
      '  Stage: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: !Ref Api, MethodSettings: [{ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20}]}}',
      '  Plan: {Type: AWS::ApiGateway::UsagePlan, Properties: {ApiStages: [{ApiId: !Ref Api, Stage: prod}]}}',
      '  Http: {Type: AWS::ApiGatewayV2::Api, Properties: {ProtocolType: HTTP}}',
      '  Jwt: {Type: AWS::ApiGatewayV2::Authorizer, Properties: {ApiId: !Ref Http, AuthorizerType: JWT}}',
      '  Integration: {Type: AWS::ApiGatewayV2::Integration, Properties: {ApiId: !Ref Http, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn}}',
      '  Route: {Type: AWS::ApiGatewayV2::Route, Properties: {ApiId: !Ref Http, RouteKey: "GET /items", AuthorizationType: JWT, AuthorizerId: !Ref Jwt, Target: !Sub "integrations/${Integration}"}}',
    ),
  );
  const fn = model.functions[0]!;

  it('builds REST method triggers with path, method and auth', () => {
    const get = fn.triggers.find((t) => t.id === 'GetUser')!;
    expect(get).toMatchObject({ kind: 'api-rest', invocation: 'sync', api: { apiId: 'Api', path: '/users/{id}', method: 'GET', auth: { type: 'COGNITO', authorizer: 'Auth' } } });
    const post = fn.triggers.find((t) => t.id === 'PostUser')!;
    expect(post.api).toMatchObject({ path: '/users', method: 'POST', auth: { type: 'API_KEY', apiKeyRequired: true } });
  });

  it('builds HTTP API routes', () => {
    expect(fn.triggers.find((t) => t.id === 'Route')).toMatchObject({ kind: 'api-http', api: { apiId: 'Http', path: '/items', method: 'GET', auth: { type: 'JWT', authorizer: 'Jwt' } } });
  });

  it('reads authorizers, throttling and usage plans of each API', () => {
    expect(model.apis).toEqual([
      expect.objectContaining({ id: 'Api', kind: 'rest', authorizers: ['Auth'], throttling: { rateLimit: 10, burstLimit: 20 }, hasUsagePlan: true, generated: false }),
      expect.objectContaining({ id: 'Http', kind: 'http', authorizers: ['Jwt'], hasUsagePlan: false }),
    ]);
  });
});

describe('network', () => {
  const model = cfn(
    lines(
      'Resources:',
      '  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}',
      '  Private: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !GetAZs ""]}}',
      '  Public: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}}',
      '  Igw: {Type: AWS::EC2::InternetGateway}',
      '  Nat: {Type: AWS::EC2::NatGateway, Properties: {SubnetId: !Ref Public}}',
      '  PrivateRoutes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}',
      '  PublicRoutes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}',
      '  ToNat: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref PrivateRoutes, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}}',
      '  ToIgw: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref PublicRoutes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}',
      '  A1: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Private, RouteTableId: !Ref PrivateRoutes}}',
      '  A2: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Public, RouteTableId: !Ref PublicRoutes}}',
      '  DbSubnets: {Type: AWS::RDS::DBSubnetGroup, Properties: {SubnetIds: [!Ref Private]}}',
      '  Db: {Type: AWS::RDS::DBInstance, Properties: {DBSubnetGroupName: !Ref DbSubnets}}',
      '  Search: {Type: AWS::OpenSearchService::Domain, Properties: {VPCOptions: {SubnetIds: [!Ref Private]}}}',
      '  Box: {Type: AWS::EC2::Instance, Properties: {NetworkInterfaces: [{SubnetId: !Ref Private}]}}',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Role: arn:aws:iam::1:role/r',
      '      Code: {ZipFile: x}',
      '      VpcConfig: {SubnetIds: [!Ref Private, subnet-123], SecurityGroupIds: [sg-1]}',
    ),
  );

  it('reads VPCs, subnets, route tables with target kinds, and subnet members', () => {
    expect(model.network.vpcs).toEqual([expect.objectContaining({ id: 'Vpc', cidr: '10.0.0.0/16' })]);
    const priv = model.network.subnets.find((s) => s.id === 'Private')!;
    expect(priv).toMatchObject({ vpcId: 'Vpc', cidr: '10.0.1.0/24', routeTableId: 'PrivateRoutes', availabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } });
    expect(priv.members.map((m) => m.resourceId).sort()).toEqual(['Box', 'Db', 'Search']);
    expect(model.network.subnets.find((s) => s.id === 'Public')!.members).toEqual([{ resourceId: 'Nat', type: 'AWS::EC2::NatGateway' }]);
    const routes = new Map(model.network.routeTables.map((t) => [t.id, t.routes]));
    expect(routes.get('PrivateRoutes')).toEqual([expect.objectContaining({ destination: '0.0.0.0/0', target: 'nat-gateway', targetRef: expect.objectContaining({ resourceId: 'Nat' }) })]);
    expect(routes.get('PublicRoutes')).toEqual([expect.objectContaining({ target: 'internet-gateway' })]);
  });

  it('links function subnets to the model subnets and keeps others as values', () => {
    const vpc = model.functions[0]!.vpc!;
    expect(vpc.subnets.map((s) => s.resourceId)).toEqual(['Private', undefined]);
    expect(vpc.subnets[1]!.value).toBe('subnet-123');
    expect(vpc.securityGroups.map((s) => s.value)).toEqual(['sg-1']);
  });
});

describe('bad input never throws out of the loader', () => {
  it('reports a resource without a Type with its line', () => {
    const model = cfn(lines('Resources:', '  Good: {Type: AWS::SQS::Queue}', '  Bad:', '    Properties: {}'));
    expect(model.resources.map((r) => r.id)).toEqual(['Good']);
    expect(model.diagnostics).toEqual([expect.objectContaining({ code: 'ERR_LEASH_INVALID_TEMPLATE', line: 3, file: 'template.yaml' })]);
  });

  it('passes a parse error through as an empty stack with the diagnostic', () => {
    const model = cfn('Resources:\n  A: [\n');
    expect(model.functions).toEqual([]);
    expect(model.diagnostics[0]).toMatchObject({ code: 'ERR_LEASH_PARSE', file: 'template.yaml' });
  });

  it('survives odd shapes: intrinsic-only properties, missing Role, lists where maps belong', () => {
    const model = cfn(
      lines(
        'Resources:',
        '  Fn:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      Environment: !If [Never, {Variables: {A: 1}}, !Ref AWS::NoValue]',
        '      VpcConfig: !Ref AWS::NoValue',
        '      Layers: !Ref LayerList',
        '      Timeout: "30"',
        '  Weird: {Type: AWS::S3::Bucket, Properties: {NotificationConfiguration: [1, 2]}}',
        '  Rule: {Type: AWS::Events::Rule, Properties: {Targets: notalist}}',
      ),
    );
    const fn = model.functions[0]!;
    expect(fn.timeout).toBe(30);
    expect(fn.vpc).toBeUndefined();
    const role = model.roles.find((r) => r.id === fn.roleId)!;
    expect(role.kind).toBe('external');
    expect(role.unknowns[0]!.reason).toContain('no Role');
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('gives an Unknown for a number that cannot be resolved', () => {
    const model = cfn(lines('Parameters:', '  T: {Type: Number}', 'Resources:', '  Fn: {Type: AWS::Lambda::Function, Properties: {Role: r, Code: {ZipFile: x}, Timeout: !Ref T}}'));
    const timeout = model.functions[0]!.timeout;
    expect(isUnknown(timeout) && timeout.reason).toContain('no default');
    expect(isUnknown(timeout) && timeout.loc?.line).toBe(4);
  });
});

describe('managed policy ARNs written with intrinsics', () => {
  it('recognises Fn::Join and Fn::Sub over AWS::Partition, and an in-stack managed policy', () => {
    const model = cfn(
      lines(
        'Resources:',
        '  Own: {Type: AWS::IAM::ManagedPolicy, Properties: {PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]}}}',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      ManagedPolicyArns:',
        '        - !Join ["", ["arn:", !Ref AWS::Partition, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]]',
        '        - !Sub arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess',
        '        - !Ref Own',
        '        - !ImportValue shared-policy',
      ),
    );
    const role = model.roles[0]!;
    expect(role.policies.map((p) => [p.kind, p.name])).toEqual([
      ['managed', 'AWSLambdaBasicExecutionRole'],
      ['managed', 'AmazonS3ReadOnlyAccess'],
      ['attached', 'Own'],
      ['managed', '!ImportValue "shared-policy"'],
    ]);
    expect(role.statements.find((s) => s.source.name === 'Own')).toMatchObject({ action: ['sqs:SendMessage'] });
    expect(role.unknowns).toEqual([expect.objectContaining({ reason: expect.stringContaining('cannot be resolved'), loc: expect.objectContaining({ line: 10 }) })]);
  });
});

describe('code of plain CloudFormation functions', () => {
  it('reads a local Code path (before aws cloudformation package) relative to the template folder', () => {
    const model = cfn(lines('Resources:', '  Fn: {Type: AWS::Lambda::Function, Properties: {Role: r, Code: ./src/fn}}', '  S3: {Type: AWS::Lambda::Function, Properties: {Role: r, Code: s3://b/k.zip}}'));
    expect(model.functions[0]!.code).toMatchObject({ dir: '/project/src/fn', loc: { line: 2 } });
    expect(model.functions[1]!.code.unknown?.reason).toContain('s3://b/k.zip');
  });
});

describe('references', () => {
  it('warns about references to ids that exist nowhere, with the line', () => {
    const model = cfn(
      lines(
        'Parameters: {Env: {Type: String}}',
        'Resources:',
        '  Table: {Type: AWS::DynamoDB::Table}',
        '  Fn:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      Role: !GetAtt Rol.Arn',
        '      Code: {ZipFile: x}',
        '      Environment: {Variables: {A: !Ref Table, B: !Ref Env, C: !Sub "${AWS::Region}-${Tabel}"}}',
        'Outputs:',
        '  Arn: {Value: !GetAtt Fn.Arn}',
      ),
    );
    expect(model.diagnostics.map((d) => [d.code, d.line, d.message.split(' ')[0]])).toEqual([
      ['WARN_LEASH_UNRESOLVED_REFERENCE', 7, 'Rol'],
      ['WARN_LEASH_UNRESOLVED_REFERENCE', 9, 'Tabel'],
    ]);
  });
});

describe('Fn::ForEach', () => {
  it('expands loops over a known collection and reports unknown ones', () => {
    const model = cfn(
      lines(
        'Transform: AWS::LanguageExtensions',
        'Parameters: {Names: {Type: CommaDelimitedList, Default: "a,b"}, Other: {Type: CommaDelimitedList}}',
        'Resources:',
        '  Fn::ForEach::Queues:',
        '    - Name',
        '    - !Ref Names',
        '    - Queue${Name}:',
        '        Type: AWS::SQS::Queue',
        '        Properties: {QueueName: !Sub "q-${Name}", Tags: [{Key: k, Value: !Ref Name}]}',
        '  Fn::ForEach::Unknown:',
        '    - X',
        '    - !Ref Other',
        '    - T${X}: {Type: AWS::SNS::Topic}',
      ),
    );
    expect(model.resources.map((r) => [r.id, r.name, r.loc.line])).toEqual([
      ['Queuea', 'q-a', 4],
      ['Queueb', 'q-b', 4],
    ]);
    expect(model.resources[1]!.properties.Tags).toEqual([{ Key: 'k', Value: 'b' }]);
    expect(model.diagnostics).toEqual([expect.objectContaining({ code: 'WARN_LEASH_FOREACH', line: 10 })]);
  });

  it(`reads at most ${MAX_ENVIRONMENT_CHARACTERS} characters of environment per function (SAM Globals given to many functions), reported once`, () => {
    const globals = Array.from({ length: 100 }, (_, i) => `        V${i}: "${'v'.repeat(2_000)}"`);
    const functions = Array.from({ length: 50 }, (_, i) => [`  F${i}:`, '    Type: AWS::Serverless::Function', '    Properties:', '      Handler: index.handler', '      Runtime: nodejs22.x', '      InlineCode: x']);
    const model = stack(lines('Transform: AWS::Serverless-2016-10-31', 'Globals:', '  Function:', '    Environment:', '      Variables:', ...globals, 'Resources:', ...functions.flat()));
    expect(model.functions).toHaveLength(50);
    for (const fn of model.functions) expect(fn.environment.length).toBe(Math.floor(MAX_ENVIRONMENT_CHARACTERS / 2_003));
    const limits = model.diagnostics.filter((d) => d.code === 'ERR_LEASH_LIMIT');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.message).toContain('limit MAX_ENVIRONMENT_CHARACTERS');
  });
});
