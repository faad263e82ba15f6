import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEASH_WARNING_CODES } from '../../src/errors.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `'ERR_LEASH_X'` / `'WARN_LEASH_X'` string written in the sources (codes in prose are not counted). */
function codesUsed(prefix: 'ERR' | 'WARN'): Set<string> {
  const pattern = new RegExp(`['"\`](${prefix}_LEASH_[A-Z_]+)['"\`]`, 'g');
  const used = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    if (file.endsWith('errors.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) used.add(match[1]!);
  }
  return used;
}

describe('diagnostic codes', () => {
  it('every error code used is in the LeashErrorCode union', () => {
    const errors = readFileSync(join(SRC, 'errors.ts'), 'utf8');
    const union = errors.slice(errors.indexOf('export type LeashErrorCode'), errors.indexOf(';', errors.indexOf('export type LeashErrorCode')));
    const declared = new Set([...union.matchAll(/'(ERR_LEASH_[A-Z_]+)'/g)].map((m) => m[1]!));
    expect(declared.size).toBeGreaterThan(5);
    expect([...codesUsed('ERR')].filter((code) => !declared.has(code))).toEqual([]);
  });

  it('every warning code used is documented in LEASH_WARNING_CODES, and every documented one is used', () => {
    const used = codesUsed('WARN');
    const documented = Object.keys(LEASH_WARNING_CODES);
    expect([...used].filter((code) => !documented.includes(code))).toEqual([]);
    expect(documented.filter((code) => !used.has(code))).toEqual([]);
  });
});
