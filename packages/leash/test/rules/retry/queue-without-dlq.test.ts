import rule from '../../../src/rules/retry/queue-without-dlq.js';
import { ruleTester } from '../rule-tester.js';

const sam = (queues: string, queueRef = '!GetAtt Queue.Arn'): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${queues}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {}"
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: ${queueRef}
`;

const dlq = '  Dlq:\n    Type: AWS::SQS::Queue\n';

ruleTester(rule, {
  valid: [
    {
      name: 'queue with a redrive policy',
      app: sam(`${dlq}  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 5
`),
    },
    {
      name: 'redrive policy as a JSON string',
      app: sam(`  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:dlq","maxReceiveCount":5}'
`),
    },
    {
      name: 'Serverless Framework sqs event on a queue with redrive',
      app: {
        'serverless.yml': `service: jobs
provider:
  name: aws
  runtime: nodejs20.x
functions:
  work:
    handler: handler.work
    events:
      - sqs:
          arn: !GetAtt Jobs.Arn
resources:
  Resources:
    JobsDlq:
      Type: AWS::SQS::Queue
    Jobs:
      Type: AWS::SQS::Queue
      Properties:
        RedrivePolicy:
          deadLetterTargetArn: !GetAtt JobsDlq.Arn
          maxReceiveCount: 5
`,
        'handler.js': 'module.exports.work = async () => {};\n',
      },
    },
  ],
  invalid: [
    {
      // corpus: serverless-patterns serverless-message-processing (a DLQ reprocessor)
      name: 'a function consuming the dead-letter queue of another queue: low, named as such',
      app: sam(
        `  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 5
${dlq}`,
        '!GetAtt Dlq.Arn',
      ),
      errors: [{ resource: 'Fn', messageId: 'deadLetterConsumer', severity: 'low', message: 'the dead-letter queue of Queue' }],
    },
    {
      name: 'redrive policy behind a condition is unknown',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  WithDlq:
    Type: String
Conditions:
  UseDlq: !Equals [!Ref WithDlq, 'yes']
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: !If
        - UseDlq
        - deadLetterTargetArn: !GetAtt Dlq.Arn
          maxReceiveCount: 5
        - !Ref AWS::NoValue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {}"
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
`,
      errors: [{ resource: 'Fn', messageId: 'unresolved', unknown: true }],
    },
    { name: 'queue without redrive policy', app: sam('  Queue:\n    Type: AWS::SQS::Queue\n'), errors: [{ resource: 'Fn', messageId: 'missing', severity: 'medium', message: '4 days by default' }] },
    {
      name: 'FIFO queue without redrive policy blocks its group',
      app: sam('  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n'),
      errors: [{ resource: 'Fn', messageId: 'missing', severity: 'high', message: 'FIFO' }],
    },
    {
      name: 'queue outside the stack',
      app: sam('', 'arn:aws:sqs:eu-west-1:123456789012:orders'),
      errors: [{ resource: 'Fn', messageId: 'external', unknown: true }],
    },
    {
      name: 'Serverless Framework sqs event on a queue without redrive',
      app: {
        'serverless.yml': `service: jobs
provider:
  name: aws
  runtime: nodejs20.x
functions:
  work:
    handler: handler.work
    events:
      - sqs:
          arn: !GetAtt Jobs.Arn
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
`,
        'handler.js': 'module.exports.work = async () => {};\n',
      },
      errors: [{ resource: 'work', messageId: 'missing' }],
    },
  ],
});
