import { describe, expect, it } from 'vitest';
import { stackIndex } from '../../src/engine/stack-index.js';
import { suppressionsFor } from '../../src/engine/suppress.js';
import type { AppModel, LambdaFunction, Resource, Role, Suppression } from '../../src/model/types.js';

const loc = { file: 'template.yaml', line: 1, column: 1 };
const suppression = (rule: string, reason: string): Suppression => ({ rule, reason, source: 'metadata', loc });
const fn = (id: string, roleId: string, extra: Partial<LambdaFunction> = {}) => ({ id, logicalId: id, roleId, loc, suppressions: [], ...extra }) as unknown as LambdaFunction;
const role = (id: string, suppressions: Suppression[] = []) => ({ id, kind: 'cloudformation', loc, statements: [], policies: [], unknowns: [], suppressions }) as unknown as Role;
const resource = (id: string, suppressions: Suppression[] = []) => ({ id, type: 'AWS::SQS::Queue', kind: 'queue', loc, properties: {}, generated: false, suppressions }) as unknown as Resource;

function stackOf(parts: Partial<AppModel>): AppModel {
  return { id: 'template.yaml', framework: 'sam', file: 'template.yaml', baseDir: '/', functions: [], roles: [], resources: [], permissions: [], apis: [], network: { vpcs: [], subnets: [], routeTables: [] }, parameters: [], suppressions: [], diagnostics: [], ...parts } as AppModel;
}

describe('stackIndex', () => {
  it('finds nodes by id as find() would: the first of duplicates, undefined when absent', () => {
    const first = resource('Queue');
    const second = resource('Queue');
    const stack = stackOf({ resources: [first, second], functions: [fn('A', 'R')], roles: [role('R')] });
    const index = stackIndex(stack);
    expect(index.resourceById('Queue')).toBe(first);
    expect(index.functionById('A')).toBe(stack.functions[0]);
    expect(index.roleById('R')).toBe(stack.roles[0]);
    expect(index.resourceById('Nope')).toBeUndefined();
    expect(index.functionById('__proto__')).toBeUndefined();
  });

  it('lists the functions of a role in stack order', () => {
    const stack = stackOf({ functions: [fn('A', 'Shared'), fn('B', 'Own'), fn('C', 'Shared')] });
    expect(stackIndex(stack).functionsOfRole('Shared').map((f) => f.id)).toEqual(['A', 'C']);
    expect(stackIndex(stack).functionsOfRole('Missing')).toEqual([]);
  });

  it('is built once per stack, and again when a list grows', () => {
    const stack = stackOf({ functions: [fn('A', 'R')] });
    const index = stackIndex(stack);
    expect(stackIndex(stack)).toBe(index);
    stack.functions.push(fn('B', 'R'));
    const rebuilt = stackIndex(stack);
    expect(rebuilt).not.toBe(index);
    expect(rebuilt.functionById('B')?.id).toBe('B');
    expect(rebuilt.functionsOfRole('R')).toHaveLength(2);
  });

  it('reads a partial stack (a hand-built test model) without throwing', () => {
    const partial = { parameters: [{ name: 'P', type: 'String', noEcho: false, loc }] } as unknown as AppModel;
    expect(stackIndex(partial).parameterByName('P')?.name).toBe('P');
    expect(stackIndex(partial).functionById('A')).toBeUndefined();
  });

  it('collects suppressions of every node kind with the id, roles before resources', () => {
    const onRole = suppression('iam/*', 'role');
    const onResource = suppression('iam/*', 'resource');
    const stack = stackOf({ roles: [role('Same', [onRole])], resources: [resource('Same', [onResource])] });
    expect(stackIndex(stack).nodeSuppressions('Same')).toEqual([onRole, onResource]);
    expect(suppressionsFor(stack, 'Same', 'iam/shared-role')).toEqual([onRole, onResource]);
  });
});

describe('suppressionsFor on a large stack', () => {
  it('takes the function, its CloudFormation resource, its role (iam rules) and the stack, in that order', () => {
    const onFn = suppression('iam/*', 'fn');
    const onLogical = suppression('iam/*', 'logical');
    const onRole = suppression('iam/shared-role', 'role');
    const onStack = suppression('iam/*', 'stack');
    const functions = Array.from({ length: 3000 }, (_, i) => fn(`Fn${i}`, `Role${i % 10}`));
    functions[2999] = fn('Target', 'Role9', { logicalId: 'TargetFunction', suppressions: [onFn] });
    const stack = stackOf({
      functions,
      roles: Array.from({ length: 10 }, (_, i) => role(`Role${i}`, i === 9 ? [onRole] : [])),
      resources: [resource('TargetFunction', [onLogical])],
      suppressions: [onStack],
    });
    expect(suppressionsFor(stack, 'Target', 'iam/shared-role')).toEqual([onFn, onLogical, onRole, onStack]);
    expect(suppressionsFor(stack, 'Target', 'dos/max-timeout')).toEqual([]);
    expect(suppressionsFor(stack, 'Fn0', 'iam/unused-permission')).toEqual([onStack]);
  });
});
