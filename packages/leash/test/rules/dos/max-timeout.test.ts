import rule from '../../../src/rules/dos/max-timeout.js';
import { ruleTester } from '../rule-tester.js';

const sam = (resources: string, extra = ''): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${extra}Resources:
${resources}`;

const fn = (props: string, events = ''): string => `  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      InlineCode: "def handler(event, context): return {}"
${props}${events ? `      Events:\n${events}` : ''}`;

const api = (type: 'Api' | 'HttpApi'): string => `        Get:
          Type: ${type}
          Properties:
            Path: /report
            Method: get
`;

const sqs = `        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
`;

const queue = (props = ''): string => `  Queue:
    Type: AWS::SQS::Queue
${props ? `    Properties:\n${props}` : ''}`;

ruleTester(rule, {
  valid: [
    { name: 'default timeout, no triggers', app: sam(fn('')) },
    { name: 'REST API with a timeout within 29 s', app: sam(fn('      Timeout: 29\n', api('Api'))) },
    { name: 'HTTP API with a 30 s timeout', app: sam(fn('      Timeout: 30\n', api('HttpApi'))) },
    { name: 'function URL with a long timeout below the maximum', app: sam(fn('      Timeout: 600\n      FunctionUrlConfig:\n        AuthType: AWS_IAM\n')) },
    { name: 'SQS queue visibility at 6 x the timeout', app: sam(`${queue('      VisibilityTimeout: 120\n')}${fn('      Timeout: 20\n', sqs)}`) },
    { name: 'SQS default visibility (30 s) with a 5 s timeout', app: sam(`${queue()}${fn('      Timeout: 5\n', sqs)}`) },
  ],
  invalid: [
    { name: 'timeout at the 900 s maximum', app: sam(fn('      Timeout: 900\n')), errors: [{ resource: 'Fn', messageId: 'maximum', severity: 'low' }] },
    {
      name: 'timeout set in Globals',
      app: sam(fn(''), 'Globals:\n  Function:\n    Timeout: 900\n'),
      errors: [{ resource: 'Fn', messageId: 'maximum' }],
    },
    {
      name: 'REST API function with a 120 s timeout',
      app: sam(fn('      Timeout: 120\n', api('Api'))),
      errors: [{ resource: 'Fn', messageId: 'beyondApi', severity: 'medium', message: '29 s' }],
    },
    {
      name: 'REST API function with a 30 s timeout: a small overrun, low',
      app: sam(fn('      Timeout: 30\n', api('Api'))),
      errors: [{ resource: 'Fn', messageId: 'beyondApi', severity: 'low' }],
    },
    {
      name: 'HTTP API function at the maximum: both findings',
      app: sam(fn('      Timeout: 900\n', api('HttpApi'))),
      errors: [
        { resource: 'Fn', messageId: 'maximum' },
        { resource: 'Fn', messageId: 'beyondApi', message: '30 s' },
      ],
    },
    {
      name: 'queue visibility below the timeout: messages processed twice',
      app: sam(`${queue('      VisibilityTimeout: 30\n')}${fn('      Timeout: 60\n', sqs)}`),
      errors: [{ resource: 'Fn', messageId: 'visibilityBelowTimeout', severity: 'medium', message: 'at least 360 s' }],
    },
    {
      name: 'default queue visibility under 6 x the timeout',
      app: sam(`${queue()}${fn('      Timeout: 10\n', sqs)}`),
      errors: [{ resource: 'Fn', messageId: 'visibilityShort', severity: 'low', message: '(the default)' }],
    },
    {
      name: 'queue outside the stack is unknown',
      app: sam(
        fn(
          '      Timeout: 10\n',
          `        Work:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:orders
`,
        ),
      ),
      errors: [{ resource: 'Fn', messageId: 'unresolvedQueue', unknown: true }],
    },
    {
      name: 'Serverless Framework function behind http with a long timeout',
      app: {
        'serverless.yml': `service: shop
provider:
  name: aws
  runtime: nodejs22.x
functions:
  report:
    handler: handler.report
    timeout: 120
    events:
      - http:
          path: report
          method: get
`,
        'handler.js': 'module.exports.report = async () => ({ statusCode: 200 });\n',
      },
      errors: [{ resource: 'report', messageId: 'beyondApi' }],
    },
  ],
});
