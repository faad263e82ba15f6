/**
 * Every template and serverless.yml of the shared corpus (`../shared/corpus` from the repo root:
 * ~700 real SAM templates and serverless.yml files) loads through `loadScan` without throwing.
 * Files leash cannot load are rejected with a clear diagnostic (code, file, line), never a crash.
 * Skipped when the corpus is absent. `scripts/corpus-report.mjs` prints the same report from dist.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../scripts/corpus-files.mjs';
import { loadScan } from '../src/loaders/index.js';
import type { Diagnostic } from '../src/model/source.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const corpus = resolve(repoRoot, '..', 'shared', 'corpus');

interface Outcome {
  readonly file: string;
  readonly status: 'loaded' | 'loaded-with-errors' | 'rejected' | 'threw';
  readonly diagnostics: Diagnostic[];
  readonly error?: string;
}

describe.skipIf(!existsSync(corpus))('shared corpus', () => {
  it('loads every template without throwing; rejections carry a clear diagnostic', () => {
    const files = corpusFiles(corpus);
    expect(files.length).toBeGreaterThan(500);
    const outcomes: Outcome[] = files.map((abs): Outcome => {
      const file = relative(corpus, abs);
      try {
        const scan = loadScan(abs);
        const diagnostics = [...scan.diagnostics, ...scan.stacks.flatMap((s) => s.diagnostics)];
        const errors = diagnostics.filter((d) => d.severity === 'error');
        return { file, status: scan.stacks.length === 0 ? 'rejected' : errors.length > 0 ? 'loaded-with-errors' : 'loaded', diagnostics };
      } catch (error) {
        return { file, status: 'threw', diagnostics: [], error: String((error as Error)?.stack ?? error) };
      }
    });
    const count = (status: Outcome['status']): number => outcomes.filter((o) => o.status === status).length;
    const reasons = new Map<string, number>();
    for (const o of outcomes.filter((x) => x.status === 'rejected')) {
      const reason = o.diagnostics.find((d) => d.severity === 'error' || d.code === 'WARN_LEASH_UNSUPPORTED_CONFIG')?.code ?? o.diagnostics[0]?.code ?? 'none';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    console.log(
      `corpus: ${files.length} files; loaded ${count('loaded')} clean, ${count('loaded-with-errors')} with errors; rejected ${count('rejected')} (${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ')}); threw ${count('threw')}`,
    );

    expect(outcomes.filter((o) => o.status === 'threw').map((o) => `${o.file}: ${o.error}`)).toEqual([]);
    const internal = outcomes.flatMap((o) => o.diagnostics.filter((d) => d.code === 'ERR_LEASH_INTERNAL').map((d) => `${o.file}: ${d.message}`));
    expect(internal).toEqual([]);
    // A rejection says why, where: an error with a line, or the unsupported-provider warning.
    for (const o of outcomes.filter((x) => x.status === 'rejected')) {
      const why = o.diagnostics.find((d) => d.severity === 'error' || d.code === 'WARN_LEASH_UNSUPPORTED_CONFIG');
      expect(why, `${o.file} was rejected without a diagnostic`).toBeDefined();
      expect(why!.line ?? 0, `${o.file}: ${why!.code} has no line`).toBeGreaterThanOrEqual(1);
      expect(why!.message.length).toBeGreaterThan(10);
    }
    // Every diagnostic points into the file it is about, relative to the scan root.
    for (const o of outcomes) for (const d of o.diagnostics) expect(d.file.startsWith('/'), `${o.file}: ${d.file}`).toBe(false);
    expect(count('loaded') + count('loaded-with-errors')).toBeGreaterThanOrEqual(Math.floor(files.length * 0.9));
  });
});
