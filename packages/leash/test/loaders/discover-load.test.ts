import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScan } from '../../src/loaders/index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const repoRoot = resolve(import.meta.dirname, '..', '..', '..', '..');

describe('loadScan over a mixed directory', () => {
  // The fixture as a scan root of its own (`--root`): ids and locations relative to it.
  const scan = loadScan(join(fixtures, 'discover-mixed'), { root: join(fixtures, 'discover-mixed') });

  it('loads every app, each with its framework, relative ids and locations', () => {
    expect(scan.root).toBe(join(fixtures, 'discover-mixed'));
    expect(scan.stacks.map((s) => `${s.framework} ${s.id}`)).toEqual([
      'serverless api/serverless.yml',
      'cloudformation infra/fragment.yml',
      'cloudformation infra/network.yaml',
      'cloudformation infra/queue.template.json',
      'serverless svc/serverless.yaml',
      'sam template.yaml',
    ]);
    for (const stack of scan.stacks) {
      for (const fn of stack.functions) expect(fn.loc.file).toBe(stack.file);
      for (const r of stack.resources) expect(r.loc.file.startsWith('/')).toBe(false);
    }
    expect(scan.stacks.find((s) => s.id === 'template.yaml')!.functions.map((f) => f.id)).toEqual(['HelloFunction']);
    expect(scan.stacks.find((s) => s.id === 'api/serverless.yml')!.functions.map((f) => f.id)).toEqual(['list']);
  });

  it('reads a ${file()} resources fragment into its service, not as an app of its own', () => {
    const svc = scan.stacks.find((s) => s.id === 'svc/serverless.yaml')!;
    expect(svc.resources.find((r) => r.id === 'Table')).toMatchObject({ type: 'AWS::DynamoDB::Table', kind: 'table', generated: false });
    expect(scan.stacks.some((s) => s.id.includes('resources/table.yml'))).toBe(false);
  });

  it('reports the broken template with file, line and code, and loads the rest', () => {
    const errors = [...scan.diagnostics, ...scan.stacks.flatMap((s) => s.diagnostics)].filter((d) => d.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'ERR_LEASH_PARSE', file: 'broken/template.yaml', line: expect.any(Number) })]);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it('loads a single file given as the target; by default the root is the git work tree holding it', () => {
    const file = join(fixtures, 'discover-mixed', 'api', 'serverless.yml');
    const one = loadScan(file);
    expect(one.root).toBe(repoRoot);
    expect(one.stacks.map((s) => s.id)).toEqual([relative(repoRoot, file)]);
  });

  it('never throws on a directory without apps: ERR_LEASH_NO_APP', () => {
    const empty = loadScan(join(fixtures, 'discover-empty'));
    expect(empty.stacks).toEqual([]);
    expect(empty.diagnostics.map((d) => d.code)).toEqual(['ERR_LEASH_NO_APP']);
  });
});
