/**
 * The concrete actions a policy statement covers (`Action` / `NotAction` patterns expanded with
 * the catalog), computed once per distinct statement and shared by every role and rule that reads
 * it, within a budget per stack.
 *
 * `Action: "*"` is about 22,000 actions. Real stacks repeat a handful of such statements over many
 * roles, which the sharing makes cheap; a template can also hold thousands of distinct patterns
 * (`*:Get1*`, `*:Get2*`...), each reading the whole catalog, and roles that each spell out their own
 * statements. {@link MAX_EXPANDED_ACTIONS} bounds what one stack may expand: a statement past it is
 * not expanded, the rules report it as unknown, and the stack gets one `ERR_LEASH_LIMIT` error.
 */
import type { AppModel, PolicyStatement } from '../model/types.js';
import { reportLimit } from '../model/limits.js';
import { actionInfo, expandActionPattern, expansionCost } from './catalog.js';

/**
 * Actions (catalog entries read, actions listed) the statements of one stack may expand to
 * before the rest is left unexpanded: about 450 distinct `Action: "*"` statements, or 2,000 roles
 * each holding the risky part of one.
 */
export const MAX_EXPANDED_ACTIONS = 5_000_000;

export interface StatementActions {
  /** Catalog actions covered, in catalog casing, sorted, each once. Shared: do not change. */
  readonly actions: readonly string[];
  /** Names in `Action` that are neither catalog actions nor wildcards (a typo, an API operation name): they grant nothing. */
  readonly notActions: readonly string[];
}

/** Why a statement was not expanded (the limit), for the rules' unknown findings. */
export const NOT_EXPANDED = `the stack's policies expand to more than ${MAX_EXPANDED_ACTIONS} actions (limit MAX_EXPANDED_ACTIONS): this statement was not expanded`;

const byStatement = new WeakMap<PolicyStatement, StatementActions>();
/** By statement shape (`Action` / `NotAction` as written): the same policy attached to many roles is expanded once. Cleared when full. */
const byShape = new Map<string, StatementActions>();
const MAX_CACHED_SHAPES = 5_000;
const budgets = new WeakMap<AppModel, { spent: number }>();

/**
 * The actions `statement` covers, or undefined when expanding it would take the stack past
 * {@link MAX_EXPANDED_ACTIONS} (reported once for the stack as ERR_LEASH_LIMIT).
 */
export function statementActions(statement: PolicyStatement, stack: AppModel): StatementActions | undefined {
  const known = byStatement.get(statement);
  if (known) return known;
  const key = JSON.stringify([statement.action ?? null, statement.notAction ?? null]);
  let shape = byShape.get(key);
  if (shape === undefined) {
    // The catalog entries read for patterns not expanded before, the lists joined for the others.
    const patterns = statement.action ?? statement.notAction ?? [];
    let cost = patterns.reduce((n, p) => n + (expansionCost(p) || expandActionPattern(p).length), 0);
    if (!statement.action && statement.notAction) cost += expansionCost('*') || expandActionPattern('*').length;
    if (!spend(stack, cost, statement)) return undefined;
    shape = expandStatement(statement);
    if (byShape.size >= MAX_CACHED_SHAPES) byShape.clear();
    byShape.set(key, shape);
  }
  byStatement.set(statement, shape);
  return shape;
}

/**
 * Charge `cost` to the stack's budget; false (and the limit reported at `at`) when it is spent.
 * Work derived from expanded statements (a role's grants) is charged here too.
 */
export function spend(stack: AppModel, cost: number, at: PolicyStatement): boolean {
  let budget = budgets.get(stack);
  if (!budget) budgets.set(stack, (budget = { spent: 0 }));
  if (budget.spent + cost > MAX_EXPANDED_ACTIONS) {
    reportLimit(stack, 'MAX_EXPANDED_ACTIONS', {
      message: `the policies of this stack expand to more than ${MAX_EXPANDED_ACTIONS} IAM actions (limit MAX_EXPANDED_ACTIONS): this statement and others after it were not checked action by action`,
      file: at.loc.file,
      line: at.loc.line,
      column: at.loc.column,
    });
    return false;
  }
  budget.spent += cost;
  return true;
}

function expandStatement(statement: PolicyStatement): StatementActions {
  if (statement.action) {
    const actions = new Set<string>();
    const notActions: string[] = [];
    for (const pattern of statement.action) {
      const expanded = expandActionPattern(pattern);
      if (expanded.length === 0 && !/[*?]/.test(pattern)) notActions.push(pattern);
      for (const a of expanded) actions.add(a);
    }
    return Object.freeze({ actions: Object.freeze([...actions].sort()), notActions: Object.freeze(notActions) });
  }
  if (statement.notAction) {
    const excluded = new Set(statement.notAction.flatMap((p) => expandActionPattern(p)));
    return Object.freeze({ actions: Object.freeze(expandActionPattern('*').filter((a) => !excluded.has(a))), notActions: Object.freeze([]) });
  }
  return Object.freeze({ actions: Object.freeze([]), notActions: Object.freeze([]) });
}

/** Catalog casing by action as written (`S3:getobject` → `s3:GetObject`; null when not in the catalog). Cleared when full. */
const canonicalNames = new Map<string, string | null>();

/** True when `actions` (sorted, catalog casing) holds `action`, written in any case. */
export function coversAction(actions: StatementActions, action: string): boolean {
  let canonical = canonicalNames.get(action);
  if (canonical === undefined) {
    canonical = actionInfo(action)?.action ?? null;
    if (canonicalNames.size >= 100_000) canonicalNames.clear();
    canonicalNames.set(action, canonical);
  }
  if (canonical === null) return false;
  const list = actions.actions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid]!;
    if (at === canonical) return true;
    if (at < canonical) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
