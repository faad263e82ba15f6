import rule from '../../../src/rules/iam/privilege-escalation.js';
import { ruleTester } from '../rule-tester.js';

function sam(policies: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Policies:
${policies}
`;
}

const allow = (action: string, resource = "'*'"): string => `            - Effect: Allow
              Action: ${action}
              Resource: ${resource}`;

ruleTester(rule, {
  valid: [
    {
      name: 'ordinary data permissions',
      app: sam(`        - AWSLambdaBasicExecutionRole
        - DynamoDBCrudPolicy: { TableName: !Ref Table }
        - AmazonS3ReadOnlyAccess`),
    },
    {
      name: 'one step of a combination is not enough',
      app: sam(`        - Statement:
${allow('iam:PassRole', '!GetAtt WorkerRole.Arn')}
${allow('[lambda:InvokeFunction, ec2:DescribeInstances]')}`),
    },
    {
      name: 'an unconditional Deny removes the grant',
      app: sam(`        - Statement:
${allow('iam:*')}
            - Effect: Deny
              Action: iam:*
              Resource: '*'`),
    },
  ],
  invalid: [
    {
      name: 'the role may write its own policy',
      app: sam(`        - Statement:
${allow('iam:PutRolePolicy')}`),
      errors: [{ resource: 'Fn', messageId: 'escalation', severity: 'high', message: 'iam:PutRolePolicy' }],
    },
    {
      name: 'PassRole + CreateFunction + InvokeFunction',
      app: sam(`        - Statement:
${allow('[iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]')}`),
      errors: [{ severity: 'high', message: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction' }],
    },
    {
      name: 'PassRole of one named role + RunInstances on named resources is medium',
      app: sam(`        - Statement:
${allow('iam:PassRole', '!GetAtt WorkerRole.Arn')}
${allow('ec2:RunInstances', "!Sub 'arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:instance/i-0123456789abcdef0'")}`),
      errors: [{ severity: 'medium', message: 'iam:PassRole + ec2:RunInstances' }],
    },
    {
      name: 'sts:AssumeRole on *',
      app: sam(`        - Statement:
${allow('sts:AssumeRole')}`),
      errors: [{ message: 'sts:AssumeRole' }],
    },
    {
      name: 'rewriting another function',
      app: sam(`        - Statement:
${allow('lambda:UpdateFunctionCode')}`),
      errors: [{ message: 'lambda:UpdateFunctionCode' }],
    },
    {
      name: 'managed IAMFullAccess names its source',
      app: sam(`        - IAMFullAccess`),
      errors: [{ severity: 'high', message: 'managed policy IAMFullAccess' }],
    },
    {
      name: 'AdministratorAccess: one finding listing combinations',
      app: sam(`        - AdministratorAccess`),
      errors: [{ severity: 'high', message: 'managed policy AdministratorAccess' }],
    },
    {
      name: 'a wildcard pattern reaches the action',
      app: sam(`        - Statement:
${allow('iam:Create*')}`),
      errors: [{ message: 'iam:CreateAccessKey' }],
    },
    {
      name: 'Serverless Framework legacy iamRoleStatements reach every function',
      app: {
        'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
  iamRoleStatements:
    - Effect: Allow
      Action: iam:CreateAccessKey
      Resource: '*'
functions:
  a:
    handler: handler.a
  b:
    handler: handler.b
`,
        'handler.js': 'exports.a = async () => {}; exports.b = async () => {};\n',
      },
      errors: [
        { resource: 'a', message: 'iam:CreateAccessKey' },
        { resource: 'b', message: 'iam:CreateAccessKey' },
      ],
    },
    {
      name: 'external role is unknown',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Role: !Ref RoleArn
Parameters:
  RoleArn:
    Type: String
`,
      errors: [{ messageId: 'unknownRole', unknown: true, severity: 'low' }],
    },
  ],
});
