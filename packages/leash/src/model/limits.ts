/**
 * Limits hit after loading, while reading a stack's code or expanding its policies: the work that
 * hits one is left out and reported as unknown where it matters, and here once as an
 * `ERR_LEASH_LIMIT` diagnostic, which the scan adds to its own (the run then exits 2).
 */
import type { Diagnostic } from './source.js';
import type { AppModel } from './types.js';

const hits = new WeakMap<AppModel, Map<string, Diagnostic>>();

/** Record that `stack` hit a limit; the first report of each `key` (a limit, a file) is kept. */
export function reportLimit(stack: AppModel, key: string, diagnostic: Omit<Diagnostic, 'severity' | 'code'>): void {
  let byKey = hits.get(stack);
  if (!byKey) hits.set(stack, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, { severity: 'error', code: 'ERR_LEASH_LIMIT', ...diagnostic });
}

/** The limits `stack` hit so far, as diagnostics. */
export function limitDiagnostics(stack: AppModel): Diagnostic[] {
  return [...(hits.get(stack)?.values() ?? [])];
}
