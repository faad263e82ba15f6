/**
 * `policy(options)`: the library function behind `leash policy`. Loads the app, analyses each
 * function's handler code, and returns the least-privilege policy each one needs, rendered in
 * the app's own format (or the one asked for), with a per-function report: the calls found, the
 * generated policy, what is unknown, and — when the comparison module is present — which needed
 * permissions the declared role is missing and which granted ones are unused.
 *
 * Also `policyEnrichment()`, the hook `scan()` takes to add `calls[]` and
 * `policy: { generated, missing, unused, unknown }` to each function of the scan JSON.
 */
import { findScanRoot } from './fs/scan-root.js';
import { functionAnalysis } from './iam/role-usage.js';
import { limitDiagnostics } from './model/limits.js';
import type { CodeAnalysis } from './code/types.js';
import { isLeashError, LeashError } from './errors.js';
import { formatPolicy, defaultFormat, type PolicyFormat } from './iam/format.js';
import { generatePolicy, requiredPermissions, policyFromPermissions, type RequiredPermission } from './iam/generate.js';
import type { IamPolicyDocument } from './iam/types.js';
import { loadScan } from './loaders/index.js';
import type { Diagnostic } from './model/source.js';
import type { AppModel, LambdaFunction, ScanModel } from './model/types.js';
import { renderValue, type CfnValue } from './model/values.js';
import { redactorFor } from './engine/redact.js';
import { comparePermissions, type ComparisonResult } from './policy-compare.js';
import { guardOutput, neutralise, toJson } from './reporters/neutralise.js';

export type { PolicyFormat } from './iam/format.js';

export interface PolicyOptions {
  /** Directory (or template) to read. */
  readonly path: string;
  /** Only this function (model id, logical id, or `stack#id`). */
  readonly functionId?: string;
  /** Output format; by default the app's own (SAM → `sam`, Serverless → `serverless`, CloudFormation → `cloudformation`, CDK → `json`). */
  readonly format?: PolicyFormat;
  /** Serverless Framework stage. */
  readonly stage?: string;
  /** The scan root (`--root`); by default the git work tree holding `path`, else `path` itself. */
  readonly root?: string;
}

/** One AWS call as reported: the action, the resource it needs, where in the code. */
export interface CallSummary {
  readonly action: string;
  readonly resource: CfnValue | '*';
  readonly file: string;
  readonly line: number;
  readonly service: string;
  readonly operation: string;
  readonly style: string;
  /** Why the resource is `*`, when it is. */
  readonly reason?: string;
}

export interface UnknownSummary {
  readonly reason: string;
  readonly file: string;
  readonly line: number;
}

export interface FunctionPolicyReport {
  readonly id: string;
  readonly stack: string;
  readonly calls: CallSummary[];
  /** Every permission with where it comes from (code, trigger, platform). */
  readonly permissions: RequiredPermission[];
  readonly generated: IamPolicyDocument;
  /** Needed permissions the declared role does not grant; absent when the comparison could not run. */
  readonly missing?: ComparisonResult['missing'];
  /** Granted permissions nothing needs; absent when the comparison could not run. */
  readonly unused?: ComparisonResult['unused'];
  /** Needs the comparison could not decide (conditions, resources it cannot compare), and its caveats. */
  readonly undecided?: ComparisonResult['unknown'];
  readonly caveats?: string[];
  /** Code leash could not follow, and permissions whose resource it could not narrow (`*` with a reason). */
  readonly unknown: UnknownSummary[];
}

export interface PolicyResult {
  /** The policies (empty when nothing could be read: a bad path, an unknown function id, no app). */
  readonly output: string;
  /**
   * 0: every function's needs are known and granted; 1: something is unknown, missing from the
   * declared role, or undecidable; 2: an input error (an error in `diagnostics`): part of the app
   * could not be read, so the policy may lack what that part needs.
   */
  readonly exitCode: 0 | 1 | 2;
  readonly report: FunctionPolicyReport[];
  /**
   * Problems with the input, errors and warnings: the loaders' (broken YAML, a handler file not
   * found, ...) and policy()'s own (a path that does not exist, an unknown function id, no app).
   * `file` is relative to the scan root, and `''` when the problem has no place in it.
   */
  readonly diagnostics: Diagnostic[];
  /** Notes for stderr, one a line (neutralised): unknowns, grants missing from the declared role, why the comparison did not run. Input problems are in `diagnostics`. */
  readonly errors: string[];
}

