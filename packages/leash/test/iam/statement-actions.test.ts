/**
 * Statement expansion: once per distinct statement, shared between roles, and within a budget per
 * stack (src/iam/statement-actions.ts).
 */
import { describe, expect, it } from 'vitest';
import type { AppModel, PolicyStatement } from '../../src/model/types.js';
import { limitDiagnostics } from '../../src/model/limits.js';
import { toPolicyStatements } from '../../src/iam/evaluator.js';
import { MAX_EXPANDED_ACTIONS, coversAction, statementActions } from '../../src/iam/statement-actions.js';
import type { IamStatement } from '../../src/iam/types.js';

const loc = { file: 'template.yaml', line: 10, column: 3 };
const inline = (...s: IamStatement[]): PolicyStatement[] => toPolicyStatements(s, { kind: 'inline', name: 'Policies[0]', loc });
const newStack = (): AppModel => ({ id: 'template.yaml', framework: 'sam', file: 'template.yaml', baseDir: '/', functions: [], roles: [], resources: [], permissions: [], apis: [], network: { vpcs: [], subnets: [], routeTables: [] }, parameters: [], suppressions: [], diagnostics: [] });

describe('statementActions', () => {
  it('expands Action and NotAction, keeps names that are no action apart, and covers any case', () => {
    const stack = newStack();
    const [star, not, named] = inline(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Allow', Action: ['s3:Get*', 's3:ListObjectsV2'], Resource: '*' },
    );
    expect(statementActions(star!, stack)!.actions.length).toBeGreaterThan(20_000);
    const notIam = statementActions(not!, stack)!;
    expect(notIam.actions.some((a) => a.startsWith('iam:'))).toBe(false);
    expect(coversAction(notIam, 'S3:GETOBJECT')).toBe(true);
    expect(coversAction(notIam, 'iam:PassRole')).toBe(false);
    const s3 = statementActions(named!, stack)!;
    expect(s3.notActions).toEqual(['s3:ListObjectsV2']);
    expect(coversAction(s3, 's3:getobject')).toBe(true);
    expect(coversAction(s3, 's3:PutObject')).toBe(false);
    expect(coversAction(s3, 'not-an-action')).toBe(false);
  });

  it('shares one expansion between statements of the same shape (a managed policy on many roles)', () => {
    const stack = newStack();
    const a = inline({ Effect: 'Allow', Action: '*', Resource: '*' })[0]!;
    const b = inline({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::other' })[0]!;
    expect(statementActions(a, stack)).toBe(statementActions(b, newStack()));
  });

  it('stops a stack at MAX_EXPANDED_ACTIONS: statements past it are not expanded, and the limit is reported once', () => {
    const stack = newStack();
    // Each distinct service-wildcard pattern reads the whole catalog (~22,000 actions).
    const statements = Array.from({ length: Math.ceil(MAX_EXPANDED_ACTIONS / 20_000) + 50 }, (_, i) => inline({ Effect: 'Allow', Action: `*:Budget${i}*`, Resource: '*' })[0]!);
    const expanded = statements.map((s) => statementActions(s, stack));
    const first = expanded.indexOf(undefined);
    expect(first).toBeGreaterThan(100);
    expect(expanded.slice(first).every((e) => e === undefined)).toBe(true);
    expect(limitDiagnostics(stack)).toEqual([expect.objectContaining({ code: 'ERR_LEASH_LIMIT', severity: 'error', file: 'template.yaml', line: 10 })]);
    // Another stack has its own budget.
    expect(statementActions(inline({ Effect: 'Allow', Action: '*:FreshBudget*', Resource: '*' })[0]!, newStack())).toBeDefined();
  });
});
