import { describe, expect, it } from 'vitest';
import { resultFromModel } from '../../src/scan.js';
import { unknown } from '../../src/model/values.js';
import { at, fn, role, scanModel, stack } from './model-builders.js';

describe('function summaries', () => {
  it('render unresolved runtime and handler, and null when not set', () => {
    const model = scanModel(
      stack({
        functions: [fn('A', 3, { runtime: unknown('parameter Runtime has no default', at(3), { Ref: 'Runtime' }) }), fn('Image', 9, { packageType: 'Image', runtime: undefined, handler: undefined })],
        roles: [role('ARole', 4), role('ImageRole', 10)],
      }),
    );
    const [a, image] = resultFromModel(model, { target: '.', rules: [] }).functions;
    expect(a).toMatchObject({ id: 'A', runtime: '!Ref Runtime', handler: 'index.handler' });
    expect(image).toMatchObject({ id: 'Image', runtime: null, handler: null });
  });

  it('say so when the role is not in the model: its policy is unknown, not empty', () => {
    const result = resultFromModel(scanModel(stack({ functions: [fn('A', 3, { roleId: 'Missing' })] })), { target: '.', rules: [] });
    expect(result.functions[0]!.role).toEqual({ id: 'Missing', kind: 'external', unknowns: [{ reason: 'role Missing is not in the model' }] });
  });

  it('turn a failing enrichment into an error diagnostic on the function, and keep the rest', () => {
    const model = scanModel(stack({ functions: [fn('A', 3), fn('B', 8)], roles: [role('ARole', 4), role('BRole', 9)] }));
    const result = resultFromModel(model, {
      target: '.',
      rules: [],
      enrichFunction: (f) => {
        if (f.id === 'A') throw new Error('parser exploded');
        return { calls: [] };
      },
    });
    expect(result.functions.map((f) => [f.id, 'calls' in f])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect(result.diagnostics).toEqual([
      { severity: 'error', code: 'ERR_LEASH_INTERNAL', message: 'could not analyse function A: parser exploded', file: 'template.yaml', line: 3, column: 3 },
    ]);
  });

  it('report no app as an error, pointing at the warnings that explain it', () => {
    const result = resultFromModel(
      { root: '/x', stacks: [], diagnostics: [{ severity: 'warning', code: 'WARN_LEASH_UNSUPPORTED_CONFIG', message: 'provider azure is not AWS; skipped', file: 'serverless.yml', line: 3 }] },
      { target: '.', rules: [] },
    );
    expect(result.summary.errors).toBe(1);
    expect(result.diagnostics.find((d) => d.code === 'ERR_LEASH_NO_APP')!.message).toContain('see the warning');
  });

  it('sort and de-duplicate diagnostics from the scan and its stacks', () => {
    const d = { severity: 'warning' as const, code: 'WARN_LEASH_X', message: 'same', file: 'template.yaml', line: 2 };
    const model = { root: '/x', stacks: [stack({ diagnostics: [d, { ...d, line: 1, message: 'first' }] })], diagnostics: [d] };
    expect(resultFromModel(model, { target: '.', rules: [] }).diagnostics.map((x) => x.message)).toEqual(['first', 'same']);
  });
});
