/**
 * `scan(options)`: load every app under a directory, run the rules, and return a {@link ScanResult}
 * (findings, functions with their effective policies, diagnostics, counts). No printing, no exit
 * codes: that is the CLI's job (see `main()` for the report-producing wrapper).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LeashError } from './errors.js';
import { loadScan, type LoadOptions } from './loaders/index.js';
import type { Diagnostic } from './model/source.js';
import type { AppModel, LambdaFunction, PolicyStatement, ScanModel } from './model/types.js';
import { isUnknown, renderValue, type Resolved } from './model/values.js';
import type { IamStatement } from './iam/types.js';
import { redactDeep } from './engine/redact.js';
import { runRules } from './engine/run.js';
import { RESULT_FORMAT_VERSION, type FunctionSummary, type RuleSummary, type ScanResult, type ScanSummary } from './engine/result.js';
import { SEVERITIES, type Finding, type Rule, type Severity } from './engine/types.js';
import { rules as allRules } from './rules/index.js';

/** Fields a later feature adds to a function's summary (code analysis `calls`, policy comparison). */
export type FunctionExtension = Readonly<Record<string, unknown>> & {
  readonly policy?: Readonly<Record<string, unknown>>;
};

export interface ScanOptions extends LoadOptions {
  /** Directory to scan. */
  readonly path: string;
  /** Rules to run; every rule of leash by default. */
  readonly rules?: readonly Rule[];
  /**
   * Adds fields to each function's summary (`calls`, `policy.generated`...). Fields of `policy` are
   * merged into the summary's policy; the others are added beside `id`, `runtime`...
   */
  readonly enrichFunction?: (fn: LambdaFunction, stack: AppModel, model: ScanModel) => FunctionExtension | undefined;
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

export function scan(options: ScanOptions): ScanResult {
  const root = resolve(options.path);
  if (!existsSync(root)) throw new LeashError('ERR_LEASH_FILE_NOT_FOUND', `no such file or directory: ${options.path}`);
  const loadOptions: LoadOptions = {
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    ...(options.options !== undefined ? { options: options.options } : {}),
    ...(options.readEnv !== undefined ? { readEnv: options.readEnv } : {}),
  };
  const model = loadScan(root, loadOptions);
  return resultFromModel(model, {
    target: displayTarget(options.path, model.root),
    ...(options.rules !== undefined ? { rules: options.rules } : {}),
    ...(options.enrichFunction !== undefined ? { enrichFunction: options.enrichFunction } : {}),
  });
}

/**
 * The scanned directory as the caller wrote it, so reports can print `app/template.yaml`. A file
 * target (`leash scan app/template.yaml`) is scanned from its directory.
 */
function displayTarget(path: string, root: string): string {
  if (resolve(path) === root) return path;
  if (resolve(dirname(path)) === root) return dirname(path);
  return root;
}

export interface ResultOptions {
  /** The scanned path as the caller wrote it. */
  readonly target: string;
  readonly rules?: readonly Rule[];
  readonly enrichFunction?: ScanOptions['enrichFunction'];
}

/** Run the rules over an already loaded model and summarise: `scan()` without the loading. */
export function resultFromModel(model: ScanModel, options: ResultOptions): ScanResult {
  const rules = [...(options.rules ?? allRules)].sort((a, b) => compare(a.meta.id, b.meta.id));
  const diagnostics: Diagnostic[] = [...model.diagnostics, ...model.stacks.flatMap((s) => s.diagnostics)];
  const findings = runRules(model, rules, { onDiagnostic: (d) => diagnostics.push(d) });
  if (model.stacks.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    const skipped = diagnostics.filter((d) => d.severity === 'warning').length;
    diagnostics.push({
      severity: 'error',
      code: 'ERR_LEASH_NO_APP',
      message: `no AWS app found: expected a SAM or CloudFormation template, a serverless.yml, or a CDK cdk.out directory${skipped > 0 ? ` (see the warning${skipped === 1 ? '' : 's'} for what was skipped)` : ''}`,
      file: '.',
    });
  }
  const functions = model.stacks.flatMap((stack) => stack.functions.map((fn) => summariseFunction(fn, stack, model, options.enrichFunction, (d) => diagnostics.push(d))));
  functions.sort((a, b) => compare(a.stack, b.stack) || compare(a.id, b.id));
  const sortedDiagnostics = dedupeDiagnostics(diagnostics.map((d) => redactDeep(d))).sort(compareDiagnostics);

  return {
    version: RESULT_FORMAT_VERSION,
    tool: { name: 'leash', version: toolVersion() },
    target: options.target,
    root: model.root,
    stacks: model.stacks
      .map((s) => ({ id: s.id, framework: s.framework, file: s.file, functions: s.functions.length, resources: s.resources.length }))
      .sort((a, b) => compare(a.id, b.id)),
    functions,
    findings,
    diagnostics: sortedDiagnostics,
    rules: rules.map(summariseRule),
    summary: summarise(findings, sortedDiagnostics, model),
  };
}

export function summariseRule(rule: Rule): RuleSummary {
  const name = rule.meta.id.slice(rule.meta.id.indexOf('/') + 1);
  return {
    id: rule.meta.id,
    category: rule.meta.category,
    description: rule.meta.description,
    severity: rule.meta.severity,
    docPath: `packages/leash/src/rules/${rule.meta.category}/${name}.md`,
  };
}

function summarise(findings: readonly Finding[], diagnostics: readonly Diagnostic[], model: ScanModel): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  let unknown = 0;
  for (const f of findings) {
    if (f.suppressed) {
      suppressed++;
      continue;
    }
    bySeverity[f.severity]++;
    if (f.unknown) unknown++;
  }
  return {
    findings: findings.length - suppressed,
    bySeverity,
    suppressed,
    unknown,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    stacks: model.stacks.length,
    functions: model.stacks.reduce((n, s) => n + s.functions.length, 0),
  };
}