function callSummaries(stack: AppModel, fn: LambdaFunction, analysis: CodeAnalysis): CallSummary[] {
  // One call → one line per action, with the resource the generator resolved for it.
  const single = (call: CodeAnalysis['calls'][number]) => requiredPermissions(stack, fn, { ...analysis, calls: [call] }).filter((p) => typeof p.source === 'object');
  return analysis.calls.flatMap((call) =>
    single(call)
      .filter((p) => call.actions.includes(p.action))
      .map((p) => ({
        action: p.action,
        resource: p.resource,
        file: call.loc.file,
        line: call.loc.line,
        service: call.service,
        operation: call.operation,
        style: call.style,
        ...(p.reason ? { reason: p.reason } : {}),
      })),
  );
}

function unknownsOf(analysis: CodeAnalysis, permissions: readonly RequiredPermission[]): UnknownSummary[] {
  const out: UnknownSummary[] = analysis.unknowns.map((u) => ({ reason: u.reason, file: u.loc.file, line: u.loc.line }));
  for (const p of permissions) {
    if (p.resource !== '*' || !p.reason || typeof p.source !== 'object') continue;
    const reason = `${p.action} on "*": ${p.reason}`;
    const source = p.source;
    if (!out.some((u) => u.reason === reason && u.file === source.file && u.line === source.line)) out.push({ reason, file: source.file, line: source.line });
  }
  return out;
}

/** Analyse one function and build its report. */
export function functionPolicyReport(stack: AppModel, fn: LambdaFunction, root: string): FunctionPolicyReport {
  const analysis = functionAnalysis(stack, fn, root); // shared with the rules' roleUsages: handler code is analysed once per scan
  const permissions = requiredPermissions(stack, fn, analysis);
  const generated = policyFromPermissions(permissions);
  const comparison = comparePermissions(stack, fn, permissions);
  return {
    id: fn.id,
    stack: stack.id,
    calls: callSummaries(stack, fn, analysis),
    permissions,
    generated,
    ...(comparison ? { missing: comparison.missing, unused: comparison.unused, undecided: comparison.unknown, caveats: comparison.caveats } : {}),
    unknown: unknownsOf(analysis, permissions),
  };
}

function selectFunctions(model: ScanModel, functionId: string | undefined): { stack: AppModel; fn: LambdaFunction }[] {
  const all = model.stacks.flatMap((stack) => stack.functions.map((fn) => ({ stack, fn })));
  if (functionId === undefined) return all;
  const matches = all.filter(({ stack, fn }) => fn.id === functionId || fn.logicalId === functionId || `${stack.id}#${fn.id}` === functionId);
  if (!matches.length) {
    const names = all.map(({ fn }) => fn.id).slice(0, 20).join(', ');
    throw new LeashError('ERR_LEASH_USAGE', `no function "${functionId}" in the app${names ? ` (functions: ${names})` : ''}`);
  }
  return matches;
}

/**
 * SAM and the Serverless Framework attach the trigger and platform permissions to the roles they
 * generate (AWSLambdaBasicExecutionRole, the SQS / DynamoDB / Kinesis execution roles, VPC access,
 * X-Ray, the DLQ statement): a snippet for such a role lists only what the code needs (and KMS,
 * which they do not add). Any other role gets everything.
 */
function frameworkAdds(stack: AppModel, fn: LambdaFunction, format: PolicyFormat): boolean {
  const kind = stack.roles.find((r) => r.id === fn.roleId)?.kind;
  if (format === 'sam') return kind === 'sam-implicit';
  if (format === 'serverless') return kind === 'serverless-default' || kind === 'serverless-function';
  return false;
}

function renderOne(report: FunctionPolicyReport, stack: AppModel, fn: LambdaFunction, format: PolicyFormat, multiple: boolean): string {
  const trimmed = frameworkAdds(stack, fn, format);
  const kept = trimmed ? report.permissions.filter((p) => typeof p.source === 'object' || p.action.startsWith('kms:')) : report.permissions;
  const doc = trimmed ? policyFromPermissions(kept) : report.generated;
  const body = formatPolicy(doc, format, { functionId: report.id });
  if (format === 'json' || format === 'iam') return body;
  const added = [...new Set(report.permissions.filter((p) => !kept.includes(p)).map((p) => p.action))].sort();
  const notes = report.unknown.map((u) => `# unknown: ${u.reason} (${u.file}:${u.line})`);
  if (added.length) notes.push(`# ${format === 'sam' ? 'SAM' : 'the Serverless Framework'} adds the trigger and platform permissions itself: ${added.join(', ')}`);
  const header = multiple ? [`# --- ${report.stack}: ${report.id}`] : [];
  // Each comment is one line built from the input: neutralised whole.
  return [...[...header, ...notes].map(neutralise), body].join('\n');
}

