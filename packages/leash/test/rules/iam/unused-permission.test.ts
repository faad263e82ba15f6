import rule from '../../../src/rules/iam/unused-permission.js';
import { describe, expect, it } from 'vitest';
import { loadApp, ruleTester, runRule } from '../rule-tester.js';

const TABLE = `  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
  Jobs:
    Type: AWS::SQS::Queue
`;

function app(policies: string, code: string, fnExtra = ''): Record<string, string> {
  return {
    'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
${TABLE}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src/
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Ref Orders
${fnExtra}      Policies:
${policies}
`,
    'src/app.js': `const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const ddb = new DynamoDBClient({});
exports.handler = async (event) => {
${code}
};
`,
  };
}

const getItem = '  return ddb.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { pk: { S: event.id } } }));';
const exactGrant = `        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt Orders.Arn`;

ruleTester(rule, {
  valid: [
    { name: 'exactly what the code needs', app: app(exactGrant, getItem) },
    {
      name: 'cross-check B15: a DocumentDB event source\'s poller reads the cluster and its secret with the role',
      app: app(
        `${exactGrant}
        - Statement:
            - { Effect: Allow, Action: [rds:DescribeDBClusters, rds:DescribeDBClusterParameters, rds:DescribeDBSubnetGroups], Resource: 'arn:aws:rds:us-east-1:123456789012:cluster:docdb' }
            - { Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:docdb-AbCdEf' }`,
        getItem,
        `      Events:
        Docs:
          Type: DocumentDB
          Properties: { Cluster: 'arn:aws:rds:us-east-1:123456789012:cluster:docdb', DatabaseName: db, CollectionName: c, SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:docdb-AbCdEf' }] }
`,
      ),
    },
    {
      name: 'platform permissions: VPC, X-Ray and the SQS poller are never unused',
      app: app(
        `${exactGrant}
        - AWSLambdaVPCAccessExecutionRole
        - AWSXRayDaemonWriteAccess
        - SQSPollerPolicy: { QueueName: !GetAtt Jobs.QueueName }`,
        getItem,
        `      Tracing: Active
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
`,
      ),
    },
  ],
  invalid: [
    {
      name: 'the rest of a broad SAM template, with the data it exposes',
      app: app('        - DynamoDBCrudPolicy: { TableName: !Ref Orders }', getItem),
      errors: [
        {
          resource: 'Fn',
          messageId: 'unusedActions',
          severity: 'medium',
          message: 'Fn never uses 9 of the actions granted by SAM policy template DynamoDBCrudPolicy (dynamodb:BatchGetItem, dynamodb:Query, dynamodb:Scan, dynamodb:BatchWriteItem',
        },
      ],
    },
    {
      name: 'a whole statement nothing uses',
      app: app(`${exactGrant}\n        - S3ReadPolicy: { BucketName: reports }`, getItem),
      errors: [{ messageId: 'unusedStatement', severity: 'medium', message: 'data exfiltration (s3:GetObject)' }],
    },
    {
      name: 'unused IAM permissions that make an escalation path',
      app: app(
        `${exactGrant}
        - Statement:
            - Effect: Allow
              Action: [iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction]
              Resource: '*'`,
        getItem,
      ),
      errors: [{ messageId: 'unusedStatement', severity: 'high', message: 'escalation path iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction' }],
    },
    {
      name: 'an operation name that is no IAM action',
      app: app(
        `${exactGrant}
        - Statement:
            - Effect: Allow
              Action: s3:ListObjectsV2
              Resource: '*'`,
        getItem,
      ),
      errors: [{ messageId: 'notAnAction', severity: 'low', message: 's3:ListObjectsV2, which is no IAM action' }],
    },
    {
      name: 'code leash cannot follow: no unused claim, an unknown instead',
      app: app('        - DynamoDBCrudPolicy: { TableName: !Ref Orders }', `${getItem.replace('return ', 'const r = ')}\n  return ddb[event.op]({});`),
      errors: [{ messageId: 'incomplete', unknown: true, severity: 'info' }],
    },
  ],
});

describe('iam/unused-permission properties', () => {
  it('an Action "*" grant is summarised: counts, riskiest actions first, lists capped', () => {
    const found = runRule(rule, loadApp(app('        - AdministratorAccess', getItem)));
    expect(found).toHaveLength(1);
    const p = found[0]!.properties as { unusedActionCount: number; unusedActions: string[]; riskCounts: Record<string, number>; risks: Record<string, string[]>; escalations: unknown[] };
    expect(found[0]!.severity).toBe('high');
    expect(p.unusedActionCount).toBeGreaterThan(20000);
    expect(p.unusedActions).toHaveLength(100);
    expect(p.unusedActions[0]).toMatch(/^iam:|^sts:|^lambda:|^glue:|^ec2|^ssm|^codebuild|^cloudformation|^sagemaker|^apprunner|^codestar|^kms/);
    expect(p.riskCounts['privilege-escalation']).toBeGreaterThan(20);
    expect(Object.values(p.risks).every((list) => list.length <= 100)).toBe(true);
    expect(p.escalations.length).toBeGreaterThan(10);
  });
});
