/**
 * What a scan returns: the input of every reporter, and of `main()`. Plain data (JSON-safe), in a
 * deterministic order, paths relative to the scanned directory. The JSON reporter prints it almost
 * as is; `docs/json-format.md` is its contract.
 */
import type { Diagnostic, Framework } from '../model/source.js';
import type { IamStatement } from '../iam/types.js';
import type { RuleCategory, Finding, Severity } from './types.js';

/** The JSON format's version: bumped only on a breaking change (see docs/json-format.md). */
export const RESULT_FORMAT_VERSION = 1;

export interface ScanResult {
  readonly version: typeof RESULT_FORMAT_VERSION;
  readonly tool: { readonly name: 'leash'; readonly version: string };
  /** The scanned path relative to the scan root (`.`, `examples/demo-app`, `app/template.yaml`). */
  readonly target: string;
  /** The scan root (absolute; never in a report): every `file` is relative to it, and nothing outside it was read. */
  readonly root: string;
  readonly stacks: readonly StackSummary[];
  readonly functions: readonly FunctionSummary[];
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** The rules that ran, sorted by id (SARIF lists them as `tool.driver.rules`). */
  readonly rules: readonly RuleSummary[];
  readonly summary: ScanSummary;
}

export interface StackSummary {
  readonly id: string;
  readonly framework: Framework;
  readonly file: string;
  readonly functions: number;
  readonly resources: number;
}

export interface RuleSummary {
  readonly id: string;
  readonly category: RuleCategory;
  readonly description: string;
  readonly severity: Severity;
  /** The rule's doc in the leash repository: `packages/leash/src/rules/<category>/<name>.md`. */
  readonly docPath: string;
}

export interface PolicySourceSummary {
  readonly kind: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

export interface FunctionPolicy {
  /** Every statement the function's role grants, managed policies and SAM policy templates expanded, in IAM JSON form. */
  readonly effective: readonly IamStatement[];
  /** The policies attached to the role, as declared, where they were written. */
  readonly sources: readonly PolicySourceSummary[];
  /**
   * Extension point: later features add `generated`, `missing`, `unused`, `unknown` (see
   * `ScanOptions.enrichFunction`); the JSON reporter passes every field through.
   */
  readonly [field: string]: unknown;
}

export interface FunctionSummary {
  readonly id: string;
  readonly logicalId: string;
  readonly stack: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** As written; an unresolved value is rendered (`!Ref Runtime`). Null when not set (image functions). */
  readonly runtime: string | null;
  readonly handler: string | null;
  readonly role: {
    readonly id: string;
    readonly kind: string;
    /** What leash could not expand (an unknown managed policy, an external role): the effective policy is incomplete. */
    readonly unknowns: readonly { readonly reason: string; readonly file?: string; readonly line?: number }[];
  };
  readonly policy: FunctionPolicy;
  /** Extension point for the code analysis (`calls[]`) and later features; passed through by the JSON reporter. */
  readonly [field: string]: unknown;
}

export interface ScanSummary {
  /** Findings not suppressed. */
  readonly findings: number;
  /** Findings not suppressed, by severity (every severity present, zero included). */
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly suppressed: number;
  /** Findings (not suppressed) that exist because a value could not be resolved. */
  readonly unknown: number;
  readonly errors: number;
  readonly warnings: number;
  readonly stacks: number;
  readonly functions: number;
}
