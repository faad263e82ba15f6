/**
 * `main(options)`: the whole of `leash scan` without argv, stdout or process exit (knip style), for
 * tools that embed leash and for the CLI, which only parses arguments and writes what this returns.
 */
import { isLeashError, type LeashError } from './errors.js';
import type { ScanResult } from './engine/result.js';
import { severityRank, type Severity } from './engine/types.js';
import type { Diagnostic } from './model/source.js';
import { policyEnrichment } from './policy.js';
import { reporters, type ReporterName } from './reporters/index.js';
import { neutralise } from './reporters/neutralise.js';
import { displayLocation } from './reporters/paths.js';
import { scan, type ScanOptions } from './scan.js';

export type FailOn = Severity | 'none';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'info', 'none'];

export interface MainOptions extends Omit<ScanOptions, 'path'> {
  /** Directory to scan; `.` by default. */
  readonly path?: string;
  readonly format?: ReporterName;
  /** Lowest severity of an unsuppressed finding that makes the exit code 1; `high` by default, `none` never. */
  readonly failOn?: FailOn;
  readonly showSuppressed?: boolean;
  /** ANSI colours in the text report (off by default: the CLI decides from the terminal). */
  readonly color?: boolean;
}

export interface MainResult {
  /** 0: nothing unsuppressed at or above `failOn`; 1: something is; 2: input errors (the rest was still scanned and reported) or a usage error. */
  readonly exitCode: 0 | 1 | 2;
  /** The report (empty when the scan could not start). */
  readonly output: string;
  /** One line per error, `leash: <file>:<line>:<col>: <message> [ERR_LEASH_...]`, for stderr. */
  readonly errors: readonly string[];
  readonly result?: ScanResult;
}

export function main(options: MainOptions = {}): MainResult {
  const path = options.path ?? '.';
  const format = options.format ?? 'text';
  let result: ScanResult;
  try {
    // The JSON report carries each function's code calls and generated policy (the other formats do not show them).
    const enrichFunction = options.enrichFunction ?? (format === 'json' ? policyEnrichment() : undefined);
    result = scan({ ...options, path, ...(enrichFunction ? { enrichFunction } : {}) });
  } catch (error) {
    if (!isLeashError(error)) throw error;
    return { exitCode: 2, output: '', errors: [formatLeashError(error)] };
  }
  const output = reporters[format](result, { color: options.color === true, showSuppressed: options.showSuppressed === true });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  return { exitCode: exitCodeFor(result, options.failOn ?? 'high'), output, errors, result };
}

export function exitCodeFor(result: ScanResult, failOn: FailOn): 0 | 1 | 2 {
  if (result.diagnostics.some((d) => d.severity === 'error')) return 2;
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => !f.suppressed && severityRank(f.severity) <= threshold) ? 1 : 0;
}

/**
 * `leash: <where>: <message> [CODE]`, or `leash: <message> [CODE]` when there is no place to point
 * at: one line, neutralised as a whole (its place and message come from the input).
 */
export function formatProblem(where: string | undefined, message: string, code: string): string {
  return neutralise(`leash: ${where ? `${where}: ` : ''}${message} [${code}]`);
}

/** A LeashError as one stderr line, its file relative to the scan root. */
export function formatLeashError(error: LeashError): string {
  const where = error.file !== undefined ? displayLocation(error.file, error.line, error.column) : undefined;
  return formatProblem(where, error.message, error.code);
}

/** A Diagnostic as one stderr line, its file relative to the scan root (none for a problem with no place in the app: `file` is `''`). */
export function formatDiagnostic(d: Diagnostic): string {
  return formatProblem(d.file === '' ? undefined : displayLocation(d.file, d.line, d.column), d.message, d.code);
}
