/**
 * Secrets never leave leash in full. The secrets rule redacts the values it reports with
 * {@link redactSecret}; the engine then runs a {@link redactorFor} the scan over every finding (and
 * `scan()` over diagnostics and function summaries, `policy()` over its report) as a last line of
 * defence, so a rule that forgets still cannot print:
 * - a key that has a recognisable shape ({@link redactKnownSecrets}; the shapes are the secret
 *   detector's, `secrets/detect.ts`: one list for both);
 * - a value the model marks as never to be printed: a NoEcho parameter's default, a value read
 *   from the environment (`ScanModel.environmentValues`), wherever it was substituted.
 */
import type { ScanModel } from '../model/types.js';
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

/** {@link redactKnownSecrets} over every string inside a JSON-like value, keys included (objects and arrays are copied). */
function redactDeep<T>(value: T): T {
  return mapStrings(value, redactKnownSecrets);
}

function mapStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, redact)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[redact(key)] = mapStrings(v, redact);
    return out as T;
  }
  return value;
}

/** What one scan redacts: the credential shapes, and the values its model marks. */
export interface Redactor {
  readonly text: (text: string) => string;
  /** `text` over every string inside a JSON-like value, keys included. */
  readonly deep: <T>(value: T) => T;
}

/**
 * Values of 4 characters or more are redacted wherever they occur; shorter ones only as a whole
 * word (not inside a longer name or number), or every `1` and `dev` of a report would go.
 */
const SUBSTRING_MIN = 4;

export function redactorFor(model: ScanModel): Redactor {
  const values = markedValues(model);
  if (values.length === 0) return { text: redactKnownSecrets, deep: redactDeep };
  const escape = (v: string): string => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const byLength = values.sort((a, b) => b.length - a.length).map(escape);
  const long = byLength.filter((v) => v.length >= SUBSTRING_MIN);
  const short = byLength.filter((v) => v.length < SUBSTRING_MIN);
  const alternatives = [...(long.length ? [long.join('|')] : []), ...(short.length ? [`(?<![A-Za-z0-9])(?:${short.join('|')})(?![A-Za-z0-9])`] : [])];
  const pattern = new RegExp(alternatives.join('|'), 'g');
  const text = (t: string): string => redactKnownSecrets(t.replace(pattern, (value) => redactSecret(value)));
  return { text, deep: (value) => mapStrings(value, text) };
}

/** The values a scan marks: read from the environment, or a NoEcho parameter's default (each item of a list too). */
function markedValues(model: ScanModel): string[] {
  const out = new Set(model.environmentValues ?? []);
  for (const stack of model.stacks) {
    for (const p of stack.parameters) {
      if (!p.noEcho) continue;
      const items = Array.isArray(p.default) ? p.default : [p.default];
      for (const item of items) {
        if (typeof item !== 'string' && typeof item !== 'number') continue;
        out.add(String(item));
        if (typeof item === 'string' && (p.type.startsWith('List<') || p.type === 'CommaDelimitedList')) for (const part of item.split(',')) out.add(part.trim());
      }
    }
  }
  out.delete('');
  return [...out];
}
