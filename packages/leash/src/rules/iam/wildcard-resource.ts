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

/** The statement's actions that could have been scoped (NotAction: every action but those). */
function scopableActions(statement: PolicyStatement): Scopable {
  const patterns = statement.action ?? ['*'];
  const excluded = new Set((statement.notAction ?? []).flatMap((p) => expandActionPattern(p).map((a) => a.toLowerCase())));
  const actions = new Set<string>();
  let writes = false;
  let reads = false;
  for (const pattern of patterns) {
    const expanded = expandActionPattern(pattern);
    if (expanded.length === 0) {
      // Not in the catalog (a new or misspelt action): cannot prove it is wildcard-only.
      if (!pattern.includes('*') && !pattern.includes('?')) {
        actions.add(pattern);
        writes = true;
      }
      continue;
    }
    for (const action of expanded) {
      if (excluded.has(action.toLowerCase())) continue;
      const info = actionInfo(action);
      if (info === undefined || info.wildcardOnly || SCOPED_BY_CONDITION.has(action.toLowerCase()) || LOGGING_BASELINE.has(action.toLowerCase())) continue;
      actions.add(action);
      if (info.accessLevel === 'Write' || info.accessLevel === 'Permissions management') writes = true;
      if (info.accessLevel === 'Read') reads = true;
    }
  }
  // Most consequential first: the message shows the first few.
  const rank = (a: string): number => LEVEL_RANK.indexOf(actionInfo(a)?.accessLevel ?? 'Write');
  return { actions: [...actions].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)), writes, reads };
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
      for (const statement of allowStatements(role)) {
        if (isPlatformGrant(statement)) continue;
        const wildcards = resourceScopes(statement, stack).filter((s) => s.wildcard);
        if (wildcards.length === 0) continue;
        const scopable = scopableActions(statement);
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
    }
  },
);
