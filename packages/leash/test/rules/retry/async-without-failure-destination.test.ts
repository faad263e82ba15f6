import rule from '../../../src/rules/retry/async-without-failure-destination.js';
import { ruleTester } from '../rule-tester.js';

const sam = (resources: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${resources}`;

const fn = (props: string, events: string): string => `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {}"
${props}      Events:
${events}`;

const bucket = '  Bucket:\n    Type: AWS::S3::Bucket\n';
const dlq = '  Dlq:\n    Type: AWS::SQS::Queue\n';
const onUpload = `        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: s3:ObjectCreated:*
`;
const nightly = `        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
`;
const get = `        Get:
          Type: Api
          Properties:
            Path: /
            Method: get
`;

ruleTester(rule, {
  valid: [
    { name: 'S3 trigger with a DeadLetterQueue', app: sam(`${bucket}${dlq}${fn('      DeadLetterQueue:\n        Type: SQS\n        TargetArn: !GetAtt Dlq.Arn\n', onUpload)}`) },
    {
      name: 'S3 trigger with an on-failure destination',
      app: sam(`${bucket}${dlq}${fn(
        `      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt Dlq.Arn
`,
        onUpload,
      )}`),
    },
    { name: 'synchronous API trigger only', app: sam(fn('', get)) },
    {
      name: 'on-failure destination in a separate AWS::Lambda::EventInvokeConfig',
      app: sam(`${bucket}${dlq}${fn('', onUpload)}  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt Dlq.Arn
`),
    },

    {
      name: 'Serverless Framework sns event with onError',
      app: {
        'serverless.yml': `service: notes
provider:
  name: aws
  runtime: nodejs20.x
functions:
  notify:
    handler: handler.notify
    onError: arn:aws:sns:eu-west-1:123456789012:failures
    events:
      - sns: alerts
`,
        'handler.js': 'module.exports.notify = async () => {};\n',
      },
    },
  ],
  invalid: [
    { name: 'S3 trigger, no DLQ, no destination', app: sam(`${bucket}${fn('', onUpload)}`), errors: [{ resource: 'Fn', messageId: 'dropped', severity: 'medium', message: 'retried 2 times' }] },
    { name: 'a schedule only: lower', app: sam(fn('', nightly)), errors: [{ resource: 'Fn', messageId: 'dropped', severity: 'low' }] },
    {
      name: 'retries 0 and only an on-success destination',
      app: sam(`${bucket}${dlq}${fn(
        `      EventInvokeConfig:
        MaximumRetryAttempts: 0
        DestinationConfig:
          OnSuccess:
            Type: SQS
            Destination: !GetAtt Dlq.Arn
`,
        onUpload,
      )}`),
      errors: [{ resource: 'Fn', messageId: 'dropped', message: 'never (MaximumRetryAttempts: 0)' }],
    },
    {
      name: 'EventBridge rule trigger',
      app: sam(
        fn(
          '',
          `        Changed:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [aws.ec2]
`,
        ),
      ),
      errors: [{ resource: 'Fn', messageId: 'dropped', severity: 'medium' }],
    },
    {
      name: 'Serverless Framework s3 event without destinations',
      app: {
        'serverless.yml': `service: thumbs
provider:
  name: aws
  runtime: nodejs20.x
functions:
  resize:
    handler: handler.resize
    events:
      - s3: photos
`,
        'handler.js': 'module.exports.resize = async () => {};\n',
      },
      errors: [{ resource: 'resize', messageId: 'dropped' }],
    },
  ],
});
