/**
 * The rule engine: runs every rule on every stack and turns the reports into findings (message
 * formatted, location filled, fingerprint computed, suppressions applied, secrets redacted), sorted
 * deterministically. A rule that throws, or reports with an unknown message id, becomes an
 * `ERR_LEASH_INTERNAL` diagnostic naming the rule; the other rules still run.
 */
import type { Diagnostic } from '../model/source.js';
import type { AppModel, ScanModel } from '../model/types.js';
import { publishFinding } from './channel.js';
import { fingerprint } from './fingerprint.js';
import { redactKnownSecrets, redactorFor, type Redactor } from './redact.js';
import { findSuppression, reasonlessSuppressionDiagnostics } from './suppress.js';
import type { Finding, FindingReport, Rule } from './types.js';

export interface RunOptions {
  /** Receives the engine's diagnostics: rule failures and suppressions without a reason. */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
}

/** `{{name}}` in a message template is replaced from `data`; an unknown name is left as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : whole));
}

export function runRules(scan: ScanModel, rules: readonly Rule[], options: RunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const diagnose = options.onDiagnostic ?? (() => {});
  const redact = redactorFor(scan);
  for (const stack of scan.stacks) {
    for (const diagnostic of reasonlessSuppressionDiagnostics(stack)) diagnose(diagnostic);
    for (const rule of rules) {
      const reports: FindingReport[] = [];
      try {
        rule.check({ stack, scan, report: (r) => void reports.push(r) });
      } catch (error) {
        diagnose(ruleFailure(rule, stack, error));
        continue;
      }
      for (const report of reports) {
        const finding = toFinding(rule, stack, report, redact);
        if (finding) findings.push(finding);
        else diagnose(ruleFailure(rule, stack, new Error(`reported unknown message id "${report.messageId}"`)));
      }
    }
  }
  const sorted = disambiguateFingerprints(findings.sort(compareFindings));
  for (const finding of sorted) publishFinding(finding);
  return sorted;
}

/** The finding, every string redacted; its fingerprint is of the redacted data (a hash of a secret is not printed either). */
function toFinding(rule: Rule, stack: AppModel, report: FindingReport, redact: Redactor): Finding | undefined {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) return undefined;
  const suppressed = findSuppression(stack, report.resource, rule.meta.id);
  const data = report.data && redact.deep(report.data);
  const finding: Finding = {
    rule: rule.meta.id,
    severity: report.severity ?? rule.meta.severity,
    message: formatMessage(template, data),
    resource: report.resource,
    stack: stack.id,
    file: report.loc.file,
    line: report.loc.line,
    column: report.loc.column,
    unknown: report.unknown === true,
    fingerprint: fingerprint({ rule: rule.meta.id, stackFile: stack.file, resource: redact.text(report.resource), messageId: report.messageId, data }),
    ...(suppressed ? { suppressed } : {}),
    ...(report.properties ? { properties: report.properties } : {}),
  };
  return redact.deep(finding);
}

function ruleFailure(rule: Rule, stack: AppModel, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    severity: 'error',
    code: 'ERR_LEASH_INTERNAL',
    message: `rule ${rule.meta.id} failed on this stack and was skipped: ${redactKnownSecrets(reason)}`,
    file: stack.file,
  };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File, line, column, rule, then resource and message so that equal positions still sort the same every run. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.resource, b.resource) ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

/**
 * Two findings that say the same thing about the same node (a rule reporting each occurrence of a
 * grant) would share a fingerprint; the second and later get `-2`, `-3`... in sorted order so every
 * fingerprint identifies one result.
 */
function disambiguateFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    return n === 1 ? f : { ...f, fingerprint: `${f.fingerprint}-${n}` };
  });
}
