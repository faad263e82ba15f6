/**
 * In-source suppressions (cdk-nag style: a suppression needs a reason).
 *
 * A finding is suppressed when the node it is about, or the stack, carries a suppression whose
 * `rule` is the rule id or a `category/*` prefix of it, and that has a reason. The nodes searched
 * for a finding about `resource`: the function, role, resource, API and permission with that id; for
 * a function also the CloudFormation resource of its logical id, and for `iam/*` rules its role
 * (a suppression on a shared role covers the IAM findings of every function using it).
 *
 * A suppression without a reason is ignored and reported once as a warning.
 */
import type { Diagnostic } from '../model/source.js';
import type { AppModel, Suppression } from '../model/types.js';
import { stackIndex } from './stack-index.js';
import type { FindingSuppression } from './types.js';

export const WARN_SUPPRESSION_WITHOUT_REASON = 'WARN_LEASH_SUPPRESSION_NO_REASON';

function suppressionMatches(suppression: Suppression, ruleId: string): boolean {
  if (suppression.rule === ruleId) return true;
  if (suppression.rule.endsWith('/*')) return ruleId.startsWith(suppression.rule.slice(0, -1));
  return false;
}

function hasReason(suppression: Suppression): boolean {
  return typeof suppression.reason === 'string' && suppression.reason.trim() !== '';
}

/** Every suppression that applies to findings of `ruleId` about `resource` in `stack`, node-level first. */
export function suppressionsFor(stack: AppModel, resource: string, ruleId: string): Suppression[] {
  // Called once per finding: the nodes are looked up in the stack's index, not searched.
  const index = stackIndex(stack);
  const found: Suppression[] = [];
  const fn = index.functionById(resource);
  if (fn) {
    found.push(...fn.suppressions);
    if (fn.logicalId !== fn.id) found.push(...(index.resourceById(fn.logicalId)?.suppressions ?? []));
    if (ruleId.startsWith('iam/')) found.push(...(index.roleById(fn.roleId)?.suppressions ?? []));
  }
  found.push(...index.nodeSuppressions(resource));
  found.push(...stack.suppressions);
  return found.filter((s) => suppressionMatches(s, ruleId));
}

/** The first suppression with a reason that covers the finding, as the finding records it. */
export function findSuppression(stack: AppModel, resource: string, ruleId: string): FindingSuppression | undefined {
  const match = suppressionsFor(stack, resource, ruleId).find(hasReason);
  if (!match) return undefined;
  // A suppression read from a leash config file sits outside the analysed source: SARIF calls that `external`.
  return { reason: match.reason!.trim(), kind: match.source === 'config' ? 'external' : 'inSource', source: match.source, loc: match.loc };
}

/** One warning for every suppression of the stack that has no reason (it is ignored). */
export function reasonlessSuppressionDiagnostics(stack: AppModel): Diagnostic[] {
  const all: Suppression[] = [
    ...stack.suppressions,
    ...stack.functions.flatMap((n) => n.suppressions),
    ...stack.roles.flatMap((n) => n.suppressions),
    ...stack.resources.flatMap((n) => n.suppressions),
    ...stack.apis.flatMap((n) => n.suppressions),
    ...stack.permissions.flatMap((n) => n.suppressions),
  ];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const s of all) {
    if (hasReason(s)) continue;
    // The same suppression can sit on two nodes (a function and its generated resource): report it once.
    const key = `${s.rule}\0${s.loc.file}\0${s.loc.line}\0${s.loc.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      severity: 'warning',
      code: WARN_SUPPRESSION_WITHOUT_REASON,
      message: `suppression of ${s.rule} has no reason and is ignored (add a reason saying why the finding is acceptable)`,
      file: s.loc.file,
      line: s.loc.line,
      column: s.loc.column,
    });
  }
  return out;
}
