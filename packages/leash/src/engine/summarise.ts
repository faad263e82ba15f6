/**
 * The summaries a ScanResult is made of: rules, counts, and each function with its effective
 * policy (plus what an enrichment adds). Plain, deterministic data for the reporters.
 */
import type { Diagnostic } from '../model/source.js';
import type { AppModel, LambdaFunction, PolicyStatement, ScanModel } from '../model/types.js';
import { isUnknown, renderValue, type Resolved } from '../model/values.js';
import type { IamStatement } from '../iam/types.js';
import type { FunctionSummary, RuleSummary, ScanSummary } from './result.js';
import { stackIndex } from './stack-index.js';
import { SEVERITIES, type Finding, type Rule, type Severity } from './types.js';

/** Fields a later feature adds to a function's summary (code analysis `calls`, policy comparison). */
export type FunctionExtension = Readonly<Record<string, unknown>> & {
  readonly policy?: Readonly<Record<string, unknown>>;
};

/** Adds fields to each function's summary; fields of `policy` are merged into the summary's policy. */
export type FunctionEnricher = (fn: LambdaFunction, stack: AppModel, model: ScanModel) => FunctionExtension | undefined;

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

export function summarise(findings: readonly Finding[], diagnostics: readonly Diagnostic[], model: ScanModel): ScanSummary {
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

export function summariseFunction(fn: LambdaFunction, stack: AppModel, model: ScanModel, enrich: FunctionEnricher | undefined, diagnose: (d: Diagnostic) => void): FunctionSummary {
  const role = stackIndex(stack).roleById(fn.roleId);
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

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compare(a.code, b.code) || compare(a.message, b.message);
}

/** A loader may attach the same problem to the scan and to the stack: report it once. */
export function dedupeDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.severity, d.code, d.message, d.file, d.line, d.column]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
