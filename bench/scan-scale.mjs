#!/usr/bin/env node
/**
 * Scan scaling: does `scan()` cost the same per function on a large app as on a small one?
 * Generates SAM apps of 250 / 500 / 1000 / 2000 functions (shared and per-function roles, SAM
 * policy templates, inline statements, API / HTTP API / SQS / S3 / schedule / SNS / DynamoDB
 * stream events, environment variables referencing tables, queues, buckets and topics, and one
 * handler file per function so the code analysis runs), times the built library's `scan()` on
 * each (median of a few runs, wall and CPU time), and prints the time per function and the ratio of the largest
 * app's per-function time to the smallest's (linear = ~1). Two modes: the rules alone, and with
 * `policyEnrichment()` (what `leash scan --format json` runs). Then the whole `../shared/corpus`
 * (skipped when absent). Last, a Serverless service whose functions all share the default role
 * (the smallest and the third size), where the report itself grows with the square of the
 * functions (`iam/shared-role` lists the other functions). Apps go to a temporary directory, removed at the end.
 *
 *   npm run build && node bench/scan-scale.mjs [--sizes 250,500,1000,2000] [--rounds 3]
 *   node bench/scan-scale.mjs --sizes 2000 --generate /tmp/app   (write one app, e.g. to profile the CLI)
 *   node bench/scan-scale.mjs --corpus ../shared/corpus           (the corpus to time; skipped when absent)
 *
 * A template over 2000 resources is cut to its first 2000 by the loader (an error diagnostic), so
 * the 2000-function app scans slightly fewer functions than it declares: per-function times use the
 * number of functions actually scanned.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repoRoot, 'packages', 'leash', 'dist', 'index.js');
if (!existsSync(dist)) {
  process.stderr.write('bench/scan-scale: build first (npm run build)\n');
  process.exit(2);
}
const { scan, policyEnrichment } = await import(dist);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = String(opt('--sizes', '250,500,1000,2000')).split(',').map(Number);
const rounds = Number(opt('--rounds', 3));

// ------------------------------------------------------------------------------------------
// The generated app

const HANDLERS = [
  // DynamoDB document client, table from the environment
  `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event) => {
  const id = event.id ?? 'x';
  await doc.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { id } }));
  return doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { id } }));
};
`,
  // SQS send
  `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const sqs = new SQSClient({});
export const handler = async (event) => {
  for (const record of event.Records ?? []) {
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(record) }));
  }
};
`,
  // S3 read, then a table write
  `const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const s3 = new S3Client({});
const ddb = new DynamoDBClient({});
exports.handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  const object = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: key }));
  await ddb.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { id: { S: key } } }));
  return object.ContentLength;
};
`,
  // SNS publish
  `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
const sns = new SNSClient({});
export async function handler(event) {
  return sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: JSON.stringify(event) }));
}
`,
];

/** A SAM app of `n` functions, as template text plus handler files, written under `dir`. */
function generateApp(dir, n) {
  const tables = Math.max(2, Math.round(n / 50));
  const queues = Math.max(2, Math.round(n / 50));
  const buckets = Math.max(1, Math.round(n / 100));
  const topics = Math.max(1, Math.round(n / 100));
  const sharedRoles = Math.max(2, Math.round(n / 50));
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Function:',
    '    Runtime: nodejs22.x',
    '    Timeout: 10',
    '    MemorySize: 256',
    '    Tracing: Active',
    'Resources:',
  ];
  // Shared resources first: a template over the loader's cap loses functions, not what they use.
  for (let t = 0; t < tables; t++) {
    lines.push(
      `  Table${t}:`,
      '    Type: AWS::DynamoDB::Table',
      '    Properties:',
      '      BillingMode: PAY_PER_REQUEST',
      '      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
      '      KeySchema: [{ AttributeName: id, KeyType: HASH }]',
      '      StreamSpecification: { StreamViewType: NEW_IMAGE }',
    );
  }
  for (let q = 0; q < queues; q++) lines.push(`  Queue${q}:`, '    Type: AWS::SQS::Queue', '    Properties:', '      VisibilityTimeout: 60');
  for (let b = 0; b < buckets; b++) lines.push(`  Bucket${b}:`, '    Type: AWS::S3::Bucket');
  for (let t = 0; t < topics; t++) lines.push(`  Topic${t}:`, '    Type: AWS::SNS::Topic');
  for (let r = 0; r < sharedRoles; r++) {
    lines.push(
      `  SharedRole${r}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: lambda.amazonaws.com }',
      "            Action: 'sts:AssumeRole'",
      '      ManagedPolicyArns:',
      '        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      '      Policies:',
      `        - PolicyName: shared${r}`,
      '          PolicyDocument:',
      "            Version: '2012-10-17'",
      '            Statement:',
      '              - Effect: Allow',
      '                Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query, dynamodb:DeleteItem]',
      `                Resource: !GetAtt Table${r % tables}.Arn`,
      '              - Effect: Allow',
      '                Action: [sqs:SendMessage, sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]',
      `                Resource: !GetAtt Queue${r % queues}.Arn`,
      '              - Effect: Allow',
      "                Action: 's3:*'",
      `                Resource: !Sub '\${Bucket${r % buckets}.Arn}/*'`,
    );
  }
  for (let i = 0; i < n; i++) {
    const table = `Table${i % tables}`;
    const queue = `Queue${i % queues}`;
    const bucket = `Bucket${i % buckets}`;
    const topic = `Topic${i % topics}`;
    const style = i % HANDLERS.length;
    const codeDir = join(dir, 'src', `fn${i}`);
    mkdirSync(codeDir, { recursive: true });
    writeFileSync(join(codeDir, style === 2 ? 'app.js' : 'app.mjs'), HANDLERS[style]);
    lines.push(
      `  Fn${i}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      `      CodeUri: src/fn${i}/`,
      '      Handler: app.handler',
      '      Environment:',
      '        Variables:',
      `          TABLE_NAME: !Ref ${table}`,
      `          QUEUE_URL: !Ref ${queue}`,
      `          BUCKET_NAME: !Ref ${bucket}`,
      `          TOPIC_ARN: !Ref ${topic}`,
      "          LOG_LEVEL: 'info'",
    );
    if (i % 10 < 3) {
      // 30% on a shared role
      lines.push(`      Role: !GetAtt SharedRole${i % sharedRoles}.Arn`);
    } else {
      lines.push(
        '      Policies:',
        `        - DynamoDBCrudPolicy: { TableName: !Ref ${table} }`,
        `        - SQSSendMessagePolicy: { QueueName: !GetAtt ${queue}.QueueName }`,
        `        - S3ReadPolicy: { BucketName: !Ref ${bucket} }`,
        `        - SNSPublishMessagePolicy: { TopicName: !GetAtt ${topic}.TopicName }`,
        '        - Statement:',
        '            - Effect: Allow',
        '              Action: [ssm:GetParameter]',
        `              Resource: !Sub 'arn:aws:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/app/fn${i}'`,
      );
    }
    lines.push('      Events:');
    switch (i % 7) {
      case 0:
        lines.push('        Get:', '          Type: Api', '          Properties:', `            Path: /items/fn${i}`, '            Method: get');
        break;
      case 1:
        lines.push('        Post:', '          Type: HttpApi', '          Properties:', `            Path: /fn${i}`, '            Method: post');
        break;
      case 2:
        lines.push('        Queue:', '          Type: SQS', '          Properties:', `            Queue: !GetAtt ${queue}.Arn`, '            BatchSize: 10');
        break;
      case 3:
        lines.push('        Upload:', '          Type: S3', '          Properties:', `            Bucket: !Ref ${bucket}`, '            Events: s3:ObjectCreated:*', '            Filter: { S3Key: { Rules: [{ Name: prefix, Value: fn' + i + '/ }] } }');
        break;
      case 4:
        lines.push('        Tick:', '          Type: Schedule', '          Properties:', "            Schedule: 'rate(5 minutes)'");
        break;
      case 5:
        lines.push('        Notice:', '          Type: SNS', '          Properties:', `            Topic: !Ref ${topic}`);
        break;
      default:
        lines.push('        Stream:', '          Type: DynamoDB', '          Properties:', `            Stream: !GetAtt ${table}.StreamArn`, '            StartingPosition: LATEST', '            BatchSize: 100');
    }
  }
  writeFileSync(join(dir, 'template.yaml'), `${lines.join('\n')}\n`);
}

