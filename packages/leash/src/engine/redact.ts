/**
 * Secrets never leave leash in full. The secrets rule redacts the values it reports with
 * {@link redactSecret}; the engine then runs {@link redactKnownSecrets} over every finding's message
 * and properties (and `scan()` over diagnostics) as a last line of defence, so a rule that forgets
 * still cannot print a key that has a recognisable shape.
 */

/** `AKIAIOSFODNN7EXAMPLE` → `AKIA…(20 chars)`. The prefix is at most 4 characters and at most a quarter of the value. */
export function redactSecret(value: string): string {
  const length = [...value].length;
  const prefix = [...value].slice(0, Math.min(4, Math.floor(length / 4))).join('');
  return `${prefix}…(${length} chars)`;
}

/**
 * Credential shapes that are unambiguous wherever they appear (a high-confidence prefix plus a
 * fixed alphabet and length). Generic high-entropy strings are left to the secrets rule, which
 * knows the variable name they sit under.
 */
const KNOWN_SECRET_PATTERNS: readonly RegExp[] = [
  // AWS access key ids (long-term AKIA, temporary ASIA, and the other documented prefixes).
  /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b/g,
  // AWS secret access key written next to its name: `aws_secret_access_key=...`.
  /(?<=aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+]{40}\b/gi,
  /\b(?:sk|rk)_live_[0-9A-Za-z]{16,}\b/g,
  /\bxox[abposr]-[0-9A-Za-z-]{10,}\b/g,
  /\bgh[pousr]_[0-9A-Za-z]{36,}\b/g,
  /\bgithub_pat_[0-9A-Za-z_]{22,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bglpat-[0-9A-Za-z_-]{20,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

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
  let out = text;
  for (const pattern of KNOWN_SECRET_PATTERNS) out = out.replace(pattern, (secret) => redactSecret(secret));
  return out;
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
