import rule from '../../../src/rules/iam/wildcard-resource.js';
import { ruleTester } from '../rule-tester.js';

function sam(properties: string, head = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${head}Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
${properties}
`;
}

const statement = (action: string, resource: string, extra = ''): string => `      Policies:
        - Statement:
            - Effect: Allow
              Action: ${action}
              Resource: ${resource}${extra}`;

ruleTester(rule, {
  valid: [
    {
      name: 'platform permissions: basic execution, X-Ray tracing, VPC access',
      app: sam(`      Tracing: Active
      Policies:
        - AWSLambdaBasicExecutionRole
        - AWSLambdaVPCAccessExecutionRole
        - AWSXRayDaemonWriteAccess`),
    },
    {
      name: 'resources by reference',
      app: sam(`      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref Table }
        - S3CrudPolicy: { BucketName: !Ref Bucket }
        - Statement:
            - Effect: Allow
              Action: [s3:GetObject]
              Resource: !Sub '\${Bucket.Arn}/*'
            - Effect: Allow
              Action: dynamodb:Query
              Resource: !Join ['', [!GetAtt Table.Arn, '/index/*']]`),
    },
    {
      name: 'wildcard-only actions on *',
      app: sam(statement('[xray:PutTraceSegments, xray:PutTelemetryRecords, ec2:DescribeInstances, ssm:DescribeParameters, cloudwatch:PutMetricData]', "'*'")),
    },
    {
      name: 'scoped patterns are not wildcards',
      app: sam(statement('[s3:GetObject, dynamodb:GetItem, logs:PutLogEvents]', `
                - arn:aws:s3:::my-bucket/*
                - !Sub 'arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/app-*'
                - !Sub 'arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/*'`)),
    },
    {
      name: 'the logging baseline written inline, and one API’s routes',
      app: sam(`      Policies:
        - Statement:
            - Effect: Allow
              Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents]
              Resource: '*'
            - Effect: Allow
              Action: execute-api:ManageConnections
              Resource: !Sub 'arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WebSocketApi}/*'`, `Parameters:
  WebSocketApi:
    Type: String
`),
    },
    {
      name: 'SAM templates whose only * is on wildcard-only actions',
      app: sam(`      Policies:
        - SSMParameterReadPolicy: { ParameterName: app/config }
        - EC2DescribePolicy: {}`),
    },
    {
      name: 'Deny on *',
      app: sam(`      Policies:
        - Statement:
            - Effect: Deny
              Action: dynamodb:DeleteTable
              Resource: '*'`),
    },
  ],
  invalid: [
    {
      name: 'inline write on *',
      app: sam(statement('[dynamodb:PutItem, dynamodb:GetItem]', "'*'")),
      errors: [{ resource: 'Fn', messageId: 'wildcard', severity: 'high', message: 'inline policy' }],
    },
    {
      name: "DynamoDBCrudPolicy given '*' expands to every table",
      app: sam(`      Policies:
        - DynamoDBCrudPolicy: { TableName: '*' }`),
      errors: [{ severity: 'high', message: 'SAM policy template DynamoDBCrudPolicy' }],
    },
    {
      name: "S3ReadPolicy given '*' is a read on every bucket",
      app: sam(`      Policies:
        - S3ReadPolicy: { BucketName: '*' }`),
      errors: [{ severity: 'medium', message: 'SAM policy template S3ReadPolicy' }],
    },
    {
      name: 'ARN wildcards in the name part',
      app: sam(statement('sqs:SendMessage', "'arn:aws:sqs:*:*:*'") + `
            - Effect: Allow
              Action: s3:GetObject
              Resource: arn:aws:s3:::*/*
            - Effect: Allow
              Action: lambda:InvokeFunction
              Resource: !Sub 'arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:*'`),
      errors: [
        { severity: 'high', message: 'sqs:SendMessage' },
        { severity: 'medium', message: 's3:GetObject' },
        { severity: 'high', message: 'lambda:InvokeFunction' },
      ],
    },
    {
      name: 'Allow with NotResource',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:DeleteObject
              NotResource: arn:aws:s3:::audit-logs/*
`,
      errors: [{ message: 'NotResource', severity: 'high' }],
    },
    {
      name: 'a condition lowers the severity one level',
      app: sam(statement('dynamodb:PutItem', "'*'", `
              Condition:
                StringEquals: { aws:ResourceTag/app: orders }`)),
      errors: [{ severity: 'medium' }],
    },
    {
      name: 'managed read-only policy',
      app: sam(`      Policies:
        - AmazonS3ReadOnlyAccess`),
      errors: [{ severity: 'medium', message: 'managed policy AmazonS3ReadOnlyAccess' }],
    },
    {
      name: 'a SAM template that writes * itself is low',
      app: sam(`      Policies:
        - CloudWatchDashboardPolicy: {}`),
      errors: [{ severity: 'low', message: 'CloudWatchDashboardPolicy' }],
    },
    {
      name: 'a parameter defaulting to * used as the resource',
      app: sam(statement('sns:Publish', '!Ref TopicArn'), `Parameters:
  TopicArn:
    Type: String
    Default: '*'
`),
      errors: [{ severity: 'high', message: 'sns:Publish' }],
    },
    {
      name: 'Serverless Framework statements on *',
      app: {
        'serverless.yml': `service: demo
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:PutItem]
          Resource: '*'
functions:
  a:
    handler: handler.a
`,
        'handler.js': 'exports.a = async () => {};\n',
      },
      errors: [{ resource: 'a', severity: 'high', message: 'dynamodb:PutItem' }],
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
      Role: arn:aws:iam::123456789012:role/legacy
`,
      errors: [{ messageId: 'unknownRole', unknown: true }],
    },
  ],
});
