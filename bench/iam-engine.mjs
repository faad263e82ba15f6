#!/usr/bin/env node
/**
 * IAM engine costs, each against a baseline measured in the same run:
 * - the managed-policy snapshot: first lookup (read + gunzip + JSON.parse) vs reading the .gz alone;
 * - the action catalog: expanding `*` cold (reads every service file) vs warm (cached);
 * - the evaluator: leash's `evaluate` vs @cloud-copilot/iam-simulate's `runSimulation` (a
 *   devDependency) on the same random identity policies and requests.
 *
 *   npm run build && node bench/iam-engine.mjs [--cases 2000]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repoRoot, 'packages', 'leash', 'dist', 'iam');
if (!existsSync(join(dist, 'evaluator.js'))) {
  process.stderr.write('bench/iam-engine: build first (npm run build)\n');
  process.exit(2);
}
const args = process.argv.slice(2);
const casesAt = args.indexOf('--cases');
const CASES = casesAt >= 0 ? Number(args[casesAt + 1]) : 2000;

const ms = (t) => `${t.toFixed(1)} ms`;
const time = (fn) => {
  const t = performance.now();
  const result = fn();
  return [performance.now() - t, result];
};

// --- managed policies -------------------------------------------------------------------------
const gz = join(repoRoot, 'packages', 'leash', 'data', 'managed-policies.json.gz');
const [readOnly] = time(() => readFileSync(gz));
const { getManagedPolicy } = await import(join(dist, 'managed-policies.js'));
const [firstLookup] = time(() => getManagedPolicy('AWSLambdaBasicExecutionRole'));
const [warmLookups] = time(() => {
  for (let i = 0; i < 10000; i++) getManagedPolicy(i % 2 ? 'AmazonS3FullAccess' : 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole');
});
console.log(`managed policies: snapshot ${(readFileSync(gz).length / 1024).toFixed(0)} KiB gzip; first lookup ${ms(firstLookup)} (reading the file alone ${ms(readOnly)}, ratio ${(firstLookup / readOnly).toFixed(1)}x); 10k warm lookups ${ms(warmLookups)}`);

// --- catalog ----------------------------------------------------------------------------------
const { expandActionPattern } = await import(join(dist, 'catalog.js'));
const [cold, all] = time(() => expandActionPattern('*'));
const [warm] = time(() => expandActionPattern('*'));
const [gets] = time(() => {
  for (let i = 0; i < 1000; i++) expandActionPattern('s3:Get*');
});
console.log(`catalog: expand '*' → ${all.length} actions cold ${ms(cold)}, warm ${ms(warm)} (cold/warm ${(cold / Math.max(warm, 0.01)).toFixed(0)}x); 1000 × 's3:Get*' ${ms(gets)}`);

// --- evaluator vs iam-simulate ----------------------------------------------------------------
const { evaluate, toPolicyStatements } = await import(join(dist, 'evaluator.js'));
let runSimulation;
try {
  ({ runSimulation } = await import('@cloud-copilot/iam-simulate'));
} catch {
  console.log('evaluator: @cloud-copilot/iam-simulate not installed, no baseline');
}
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];
const ACCOUNT = '123456789012';
const actions = ['s3:GetObject', 's3:PutObject', 'dynamodb:GetItem', 'sqs:SendMessage'];
const resources = { s3: 'arn:aws:s3:::bucket-a/key', dynamodb: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`, sqs: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs` };
const patterns = ['s3:*', 's3:Get*', 'dynamodb:*Item', 'sqs:Send*', '*', 'dynamodb:GetItem'];
const resourcePatterns = ['*', 'arn:aws:s3:::bucket-a/*', `arn:aws:dynamodb:*:*:table/orders`, `arn:aws:sqs:*:${ACCOUNT}:*`];
const cases = Array.from({ length: CASES }, () => {
  const statements = Array.from({ length: 8 }, () => ({
    Effect: rand() < 0.8 ? 'Allow' : 'Deny',
    Action: [pick(patterns), pick(patterns)],
    Resource: pick(resourcePatterns),
    ...(rand() < 0.3 ? { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } } : {}),
  }));
  const action = pick(actions);
  return { statements, action, resource: resources[action.split(':')[0]], context: rand() < 0.5 ? { 'aws:SourceVpc': 'vpc-1' } : {} };
});
const loc = { file: 'bench', line: 1, column: 1 };
const modelCases = cases.map((c) => ({ ...c, model: toPolicyStatements(c.statements, { kind: 'inline', name: 'p', loc }) }));
const [ours] = time(() => {
  for (const c of modelCases) evaluate(c.model, { action: c.action, resource: c.resource, context: c.context }, { missingContextKeys: 'absent' });
});
console.log(`evaluator: ${CASES} evaluations (8 statements each) in ${ms(ours)} (${((CASES / ours) * 1000).toFixed(0)}/s)`);
if (runSimulation) {
  const t = performance.now();
  for (const c of cases) {
    await runSimulation(
      {
        request: { principal: `arn:aws:iam::${ACCOUNT}:role/fn`, action: c.action, resource: { resource: c.resource, accountId: ACCOUNT }, contextVariables: c.context },
        identityPolicies: [{ name: 'p', policy: { Version: '2012-10-17', Statement: c.statements } }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
  }
  const theirs = performance.now() - t;
  console.log(`baseline iam-simulate: same ${CASES} cases in ${ms(theirs)}; leash is ${(theirs / ours).toFixed(1)}x faster`);
}
