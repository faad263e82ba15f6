/** Reporters by name: each turns a ScanResult into a string, purely and deterministically. */
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
