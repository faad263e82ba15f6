import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/iam/shared-role.js';
import { ruleTester } from '../rule-tester.js';

const HEADER = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    InlineCode: "exports.handler = async () => {};"
`;

const APP_ROLE = `  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: orders
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: dynamodb:PutItem
                Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders
`;

/** A role with nothing but the basic execution policy: sharing it gives no function anything. */
const LOGS_ONLY_ROLE = `  LogsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
`;

function sls(functions: string, provider = ''): Record<string, string> {
  return {
    'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
${provider}functions:
${functions}`,
    'handler.js': 'exports.a = async () => {}; exports.b = async () => {}; exports.c = async () => {};\n',
  };
}

ruleTester(rule, {
  valid: [
    {
      name: 'SAM implicit roles: one per function',
      app: `${HEADER}Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
    Properties:
      Policies: [AWSLambdaBasicExecutionRole]
`,
    },
    {
      name: 'one function using a stack role',
      app: `${HEADER}Resources:
${APP_ROLE}  A:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt AppRole.Arn
  B:
    Type: AWS::Serverless::Function
`,
    },
    {
      name: 'two different external roles',
      app: `${HEADER}Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/a-role
  B:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/b-role
`,
    },
    {
      name: 'two functions share a role that only writes logs and traces (corpus: serverless-patterns)',
      app: `${HEADER}Resources:
${LOGS_ONLY_ROLE}  A:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt LogsRole.Arn
  B:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt LogsRole.Arn
`,
    },
    {
      name: 'the Serverless Framework default role with no statements of its own (corpus: serverless/examples)',
      app: sls(`  a:
    handler: handler.a
  b:
    handler: handler.b
`),
    },
    {
      name: 'Serverless Framework with a single function',
      app: sls(`  a:
    handler: handler.a
`),
    },
  ],
  invalid: [
    {
      name: 'two SAM functions with one stack role',
      app: `${HEADER}Resources:
${APP_ROLE}  A:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt AppRole.Arn
  B:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt AppRole.Arn
  C:
    Type: AWS::Serverless::Function
`,
      errors: [
        { resource: 'A', messageId: 'shared', message: 'with B' },
        { resource: 'B', messageId: 'shared', message: 'with A' },
      ],
    },
    {
      name: 'plain CloudFormation functions with one role',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
${APP_ROLE}  A:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt AppRole.Arn
      Code: { ZipFile: "exports.handler = async () => {};" }
  B:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt AppRole.Arn
      Code: { ZipFile: "exports.handler = async () => {};" }
`,
      errors: [{ resource: 'A' }, { resource: 'B' }],
    },
    {
      name: 'the same external role ARN',
      app: `${HEADER}Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/shared
  B:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/shared
`,
      errors: [
        { resource: 'A', message: 'arn:aws:iam::123456789012:role/shared' },
        { resource: 'B', message: 'with A' },
      ],
    },
    {
      name: 'Serverless Framework default role shared by every function',
      app: sls(
        `  a:
    handler: handler.a
  b:
    handler: handler.b
  c:
    handler: handler.c
`,
        `  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::reports/*
`,
      ),
      errors: [
        { resource: 'a', message: 'Serverless Framework default role' },
        { resource: 'b', message: 'with a, c' },
        { resource: 'c', message: 'with a, b' },
      ],
    },
  ],
});

describe('iam/shared-role on a large shared role', async () => {
  const { loadApp, runRule } = await import('../rule-tester.js');
  it('lists at most 25 of the other functions by id in each finding, and counts them all', () => {
    const functions = Array.from({ length: 40 }, (_, i) => `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Role: !GetAtt AppRole.Arn\n`).join('');
    const found = runRule(rule, loadApp(`${HEADER}Resources:\n${APP_ROLE}${functions}`));
    expect(found).toHaveLength(40);
    for (const f of found) {
      expect((f.properties?.sharedWith as string[]).length).toBe(25);
      expect(f.properties?.sharedWithCount).toBe(39);
    }
  });
});
