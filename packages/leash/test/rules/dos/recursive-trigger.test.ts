import rule, { keyMayMatch } from '../../../src/rules/dos/recursive-trigger.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../rule-tester.js';

const sam = (resources: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${resources}`;

const fn = (props: string, events: string): string => `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      InlineCode: "def handler(event, context): return {}"
${props}      Events:
${events}`;

const bucket = '  Bucket:\n    Type: AWS::S3::Bucket\n';
const other = '  Other:\n    Type: AWS::S3::Bucket\n';
const onUpload = (filter = '', events = 's3:ObjectCreated:*'): string => `        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: ${events}
${filter}`;
const prefixFilter = `            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: uploads/
`;
const queue = '  Queue:\n    Type: AWS::SQS::Queue\n';
const onQueue = `        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
`;

ruleTester(rule, {
  valid: [
    { name: 'writes to another bucket', app: sam(`${bucket}${other}${fn('      Policies:\n        - S3CrudPolicy:\n            BucketName: !Ref Other\n', onUpload())}`) },
    { name: 'only reads the triggering bucket', app: sam(`${bucket}${fn('      Policies:\n        - S3ReadPolicy:\n            BucketName: !Ref Bucket\n', onUpload())}`) },
    { name: 'trigger on removals only', app: sam(`${bucket}${fn('      Policies:\n        - S3CrudPolicy:\n            BucketName: !Ref Bucket\n', onUpload('', 's3:ObjectRemoved:*'))}`) },
    {
      name: 'prefix filter disjoint from the only prefix the role may write',
      app: sam(`${bucket}${fn(
        `      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub '\${Bucket.Arn}/processed/*'
`,
        onUpload(prefixFilter),
      )}`),
    },
    {
      name: 'bucket ARN without /* does not grant PutObject on objects',
      app: sam(`${bucket}${fn(
        `      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !GetAtt Bucket.Arn
`,
        onUpload(),
      )}`),
    },
    {
      name: 'sends to another queue',
      app: sam(`${queue}  Out:\n    Type: AWS::SQS::Queue\n${fn('      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Out.QueueName\n', onQueue)}`),
    },
  ],
  invalid: [
    {
      name: 'S3 trigger and S3CrudPolicy on the same bucket',
      app: sam(`${bucket}${fn('      Policies:\n        - S3CrudPolicy:\n            BucketName: !Ref Bucket\n', onUpload())}`),
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'medium', message: 'AWS stops such loops' }],
    },
    {
      name: 'S3 trigger with a prefix filter and a role that may write any key: lower, names the filter',
      app: sam(`${bucket}${fn('      Policies:\n        - S3CrudPolicy:\n            BucketName: !Ref Bucket\n', onUpload(prefixFilter))}`),
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'low', message: 'prefix "uploads/"' }],
    },
    {
      name: 's3:* on every resource',
      app: sam(`${bucket}${fn(
        `      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:*
              Resource: '*'
`,
        onUpload(),
      )}`),
      // Only a wildcard names the bucket: what the role allows, not a sign the code writes back
      // (corpus: s3-lambda-polly-sam, rekognition-image-moderation-tagging), one level lower.
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'low', message: 'on every resource' }],
    },
    {
      name: 'a wildcard grant beside one naming the bucket: the named one counts',
      app: sam(`${bucket}${fn(
        `      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: '*'
        - S3WritePolicy:
            BucketName: !Ref Bucket
`,
        onUpload(),
      )}`),
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'medium' }],
    },
    {
      name: 'sends to its own queue with RecursiveLoop Allow',
      app: sam(`${queue}${fn('      RecursiveLoop: Allow\n      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Queue.QueueName\n', onQueue)}`),
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'high', message: 'RecursiveLoop: Allow' }],
    },
    {
      name: 'DynamoDB stream and DynamoDBCrudPolicy on the same table: no AWS loop detection',
      app: sam(`  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      StreamSpecification:
        StreamViewType: NEW_IMAGE
${fn(
  '      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Table\n',
  `        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: LATEST
`,
)}`),
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'high', message: 'does not detect loops' }],
    },
    {
      name: 'publishes to the topic it subscribes to',
      app: sam(`  Topic:
    Type: AWS::SNS::Topic
${fn(
  `      Policies:
        - Statement:
            - Effect: Allow
              Action: sns:Publish
              Resource: !Ref Topic
`,
  `        Note:
          Type: SNS
          Properties:
            Topic: !Ref Topic
`,
)}`),
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'medium' }],
    },
    {
      name: 'bucket named by !Sub, a policy with the same text, two notifications: one finding',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-uploads"
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: suffix
                    Value: .mp3
            Function: !GetAtt Fn.Arn
          - Event: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: suffix
                    Value: .wav
            Function: !GetAtt Fn.Arn
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: Objects
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Sub "arn:aws:s3:::\${AWS::StackName}-uploads/*"
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code:
        ZipFile: "def handler(event, context): return {}"
  InvokeFromS3:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceAccount: !Ref AWS::AccountId
`,
      errors: [{ resource: 'Fn', messageId: 'loop', severity: 'low', message: 'LambdaConfigurations[1]' }],
    },
    {
      name: 'external role: cannot tell',
      app: sam(`${bucket}${fn('      Role: arn:aws:iam::123456789012:role/shared\n', onUpload())}`),
      errors: [{ resource: 'Fn', messageId: 'maybe', unknown: true }],
    },
  ],
});

describe('keyMayMatch', () => {
  it('compares a written key glob with a prefix and suffix filter', () => {
    expect(keyMayMatch('*', 'uploads/', '')).toBe(true);
    expect(keyMayMatch('processed/*', 'uploads/', '')).toBe(false);
    expect(keyMayMatch('uploads/out/*', 'uploads/', '')).toBe(true);
    expect(keyMayMatch('up*', 'uploads/', '')).toBe(true);
    expect(keyMayMatch('*.json', '', '.jpg')).toBe(false);
    expect(keyMayMatch('thumbs/a.jpg', 'thumbs/', '.jpg')).toBe(true);
  });
});
