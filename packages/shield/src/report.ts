/**
 * Violation reporting: one JSON line per distinct (kind, target) on stderr, a global cap per second
 * so a loop cannot flood the logs, and every violation on `diagnostics_channel`
 * `leash:shield:violation` (not rate-limited: subscribers decide).
 */
import { channel } from 'node:diagnostics_channel';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import type { Kind } from './decide.js';
import type { Mode } from './policy.js';
import {
  DateNow, DateToISOString, ErrorCaptureStackTrace, ErrorCtor, fsWriteSync, JSONStringify, SetAdd, SetHas,
  StringIncludes, StringLastIndexOf, StringSlice, StringStartsWith, StringIndexOf,
} from './primordials.js';

export interface Violation {
  readonly leash: 'violation';
  readonly kind: Kind;
  readonly target: string;
  readonly mode: Mode;
  readonly package: string | null;
  readonly time: string;
}

export const VIOLATION_CHANNEL = 'leash:shield:violation';
const violationChannel = channel(VIOLATION_CHANNEL);

/** Lines per second printed at most; the rest are counted and summarized. */
const LINES_PER_SECOND = 20;
/** Distinct (kind, target) pairs remembered; past this, new pairs are still capped per second. */
const MAX_REMEMBERED = 4096;

const ownDir = dirname(fileURLToPath(import.meta.url));
const seen = new Set<string>();
let windowStart = 0;
let linesInWindow = 0;
let suppressed = 0;
// Per kind, so decoys of one kind cannot hide that another kind was suppressed with them.
let suppressedKinds: Record<string, number> = {};

function writeLine(value: unknown): void {
  try {
    fsWriteSync(2, JSONStringify(value) + '\n');
  } catch {
    // stderr closed or full: a lost log line must not break the function.
  }
}

/** The npm package of a file path: the segment after the last `node_modules/` (scoped names kept). */
export function packageOfFile(file: string): string | null {
  const marker = '/node_modules/';
  const at = StringLastIndexOf(file, marker);
  if (at < 0) return null;
  const rest = StringSlice(file, at + marker.length);
  const slash = StringIndexOf(rest, '/');
  if (slash < 0) return null;
  if (StringStartsWith(rest, '@')) {
    const second = StringIndexOf(rest, '/', slash + 1);
    return second < 0 ? null : StringSlice(rest, 0, second);
  }
  return StringSlice(rest, 0, slash);
}

function stackFiles(): string[] {
  const holder: { stack?: unknown } = {};
  const savedPrepare = ErrorCtor.prepareStackTrace;
  const savedLimit = ErrorCtor.stackTraceLimit;
  try {
    ErrorCtor.prepareStackTrace = (_error, sites) => sites.map((site) => site.getFileName() ?? '');
    ErrorCtor.stackTraceLimit = 100;
    ErrorCaptureStackTrace(holder);
    const files = holder.stack;
    return Array.isArray(files) ? (files as string[]) : [];
  } catch {
    return [];
  } finally {
    try {
      ErrorCtor.prepareStackTrace = savedPrepare;
      ErrorCtor.stackTraceLimit = savedLimit;
    } catch {
      // user code froze these: nothing to restore
    }
  }
}

/** The package whose code asked: the `node_modules/<pkg>` frame nearest the call, null for app code. */
export function callerPackage(): string | null {
  for (const raw of stackFiles()) {
    let file = raw;
    if (StringStartsWith(file, 'file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (file === '' || StringStartsWith(file, 'node:') || StringStartsWith(file, ownDir)) continue;
    if (StringIncludes(file, '/node_modules/')) return packageOfFile(file);
  }
  return null;
}

export function reportViolation(kind: Kind, target: string, mode: Mode): Violation {
  const violation: Violation = { leash: 'violation', kind, target, mode, package: callerPackage(), time: DateToISOString(new Date()) };
  if (violationChannel.hasSubscribers) {
    try {
      violationChannel.publish(violation);
    } catch {
      // a throwing subscriber must not turn a violation into a crash
    }
  }
  const key = kind + '\u0000' + target;
  if (SetHas(seen, key)) return violation;
  const now = DateNow();
  if (now - windowStart >= 1000) {
    if (suppressed > 0) writeLine({ leash: 'suppressed', count: suppressed, kinds: suppressedKinds, time: DateToISOString(new Date()) });
    windowStart = now;
    linesInWindow = 0;
    suppressed = 0;
    suppressedKinds = {};
  }
  if (linesInWindow >= LINES_PER_SECOND) {
    // Not remembered: a flood of decoys must not silence this (kind, target) for good; it is
    // printed the next time it happens in a window with room.
    suppressed++;
    suppressedKinds[kind] = (suppressedKinds[kind] ?? 0) + 1;
    return violation;
  }
  if (seen.size < MAX_REMEMBERED) SetAdd(seen, key);
  linesInWindow++;
  writeLine(violation);
  return violation;
}