export function policy(options: PolicyOptions): PolicyResult {
  const diagnostics: Diagnostic[] = [];
  try {
    return policyOf(options, diagnostics);
  } catch (error) {
    // The errors leash raises on purpose (bad path, unknown function, no app, unreadable input) are input errors like the loaders' diagnostics.
    if (!isLeashError(error)) throw error;
    diagnostics.push(diagnosticOf(error));
    return { output: '', exitCode: 2, report: [], diagnostics, errors: [] };
  }
}

function diagnosticOf(error: LeashError): Diagnostic {
  return {
    severity: 'error',
    code: error.code,
    message: error.message,
    file: error.file ?? '',
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.column !== undefined ? { column: error.column } : {}),
  };
}

/** policy() itself; fills `diagnostics` as it goes, so the ones found before a LeashError are kept. */
function policyOf(options: PolicyOptions, diagnostics: Diagnostic[]): PolicyResult {
  const root = findScanRoot(options.path, options.root);
  const model = loadScan(options.path, { root, ...(options.stage !== undefined ? { stage: options.stage } : {}) });
  // What is printed or returned never holds a secret or a value the model marks (NoEcho defaults).
  const redact = redactorFor(model);
  diagnostics.push(...redact.deep([...model.diagnostics, ...model.stacks.flatMap((s) => s.diagnostics)]));
  const selected = selectFunctions(model, options.functionId);
  if (!selected.length) {
    throw new LeashError('ERR_LEASH_NO_APP', model.stacks.length ? 'the app has no Lambda functions' : 'no app found: expected a SAM or CloudFormation template, a serverless.yml, or a CDK cdk.out directory');
  }
  const report = selected.map(({ stack, fn }) => redact.deep(functionPolicyReport(stack, fn, model.root)));
  for (const stack of new Set(selected.map((s) => s.stack))) diagnostics.push(...limitDiagnostics(stack));
  const format = options.format ?? defaultFormat(selected[0]!.stack.framework);
  const multiple = report.length > 1;
  let output: string;
  if ((format === 'json' || format === 'iam') && multiple) {
    output = toJson(Object.fromEntries(report.map((r) => [model.stacks.length > 1 ? `${r.stack}#${r.id}` : r.id, r.generated]))) + '\n';
  } else {
    output = report.map((r, i) => renderOne(r, selected[i]!.stack, selected[i]!.fn, format, multiple)).join('\n');
  }
  const errors: string[] = [];
  for (const r of report) {
    for (const u of r.unknown) errors.push(`${u.file}:${u.line}: ${r.id}: unknown: ${u.reason}`);
    if (r.missing === undefined) errors.push(`${r.id}: its role is not in the model: the declared policy was not compared`);
    for (const m of r.missing ?? []) errors.push(`${r.id}: missing from the declared role: ${m.action} on ${renderValue(m.resource)}`);
    for (const u of r.undecided ?? []) errors.push(`${r.id}: cannot tell whether the declared role grants ${u.action} on ${renderValue(u.resource)}: ${u.reasons.join('; ')}`);
    for (const c of r.caveats ?? []) errors.push(`${r.id}: note: ${c}`);
  }
  const failing = report.some((r) => r.unknown.length > 0 || (r.missing?.length ?? 0) > 0 || (r.undecided?.length ?? 0) > 0);
  const inputErrors = diagnostics.some((d) => d.severity === 'error');
  return { output: guardOutput(output), exitCode: inputErrors ? 2 : failing ? 1 : 0, report, diagnostics, errors: errors.map(neutralise) };
}

/** What `policyEnrichment` adds to a function of the scan JSON. */
export interface PolicyEnrichment {
  readonly [key: string]: unknown;
  readonly calls: { action: string; resource: CfnValue | '*'; file: string; line: number }[];
  readonly policy: {
    readonly generated: IamPolicyDocument;
    readonly missing?: ComparisonResult['missing'];
    readonly unused?: ComparisonResult['unused'];
    readonly unknown: UnknownSummary[];
  };
}

/**
 * The `enrichFunction` hook for `scan()`: `scan({ path, enrichFunction: policyEnrichment() })`
 * adds `calls[]` and `policy: { generated, missing, unused, unknown }` to each function. The code
 * analysis is the one the rules use (`functionAnalysis`), so each function's code is read once a scan.
 */
export function policyEnrichment(): (fn: LambdaFunction, stack: AppModel, model: ScanModel) => PolicyEnrichment {
  return (fn, stack, model) => {
    const r = functionPolicyReport(stack, fn, model.root);
    return {
      calls: r.calls.map((c) => ({ action: c.action, resource: c.resource, file: c.file, line: c.line })),
      policy: {
        generated: r.generated,
        ...(r.missing !== undefined ? { missing: r.missing, unused: r.unused } : {}),
        unknown: r.unknown,
      },
    };
  };
}

export { generatePolicy };
