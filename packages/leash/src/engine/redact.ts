/**
 * Secrets never leave leash in full. The secrets rule redacts the values it reports with
 * {@link redactSecret}; the engine then runs {@link redactKnownSecrets} over every finding's message
 * and properties (and `scan()` over diagnostics) as a last line of defence, so a rule that forgets
 * still cannot print a key that has a recognisable shape. The shapes are the secret detector's
 * (`secrets/detect.ts`): one list for both.
 */
import { secretSpans } from '../secrets/detect.js';


/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…(20 chars)`. The prefix is at most 4 characters and at most a quarter of the value. */
export function redactSecret(value: string): string {
  const length = [...value].length;
  const prefix = [...value].slice(0, Math.min(4, Math.floor(length / 4))).join('');
  return `${prefix}…(${length} chars)`;
}

/**
 * Short strings already redacted, and their result. Findings repeat the same ids and names over
 * and over (`iam/shared-role` lists every other function of a role on each of its findings), so a
 * large app would otherwise run the patterns millions of times. Bounded: cleared when full.
 */
const MEMO_MAX_LENGTH = 256;
const MEMO_MAX_ENTRIES = 50_000;
const memo = new Map<string, string>();

/** Replace every recognisable credential in `text` by its redacted form. */
export function redactKnownSecrets(text: string): string {
  if (text.length > MEMO_MAX_LENGTH) return redactPatterns(text);
  let out = memo.get(text);
  if (out === undefined) {
    out = redactPatterns(text);
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(text, out);
  }
  return out;
}

function redactPatterns(text: string): string {
  let out = '';
  let last = 0;
  for (const [start, end] of secretSpans(text)) {
    out += text.slice(last, start) + redactSecret(text.slice(start, end));
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** {@link redactKnownSecrets} over every string inside a JSON-like value (objects and arrays are copied). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactKnownSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = redactDeep(v);
    return out as T;
  }
  return value;
}
