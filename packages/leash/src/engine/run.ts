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

/**
 * Findings one rule may report on one stack. A role shared by 2,000 functions with 1,000
 * wildcard statements would otherwise make two million findings (and gigabytes of report) from a
 * small template; past the limit the rule stops, with an ERR_LEASH_LIMIT error saying so.
 */
export const MAX_FINDINGS_PER_RULE = 10_000;

/**
 * Characters of machine-readable detail (`properties`, as JSON) all findings of a scan may carry:
 * findings past it keep their message and place, not their detail. Each rule bounds its own lists,
 * but thousands of functions each listing fifty actions still make hundreds of megabytes.
 */
export const MAX_FINDING_DETAIL = 10_000_000;

/** Thrown by `report` to stop a rule at {@link MAX_FINDINGS_PER_RULE}. */
class RuleCut extends Error {}

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
  const detail = { left: MAX_FINDING_DETAIL, reported: false };
  const withinDetail = (properties: Readonly<Record<string, unknown>>, stack: AppModel): boolean => {
    detail.left -= JSON.stringify(properties).length;
    if (detail.left >= 0) return true;
    if (!detail.reported) {
      detail.reported = true;
      diagnose({ severity: 'warning', code: 'WARN_LEASH_DETAIL_LIMIT', message: `the findings' details (properties) pass ${MAX_FINDING_DETAIL} characters (limit MAX_FINDING_DETAIL): the findings after this point are reported without them`, file: stack.file });
    }
    return false;
  };
  for (const stack of scan.stacks) {
    for (const diagnostic of reasonlessSuppressionDiagnostics(stack)) diagnose(diagnostic);
    for (const rule of rules) {
      // Each report becomes a finding at once: the rule's own objects (lists it cut, detail left out) are not kept.
      const ruleFindings: Finding[] = [];
      const report = (r: FindingReport): void => {
        if (ruleFindings.length >= MAX_FINDINGS_PER_RULE) throw new RuleCut();
        const finding = toFinding(rule, stack, r, redact, withinDetail);
        if (finding) ruleFindings.push(finding);
        else diagnose(ruleFailure(rule, stack, new Error(`reported unknown message id "${r.messageId}"`)));
      };
      try {
        rule.check({ stack, scan, report });
      } catch (error) {
        if (!(error instanceof RuleCut)) {
          // A rule that fails reports nothing: half its findings would read as the whole.
          diagnose(ruleFailure(rule, stack, error));
          continue;
        }
        diagnose({
          severity: 'error',
          code: 'ERR_LEASH_LIMIT',
          message: `rule ${rule.meta.id} found more than ${MAX_FINDINGS_PER_RULE} problems in this stack (limit MAX_FINDINGS_PER_RULE): the first ${MAX_FINDINGS_PER_RULE} are reported, the rule stopped there`,
          file: stack.file,
        });
      }
      findings.push(...ruleFindings);
    }
  }
  const sorted = disambiguateFingerprints(findings.sort(compareFindings));
  for (const finding of sorted) publishFinding(finding);
  return sorted;
}

/**
 * The finding, every string redacted; its fingerprint is of the redacted data (a hash of a secret
 * is not printed either). Its properties only while the scan's detail budget lasts.
 */
function toFinding(rule: Rule, stack: AppModel, report: FindingReport, redact: Redactor, withinDetail: (properties: Readonly<Record<string, unknown>>, stack: AppModel) => boolean): Finding | undefined {
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
    ...(report.properties && withinDetail(report.properties, stack) ? { properties: report.properties } : {}),
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
