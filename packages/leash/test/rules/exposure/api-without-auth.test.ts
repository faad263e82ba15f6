import rule from '../../../src/rules/exposure/api-without-auth.js';
import { ruleTester } from '../rule-tester.js';

function sam(resources: string, globals = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    InlineCode: "exports.handler = async () => {};"
${globals}Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
${resources}`;
}

const COGNITO_API = `  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito:
            UserPoolArn: !GetAtt UserPool.Arn
`;

function fnWithEvent(event: string): string {
  return `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Route:
${event}
`;
}

function sls(events: string, provider = ''): Record<string, string> {
  return {
    'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
${provider}functions:
  api:
    handler: handler.api
    events:
${events}`,
    'handler.js': 'exports.api = async () => {};\n',
  };
}

ruleTester(rule, {
  valid: [
    {
      name: 'default Cognito authorizer on the API',
      app: sam(`${COGNITO_API}${fnWithEvent(`          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: post`)}`),
    },
    {
      name: 'IAM auth on an event',
      app: sam(
        fnWithEvent(`          Type: Api
          Properties:
            Path: /orders
            Method: get
            Auth:
              Authorizer: AWS_IAM`),
      ),
    },
    {
      name: 'OPTIONS (CORS preflight) without auth',
      app: sam(`${COGNITO_API}${fnWithEvent(`          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: options
            Auth:
              Authorizer: NONE`)}`),
    },
    {
      name: 'HTTP API with a JWT authorizer',
      app: sam(`  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc
              audience: [client]
${fnWithEvent(`          Type: HttpApi
          Properties:
            ApiId: !Ref Http
            Path: /orders
            Method: GET`)}`),
    },
    {
      name: 'Serverless http event with an authorizer',
      app: sls(`      - http:
          path: orders
          method: get
          authorizer: aws_iam
`),
    },
    {
      name: 'Serverless WebSocket $connect with an authorizer',
      app: {
        'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
functions:
  auth:
    handler: handler.auth
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: $connect
          authorizer: auth
`,
        'handler.js': 'exports.auth = async () => {}; exports.connect = async () => {};\n',
      },
    },
    {
      name: 'non-API triggers',
      app: sam(`  Queue:
    Type: AWS::SQS::Queue
${fnWithEvent(`          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn`)}`),
    },
  ],
  invalid: [
    {
      name: 'SAM Api event on the implicit API, no auth',
      app: sam(
        fnWithEvent(`          Type: Api
          Properties:
            Path: /orders
            Method: post`),
      ),
      errors: [{ resource: 'Fn', messageId: 'none', severity: 'high', message: 'POST /orders' }],
    },
    {
      name: 'opting out of the default authorizer, with a hint that one exists',
      app: sam(`${COGNITO_API}${fnWithEvent(`          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /public
            Method: get
            Auth:
              Authorizer: NONE`)}`),
      errors: [{ messageId: 'none', message: 'the API defines Cognito but this route uses none' }],
    },
    {
      name: 'HTTP API without authorizer',
      app: sam(
        fnWithEvent(`          Type: HttpApi
          Properties:
            Path: /items
            Method: GET`),
      ),
      errors: [{ messageId: 'none', message: 'HTTP API route GET /items' }],
    },
    {
      name: 'API key only is not authentication',
      app: sam(
        fnWithEvent(`          Type: Api
          Properties:
            Path: /orders
            Method: get
            Auth:
              ApiKeyRequired: true`),
      ),
      errors: [{ messageId: 'apiKeyOnly', severity: 'medium' }],
    },
    {
      name: 'ANY method includes more than OPTIONS',
      app: sam(
        fnWithEvent(`          Type: Api
          Properties:
            Path: /{proxy+}
            Method: any`),
      ),
      errors: [{ messageId: 'none', message: 'ANY /{proxy+}' }],
    },
    {
      name: 'Serverless http and httpApi events without authorizer; private is an API key',
      app: sls(`      - http:
          path: orders
          method: post
      - httpApi:
          path: /items
          method: get
      - http:
          path: admin
          method: get
          private: true
`),
      errors: [
        { resource: 'api', messageId: 'none', message: 'REST API' },
        { resource: 'api', messageId: 'none', message: 'HTTP API' },
        { resource: 'api', messageId: 'apiKeyOnly' },
      ],
    },
    {
      name: 'Serverless WebSocket: $connect without authorizer fires, other routes do not',
      app: {
        'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
functions:
  connect:
    handler: handler.connect
    events:
      - websocket:
          route: $connect
  message:
    handler: handler.message
    events:
      - websocket:
          route: $default
      - websocket: sendMessage
`,
        'handler.js': 'exports.connect = async () => {}; exports.message = async () => {};\n',
      },
      errors: [{ resource: 'connect', messageId: 'none', message: 'WebSocket API route $connect' }],
    },
    {
      name: 'CloudFormation method with AuthorizationType NONE',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code: { ZipFile: "exports.handler = async () => {};" }
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: api
  Orders:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: orders
  OrdersPost:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
`,
      errors: [{ resource: 'Fn', messageId: 'none' }],
    },
    // A PRIVATE REST API is reachable only through VPC endpoints: "anyone who finds the URL" is
    // wrong there (corpus: serverless-patterns apigw-private-lambda, multi-account-private-apigw).
    {
      name: 'SAM private API without auth: low, not "anyone who finds the URL"',
      app: sam(`  PrivateApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: PRIVATE
${fnWithEvent(`          Type: Api
          Properties:
            RestApiId: !Ref PrivateApi
            Path: /get
            Method: any`)}`),
      errors: [{ resource: 'Fn', messageId: 'privateNone', severity: 'low', message: 'private API PrivateApi' }],
    },
    {
      name: 'SAM private API written as {Type: PRIVATE}',
      app: sam(`  PrivateApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration:
        Type: PRIVATE
${fnWithEvent(`          Type: Api
          Properties:
            RestApiId: !Ref PrivateApi
            Path: /get
            Method: get`)}`),
      errors: [{ resource: 'Fn', messageId: 'privateNone', severity: 'low' }],
    },
    {
      name: 'a REGIONAL API stays high',
      app: sam(`  RegionalApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: REGIONAL
${fnWithEvent(`          Type: Api
          Properties:
            RestApiId: !Ref RegionalApi
            Path: /get
            Method: get`)}`),
      errors: [{ resource: 'Fn', messageId: 'none', severity: 'high' }],
    },
    {
      name: 'Serverless endpointType: private',
      app: sls(
        `      - http:
          path: items
          method: get
`,
        `  endpointType: private
`,
      ),
      errors: [{ resource: 'api', messageId: 'privateNone', severity: 'low' }],
    },
    {
      name: 'CloudFormation RestApi with EndpointConfiguration Types [PRIVATE]',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code: { ZipFile: "exports.handler = async () => {};" }
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: api
      EndpointConfiguration:
        Types: [PRIVATE]
  OrdersGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
`,
      errors: [{ resource: 'Fn', messageId: 'privateNone', severity: 'low', message: 'private API Api' }],
    },
  ],
});
