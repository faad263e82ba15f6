/**
 * Reporters by name: each turns a ScanResult into a string, purely and deterministically.
 *
 * Every string of a report that came from the input goes through `neutralise.ts` (see there what
 * it escapes and why): the text and SARIF reporters render a copy of the whole result made by
 * `neutraliseDeep`, and the JSON and SARIF reporters serialise with `toJson`. Both walk the whole
 * result, so a field added to ScanResult later (package names and paths from node_modules, code
 * flows) is covered without a change here; a new reporter must do the same: neutraliseDeep before
 * rendering text, toJson for JSON, never `JSON.stringify` or a raw string. The CLI passes all it
 * writes through `guardOutput` as a last line of defence, not as the protection.
 */
import { json } from './json.js';
import { sarif } from './sarif.js';
import { text } from './text.js';
import type { Reporter } from './types.js';

export type { ReportOptions, Reporter } from './types.js';

export const reporters = { text, json, sarif } as const satisfies Readonly<Record<string, Reporter>>;

export type ReporterName = keyof typeof reporters;

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
