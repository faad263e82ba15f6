import rule from '../../../src/rules/iam/dangerous-action.js';
import { ruleTester } from '../rule-tester.js';

function sam(policies: string, events = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  Secret:
    Type: AWS::SecretsManager::Secret
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
${events}      Policies:
${policies}
`;
}

const allow = (action: string, resource = "'*'"): string => `        - Statement:
            - Effect: Allow
              Action: ${action}
              Resource: ${resource}`;

ruleTester(rule, {
  valid: [
    {
      name: 'scoped data permissions',
      app: sam(`        - S3ReadPolicy: { BucketName: !Ref Bucket }
        - AWSSecretsManagerGetSecretValuePolicy: { SecretArn: !Ref Secret }
${allow('[ses:SendEmail, bedrock:InvokeModel]', `
                - !Sub 'arn:aws:ses:\${AWS::Region}:\${AWS::AccountId}:identity/example.com'
                - !Sub 'arn:aws:bedrock:\${AWS::Region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'`)}`),
    },
    {
      name: 'platform permissions: basic execution and the SQS poller SAM adds',
      app: sam(
        `        - AWSLambdaBasicExecutionRole`,
        `      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
`,
      ),
    },
    {
      name: 'wildcard-only reads of metadata',
      app: sam(allow('[ec2:DescribeInstances, xray:PutTraceSegments]')),
    },
  ],
  invalid: [
    {
      name: 'reading every secret is exfiltration',
      app: sam(allow('secretsmanager:GetSecretValue')),
      errors: [{ resource: 'Fn', messageId: 'dangerous', severity: 'high', message: 'copy data out of the account or read secrets' }],
    },
    {
      name: 'compute abuse',
      app: sam(allow('[ec2:RunInstances, bedrock:InvokeModel]')),
      errors: [{ severity: 'high', message: 'start paid compute' }],
    },
    {
      name: 'credential exposure',
      app: sam(allow('[sts:GetFederationToken, ecr:GetAuthorizationToken]')),
      errors: [{ severity: 'high', message: 'obtain credentials' }],
    },
    {
      name: 'resource exposure',
      app: sam(allow('[s3:PutBucketPolicy, lambda:AddPermission]')),
      errors: [{ severity: 'high', message: 'change who can access resources' }],
    },
    {
      name: 'data access',
      app: sam(allow('dynamodb:Scan')),
      errors: [{ severity: 'medium', message: 'read stored data' }],
    },
    {
      name: 'one finding per class, listing every action',
      app: sam(`${allow('[secretsmanager:GetSecretValue, ssm:GetParameter]')}
${allow('s3:GetObject', 'arn:aws:s3:::*/*')}`),
      errors: [{ message: 'secretsmanager:GetSecretValue, ssm:GetParameter' }],
    },
    {
      name: "SAM policy template given '*'",
      app: sam(`        - SSMParameterReadPolicy: { ParameterName: '*' }`),
      errors: [{ message: 'SAM policy template SSMParameterReadPolicy' }],
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
