import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScan } from '../../../src/loaders/index.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

describe('templates loaded end to end through loadScan', () => {
  it('sam-app: SAM stack with relative locations and an existing code folder', () => {
    const root = join(fixtures, 'sam-app');
    const scan = loadScan(root, { root });
    expect(scan.stacks).toHaveLength(1);
    const stack = scan.stacks[0]!;
    expect(stack).toMatchObject({ framework: 'sam', file: 'template.yaml' });
    expect(stack.diagnostics).toEqual([]);
    const fn = stack.functions[0]!;
    expect(fn).toMatchObject({ id: 'OrdersFunction', runtime: 'nodejs22.x', timeout: 10, roleId: 'OrdersFunctionRole', loc: { file: 'template.yaml', line: 15, column: 3 } });
    expect(fn.code.dir).toBe(join(root, 'src/orders'));
    expect(existsSync(join(fn.code.dir!, 'handler.mjs'))).toBe(true);
    expect(fn.environment[0]).toMatchObject({ name: 'TABLE_NAME', resourceId: 'OrdersTable' });
    expect(fn.triggers[0]!.api).toMatchObject({ apiId: 'ServerlessRestApi', path: '/orders', method: 'POST', auth: { type: 'NONE' } });
    expect(fn.suppressions).toEqual([expect.objectContaining({ rule: 'iam/wildcard-resource', source: 'comment', loc: expect.objectContaining({ line: 14 }) })]);
    const role = stack.roles.find((r) => r.id === 'OrdersFunctionRole')!;
    expect(role.policies.map((p) => p.name)).toEqual(['AWSLambdaBasicExecutionRole', 'DynamoDBCrudPolicy']);
  });

  it('cfn-json: JSON template with positions', () => {
    const scan = loadScan(join(fixtures, 'cfn-json'), { root: join(fixtures, 'cfn-json') });
    const stack = scan.stacks[0]!;
    expect(stack).toMatchObject({ framework: 'cloudformation', file: 'template.json' });
    expect(stack.diagnostics).toEqual([]);
    const fn = stack.functions[0]!;
    expect(fn).toMatchObject({ id: 'Worker', runtime: 'python3.13', loc: { file: 'template.json', line: 12, column: 5 } });
    expect(fn.code.inline).toContain('def handler');
    expect(fn.triggers[0]).toMatchObject({ kind: 'sqs', source: { resourceId: 'Queue' }, eventSourceMapping: { batchSize: 10 } });
    expect(stack.roles[0]!.policies[0]).toMatchObject({ kind: 'managed', name: 'AWSLambdaSQSQueueExecutionRole' });
    expect(stack.roles[0]!.unknowns).toEqual([]);
  });
});
