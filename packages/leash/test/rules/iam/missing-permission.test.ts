import rule from '../../../src/rules/iam/missing-permission.js';
import { ruleTester } from '../rule-tester.js';

function app(policies: string, code: string, extra = ''): Record<string, string> {
  return {
    'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
  Jobs:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src/
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Ref Orders
          QUEUE: !Ref Jobs
${extra}      Policies:
${policies}
`,
    'src/app.js': `const { DynamoDBClient, GetItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const ddb = new DynamoDBClient({});
const sqs = new SQSClient({});
exports.handler = async (event) => {
${code}
};
`,
  };
}

const getItem = "  await ddb.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { pk: { S: event.id } } }));";
const sendMessage = "  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE, MessageBody: 'x' }));";

ruleTester(rule, {
  valid: [
    {
      name: 'SAM policy templates cover every call',
      app: app(`        - DynamoDBReadPolicy: { TableName: !Ref Orders }
        - SQSSendMessagePolicy: { QueueName: !GetAtt Jobs.QueueName }`, `${getItem}\n${sendMessage}`),
    },
    {
      name: 'an inline statement on the table ARN covers the call',
      app: app(`        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt Orders.Arn`, getItem),
    },
    {
      name: 'cross-check B4: an ARN built from the function\'s own FunctionName covers !GetAtt Worker.Arn',
      app: {
        'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, CodeUri: src/, Handler: worker.handler, FunctionName: !Sub '\${AWS::StackName}-Worker' }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src/
      Handler: app.handler
      Environment: { Variables: { WORKER: !GetAtt Worker.Arn } }
      Policies:
        - Statement: [{ Effect: Allow, Action: lambda:InvokeFunction, Resource: !Sub 'arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${AWS::StackName}-Worker' }]
`,
        'src/worker.js': 'exports.handler = async () => 1;\n',
        'src/app.js': `const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
const l = new LambdaClient({});
exports.handler = async () => l.send(new InvokeCommand({ FunctionName: process.env.WORKER }));
`,
      },
    },
    {
      name: 'cross-check B1: the target role\'s trust policy names the caller\'s role (same account)',
      app: {
        'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
  TargetRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { AWS: !GetAtt FnRole.Arn }, Action: sts:AssumeRole }] }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src/
      Handler: app.handler
      Role: !GetAtt FnRole.Arn
      Environment: { Variables: { TARGET_ROLE: !GetAtt TargetRole.Arn } }
`,
        'src/app.js': `const { STSClient, AssumeRoleCommand } = require('@aws-sdk/client-sts');
const sts = new STSClient({});
exports.handler = async () => sts.send(new AssumeRoleCommand({ RoleArn: process.env.TARGET_ROLE, RoleSessionName: 's' }));
`,
      },
    },
    {
      name: 'a wildcard grant covers it',
      app: app(`        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: '*'`, getItem),
    },
  ],
  invalid: [
    {
      name: 'a call with no grant at all',
      app: app(`        - DynamoDBReadPolicy: { TableName: !Ref Orders }`, `${getItem}\n${sendMessage}`),
      errors: [{ resource: 'Fn', messageId: 'missing', severity: 'medium', message: 'Fn needs sqs:SendMessage on !GetAtt Jobs.Arn (the code calls it at src/app.js:7)' }],
    },
    {
      name: 'a grant on another table',
      app: {
        ...app(`        - DynamoDBCrudPolicy: { TableName: !Ref Other }`, getItem),
        'template.yaml': app(`        - DynamoDBCrudPolicy: { TableName: !Ref Other }`, getItem)['template.yaml']!.replace(
          '  Jobs:\n',
          `  Other:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
  Jobs:
`,
        ),
      },
      errors: [{ messageId: 'missing', message: 'dynamodb:GetItem on !GetAtt Orders.Arn' }],
    },
    {
      name: 'an explicit Deny',
      app: app(`        - DynamoDBCrudPolicy: { TableName: !Ref Orders }
        - Statement:
            - Effect: Deny
              Action: dynamodb:GetItem
              Resource: '*'`, getItem),
      errors: [{ messageId: 'denied', message: 'explicit Deny in inline policy' }],
    },
    {
      name: 'a condition leash cannot decide is unknown, not a pass',
      app: app(`        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt Orders.Arn
              Condition:
                StringEquals:
                  aws:SourceVpce: vpce-123`, getItem),
      errors: [{ messageId: 'unknown', unknown: true, severity: 'low', message: 'aws:SourceVpce' }],
    },
    {
      name: 'a role from outside the stack',
      app: app(`        - AWSLambdaBasicExecutionRole`, getItem, '      Role: arn:aws:iam::123456789012:role/shared\n'),
      errors: [{ messageId: 'unknown', unknown: true, message: 'outside the stack' }],
    },
    {
      name: 'code leash cannot follow is reported',
      app: app(`        - DynamoDBReadPolicy: { TableName: !Ref Orders }`, `${getItem}\n  const name = event.op;\n  await ddb[name]({});`),
      errors: [{ messageId: 'incompleteCode', unknown: true, severity: 'info' }],
    },
  ],
});