/**
 * A Serverless Framework service of `n` functions on the provider's default role (the framework's
 * default: one role shared by every function), all with the same handler file.
 */
function generateServerless(dir, n) {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'app.js'), HANDLERS[2]);
  const lines = [
    'service: big',
    'provider:',
    '  name: aws',
    '  runtime: nodejs22.x',
    '  environment:',
    '    TABLE_NAME: { Ref: Table }',
    '    BUCKET_NAME: { Ref: Bucket }',
    '  iam:',
    '    role:',
    '      statements:',
    '        - Effect: Allow',
    '          Action: [dynamodb:PutItem, s3:GetObject]',
    "          Resource: [{ 'Fn::GetAtt': [Table, Arn] }, { 'Fn::Sub': '${Bucket.Arn}/*' }]",
    'functions:',
  ];
  for (let i = 0; i < n; i++) lines.push(`  fn${i}:`, '    handler: src/app.handler', '    events:', `      - httpApi: { path: /fn${i}, method: get }`);
  lines.push(
    'resources:',
    '  Resources:',
    '    Bucket:',
    '      Type: AWS::S3::Bucket',
    '    Table:',
    '      Type: AWS::DynamoDB::Table',
    '      Properties:',
    '        BillingMode: PAY_PER_REQUEST',
    '        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
    '        KeySchema: [{ AttributeName: id, KeyType: HASH }]',
  );
  writeFileSync(join(dir, 'serverless.yml'), `${lines.join('\n')}\n`);
}

