import rule from '../../../src/rules/dos/unbounded-concurrency.js';
import { ruleTester } from '../rule-tester.js';

const sam = (resources: string, extra = ''): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${extra}Resources:
${resources}`;

const fn = (props: string, events = ''): string => `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => ({ statusCode: 200 })"
${props}${events ? `      Events:\n${events}` : ''}`;

const alb = (scheme: string): string => `${fn('')}
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: ${scheme}
      Subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    DependsOn: AllowAlb
    Properties:
      TargetType: lambda
      Targets:
        - Id: !GetAtt Fn.Arn
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Port: 80
      Protocol: HTTP
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref Tg
  AllowAlb:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Action: lambda:InvokeFunction
      Principal: elasticloadbalancing.amazonaws.com
`;

const publicGet = `        Get:
          Type: Api
          Properties:
            Path: /orders
            Method: get
`;

ruleTester(rule, {
  valid: [
    { name: 'public API with reserved concurrency', app: sam(fn('      ReservedConcurrentExecutions: 10\n', publicGet)) },
    { name: 'reserved concurrency 0 (disabled) is not unbounded', app: sam(fn('      ReservedConcurrentExecutions: 0\n      FunctionUrlConfig:\n        AuthType: NONE\n')) },
    {
      name: 'only an SQS trigger',
      app: sam(`  Queue:
    Type: AWS::SQS::Queue
${fn('', `        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
`)}`),
    },
    {
      name: 'API route with AWS_IAM authorization',
      app: sam(`  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: AWS_IAM
${fn('', `        Get:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: get
`)}`),
    },
    { name: 'target of an internal load balancer', app: sam(alb('internal')) },
    { name: 'function URL with AWS_IAM auth', app: sam(fn('      FunctionUrlConfig:\n        AuthType: AWS_IAM\n')) },
    {
      name: 'permission for a service principal with SourceArn',
      app: sam(`${fn('')}
  Bucket:
    Type: AWS::S3::Bucket
  Allow:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceArn: !GetAtt Bucket.Arn
`),
    },
    {
      name: 'Serverless Framework http event with reservedConcurrency',
      app: {
        'serverless.yml': `service: shop
provider:
  name: aws
  runtime: nodejs20.x
functions:
  hello:
    handler: handler.hello
    reservedConcurrency: 5
    events:
      - http:
          path: hello
          method: get
`,
        'handler.js': 'module.exports.hello = async () => ({ statusCode: 200 });\n',
      },
    },
  ],
  invalid: [
    { name: 'target of an internet-facing load balancer', app: sam(alb('internet-facing')), errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'medium', message: 'load balancer Lb (internet-facing)' }] },
    {
      name: 'Serverless Framework url: true',
      app: {
        'serverless.yml': `service: hooks
provider:
  name: aws
  runtime: nodejs20.x
functions:
  hook:
    handler: handler.hook
    url: true
`,
        'handler.js': 'module.exports.hook = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ resource: 'hook', messageId: 'unbounded', severity: 'medium', message: 'public function URL' }],
    },
    {
      name: 'unauthenticated API, no throttling, no reserved concurrency',
      app: sam(fn('', publicGet)),
      errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'medium', message: 'no stage throttling or usage plan' }],
    },
    {
      name: 'API behind a Cognito authorizer is still denial of wallet, one level lower',
      app: sam(`  Pool:
    Type: AWS::Cognito::UserPool
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito:
            UserPoolArn: !GetAtt Pool.Arn
${fn('', `        Get:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: get
`)}`),
      errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'low', message: 'COGNITO authorizer' }],
    },
    {
      name: 'API with stage throttling: rate limited, still unbounded concurrency',
      app: sam(`  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: '/*'
          HttpMethod: '*'
          ThrottlingRateLimit: 10
          ThrottlingBurstLimit: 20
${fn('', `        Get:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /orders
            Method: get
`)}`),
      errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'low', message: 'throttles requests' }],
    },
    {
      name: 'public function URL with a long timeout and big memory is high',
      app: sam(fn('      Timeout: 60\n      MemorySize: 3008\n      FunctionUrlConfig:\n        AuthType: NONE\n')),
      errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'high', message: 'Function URLs have no throttling' }],
    },
    {
      name: 'Lambda::Permission with Principal * and no condition',
      app: sam(`${fn('')}
  Anyone:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: '*'
`),
      errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'medium', message: 'Principal "*"' }],
    },
    {
      name: 'reserved concurrency from a parameter without default is unknown',
      app: sam(fn('      ReservedConcurrentExecutions: !Ref Limit\n', publicGet), 'Parameters:\n  Limit:\n    Type: Number\n'),
      errors: [{ resource: 'Fn', messageId: 'unresolved', unknown: true }],
    },
    {
      name: 'Serverless Framework http event without authorizer',
      app: {
        'serverless.yml': `service: shop
provider:
  name: aws
  runtime: nodejs20.x
functions:
  hello:
    handler: handler.hello
    events:
      - http:
          path: hello
          method: get
`,
        'handler.js': 'module.exports.hello = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ resource: 'hello', messageId: 'unbounded', severity: 'medium' }],
    },
  ],
});
