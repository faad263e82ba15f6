#!/usr/bin/env node
/**
 * Code-analysis throughput: ~1000 generated handler files (varied SDK styles, JS/TS, ESM/CJS,
 * handlers importing shared helper modules) analysed with the built `CodeAnalyzer` (resolve,
 * parse, scopes, evaluation, IAM mapping), against a baseline measured in the same run: reading
 * the same files and `oxc-parser` `parseSync` on each (parsing alone, no analysis).
 * Target: 1000 files well under 10 s. Files go to a temporary directory, removed at the end.
 *
 *   npm run build && node bench/handlers.mjs [--files 1000] [--rounds 3]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'oxc-parser';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repoRoot, 'packages', 'leash', 'dist', 'code', 'analyze.js');
if (!existsSync(dist)) {
  process.stderr.write('bench/handlers: build first (npm run build)\n');
  process.exit(2);
}
const { CodeAnalyzer } = await import(dist);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const totalFiles = opt('--files', 1000);
const rounds = opt('--rounds', 3);

// ------------------------------------------------------------------------------------------
// Generate the app: helper modules (20%) and handlers (80%) that import 0-3 helpers each.

const root = mkdtempSync(join(tmpdir(), 'leash-bench-handlers-'));
const helperCount = Math.round(totalFiles * 0.2);
const handlerCount = totalFiles - helperCount;
mkdirSync(join(root, 'src', 'lib'), { recursive: true });
mkdirSync(join(root, 'src', 'handlers'), { recursive: true });
const files = [];
const write = (rel, text) => {
  const path = join(root, rel);
  writeFileSync(path, text);
  files.push(path);
};

const helperStyles = [
  (i) => `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

export const ddb${i} = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.TABLE_${i % 7};

export async function save${i}(item) {
  await ddb${i}.send(new PutCommand({ TableName: TABLE, Item: { ...item, createdAt: Date.now() } }));
}

export async function list${i}(userId) {
  const out = await ddb${i}.send(new QueryCommand({ TableName: TABLE, IndexName: 'ByUser', KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }));
  return out.Items ?? [];
}
`,
  (i) => `import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
export const PREFIX_${i} = 'data/${i}';

export async function read${i}(key) {
  const res = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET_${i % 5}, Key: \`\${PREFIX_${i}}/\${key}\` }));
  return res.Body.transformToString();
}

export const write${i} = (key, body) => s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET_${i % 5}, Key: \`\${PREFIX_${i}}/\${key}\`, Body: body }));
`,
  (i) => `const AWS = require('aws-sdk');
const sqs = new AWS.SQS();

function format${i}(payload) {
  return JSON.stringify({ v: ${i}, payload });
}

module.exports.send${i} = async (payload) => sqs.sendMessage({ QueueUrl: process.env.QUEUE_${i % 3}, MessageBody: format${i}(payload) }).promise();
`,
  (i) => `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';

interface Event${i} { readonly id: string; readonly kind: string }

export class Publisher${i} {
  private readonly client = new SNSClient({});
  constructor(private readonly topicArn: string = process.env.TOPIC_${i % 4} ?? '') {}

  async publish(event: Event${i}): Promise<void> {
    await this.client.send(new PublishCommand({ TopicArn: this.topicArn, Message: JSON.stringify(event) }));
  }
}
`,
];
const helperExt = ['mjs', 'mjs', 'cjs', 'ts'];
const helperExports = [(i) => [`save${i}`, `list${i}`], (i) => [`read${i}`, `write${i}`], (i) => [`send${i}`], (i) => [`Publisher${i}`]];
for (let i = 0; i < helperCount; i++) write(`src/lib/h${i}.${helperExt[i % 4]}`, helperStyles[i % 4](i));

const handlerStyles = [
  (i, imports, calls) => `${imports}
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});

export const handler = async (event) => {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.SECRET_${i % 3} }));
  const body = JSON.parse(event.body ?? '{}');
${calls}
  return { statusCode: 200, body: JSON.stringify({ ok: true, n: ${i}, s: secret.Name }) };
};
`,
  (i, imports, calls) => `${imports}
import { S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const client = new S3Client({});

export async function handler(event) {
  let n = 0;
  for await (const page of paginateListObjectsV2({ client }, { Bucket: process.env.BUCKET_${i % 5}, Prefix: 'in/' })) n += page.KeyCount ?? 0;
  for (const record of event.Records ?? []) {
    await new Upload({ client, params: { Bucket: record.s3.bucket.name, Key: \`out/\${record.s3.object.key}\`, Body: 'x' } }).done();
  }
  const body = event;
${calls}
  return n;
}
`,
  (i, imports, calls) => `${imports.replace(/import \{ ([^}]+) \} from '([^']+)';/g, "const { $1 } = require('$2');")}
const { DynamoDB } = require('aws-sdk');

const doc = new DynamoDB.DocumentClient();

exports.handler = async (event) => {
  const body = event.detail ?? {};
  await doc.update({ TableName: process.env.TABLE_${i % 7}, Key: { id: body.id }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': ${i} } }).promise();
${calls}
};
`,
  (i, imports, calls) => `${imports}
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import type { SQSEvent } from 'aws-lambda';

const lambda = new LambdaClient({});

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    const body = JSON.parse(record.body) as Record<string, string>;
    await lambda.send(new InvokeCommand({ FunctionName: process.env.WORKER_${i % 2}, InvocationType: 'Event', Payload: Buffer.from(record.body) }));
${calls.replace(/^/gm, '  ')}
  }
};
`,
];
const handlerExt = ['mjs', 'mjs', 'js', 'ts'];
const functions = [];
for (let i = 0; i < handlerCount; i++) {
  const picks = [...new Set([0, 1, 2].slice(0, i % 4).map((k) => (i * 7 + k * 13) % helperCount))];
  const imports = picks.map((h) => `import { ${helperExports[h % 4](h).join(', ')} } from '../lib/h${h}.${helperExt[h % 4] === 'ts' ? 'js' : helperExt[h % 4]}';`).join('\n');
  const calls = picks
    .map((h) => {
      switch (h % 4) {
        case 0: return `  await save${h}(body);\n  await list${h}(body.userId);`;
        case 1: return `  await write${h}(String(body.id), await read${h}('input.json'));`;
        case 2: return `  await send${h}(body);`;
        default: return `  await new Publisher${h}().publish({ id: String(body.id), kind: 'k' });`;
      }
    })
    .join('\n');
  const style = i % 4;
  write(`src/handlers/f${i}.${handlerExt[style]}`, handlerStyles[style](i, imports, calls));
  functions.push({
    id: `F${i}`,
    logicalId: `F${i}`,
    loc: { file: 'template.yaml', line: 1, column: 1 },
    packageType: 'Zip',
    handler: `src/handlers/f${i}.handler`,
    code: { dir: root, loc: { file: 'template.yaml', line: 1, column: 1 } },
    memorySize: 128,
    timeout: 3,
    architectures: ['x86_64'],
    environment: [],
    triggers: [],
    asyncConfig: {},
    roleId: `F${i}Role`,
    layers: [],
    suppressions: [],
    tags: {},
  });
}
const stack = { id: 'template.yaml', framework: 'sam', file: 'template.yaml', baseDir: root, functions, roles: [], resources: [], permissions: [], apis: [], network: { vpcs: [], subnets: [], routeTables: [] }, parameters: [], suppressions: [], diagnostics: [] };

// ------------------------------------------------------------------------------------------

function baseline() {
  let nodes = 0;
  for (const file of files) nodes += parseSync(file, readFileSync(file, 'utf8')).program.body.length;
  return nodes;
}

function leash() {
  const analyzer = new CodeAnalyzer();
  let calls = 0;
  let unknowns = 0;
  for (const fn of functions) {
    const a = analyzer.analyzeFunction(stack, fn, root);
    calls += a.calls.length;
    unknowns += a.unknowns.length;
  }
  return { calls, unknowns, parsed: analyzer.parses.parsed };
}

function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

// Warm up (JIT, file cache), then take the best of `rounds`.
baseline();
const first = leash();
let bestBase = Infinity;
let bestLeash = Infinity;
for (let r = 0; r < rounds; r++) {
  bestBase = Math.min(bestBase, time(baseline).ms);
  bestLeash = Math.min(bestLeash, time(leash).ms);
}
rmSync(root, { recursive: true, force: true });

const perSecond = (first.parsed / bestLeash) * 1000;
process.stdout.write(
  [
    `bench/handlers: ${files.length} files (${helperCount} helpers, ${handlerCount} handlers), ${first.parsed} parsed per scan, ${cpus().length} CPUs, best of ${rounds}`,
    `  baseline (read + oxc-parser parseSync): ${bestBase.toFixed(0)} ms`,
    `  leash CodeAnalyzer (resolve, parse, scopes, evaluate, IAM map): ${bestLeash.toFixed(0)} ms — ${perSecond.toFixed(0)} files/s, ${first.calls} calls, ${first.unknowns} unknowns`,
    `  ratio leash / baseline: ${(bestLeash / bestBase).toFixed(2)}x; target 1000 files well under 10 s: ${bestLeash < 10000 ? 'met' : 'NOT met'}`,
    '',
  ].join('\n'),
);