// ------------------------------------------------------------------------------------------
// Timing

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median wall time and median CPU time (user + system of this process) over `rounds` scans. The
 * machine is shared: CPU time is what other processes disturb least, so the ratio is taken on it.
 */
function timeScan(path, enrich) {
  const wall = [];
  const cpu = [];
  let result;
  for (let r = 0; r < rounds; r++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    result = scan({ path, ...(enrich ? { enrichFunction: policyEnrichment() } : {}) });
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu), result };
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

// `--generate DIR`: write the largest app to DIR (for profiling the CLI on it) and stop.
const generateTo = opt('--generate', undefined);
if (generateTo !== undefined) {
  mkdirSync(generateTo, { recursive: true });
  generateApp(resolve(generateTo), sizes[sizes.length - 1]);
  process.stdout.write(`bench/scan-scale: wrote a ${sizes[sizes.length - 1]}-function app to ${generateTo}\n`);
  process.exit(0);
}

process.stdout.write(`bench/scan-scale: node ${process.version}, ${cpus().length} CPUs, median of ${rounds} runs\n`);
const base = mkdtempSync(join(tmpdir(), 'leash-bench-scale-'));
try {
  const rows = { rules: [], json: [] };
  for (const n of sizes) {
    const dir = join(base, `app-${n}`);
    mkdirSync(dir, { recursive: true });
    generateApp(dir, n);
    // Warm-up (module loading, the IAM catalog, JIT) on the first app, in both modes.
    if (n === sizes[0]) for (let w = 0; w < 2; w++) for (const enrich of [false, true]) scan({ path: dir, ...(enrich ? { enrichFunction: policyEnrichment() } : {}) });
    for (const [mode, enrich] of [['rules', false], ['json', true]]) {
      const { ms, cpuMs, result } = timeScan(dir, enrich);
      const functions = result.summary.functions;
      rows[mode].push({ n, functions, ms, cpuMs, perFn: ms / functions, cpuPerFn: cpuMs / functions, findings: result.findings.length });
    }
  }
  for (const [mode, label] of [['rules', 'scan() (rules)'], ['json', 'scan() + policyEnrichment (CLI --format json)']]) {
    process.stdout.write(`${label}:\n`);
    for (const row of rows[mode]) {
      process.stdout.write(
        `  ${String(row.n).padStart(5)} functions (${row.functions} scanned, ${row.findings} findings): wall ${fmt(row.ms).padStart(8)} ${row.perFn.toFixed(2)} ms/function, CPU ${fmt(row.cpuMs).padStart(8)} ${row.cpuPerFn.toFixed(2)} ms/function\n`,
      );
    }
    const first = rows[mode][0];
    const last = rows[mode][rows[mode].length - 1];
    process.stdout.write(`  per-function time, ${last.n} vs ${first.n} functions: CPU ${(last.cpuPerFn / first.cpuPerFn).toFixed(2)}x, wall ${(last.perFn / first.perFn).toFixed(2)}x (linear = ~1)\n`);
  }
  // One role shared by every function: `iam/shared-role` names every other function on each finding
  // (`properties.sharedWith`), so this report grows with the square of the functions.
  const shared = [];
  for (const n of [sizes[0], sizes[Math.min(2, sizes.length - 1)]]) {
    const dir = join(base, `sls-${n}`);
    generateServerless(dir, n);
    const { ms, cpuMs, result } = timeScan(dir, true);
    shared.push({ n, cpuPerFn: cpuMs / result.summary.functions, bytes: JSON.stringify(result).length });
    process.stdout.write(`serverless, ${n} functions on the default role, with policyEnrichment: wall ${fmt(ms)}, CPU ${fmt(cpuMs)} ${(cpuMs / result.summary.functions).toFixed(2)} ms/function, result ${(JSON.stringify(result).length / 1e6).toFixed(1)} MB\n`);
  }
  if (shared.length === 2 && shared[1].n !== shared[0].n) {
    process.stdout.write(`  per-function CPU time, ${shared[1].n} vs ${shared[0].n} functions: ${(shared[1].cpuPerFn / shared[0].cpuPerFn).toFixed(2)}x; result size per function ${((shared[1].bytes / shared[1].n) / (shared[0].bytes / shared[0].n)).toFixed(2)}x\n`);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}

const corpus = resolve(opt('--corpus', join(repoRoot, '..', 'shared', 'corpus')));
if (existsSync(corpus)) {
  const { ms, cpuMs, result } = timeScan(corpus, true);
  process.stdout.write(`corpus ${corpus}: ${result.summary.stacks} stacks, ${result.summary.functions} functions, with policyEnrichment: wall ${fmt(ms)}, CPU ${fmt(cpuMs)}\n`);
} else {
  process.stdout.write(`corpus: skipped, ${corpus} does not exist\n`);
}
