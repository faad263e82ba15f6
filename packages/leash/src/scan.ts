/**
 * `scan(options)`: load every app under a directory, run the rules, and return a {@link ScanResult}
 * (findings, functions with their effective policies, diagnostics, counts). No printing, no exit
 * codes: that is the CLI's job (see `main()` for the report-producing wrapper).
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { toPosix, withRealParent } from './fs/confined.js';
import { findScanRoot } from './fs/scan-root.js';
import { loadScan, type LoadOptions } from './loaders/index.js';
import type { Diagnostic } from './model/source.js';
import type { ScanModel } from './model/types.js';
import { redactorFor } from './engine/redact.js';
import { runRules } from './engine/run.js';
import { RESULT_FORMAT_VERSION, type ScanResult } from './engine/result.js';
import { compare, compareDiagnostics, dedupeDiagnostics, summarise, summariseFunction, summariseRule, type FunctionEnricher } from './engine/summarise.js';
import type { Rule } from './engine/types.js';
import { rules as allRules } from './rules/index.js';
import { limitDiagnostics } from './model/limits.js';

export type { FunctionEnricher, FunctionExtension } from './engine/summarise.js';

export interface ScanOptions extends LoadOptions {
  /** Directory (or template) to scan. */
  readonly path: string;
  /** Rules to run; every rule of leash by default. */
  readonly rules?: readonly Rule[];
  /**
   * Adds fields to each function's summary (`calls`, `policy.generated`...). Fields of `policy` are
   * merged into the summary's policy; the others are added beside `id`, `runtime`...
   */
  readonly enrichFunction?: FunctionEnricher;
}

let cachedVersion: string | undefined;

/** leash's version, from its package.json. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion;
}

/** Throws a LeashError when `path` does not exist or `root` is not a directory; every other input problem is a diagnostic. */
export function scan(options: ScanOptions): ScanResult {
  const root = findScanRoot(options.path, options.root);
  const loadOptions: LoadOptions = {
    root,
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    ...(options.options !== undefined ? { options: options.options } : {}),
    ...(options.readEnv !== undefined ? { readEnv: options.readEnv } : {}),
  };
  const model = loadScan(options.path, loadOptions);
  return resultFromModel(model, {
    target: scanTarget(options.path, model.root),
    ...(options.rules !== undefined ? { rules: options.rules } : {}),
    ...(options.enrichFunction !== undefined ? { enrichFunction: options.enrichFunction } : {}),
  });
}

/** The scanned path relative to the scan root (`.` for the root itself), as reports show it. */
function scanTarget(path: string, root: string): string {
  return toPosix(relative(root, withRealParent(resolve(path)))) || '.';
}

export interface ResultOptions {
  /** The scanned path relative to the scan root (`.` for the root itself). */
  readonly target: string;
  readonly rules?: readonly Rule[];
  readonly enrichFunction?: ScanOptions['enrichFunction'];
}

/** Run the rules over an already loaded model and summarise: `scan()` without the loading. */
export function resultFromModel(model: ScanModel, options: ResultOptions): ScanResult {
  const rules = [...(options.rules ?? allRules)].sort((a, b) => compare(a.meta.id, b.meta.id));
  // Findings are redacted by the engine; everything else of the result here.
  const redact = redactorFor(model);
  const diagnostics: Diagnostic[] = [...model.diagnostics, ...model.stacks.flatMap((s) => s.diagnostics)];
  const findings = runRules(model, rules, { onDiagnostic: (d) => diagnostics.push(d) });
  if (model.stacks.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    const skipped = diagnostics.filter((d) => d.severity === 'warning').length;
    diagnostics.push({
      severity: 'error',
      code: 'ERR_LEASH_NO_APP',
      message: `no AWS app found: expected a SAM or CloudFormation template, a serverless.yml, or a CDK cdk.out directory${skipped > 0 ? ` (see the warning${skipped === 1 ? '' : 's'} for what was skipped)` : ''}`,
      file: options.target,
    });
  }
  const functions = model.stacks.flatMap((stack) => stack.functions.map((fn) => redact.deep(summariseFunction(fn, stack, model, options.enrichFunction, (d) => diagnostics.push(d)))));
  // Limits hit while the rules and summaries read code and policies (ERR_LEASH_LIMIT).
  for (const stack of model.stacks) diagnostics.push(...limitDiagnostics(stack));
  functions.sort((a, b) => compare(a.stack, b.stack) || compare(a.id, b.id));
  const sortedDiagnostics = dedupeDiagnostics(diagnostics.map((d) => redact.deep(d))).sort(compareDiagnostics);

  return {
    version: RESULT_FORMAT_VERSION,
    tool: { name: 'leash', version: toolVersion() },
    target: options.target,
    root: model.root,
    stacks: model.stacks
      .map((s) => redact.deep({ id: s.id, framework: s.framework, file: s.file, functions: s.functions.length, resources: s.resources.length }))
      .sort((a, b) => compare(a.id, b.id)),
    functions,
    findings,
    diagnostics: sortedDiagnostics,
    rules: rules.map(summariseRule),
    summary: summarise(findings, sortedDiagnostics, model),
  };
}