function summariseFunction(fn: LambdaFunction, stack: AppModel, model: ScanModel, enrich: ScanOptions['enrichFunction'], diagnose: (d: Diagnostic) => void): FunctionSummary {
  const role = stack.roles.find((r) => r.id === fn.roleId);
  const summary: FunctionSummary = {
    id: fn.id,
    logicalId: fn.logicalId,
    stack: stack.id,
    file: fn.loc.file,
    line: fn.loc.line,
    column: fn.loc.column,
    runtime: renderResolved(fn.runtime),
    handler: renderResolved(fn.handler),
    role: {
      id: fn.roleId,
      kind: role?.kind ?? 'external',
      unknowns: role
        ? role.unknowns.map((u) => ({ reason: u.reason, ...(u.loc ? { file: u.loc.file, line: u.loc.line } : {}) }))
        : [{ reason: `role ${fn.roleId} is not in the model` }],
    },
    policy: {
      effective: (role?.statements ?? []).map(toIamStatement),
      sources: (role?.policies ?? []).map((p) => ({ kind: p.kind, name: p.name, file: p.loc.file, line: p.loc.line })),
    },
  };
  let extension: FunctionExtension | undefined;
  try {
    extension = enrich?.(fn, stack, model);
  } catch (error) {
    // An enrichment (code analysis) bug must not lose the scan: report it on the function.
    const reason = error instanceof Error ? error.message : String(error);
    diagnose({ severity: 'error', code: 'ERR_LEASH_INTERNAL', message: `could not analyse function ${fn.id}: ${reason}`, file: fn.loc.file, line: fn.loc.line, column: fn.loc.column });
  }
  if (!extension) return summary;
  const { policy, ...rest } = extension;
  return { ...summary, ...rest, policy: { ...summary.policy, ...(policy ?? {}) } };
}

function renderResolved(value: Resolved<string> | undefined): string | null {
  if (value === undefined) return null;
  return isUnknown(value) ? renderValue(value) : value;
}

/** A model statement in IAM JSON form (what a user would paste into a policy). */
export function toIamStatement(s: PolicyStatement): IamStatement {
  return {
    ...(s.sid !== undefined ? { Sid: s.sid } : {}),
    Effect: s.effect,
    ...(s.action !== undefined ? { Action: s.action } : {}),
    ...(s.notAction !== undefined ? { NotAction: s.notAction } : {}),
    ...(s.resource !== undefined ? { Resource: s.resource } : {}),
    ...(s.notResource !== undefined ? { NotResource: s.notResource } : {}),
    ...(s.condition !== undefined ? { Condition: s.condition } : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compare(a.code, b.code) || compare(a.message, b.message);
}

/** A loader may attach the same problem to the scan and to the stack: report it once. */
function dedupeDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.severity, d.code, d.message, d.file, d.line, d.column]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
