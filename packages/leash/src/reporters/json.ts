/**
 * The JSON report: the documented, versioned contract of `docs/json-format.md`. Keys come in a fixed
 * order; fields a later feature adds to a function (`calls`, `policy.generated`...) are passed through
 * after the documented ones.
 */
import type { FunctionSummary, ScanResult } from '../engine/result.js';
import type { Finding } from '../engine/types.js';
import { toJson } from './neutralise.js';
import type { Reporter } from './types.js';

/** Strings are as read (the JSON contract), with what a terminal or CI log would act on `\u`-escaped by {@link toJson}. */
export const json: Reporter = (result) => `${toJson(toJsonReport(result))}\n`;

export function toJsonReport(result: ScanResult): Record<string, unknown> {
  return {
    version: result.version,
    tool: { name: result.tool.name, version: result.tool.version },
    target: result.target,
    summary: { ...result.summary, bySeverity: { ...result.summary.bySeverity } },
    stacks: result.stacks.map((s) => ({ id: s.id, framework: s.framework, file: s.file, functions: s.functions, resources: s.resources })),
    findings: result.findings.map(jsonFinding),
    functions: result.functions.map(jsonFunction),
    diagnostics: result.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      file: d.file,
      line: d.line ?? null,
      column: d.column ?? null,
    })),
    rules: result.rules.map((r) => ({ id: r.id, category: r.category, severity: r.severity, description: r.description, docPath: r.docPath })),
  };
}

function jsonFinding(f: Finding): Record<string, unknown> {
  return {
    rule: f.rule,
    severity: f.severity,
    resource: f.resource,
    stack: f.stack,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    suppressed: f.suppressed ? { reason: f.suppressed.reason, kind: f.suppressed.kind, source: f.suppressed.source, ...(f.suppressed.loc ? { file: f.suppressed.loc.file, line: f.suppressed.loc.line } : {}) } : null,
    fingerprint: f.fingerprint,
    unknown: f.unknown,
    properties: f.properties ?? {},
  };
}

const FUNCTION_KEYS = ['id', 'logicalId', 'stack', 'file', 'line', 'column', 'runtime', 'handler', 'role', 'policy'] as const;

function jsonFunction(fn: FunctionSummary): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FUNCTION_KEYS) out[key] = fn[key];
  const { effective, sources, ...policyExtensions } = fn.policy;
  out.policy = { effective, sources, ...policyExtensions };
  for (const [key, value] of Object.entries(fn)) if (!(FUNCTION_KEYS as readonly string[]).includes(key)) out[key] = value;
  return out;
}
