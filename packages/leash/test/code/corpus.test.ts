/**
 * The handler corpus (`test/fixtures/handlers/<case>/`): each case's `expected.json` lists the
 * exact permissions its functions' code needs (action + resource) and the unknowns leash must
 * report. Precision and recall over the whole corpus must both be 100%.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { CodeAnalyzer } from '../../src/code/index.js';
import { requiredPermissions } from '../../src/iam/generate.js';
import type { CfnValue } from '../../src/model/values.js';
import { loadCase } from './fixture-model.js';

interface ExpectedFunction {
  readonly permissions: { action: string; resource: CfnValue }[];
  readonly unknowns: { reason: string; file: string; line: number }[];
}

const corpus = join(import.meta.dirname, '..', 'fixtures', 'handlers');
const cases = readdirSync(corpus).filter((d) => existsSync(join(corpus, d, 'expected.json'))).sort();

const key = (action: string, resource: CfnValue) => `${action} ${JSON.stringify(resource)}`;
let truePositives = 0;
let found = 0;
let expectedTotal = 0;
const loaders = new Set<string>();

describe('handler corpus', () => {
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(corpus, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { functions: Record<string, ExpectedFunction> };
      const { root, stack, loadedBy } = loadCase(dir);
      loaders.add(loadedBy);
      const analyzer = new CodeAnalyzer();
      for (const [fnId, want] of Object.entries(expected.functions)) {
        const fn = stack.functions.find((f) => f.id === fnId);
        expect(fn, `function ${fnId}`).toBeDefined();
        const analysis = analyzer.analyzeFunction(stack, fn!, root);
        const got = new Set(requiredPermissions(stack, fn!, analysis).filter((p) => typeof p.source === 'object').map((p) => key(p.action, p.resource)));
        const wantSet = new Set(want.permissions.map((p) => key(p.action, p.resource)));
        found += got.size;
        expectedTotal += wantSet.size;
        truePositives += [...got].filter((g) => wantSet.has(g)).length;
        expect([...got].sort(), `${fnId} permissions`).toEqual([...wantSet].sort());
        const unknowns = analysis.unknowns.map((u) => ({ file: u.loc.file, line: u.loc.line, reason: u.reason }));
        expect(unknowns.length, `${fnId} unknowns: ${JSON.stringify(unknowns)}`).toBe(want.unknowns.length);
        for (const w of want.unknowns) {
          expect(unknowns.some((u) => u.file === w.file && u.line === w.line && u.reason.includes(w.reason)), `${fnId} unknown ${JSON.stringify(w)} in ${JSON.stringify(unknowns)}`).toBe(true);
        }
      }
    });
  }

  afterAll(() => {
    const precision = found ? truePositives / found : 1;
    const recall = expectedTotal ? truePositives / expectedTotal : 1;
    console.log(`handler corpus: ${cases.length} cases, ${expectedTotal} expected permissions, ${found} found, precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (model from ${[...loaders].join(', ')})`);
  });

  it('precision and recall are 100%', () => {
    // Runs after the cases (vitest runs tests in order within a file).
    expect(found).toBeGreaterThan(0);
    expect(truePositives / found).toBe(1);
    expect(truePositives / expectedTotal).toBe(1);
  });
});
