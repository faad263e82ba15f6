import rule from '../../../src/rules/retry/unbounded-stream-retries.js';
import { ruleTester } from '../rule-tester.js';

const sam = (resources: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
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
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Failures:
    Type: AWS::SQS::Queue
${resources}`;

const fn = (events: string): string => `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {}"
      Events:
${events}`;

const dynamo = (extra = ''): string => `        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: LATEST
${extra}`;
const kinesis = (extra = ''): string => `        Records:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Stream.Arn
            StartingPosition: TRIM_HORIZON
${extra}`;
const onFailure = `            DestinationConfig:
              OnFailure:
                Destination: !GetAtt Failures.Arn
`;

ruleTester(rule, {
  valid: [
    { name: 'bounded retries', app: sam(fn(dynamo('            MaximumRetryAttempts: 3\n'))) },
    { name: 'bounded record age', app: sam(fn(kinesis('            MaximumRecordAgeInSeconds: 3600\n'))) },
    { name: 'bounded retries, bisect and on-failure destination', app: sam(fn(kinesis(`            MaximumRetryAttempts: 2\n            BisectBatchOnFunctionError: true\n${onFailure}`))) },
    {
      name: 'SQS trigger is not a stream',
      app: sam(
        fn(`        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Failures.Arn
`),
      ),
    },
  ],
  invalid: [
    {
      name: 'AWS::Lambda::EventSourceMapping on a Kinesis stream with the defaults',
      app: sam(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {}"
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Stream.Arn
      StartingPosition: LATEST
`),
      errors: [{ resource: 'Fn', messageId: 'unbounded' }],
    },
    { name: 'DynamoDB stream with the defaults', app: sam(fn(dynamo())), errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'medium', message: '24 hours' }] },
    { name: 'Kinesis with explicit -1', app: sam(fn(kinesis('            MaximumRetryAttempts: -1\n'))), errors: [{ resource: 'Fn', messageId: 'unbounded', message: 'stream retention' }] },
    {
      name: 'bisect and on-failure destination narrow it but retries stay unbounded',
      app: sam(fn(dynamo(`            BisectBatchOnFunctionError: true\n${onFailure}`))),
      errors: [{ resource: 'Fn', messageId: 'unbounded', severity: 'low', message: 'do not stop the retries' }],
    },
    {
      name: 'Serverless Framework stream event without maximumRetryAttempts',
      app: {
        'serverless.yml': `service: feed
provider:
  name: aws
  runtime: nodejs20.x
functions:
  consume:
    handler: handler.consume
    events:
      - stream:
          type: kinesis
          arn: arn:aws:kinesis:eu-west-1:123456789012:stream/feed
`,
        'handler.js': 'module.exports.consume = async () => {};\n',
      },
      errors: [{ resource: 'consume', messageId: 'unbounded' }],
    },
  ],
});
