import rule from '../../../src/rules/runtime/no-egress-control.js';
import { ruleTester } from '../rule-tester.js';

interface SamOptions {
  runtime?: string;
  env?: Record<string, string>;
  globalsEnv?: Record<string, string>;
  layers?: string[];
  vpc?: boolean;
  extraFiles?: Record<string, string>;
  parameters?: string;
}

/** A SAM app with one function whose code lives in src/ (so `code.dir` is known). */
const sam = (options: SamOptions = {}): Record<string, string> => {
  const env = (vars: Record<string, string>, indent: string) =>
    `${indent}Environment:\n${indent}  Variables:\n${Object.entries(vars).map(([k, v]) => `${indent}    ${k}: ${v}`).join('\n')}\n`;
  const globals = options.globalsEnv ? `Globals:\n  Function:\n${env(options.globalsEnv, '    ')}` : '';
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${options.parameters ?? ''}${globals}Resources:
${options.vpc ? `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
` : ''}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: ${options.runtime ?? 'nodejs22.x'}
      Handler: index.handler
      CodeUri: src/
${options.env ? env(options.env, '      ') : ''}${options.layers ? `      Layers:\n${options.layers.map((l) => `        - ${l}`).join('\n')}\n` : ''}${options.vpc ? '      VpcConfig:\n        SubnetIds: [!Ref Subnet]\n        SecurityGroupIds: [!Ref Sg]\n' : ''}`;
  return { 'template.yaml': template, 'src/index.mjs': 'export const handler = async () => ({});\n', ...options.extraFiles };
};

const POLICY = '{"mode":"block","network":{"allow":["dynamodb.eu-west-1.amazonaws.com:443"]}}';

ruleTester(rule, {
  valid: [
    {
      name: 'exec wrapper + leash.policy.json beside the code',
      app: sam({ env: { AWS_LAMBDA_EXEC_WRAPPER: '/opt/leash-exec-wrapper' }, extraFiles: { 'src/leash.policy.json': POLICY } }),
    },
    {
      name: 'NODE_OPTIONS --import from the layer + inline LEASH_POLICY',
      app: sam({ env: { NODE_OPTIONS: '--import /opt/nodejs/node_modules/@leash/shield/dist/register.js', LEASH_POLICY: `'${POLICY}'` } }),
    },
    {
      name: 'activation and policy file from SAM Globals',
      app: sam({ globalsEnv: { NODE_OPTIONS: '--import @leash/shield/register', LEASH_POLICY_FILE: '/var/task/leash.policy.json' } }),
    },
    { name: 'a function in a VPC (egress is the network rules\' business)', app: sam({ vpc: true }) },
    { name: 'a Python function (the shield is for Node.js)', app: sam({ runtime: 'python3.13' }) },
    {
      name: 'Serverless Framework provider.environment',
      app: {
        'serverless.yml': `service: orders
provider:
  name: aws
  runtime: nodejs22.x
  environment:
    AWS_LAMBDA_EXEC_WRAPPER: /opt/leash-exec-wrapper
    LEASH_POLICY_FILE: /var/task/leash.policy.json
functions:
  hello:
    handler: handler.hello
`,
        'handler.js': 'module.exports.hello = async () => {};\n',
      },
    },
  ],
  invalid: [
    { name: 'no shield, no VPC', app: sam(), errors: [{ resource: 'Fn', messageId: 'missing', severity: undefined, message: 'outside a VPC' }] },
    {
      name: 'NODE_OPTIONS set for something else',
      app: sam({ env: { NODE_OPTIONS: '--enable-source-maps' } }),
      errors: [{ resource: 'Fn', messageId: 'missing' }],
    },
    {
      name: 'the layer is attached but nothing loads it',
      app: sam({ layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:leash-shield:3'] }),
      errors: [{ resource: 'Fn', messageId: 'layerOnly', message: 'leash-shield:3' }],
    },
    {
      name: 'loaded, but no policy anywhere: the function will fail at start',
      app: sam({ env: { AWS_LAMBDA_EXEC_WRAPPER: '/opt/leash-exec-wrapper' } }),
      errors: [{ resource: 'Fn', messageId: 'noPolicy', severity: 'high' }],
    },
    {
      name: 'NODE_OPTIONS from a parameter: unknown',
      app: sam({ env: { NODE_OPTIONS: '!Ref NodeOptions' }, parameters: 'Parameters:\n  NodeOptions:\n    Type: String\n' }),
      errors: [{ resource: 'Fn', messageId: 'unresolved', unknown: true, severity: 'low' }],
    },
    {
      name: 'runtime from a parameter: reported as unknown',
      app: sam({ runtime: '!Ref Runtime', parameters: 'Parameters:\n  Runtime:\n    Type: String\n' }),
      errors: [{ resource: 'Fn', messageId: 'missing', unknown: true, severity: 'low' }],
    },
    {
      name: 'Serverless Framework function without the shield',
      app: {
        'serverless.yml': `service: orders
provider:
  name: aws
  runtime: nodejs22.x
functions:
  hello:
    handler: handler.hello
`,
        'handler.js': 'module.exports.hello = async () => {};\n',
      },
      errors: [{ resource: 'hello', messageId: 'missing' }],
    },
  ],
});
