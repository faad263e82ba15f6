import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScan } from '../../../src/loaders/index.js';
import type { AppModel, LambdaFunction, Role, Trigger } from '../../../src/model/types.js';
import { isUnknown } from '../../../src/model/values.js';
import { loadApp } from '../../rules/rule-tester.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');

function only(scanRoot: string, options = {}): AppModel {
  const scan = loadScan(join(fixtures, scanRoot), { root: join(fixtures, scanRoot), ...options });
  expect(scan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(scan.stacks).toHaveLength(1);
  return scan.stacks[0]!;
}

const fn = (stack: AppModel, id: string): LambdaFunction => {
  const found = stack.functions.find((f) => f.id === id);
  if (!found) throw new Error(`no function ${id} in ${stack.functions.map((f) => f.id).join(', ')}`);
  return found;
};
const role = (stack: AppModel, id: string): Role => stack.roles.find((r) => r.id === id)!;
const actions = (r: Role): string[] => r.statements.flatMap((s) => s.action ?? []);
/** The 1-based line of the first line of `file` containing `text` (after line `after`). */
function lineOf(file: string, text: string, after = 0): number {
  const lines = readFileSync(join(fixtures, file), 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= after && l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

describe('Serverless Framework loader: sls-basic', () => {
  const stack = only('sls-basic');
  const yml = 'sls-basic/serverless.yml';

  it('uses function keys as ids, Serverless logical ids, and yml lines', () => {
    expect(stack.framework).toBe('serverless');
    expect(stack.file).toBe('serverless.yml');
    expect(stack.functions.map((f) => f.id).sort()).toEqual(['authorize', 'createOrder', 'internal', 'listOrders', 'processStream', 'webhook']);
    const create = fn(stack, 'createOrder');
    expect(create.logicalId).toBe('CreateOrderLambdaFunction');
    expect(create.loc).toMatchObject({ file: 'serverless.yml', line: lineOf(yml, '  createOrder:') });
    expect(create.handler).toBe('src/create.handler');
    expect(create.runtime).toBe('nodejs20.x');
    expect(create.code.dir).toBe(join(fixtures, 'sls-basic'));
  });

  it('resolves variables (self, sls:stage, file with a stage path) and applies Serverless defaults', () => {
    expect(fn(stack, 'createOrder').memorySize).toBe(512);
    expect(fn(stack, 'createOrder').timeout).toBe(6);
    expect(fn(stack, 'authorize').memorySize).toBe(1024);
    expect(fn(stack, 'listOrders').timeout).toBe(29);
    const env = Object.fromEntries(fn(stack, 'createOrder').environment.map((e) => [e.name, e]));
    expect(env.TABLE!.value).toBe('orders-dev-orders');
    expect(env.STAGE!.value).toBe('dev');
    expect(env.TABLE!.loc.line).toBe(lineOf(yml, 'TABLE: ${self:custom.tableName}'));
    const prod = only('sls-basic', { stage: 'prod' });
    expect(fn(prod, 'createOrder').memorySize).toBe(2048);
    expect(fn(prod, 'createOrder').environment.find((e) => e.name === 'TABLE')!.value).toBe('orders-prod-orders');
  });

  it('merges provider environment under the function environment (function wins)', () => {
    const env = Object.fromEntries(fn(stack, 'listOrders').environment.map((e) => [e.name, e]));
    expect(env.TABLE!.value).toBe('overridden');
    expect(env.STAGE!.value).toBe('dev');
  });

  it('keeps ${ssm:} Unknown and marks it as coming from a secret store', () => {
    const secret = fn(stack, 'createOrder').environment.find((e) => e.name === 'DB_PASSWORD')!;
    expect(isUnknown(secret.value)).toBe(true);
    expect(secret.fromSecretStore).toBe(true);
    expect(fn(stack, 'createOrder').environment.find((e) => e.name === 'TABLE')!.fromSecretStore).toBe(false);
    expect(stack.diagnostics).toContainEqual(expect.objectContaining({ code: 'WARN_LEASH_SLS_UNRESOLVED', line: lineOf(yml, 'DB_PASSWORD') }));
  });

  it('gives every function without a role the ONE shared IamRoleLambdaExecution', () => {
    expect(new Set(stack.functions.map((f) => f.roleId))).toEqual(new Set(['IamRoleLambdaExecution']));
    const shared = role(stack, 'IamRoleLambdaExecution');
    expect(shared.kind).toBe('serverless-default');
    expect(actions(shared)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 's3:*', 'logs:PutLogEvents', 'dynamodb:GetRecords', 'sqs:ReceiveMessage', 'sns:Publish']));
    const s3 = shared.statements.find((s) => s.action?.includes('s3:*'))!;
    expect(s3.source.kind).toBe('inline');
    expect(s3.loc.line).toBe(lineOf(yml, 'Action: s3:*') - 1);
    const logs = shared.statements.find((s) => s.action?.includes('logs:PutLogEvents'))!;
    expect(logs.source.kind).toBe('implicit');
    expect(shared.policies.map((p) => `${p.kind}:${p.name}`)).toContain('managed:AmazonSQSReadOnlyAccess');
  });

  it('turns http/httpApi events into API triggers with Serverless auth semantics', () => {
    const auth = (t: Trigger): string => `${t.api!.method} ${String(t.api!.path)} ${t.api!.auth.type}${t.api!.auth.apiKeyRequired ? '+key' : ''}`;
    expect(fn(stack, 'createOrder').triggers.map(auth)).toEqual(['POST /orders AWS_IAM', 'GET /orders/{id} NONE', 'GET /admin API_KEY+key', 'GET /secure LAMBDA']);
    expect(fn(stack, 'createOrder').triggers.every((t) => t.kind === 'api-rest' && t.invocation === 'sync' && t.api!.apiId === 'ApiGatewayRestApi')).toBe(true);
    expect(fn(stack, 'listOrders').triggers.map(auth)).toEqual(['GET /orders JWT', 'GET /public NONE']);
    expect(fn(stack, 'createOrder').triggers[1]!.loc.line).toBe(lineOf(yml, 'path: orders/{id}') - 1);
    expect(stack.apis.map((a) => `${a.id}:${a.kind}:${a.generated}`).sort()).toEqual(['ApiGatewayRestApi:rest:true', 'HttpApi:http:true']);
    expect(stack.apis.find((a) => a.id === 'HttpApi')!.authorizers).toEqual(['jwtAuth']);
  });

  it('reads url: true as a public URL and url.authorizer aws_iam as IAM', () => {
    const web = fn(stack, 'webhook');
    expect(web.url).toMatchObject({ authType: 'NONE', resourceId: 'WebhookLambdaFunctionUrl', loc: { line: lineOf(yml, 'url: true') } });
    expect(stack.permissions.find((p) => p.id === 'WebhookLambdaPermissionFnUrl')).toMatchObject({ principal: '*', functionUrlAuthType: 'NONE', functionId: 'webhook', generated: true });
    expect(fn(stack, 'internal').url!.authType).toBe('AWS_IAM');
    expect(stack.permissions.some((p) => p.id === 'InternalLambdaPermissionFnUrl')).toBe(false);
  });

  it('reads stream retry settings, SQS settings and async settings', () => {
    const proc = fn(stack, 'processStream');
    const [stream, sqs] = proc.triggers;
    expect(stream!.kind).toBe('dynamodb-stream');
    expect(stream!.invocation).toBe('poll');
    expect(stream!.source!.resourceId).toBe('OrdersTable');
    expect(stream!.eventSourceMapping).toMatchObject({ maximumRetryAttempts: 3, bisectBatchOnFunctionError: true, functionResponseTypes: ['ReportBatchItemFailures'], startingPosition: 'TRIM_HORIZON' });
    expect(stream!.eventSourceMapping!.onFailure).toMatchObject({ type: 'sqs', target: { resourceId: 'FailureQueue' } });
    expect(sqs).toMatchObject({ kind: 'sqs', source: { resourceId: 'FailureQueue' }, eventSourceMapping: { batchSize: 5, functionResponseTypes: [] } });
    expect(proc.reservedConcurrency).toBe(5);
    expect(proc.asyncConfig.maximumRetryAttempts).toBe(0);
    expect(proc.asyncConfig.deadLetter).toMatchObject({ type: 'sns', target: { value: 'arn:aws:sns:eu-west-1:123456789012:dlq-topic' } });
  });

  it('wires s3, sns and schedule events to the resources Serverless creates', () => {
    const kinds = fn(stack, 'internal').triggers.map((t) => `${t.kind}:${t.invocation}:${t.source?.resourceId}`);
    expect(kinds).toEqual(['s3:async:S3BucketUploadsbucket', 'sns:async:SNSTopicOrderevents', 'schedule:async:InternalEventsRuleSchedule1']);
    expect(stack.resources.find((r) => r.id === 'S3BucketUploadsbucket')).toMatchObject({ type: 'AWS::S3::Bucket', generated: true });
    expect(stack.resources.find((r) => r.id === 'OrdersTable')).toMatchObject({ generated: false, loc: { line: lineOf(yml, '    OrdersTable:') } });
  });
});

describe('Serverless Framework loader: roles', () => {
  const stack = only('sls-per-function');

  it('gives serverless-iam-roles-per-function and v4 iam.role functions their own roles', () => {
    expect(fn(stack, 'plugin').roleId).toBe('PluginIamRoleLambdaExecution');
    expect(role(stack, 'PluginIamRoleLambdaExecution').kind).toBe('serverless-function');
    expect(actions(role(stack, 'PluginIamRoleLambdaExecution'))).toContain('dynamodb:GetItem');
    expect(actions(role(stack, 'PluginIamRoleLambdaExecution'))).not.toContain('sqs:SendMessage');
    expect(actions(role(stack, 'PluginIamRoleLambdaExecution'))).toContain('logs:PutLogEvents');
    expect(actions(role(stack, fn(stack, 'pluginInherit').roleId))).toEqual(expect.arrayContaining(['s3:GetObject', 'sqs:SendMessage']));
    expect(fn(stack, 'v4').roleId).toBe('V4IamRoleLambdaExecution');
    expect(actions(role(stack, 'V4IamRoleLambdaExecution'))).toContain('sns:Publish');
  });

  it('shares the default role among the others and makes function role ARNs external', () => {
    expect(fn(stack, 'shared1').roleId).toBe('IamRoleLambdaExecution');
    expect(fn(stack, 'shared2').roleId).toBe('IamRoleLambdaExecution');
    expect(actions(role(stack, 'IamRoleLambdaExecution'))).toContain('sqs:SendMessage');
    expect(role(stack, fn(stack, 'custom').roleId).kind).toBe('external');
  });

  it('gives every function its own role with provider.iam.role.mode perFunction', () => {
    const scan = loadApp({
      'serverless.yml': `service: s
provider:
  name: aws
  runtime: nodejs22.x
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: '*'
functions:
  a:
    handler: a.h
  b-c:
    handler: b.h
`,
    });
    const s = scan.stacks[0]!;
    expect(s.functions.map((f) => f.roleId).sort()).toEqual(['AIamRoleLambdaExecution', 'BDashcIamRoleLambdaExecution']);
    expect(s.functions.map((f) => f.logicalId).sort()).toEqual(['ALambdaFunction', 'BDashcLambdaFunction']);
    for (const f of s.functions) expect(actions(role(s, f.roleId))).toContain('sqs:SendMessage');
    expect(s.roles.some((r) => r.id === 'IamRoleLambdaExecution')).toBe(false);
  });

  it('uses provider.iam.role <arn> for every function, with its policies unknown', () => {
    const scan = loadApp({
      'serverless.yml': `service: s
provider:
  name: aws
  iam:
    role: arn:aws:iam::123456789012:role/shared
functions:
  a: { handler: a.h }
  b: { handler: b.h }
`,
    });
    const s = scan.stacks[0]!;
    const ids = new Set(s.functions.map((f) => f.roleId));
    expect(ids.size).toBe(1);
    const r = role(s, [...ids][0]!);
    expect(r.kind).toBe('external');
    expect(r.unknowns.length).toBeGreaterThan(0);
  });
});

describe('Serverless Framework default role: log groups', () => {
  // Serverless adds the exact log group of a function whose `name:` leaves the <service>-<stage>
  // prefix (corpus: serverless/examples aws-node-signed-uploads, read as missing logs permissions).
  it('grants logs on <service>-<stage>* and on the exact group of a custom-named function', () => {
    const scan = loadApp({
      'serverless.yml': `service: s
provider:
  name: aws
  stage: dev
functions:
  a: { handler: a.h }
  b: { handler: b.h, name: dev-s-upload }
  c: { handler: c.h, name: s-dev-c-custom }
`,
    });
    const s = scan.stacks[0]!;
    const logs = role(s, 'IamRoleLambdaExecution').statements.filter((st) => st.action?.includes('logs:PutLogEvents'));
    const resources = logs.flatMap((st) => st.resource ?? []).map((r) => JSON.stringify(r));
    expect(resources).toEqual([
      JSON.stringify({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/s-dev*:*:*' }),
      JSON.stringify({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/dev-s-upload:*:*' }),
    ]);
  });
});

describe('Serverless Framework loader: input problems', () => {
  it('reports a broken serverless.yml with file and line, and still loads the other apps', () => {
    const scan = loadApp({
      'broken/serverless.yml': 'service: x\nprovider:\n  name: aws\nfunctions:\n  a: [unclosed\n',
      'ok/serverless.yml': 'service: ok\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: a.h\n',
    });
    expect(scan.stacks.map((s) => s.id)).toEqual(['ok/serverless.yml']);
    const errors = scan.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'ERR_LEASH_PARSE', file: 'broken/serverless.yml', line: expect.any(Number) })]);
  });

  it('keeps a variable cycle Unknown with ERR_LEASH_CIRCULAR_REFERENCE instead of hanging', () => {
    const scan = loadApp({
      'serverless.yml': 'service: s\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nprovider:\n  name: aws\n  timeout: ${self:custom.a}\nfunctions:\n  f:\n    handler: f.h\n',
    });
    const s = scan.stacks[0]!;
    expect(isUnknown(s.functions[0]!.timeout)).toBe(true);
    expect(s.diagnostics.some((d) => d.code === 'ERR_LEASH_CIRCULAR_REFERENCE' && d.file === 'serverless.yml')).toBe(true);
  });

  it('attaches # leash-ignore comments to the function, resource or stack they sit in', () => {
    const scan = loadApp({
      'serverless.yml': `service: s
# leash-ignore iam/shared-role: one role is fine for this demo
provider:
  name: aws
functions:
  # leash-ignore exposure/function-url-public: a public webhook by design
  hook:
    handler: h.h
    url: true
  other:
    # leash-ignore dos/unbounded-concurrency: capped by the account
    handler: o.h
  last:
    handler: l.h
    # leash-ignore runtime/deprecated: migrating next sprint
resources:
  Resources:
    Queue:
      # leash-ignore retry/queue-without-dlq: drained by hand
      Type: AWS::SQS::Queue
`,
    });
    const s = scan.stacks[0]!;
    expect(s.suppressions.map((x) => x.rule)).toEqual(['iam/shared-role']);
    expect(fn(s, 'hook').suppressions).toEqual([expect.objectContaining({ rule: 'exposure/function-url-public', reason: 'a public webhook by design', source: 'comment', loc: expect.objectContaining({ line: 6 }) })]);
    expect(fn(s, 'other').suppressions.map((x) => x.rule)).toEqual(['dos/unbounded-concurrency']);
    expect(fn(s, 'last').suppressions.map((x) => x.rule)).toEqual(['runtime/deprecated']);
    expect(s.diagnostics.filter((d) => d.code === 'WARN_LEASH_SUPPRESSION_UNATTACHED')).toEqual([]);
    expect(s.resources.find((r) => r.id === 'Queue')!.suppressions.map((x) => x.rule)).toEqual(['retry/queue-without-dlq']);
  });
});

describe('Serverless Framework loader: more events and settings', () => {
  const scan = loadApp({
    'serverless.yml': `service: more
provider:
  name: aws
  runtime: python3.12
  vpc:
    securityGroupIds: [sg-1]
    subnetIds: [subnet-1, subnet-2]
  iam:
    role:
      statements: \${file(./iam/missing.yml)}
functions:
  connect:
    handler: ws.connect
    events:
      - websocket:
          route: $connect
          authorizer: auth
      - websocket: $default
  auth:
    handler: ws.auth
    vpc: ~
  web:
    handler: web.h
    provisionedConcurrency: 2
    destinations:
      onSuccess: auth
      onFailure: arn:aws:sqs:us-east-1:123456789012:failures
    maximumEventAge: 3600
    events:
      - alb:
          listenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2
          priority: 1
          conditions: { path: /web }
      - cloudwatchLog: /aws/lambda/other
      - eventBridge:
          pattern:
            source: [aws.ec2]
      - kinesis-ish-unknown-event: {}
`,
  });
  const s = scan.stacks[0]!;

  it('reads websocket routes and their authorizer', () => {
    const t = fn(s, 'connect').triggers;
    // $default is reached only over a connection $connect authorized.
    expect(t.map((x) => `${x.kind} ${String(x.api?.path)} ${x.api?.auth.type}`)).toEqual(['api-websocket $connect LAMBDA', 'api-websocket $default LAMBDA']);
    const open = loadApp({ 'serverless.yml': 'service: ws\nprovider: { name: aws }\nfunctions:\n  c:\n    handler: c.h\n    events:\n      - websocket: $connect\n      - websocket: $default\n' }).stacks[0]!;
    expect(fn(open, 'c').triggers.map((x) => x.api?.auth.type)).toEqual(['NONE', 'NONE']);
    expect(s.apis.find((a) => a.id === 'WebsocketsApi')).toMatchObject({ kind: 'websocket', authorizers: ['auth'] });
  });

  it('applies provider.vpc unless a function opts out with vpc: ~', () => {
    expect(fn(s, 'connect').vpc?.subnets.map((x) => x.value)).toEqual(['subnet-1', 'subnet-2']);
    expect(fn(s, 'auth').vpc).toBeUndefined();
    const shared = role(s, 'IamRoleLambdaExecution');
    expect(shared.policies.some((p) => p.name === 'AWSLambdaVPCAccessExecutionRole')).toBe(true);
  });

  it('keeps a role whose statements cannot be read as unknown, never as empty', () => {
    const shared = role(s, 'IamRoleLambdaExecution');
    expect(shared.unknowns.some((u) => /missing\.yml/.test(u.reason))).toBe(true);
  });

  it('reads destinations, event age, provisioned concurrency and other event kinds', () => {
    const web = fn(s, 'web');
    expect(web.provisionedConcurrency).toBe(2);
    expect(web.asyncConfig).toMatchObject({ maximumEventAgeInSeconds: 3600, onSuccess: { type: 'lambda', target: { resourceId: 'AuthLambdaFunction' } }, onFailure: { type: 'sqs' } });
    expect(web.triggers.map((t) => `${t.kind}:${t.invocation}`)).toEqual(['alb:sync', 'cloudwatch-logs:async', 'eventbridge:async', 'other:async']);
    expect(actions(role(s, web.roleId))).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'sqs:SendMessage']));
  });
});

