import rule from '../../../src/rules/exposure/function-url-public.js';
import { ruleTester } from '../rule-tester.js';

function sam(properties: string, head = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${head}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
${properties}
`;
}

function cfnUrl(authType: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
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
  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: ${authType}
`;
}

function sls(url: string): Record<string, string> {
  return {
    'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
functions:
  api:
    handler: handler.api
${url}`,
    'handler.js': 'exports.api = async () => {};\n',
  };
}

ruleTester(rule, {
  valid: [
    { name: 'no function URL', app: sam('      MemorySize: 256') },
    { name: 'SAM URL with IAM auth', app: sam('      FunctionUrlConfig:\n        AuthType: AWS_IAM') },
    { name: 'AWS::Lambda::Url with IAM auth', app: cfnUrl('AWS_IAM') },
    { name: 'Serverless url with aws_iam authorizer', app: sls('    url:\n      authorizer: aws_iam\n') },
    { name: 'Serverless function without url', app: sls('') },
  ],
  invalid: [
    {
      name: 'SAM FunctionUrlConfig AuthType NONE',
      app: sam('      FunctionUrlConfig:\n        AuthType: NONE'),
      errors: [{ resource: 'Fn', messageId: 'public', severity: 'high' }],
    },
    {
      name: 'SAM URL in Globals with CORS open to every origin',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    FunctionUrlConfig:
      AuthType: NONE
      Cors:
        AllowOrigins: ['*']
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
`,
      errors: [{ resource: 'Fn', message: 'CORS open to every origin' }],
    },
    {
      name: 'AWS::Lambda::Url with AuthType NONE',
      app: cfnUrl('NONE'),
      errors: [{ resource: 'Fn', messageId: 'public' }],
    },
    {
      name: 'Serverless url: true',
      app: sls('    url: true\n'),
      errors: [{ resource: 'api', messageId: 'public' }],
    },
    {
      name: 'Serverless url with cors only',
      app: sls('    url:\n      cors: true\n'),
      errors: [{ resource: 'api', messageId: 'public', message: 'CORS open to every origin' }],
    },
    {
      name: 'auth type from a parameter without default is unknown',
      app: sam(
        '      FunctionUrlConfig:\n        AuthType: !Ref UrlAuth',
        `Parameters:
  UrlAuth:
    Type: String
    AllowedValues: [NONE, AWS_IAM]
`,
      ),
      errors: [{ resource: 'Fn', messageId: 'unknownAuth', unknown: true, severity: 'medium' }],
    },
  ],
});
