/**
 * Differential test: leash's evaluator against the AGPL simulator @cloud-copilot/iam-simulate
 * (a test-only devDependency), on random identity policies and requests over a small vocabulary.
 * Keys missing from the context are absent (`missingContextKeys: 'absent'`), as in the simulator.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { evaluate, toPolicyStatements } from '../../src/iam/evaluator.js';
import type { IamStatement } from '../../src/iam/types.js';

const CASES = 3000;
const ACCOUNT = '123456789012';

/** mulberry32: a small seeded PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REQUESTS: Array<[action: string, resources: string[]]> = [
  ['s3:GetObject', ['arn:aws:s3:::bucket-a/key1', 'arn:aws:s3:::bucket-b/dir/key2', 'arn:aws:s3:::bucket-a/dir/key3', 'arn:aws:s3:::bucket-a/blue/key4']],
  ['s3:PutObject', ['arn:aws:s3:::bucket-a/key1', 'arn:aws:s3:::bucket-b/dir/key2']],
  ['s3:ListBucket', ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b']],
  ['dynamodb:GetItem', [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`, `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/users`]],
  ['dynamodb:PutItem', [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`]],
  ['sqs:SendMessage', [`arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`, `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs-dlq`]],
];
const ACTION_PATTERNS = ['s3:GetObject', 's3:Get*', 's3:*', '*', 'S3:getobject', 's3:?utObject', 's3:List*', 'dynamodb:*Item', 'dynamodb:GetItem', 'sqs:Send*', 'sqs:*', 'dynamodb:*'];
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::bucket-a/*',
  'arn:aws:s3:::bucket-?/*',
  'arn:aws:s3:::bucket-a',
  'arn:aws:s3:::*',
  'arn:aws:s3:::bucket-b/dir/*',
  'arn:aws:s3:::*/key1',
  `arn:aws:dynamodb:*:*:table/orders`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*`,
  `arn:aws:sqs:*:${ACCOUNT}:jobs`,
  `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs*`,
  'arn:aws:*',
  'arn:aws:s3:::bucket-a/${aws:PrincipalTag/team}/*',
  'arn:aws:s3:::bucket-?/*/key?',
];

type Cond = Record<string, Record<string, string | string[]>>;
const CONDITIONS: Array<() => Cond> = [
  () => ({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }),
  () => ({ StringEquals: { 'aws:SourceVpc': ['vpc-1', 'vpc-2'] } }),
  () => ({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }),
  () => ({ StringLike: { 'aws:SourceVpc': 'vpc-*' } }),
  () => ({ StringNotLike: { 'aws:SourceVpc': 'vpc-2*' } }),
  () => ({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'Blue' } }),
  () => ({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-2' } }),
  () => ({ StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }),
  () => ({ Null: { 'aws:SourceVpc': 'true' } }),
  () => ({ Null: { 'aws:PrincipalTag/team': 'false' } }),
  () => ({ Bool: { 'aws:SecureTransport': 'true' } }),
  () => ({ BoolIfExists: { 'aws:SecureTransport': 'false' } }),
  () => ({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
  () => ({ NotIpAddress: { 'aws:SourceIp': ['192.168.0.0/16', '10.1.0.0/16'] } }),
  () => ({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
  () => ({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '600' } }),
  () => ({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }),
  () => ({ DateLessThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } }),
  () => ({ ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${ACCOUNT}:topic-*` } }),
  () => ({ ArnNotEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ACCOUNT}:topic-a` } }),
  () => ({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }),
  () => ({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }),
  () => ({ 'ForAnyValue:StringLike': { 'aws:TagKeys': 'cost-*' } }),
  () => ({ StringEquals: { 'aws:SourceVpc': 'vpc-1' }, Bool: { 'aws:SecureTransport': 'true' } }),
  () => ({ StringLike: { 'aws:SourceVpc': 'vpc-?' } }),
  () => ({ StringEquals: { 'aws:SourceVpc': '${aws:PrincipalTag/team}' } }),
  // Not here: an epoch policy value against an ISO context time. AWS compares them as dates; the
  // simulator reads the epoch as milliseconds (see evaluator.test.ts for leash's behaviour).
  () => ({ DateLessThanEquals: { 'aws:CurrentTime': '2025-06-01T00:00:00Z' } }),
  () => ({ NumericNotEquals: { 'aws:MultiFactorAuthAge': ['100', '7200'] } }),
  () => ({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['team', 'cost-*'] } }),
  () => ({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:topic-?' } }),
];
const CONTEXT_VALUES: Record<string, Array<string | string[]>> = {
  'aws:SourceVpc': ['vpc-1', 'vpc-2', 'vpc-22', 'other'],
  'aws:PrincipalTag/team': ['blue', 'red', 'BLUE', 'vpc-1'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:SourceIp': ['10.1.2.3', '10.2.0.1', '192.168.1.1', '8.8.8.8'],
  'aws:MultiFactorAuthAge': ['100', '3600', '7200'],
  'aws:CurrentTime': ['2024-06-01T00:00:00Z', '2025-06-01T00:00:00Z', '2026-11-28T00:00:00Z'],
  'aws:SourceArn': [`arn:aws:sns:us-east-1:${ACCOUNT}:topic-a`, `arn:aws:sns:eu-west-1:${ACCOUNT}:topic-b`, `arn:aws:sns:us-east-1:999999999999:topic-a`],
  'aws:TagKeys': [['team'], ['team', 'env'], ['cost-center'], ['x', 'env'], ['x']],
};

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}
function some<T>(rand: () => number, list: readonly T[], max: number): T[] {
  const n = 1 + Math.floor(rand() * max);
  return [...new Set(Array.from({ length: n }, () => pick(rand, list)))];
}

function randomStatement(rand: () => number): IamStatement {
  const s: IamStatement = { Effect: rand() < 0.75 ? 'Allow' : 'Deny' };
  const actions = some(rand, ACTION_PATTERNS, 3);
  if (rand() < 0.15) s.NotAction = actions.length === 1 ? actions[0]! : actions;
  else s.Action = actions.length === 1 ? actions[0]! : actions;
  const resources = some(rand, RESOURCE_PATTERNS, 3);
  if (rand() < 0.15) s.NotResource = resources;
  else s.Resource = resources.length === 1 ? resources[0]! : resources;
  if (rand() < 0.45) s.Condition = pick(rand, CONDITIONS)();
  return s;
}

interface Case {
  statements: IamStatement[];
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

function randomCase(rand: () => number): Case {
  const statements = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomStatement(rand));
  const [action, resources] = pick(rand, REQUESTS);
  const context: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(CONTEXT_VALUES)) if (rand() < 0.5) context[key] = pick(rand, values);
  return { statements, action, resource: pick(rand, resources), context };
}

const SIMULATOR_DECISION: Record<string, string> = { Allowed: 'allowed', ExplicitlyDenied: 'denied', ImplicitlyDenied: 'implicit-deny' };

describe('evaluator vs @cloud-copilot/iam-simulate (differential)', () => {
  it(`agrees on ${CASES} random policies and requests`, async () => {
    const rand = prng(20261128);
    const loc = { file: 'random.json', line: 1, column: 1 };
    let compared = 0;
    let simulatorErrors = 0;
    const disagreements: string[] = [];
    const decisions: Record<string, number> = {};
    for (let i = 0; i < CASES; i++) {
      const c = randomCase(rand);
      const simulation: Simulation = {
        request: { principal: `arn:aws:iam::${ACCOUNT}:role/fn`, action: c.action, resource: { resource: c.resource, accountId: ACCOUNT }, contextVariables: c.context },
        identityPolicies: [{ name: 'p', policy: { Version: '2012-10-17', Statement: c.statements } }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      };
      const result = await runSimulation(simulation, {});
      if (result.resultType === 'error') {
        simulatorErrors++;
        continue;
      }
      const theirs = SIMULATOR_DECISION[result.overallResult] ?? result.overallResult;
      const ours = evaluate(toPolicyStatements(c.statements, { kind: 'inline', name: 'p', loc }), { action: c.action, resource: c.resource, context: c.context }, { missingContextKeys: 'absent' }).decision;
      compared++;
      decisions[ours] = (decisions[ours] ?? 0) + 1;
      if (ours !== theirs) disagreements.push(`#${i} leash=${ours} simulator=${theirs}: ${JSON.stringify(c)}`);
    }
    console.log(`differential: ${compared} cases compared (${simulatorErrors} rejected by the simulator), ${disagreements.length} disagreements; leash decisions ${JSON.stringify(decisions)}`);
    if (disagreements.length) console.log(disagreements.slice(0, 10).join('\n'));
    expect(compared).toBeGreaterThan(CASES * 0.9);
    // Both outcomes must be exercised, or the comparison proves little.
    expect(decisions.allowed ?? 0).toBeGreaterThan(CASES / 10);
    expect(decisions['implicit-deny'] ?? 0).toBeGreaterThan(CASES / 10);
    expect(decisions.denied ?? 0).toBeGreaterThan(CASES / 20);
    expect(disagreements).toEqual([]);
  });

  it('in conditional mode, a definite decision holds for every completion of the unknown keys', async () => {
    const rand = prng(7);
    const loc = { file: 'random.json', line: 1, column: 1 };
    const runs = 600;
    let definite = 0;
    let conditional = 0;
    const unsound: string[] = [];
    for (let i = 0; i < runs; i++) {
      const c = randomCase(rand);
      const ours = evaluate(toPolicyStatements(c.statements, { kind: 'inline', name: 'p', loc }), { action: c.action, resource: c.resource, context: c.context }).decision;
      if (ours === 'conditional') {
        conditional++;
        continue;
      }
      definite++;
      for (let k = 0; k < 3; k++) {
        // Fill in (or leave absent) every key leash did not know.
        const completed: Record<string, string | string[]> = { ...c.context };
        for (const [key, values] of Object.entries(CONTEXT_VALUES)) if (!(key in completed) && rand() < 0.6) completed[key] = pick(rand, values);
        const result = await runSimulation(
          {
            request: { principal: `arn:aws:iam::${ACCOUNT}:role/fn`, action: c.action, resource: { resource: c.resource, accountId: ACCOUNT }, contextVariables: completed },
            identityPolicies: [{ name: 'p', policy: { Version: '2012-10-17', Statement: c.statements } }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
          },
          {},
        );
        if (result.resultType === 'error') continue;
        const theirs = SIMULATOR_DECISION[result.overallResult];
        // 'implicit-deny' says no statement can allow it; a Deny that may apply can still make it an explicit deny.
        const agrees = ours === 'implicit-deny' ? theirs !== 'allowed' : theirs === ours;
        if (!agrees) unsound.push(`#${i} leash=${ours} simulator=${theirs} with ${JSON.stringify(completed)}: ${JSON.stringify(c)}`);
      }
    }
    console.log(`conditional mode: ${definite} definite and ${conditional} conditional decisions over ${runs} cases; ${unsound.length} contradicted by a completion`);
    if (unsound.length) console.log(unsound.slice(0, 5).join('\n'));
    expect(conditional).toBeGreaterThan(runs / 20);
    expect(unsound).toEqual([]);
  });
});
