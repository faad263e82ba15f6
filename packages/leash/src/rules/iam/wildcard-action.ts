/**
 * `iam/wildcard-action`: an Allow statement that grants actions by wildcard (`*`, `s3:*`, a
 * write-capable pattern such as `s3:*Object`) or by `NotAction`, whatever its source (a managed
 * policy such as AdministratorAccess or AmazonS3FullAccess, a SAM policy template, inline).
 */
import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import type { PolicyStatement } from '../../model/types.js';
import { actionInfo, expandActionPattern } from '../../iam/catalog.js';
import {
  UNKNOWN_ROLE_MESSAGE,
  actionWildcard,
  allowStatements,
  describeSource,
  functionsWithRoles,
  hasWildcardResource,
  isCdkInternal,
  listShort,
  reportRoleUnknowns,
  severityFor,
  sourceProperties,
} from '../../iam/role-grants.js';

/** A partial pattern (`s3:*Object`) fires when it reaches one of these access levels. */
const WRITE_LEVELS = new Set(['Write', 'Permissions management']);

interface Classified {
  readonly messageId: 'allActions' | 'serviceWildcard' | 'notAction' | 'partialWildcard';
  readonly severity: Severity;
  readonly actions: string[];
}

const reachesWrites = new Map<string, boolean>();

/** True when a partial pattern grants at least one write or permissions-management action (or the catalog does not know it). Once per pattern. */
function partialReachesWrites(pattern: string): boolean {
  let reaches = reachesWrites.get(pattern);
  if (reaches === undefined) {
    reaches = expandActionPattern(pattern).some((a) => {
      const info = actionInfo(a);
      return info === undefined || WRITE_LEVELS.has(info.accessLevel);
    });
    if (reachesWrites.size >= 50_000) reachesWrites.clear();
    reachesWrites.set(pattern, reaches);
  }
  return reaches;
}

function classify(statement: PolicyStatement, wildcardResource: boolean): Classified | undefined {
  if (statement.notAction !== undefined && statement.notAction.length > 0) {
    return { messageId: 'notAction', severity: 'high', actions: statement.notAction };
  }
  const actions = statement.action ?? [];
  const all = actions.filter((a) => actionWildcard(a) === 'all');
  if (all.length > 0) return { messageId: 'allActions', severity: 'critical', actions: all };
  const service = actions.filter((a) => actionWildcard(a) === 'service');
  if (service.length > 0) return { messageId: 'serviceWildcard', severity: wildcardResource ? 'high' : 'medium', actions: service };
  // SAM policy templates are AWS's design (`SQSSendMessagePolicy` = `sqs:SendMessage*` on one queue): only their `*` parameters matter, and those are iam/wildcard-resource's.
  if (statement.source.kind === 'sam-policy-template') return undefined;
  const partial = actions.filter((a) => actionWildcard(a) === 'partial' && partialReachesWrites(a));
  if (partial.length > 0) return { messageId: 'partialWildcard', severity: wildcardResource ? 'medium' : 'low', actions: partial };
  return undefined;
}

export default defineRule(
  {
    id: 'iam/wildcard-action',
    category: 'iam',
    description: "A function's role allows actions by wildcard (`*`, `service:*`, a write-capable pattern such as `s3:*Object`) or by `NotAction`, directly or through a managed policy or SAM policy template.",
    severity: 'high',
    messages: {
      allActions: '{{function}} may call every AWS action ({{actions}}) through the {{source}}: the role is an administrator.',
      serviceWildcard: '{{function}} is allowed every action of a service ({{actions}}) through the {{source}}, on {{resources}}.',
      notAction: '{{function}} is allowed every action except {{actions}} (Allow with NotAction) through the {{source}}.',
      partialWildcard: '{{function}} is allowed the write-capable action pattern {{actions}} through the {{source}}, on {{resources}}.',
      unknownRole: UNKNOWN_ROLE_MESSAGE,
    },
  },
  (context) => {
    const { stack } = context;
    for (const { fn, role } of functionsWithRoles(stack)) {
      reportRoleUnknowns(context, fn, role, 'wildcard actions');
      if (role === undefined) continue;
      for (const statement of allowStatements(role)) {
        const wildcardResource = hasWildcardResource(statement, stack);
        const found = classify(statement, wildcardResource);
        if (found === undefined) continue;
        const resources = statement.notResource !== undefined ? 'all but some resources (NotResource)' : wildcardResource ? 'every resource' : 'the listed resources';
        context.report({
          messageId: found.messageId,
          data: { function: fn.id, actions: listShort(found.actions), source: describeSource(statement.source), resources },
          resource: fn.id,
          loc: statement.loc,
          severity: severityFor(fn, found.severity),
          properties: {
            role: role.id,
            ...(isCdkInternal(fn) ? { cdkInternal: true } : {}),
            actions: found.actions,
            notAction: found.messageId === 'notAction',
            wildcardResource,
            ...sourceProperties(statement),
          },
        });
      }
    }
  },
);
