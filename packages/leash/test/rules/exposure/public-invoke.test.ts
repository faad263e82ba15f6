import rule from '../../../src/rules/exposure/public-invoke.js';
import { ruleTester } from '../rule-tester.js';

/** A CloudFormation stack with one function `Fn` and the given extra resources. */
function cfn(resources: string, head = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
${head}Resources:
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code: { ZipFile: "exports.handler = async () => {};" }
  Bucket:
    Type: AWS::S3::Bucket
${resources}`;
}

function permission(name: string, properties: string): string {
  return `  ${name}:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
${properties}
`;
}

ruleTester(rule, {
  valid: [
    {
      name: 'service principal with SourceArn and SourceAccount',
      app: cfn(permission('FromBucket', `      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceArn: !GetAtt Bucket.Arn
      SourceAccount: !Ref AWS::AccountId`)),
    },
    {
      name: 'a named account',
      app: cfn(permission('FromPartner', `      Action: lambda:InvokeFunction
      Principal: '111122223333'`)),
    },
    {
      name: 'everyone in my organization',
      app: cfn(permission('FromOrg', `      Action: lambda:InvokeFunction
      Principal: '*'
      PrincipalOrgID: o-abcdef1234`)),
    },
    {
      name: 'the permissions of a public function URL are function-url-public’s',
      app: cfn(`  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
${permission('UrlPublic', `      Action: lambda:InvokeFunctionUrl
      Principal: '*'
      FunctionUrlAuthType: NONE`)}${permission('UrlInvoke', `      Action: lambda:InvokeFunction
      Principal: '*'
      InvokedViaFunctionUrl: true`)}`),
    },
    {
      name: 'SAM function URL with AuthType NONE (generated permissions)',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      FunctionUrlConfig:
        AuthType: NONE
`,
    },
    {
      name: 'SAM events generate scoped permissions',
      app: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => {};"
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: s3:ObjectCreated:*
        Api:
          Type: Api
          Properties:
            Path: /x
            Method: get
`,
    },
    {
      // Serverless scopes these permissions (SourceArn, or the skill id as EventSourceToken):
      // corpus false positives on serverless/examples aws-node-iot-event and friends.
      name: 'Serverless iot, cognitoUserPool, cloudwatchLog and alexaSkill-with-appId events generate scoped permissions',
      app: {
        'serverless.yml': `service: scoped
provider:
  name: aws
  runtime: nodejs22.x
functions:
  log:
    handler: handler.log
    events:
      - iot:
          sql: "SELECT * FROM 'mybutton'"
      - cognitoUserPool:
          pool: MyUserPool
          trigger: PreSignUp
      - cognitoUserPool:
          pool: LegacyPool
          trigger: PostConfirmation
          existing: true
      - cloudwatchLog: /aws/lambda/other
      - alexaSkill: amzn1.ask.skill.12345678-1234-1234-1234-123456789012
      - alexaSkill:
          appId: amzn1.ask.skill.87654321-1234-1234-1234-123456789012
          enabled: false
`,
        'handler.js': 'exports.log = async () => {};\n',
      },
    },
  ],
  invalid: [
    {
      name: 'Serverless alexaSkill without appId: any skill can invoke the function',
      app: {
        'serverless.yml': `service: open-skill
provider:
  name: aws
  runtime: nodejs22.x
functions:
  skill:
    handler: handler.skill
    events:
      - alexaSkill
`,
        'handler.js': 'exports.skill = async () => {};\n',
      },
      errors: [{ resource: 'skill', messageId: 'confusedDeputy', severity: 'low', message: 'alexa-appkit.amazon.com' }],
    },
    {
      name: 'Principal * without conditions',
      app: cfn(permission('Open', `      Action: lambda:InvokeFunction
      Principal: '*'`)),
      errors: [{ resource: 'Fn', messageId: 'public', severity: 'critical', message: 'Open' }],
    },
    {
      name: 'InvokeFunctionUrl with Principal * but the URL uses IAM auth',
      app: cfn(`  FnUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: AWS_IAM
${permission('UrlOpen', `      Action: lambda:InvokeFunctionUrl
      Principal: '*'
      FunctionUrlAuthType: AWS_IAM`)}`),
      errors: [{ messageId: 'public', message: 'lambda:InvokeFunctionUrl' }],
    },
    {
      name: 'service principal without SourceArn or SourceAccount: confused deputy',
      app: cfn(`${permission('FromSns', `      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com`)}${permission('FromS3', `      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com`)}`),
      errors: [
        { messageId: 'confusedDeputy', severity: 'low', message: 'sns.amazonaws.com' },
        { messageId: 'confusedDeputy', severity: 'low', message: 's3.amazonaws.com' },
      ],
    },
    {
      name: 'principal from a parameter is unknown',
      app: cfn(
        permission('Who', `      Action: lambda:InvokeFunction
      Principal: !Ref Caller`),
        `Parameters:
  Caller:
    Type: String
`,
      ),
      errors: [{ messageId: 'unknownPrincipal', unknown: true, severity: 'medium' }],
    },
  ],
});
