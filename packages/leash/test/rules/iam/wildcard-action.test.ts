import rule from '../../../src/rules/iam/wildcard-action.js';
import { ruleTester } from '../rule-tester.js';

/** A SAM app with one function `Fn` whose `Policies:` are the given YAML lines (6 spaces deep). */
function sam(policies: string, resources = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
${resources}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Policies:
${policies}
`;
}

/** A minimal `cdk.out` with a user function and a CDK-internal one (BucketDeployment), both given `s3:*` on `*`. */
function cdkOut(): Record<string, string> {
  const role = (name: string): Record<string, unknown> => ({
    [name]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }],
      },
    },
  });
  const fn = (name: string, roleName: string, path: string): Record<string, unknown> => ({
    [name]: {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': [roleName, 'Arn'] }, Code: { ZipFile: 'exports.handler = async () => {};' } },
      Metadata: { 'aws:cdk:path': path },
    },
  });
  const template = {
    Resources: {
      ...role('UserRole'),
      ...fn('UserFn', 'UserRole', 'App/UserFn/Resource'),
      ...role('DeployRole'),
      ...fn('DeployFn', 'DeployRole', 'App/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource'),
    },
  };
  return {
    'cdk.out/manifest.json': JSON.stringify({ version: '55.0.0', artifacts: { App: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'App.template.json' } } } }),
    'cdk.out/App.template.json': JSON.stringify(template, null, 1),
  };
}

ruleTester(rule, {
  valid: [
    {
      name: 'exact actions and scoped SAM templates',
      app: sam(`        - AWSLambdaBasicExecutionRole
        - DynamoDBCrudPolicy: { TableName: !Ref Table }
        - S3ReadPolicy: { BucketName: !Ref Bucket }
        - SQSSendMessagePolicy: { QueueName: orders }
        - Statement:
            - Effect: Allow
              Action: [s3:GetObject, s3:PutObject]
              Resource: !Sub '\${Bucket.Arn}/*'`),
    },
    {
      name: 'read-only partial patterns do not fire',
      app: sam(`        - Statement:
            - Effect: Allow
              Action: [s3:Get*, s3:List*, ec2:Describe*, logs:Describe*]
              Resource: '*'`),
    },
    {
      name: 'Deny statements with wildcards',
      app: sam(`        - Statement:
            - Effect: Deny
              Action: '*'
              Resource: '*'
              Condition: { Bool: { aws:SecureTransport: 'false' } }
            - Effect: Deny
              Action: s3:*
              Resource: '*'`),
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess managed policy',
      app: sam(`        - AdministratorAccess`),
      errors: [{ resource: 'Fn', messageId: 'allActions', severity: 'critical', message: 'managed policy AdministratorAccess' }],
    },
    {
      name: 'AmazonS3FullAccess managed policy',
      app: sam(`        - AmazonS3FullAccess`),
      errors: [{ resource: 'Fn', messageId: 'serviceWildcard', severity: 'high', message: 's3:*' }],
    },
    {
      name: 'managed policy by ARN',
      app: sam(`        - arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess`),
      errors: [{ messageId: 'serviceWildcard', message: 'dynamodb:*' }],
    },
    {
      name: 'inline * on *',
      app: sam(`        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: '*'`),
      errors: [{ messageId: 'allActions', severity: 'critical', message: 'inline policy' }],
    },
    {
      name: 'service wildcard on a named table is medium',
      app: sam(`        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: !GetAtt Table.Arn`),
      errors: [{ messageId: 'serviceWildcard', severity: 'medium', message: 'dynamodb:*' }],
    },
    {
      name: 'Allow with NotAction',
      app: sam(`        - Statement:
            - Effect: Allow
              NotAction: iam:*
              Resource: '*'`),
      errors: [{ messageId: 'notAction', severity: 'high', message: 'every action except iam:*' }],
    },
    {
      name: 'write-capable partial pattern',
      app: sam(`        - Statement:
            - Effect: Allow
              Action: [s3:*Object, s3:GetBucketLocation]
              Resource: '*'
            - Effect: Allow
              Action: dynamodb:*Item
              Resource: !GetAtt Table.Arn`),
      errors: [
        { messageId: 'partialWildcard', severity: 'medium', message: 's3:*Object' },
        { messageId: 'partialWildcard', severity: 'low', message: 'dynamodb:*Item' },
      ],
    },
    {
      name: 'a policy resource attached to the function role',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  FnPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: fn
      Roles: [!Ref FnRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Action: 'sqs:*', Resource: '*' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code: { ZipFile: "exports.handler = async () => {};" }
`,
      errors: [{ resource: 'Fn', messageId: 'serviceWildcard', message: 'sqs:*' }],
    },
    {
      name: 'Serverless Framework provider statements reach every function',
      app: {
        'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action: '*'
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
        { resource: 'a', messageId: 'allActions' },
        { resource: 'b', messageId: 'allActions' },
      ],
    },
    {
      name: 'CDK-internal functions are one level lower',
      app: cdkOut(),
      errors: [
        { message: 'UserFn', messageId: 'serviceWildcard', severity: 'high' },
        { message: 'Custom::CDKBucketDeployment', messageId: 'serviceWildcard', severity: 'medium' },
      ],
    },
    {
      name: 'external role: its policies are unknown',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Role: arn:aws:iam::123456789012:role/legacy
`,
      errors: [{ resource: 'Fn', messageId: 'unknownRole', unknown: true, severity: 'low' }],
    },
  ],
});
