/**
 * `iam/wildcard-resource`: an Allow statement on every resource (`*`, `table/*`, `arn:aws:s3:::*`,
 * `NotResource`, a SAM policy template given `'*'`) for actions that could be scoped to specific
 * resources. Actions AWS only grants on `*` (wildcard-only: `xray:PutTraceSegments`,
 * `ec2:DescribeInstances`) do not fire: there is nothing narrower to write.
 */
import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import type { PolicyStatement } from '../../model/types.js';
import { actionInfo, expandActionPattern } from '../../iam/catalog.js';
import { type StatementActions, spend, statementActions } from '../../iam/statement-actions.js';
import type { AppModel } from '../../model/types.js';
import {
  UNKNOWN_ROLE_MESSAGE,
  allowStatements,
  describeSource,
  functionsWithRoles,
  isCdkInternal,
  isPlatformGrant,
  lowerSeverity,
  severityFor,
  listShort,
  reportRoleUnknowns,
  reportUnexpanded,
  resourceScopes,
  sourceProperties,
} from '../../iam/role-grants.js';

/**
 * Actions the catalog lists with a resource type that nobody scopes by in practice:
 * `cloudwatch:PutMetricData` is scoped with the `cloudwatch:namespace` condition key instead.
 */
const SCOPED_BY_CONDITION = new Set(['cloudwatch:putmetricdata']);

/**
 * Lambda's logging baseline (what AWSLambdaBasicExecutionRole grants, on `*`): written inline it is
 * the same grant, and scoping it to the function's log group is hygiene, not a security boundary.
 */
const LOGGING_BASELINE = new Set(['logs:createloggroup', 'logs:createlogstream', 'logs:putlogevents']);

const LEVEL_RANK: readonly string[] = ['Permissions management', 'Write', 'Read', 'List', 'Tagging'];

interface Scopable {
  /** Actions that support resource-level permissions (catalog casing), and patterns the catalog does not know. */
  readonly actions: string[];
  readonly writes: boolean;
  readonly reads: boolean;
}

/** Most consequential first (access level, then name): the message shows the first few. */
const byConsequence = (a: string, b: string): number => levelRank(a) - levelRank(b) || a.localeCompare(b);
const levelRank = (action: string): number => LEVEL_RANK.indexOf(actionInfo(action)?.accessLevel ?? 'Write');

let scopableOrder: Map<string, { readonly order: number; readonly level: string }> | undefined;

/** Every catalog action that can be scoped to resources, with its place in {@link byConsequence} order: sorted once, not per statement. */
function scopableCatalog(): Map<string, { readonly order: number; readonly level: string }> {
  if (!scopableOrder) {
    const scopable = expandActionPattern('*').filter((action) => {
      const info = actionInfo(action);
      return info !== undefined && !info.wildcardOnly && !SCOPED_BY_CONDITION.has(action.toLowerCase()) && !LOGGING_BASELINE.has(action.toLowerCase());
    });
    scopableOrder = new Map([...scopable].sort(byConsequence).map((a, order) => [a, { order, level: actionInfo(a)!.accessLevel }]));
  }
  return scopableOrder;
}

const scopableByShape = new WeakMap<StatementActions, Scopable>();

/**
 * The statement's actions that could have been scoped (NotAction: every action but those); once
 * per statement shape, charged to the stack's expansion budget (undefined past it).
 */
function scopableActions(covered: StatementActions, stack: AppModel, statement: PolicyStatement): Scopable | undefined {
  const cached = scopableByShape.get(covered);
  if (cached) return cached;
  if (!spend(stack, covered.actions.length, statement)) return undefined;
  const catalog = scopableCatalog();
  const actions = covered.actions.filter((a) => catalog.has(a)).sort((a, b) => catalog.get(a)!.order - catalog.get(b)!.order);
  const levels = new Set(actions.map((a) => catalog.get(a)!.level));
  const scopable = {
    // Names not in the catalog (a new or misspelt action): cannot be proved wildcard-only.
    actions: covered.notActions.length ? [...new Set([...covered.notActions, ...actions])].sort(byConsequence) : actions,
    writes: covered.notActions.length > 0 || levels.has('Write') || levels.has('Permissions management'),
    reads: levels.has('Read'),
  };
  scopableByShape.set(covered, scopable);
  return scopable;
}

/** A SAM policy template whose own definition uses `*` (e.g. SSMParameterReadPolicy's DescribeParameters) — not the user's choice. */
function templateBuiltInWildcard(statement: PolicyStatement): boolean {
  if (statement.source.kind !== 'sam-policy-template') return false;
  const given = Object.values(statement.source.parameters ?? {});
  return !given.some((v) => typeof v === 'string' && v.includes('*'));
}

export default defineRule(
  {
    id: 'iam/wildcard-resource',
    category: 'iam',
    description: "A function's role allows, on every resource (`*`, `table/*`, a SAM policy template given `'*'`), actions that can be scoped to specific resources.",
    severity: 'high',
    messages: {
      wildcard: '{{function}} is allowed {{actions}} on {{resources}} through the {{source}}: {{count}} of these actions can be limited to specific resources ({{examples}}).',
      unknownRole: UNKNOWN_ROLE_MESSAGE,
    },
  },
  (context) => {
    const { stack } = context;
    for (const { fn, role } of functionsWithRoles(stack)) {
      reportRoleUnknowns(context, fn, role, 'actions on every resource');
      if (role === undefined) continue;
      const unexpanded: PolicyStatement[] = [];
      for (const statement of allowStatements(role)) {
        if (isPlatformGrant(statement)) continue;
        const wildcards = resourceScopes(statement, stack).filter((s) => s.wildcard);
        if (wildcards.length === 0) continue;
        const covered = statementActions(statement, stack);
        const scopable = covered && scopableActions(covered, stack, statement);
        if (scopable === undefined) {
          unexpanded.push(statement);
          continue;
        }
        if (scopable.actions.length === 0) continue;
        let severity: Severity = scopable.writes ? 'high' : scopable.reads ? 'medium' : 'low';
        const builtIn = templateBuiltInWildcard(statement);
        if (builtIn) severity = 'low';
        if (statement.condition !== undefined && Object.keys(statement.condition).length > 0) severity = lowerSeverity(severity);
        const written = statement.action ?? (statement.notAction ?? []).map((a) => `every action but ${a}`);
        context.report({
          messageId: 'wildcard',
          data: {
            function: fn.id,
            actions: listShort(written),
            resources: listShort(wildcards.map((w) => w.rendered), 3),
            source: describeSource(statement.source),
            count: scopable.actions.length,
            examples: listShort(scopable.actions, 4),
          },
          resource: fn.id,
          loc: statement.loc,
          severity: severityFor(fn, severity),
          properties: {
            role: role.id,
            ...(isCdkInternal(fn) ? { cdkInternal: true } : {}),
            actions: written,
            resources: wildcards.map((w) => w.rendered),
            scopableActions: scopable.actions.slice(0, 50),
            scopableCount: scopable.actions.length,
            conditioned: statement.condition !== undefined,
            templateDefault: builtIn,
            ...sourceProperties(statement),
          },
        });
      }
      reportUnexpanded(context, fn, role, unexpanded, 'actions on every resource');
    }
  },
);
