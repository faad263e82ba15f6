/**
 * Rules: ESLint's shape. A rule is `meta` plus a `check` function that reads one stack's model
 * and reports findings through the context. Rules never read files and never print.
 */
import type { AppModel, ScanModel } from '../model/types.js';
import type { SourceLocation } from '../model/source.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type RuleCategory = 'iam' | 'secrets' | 'exposure' | 'dos' | 'retry' | 'network' | 'runtime' | 'code' | 'deps';

export interface RuleMeta {
  /** `category/name`; the file is `rules/<category>/<name>.ts`, its doc `<name>.md` beside it. */
  readonly id: string;
  readonly category: RuleCategory;
  /** One sentence: what the rule finds. The doc's first paragraph repeats it. */
  readonly description: string;
  readonly severity: Severity;
  /** Message templates by id; `{{name}}` is replaced from the report's `data`. */
  readonly messages: Readonly<Record<string, string>>;
}

export interface FindingReport {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** The node the finding is about: a function id, else a resource, role, API or permission id. */
  readonly resource: string;
  readonly loc: SourceLocation;
  /** Overrides the rule's severity (e.g. lower for an `unknown`). */
  readonly severity?: Severity;
  /** True when the finding exists because a value could not be resolved. */
  readonly unknown?: boolean;
  /** Machine-readable detail for JSON/SARIF (actions, sources...). Never a secret in full. */
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface RuleContext {
  readonly stack: AppModel;
  readonly scan: ScanModel;
  report(finding: FindingReport): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** Function id (or other node id) the finding is about. */
  readonly resource: string;
  /** Stack id (template path). */
  readonly stack: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly unknown: boolean;
  readonly suppressed?: FindingSuppression;
  /** Stable across line moves: hash of rule, stack file, resource and the message's identifying data. */
  readonly fingerprint: string;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** Why a finding is suppressed: the suppression that matched it (it stays in the results). */
export interface FindingSuppression {
  readonly reason: string;
  readonly kind: 'inSource' | 'external';
  /** Where the suppression came from: `metadata`, `comment`, `cdk-nag`, `cfn-nag`, `checkov`, `config`. */
  readonly source: string;
  /** Where the suppression was written. */
  readonly loc?: SourceLocation;
}

/** Severities from most to least severe; `severityRank('critical')` is 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function defineRule(meta: RuleMeta, check: (context: RuleContext) => void): Rule {
  return { meta, check };
}
