/**
 * `iam/privilege-escalation`: the role allows a combination of actions that lets whoever controls
 * the function raise its privileges (write its own policy, mint credentials, pass a role to new
 * compute, run code as another role). The combinations are leash's risk table
 * (`src/iam/risk.ts`: Rhino Security Labs, pathfinding.cloud); this rule only decides what
 * "allowed" means and names the statements that grant each step.
 */
import { defineRule } from '../../engine/types.js';
import { findEscalations } from '../../iam/risk.js';
import type { Escalation } from '../../iam/risk.js';
import type { Grant } from '../../iam/role-grants.js';
import { UNKNOWN_ROLE_MESSAGE, describeSource, functionsWithRoles, grantedBy, isCdkInternal, listShort, reportRoleUnknowns, reportUnexpanded, roleGrants, severityFor } from '../../iam/role-grants.js';

/** Statements listed per escalation step in a finding's properties. */
const MAX_STATEMENTS_LISTED = 10;

export default defineRule(
  {
    id: 'iam/privilege-escalation',
    category: 'iam',
    description: "A function's role allows a combination of actions that lets it raise its own privileges (change IAM policies, create credentials, pass a role to new compute, run code as another role).",
    severity: 'high',
    messages: {
      escalation: '{{function}} can escalate its privileges: {{combos}} (granted by {{sources}}).',
      unknownRole: UNKNOWN_ROLE_MESSAGE,
    },
  },
  (context) => {
    const { stack } = context;
    for (const { fn, role } of functionsWithRoles(stack)) {
      reportRoleUnknowns(context, fn, role, 'privilege escalation');
      if (role === undefined) continue;
      const grants = roleGrants(role, stack);
      reportUnexpanded(context, fn, role, grants.unexpanded, 'privilege escalation');
      const escalations = findEscalations((action) => grants.has(action));
      if (escalations.length === 0) continue;
      const stepsOf = (e: Escalation): (readonly Grant[])[] => e.actions.map((a) => grants.get(a) ?? []);
      // An escalation is unconstrained when every step is granted on every resource somewhere.
      const unconstrained = (e: Escalation): boolean => stepsOf(e).every((g) => g.some((x) => x.wildcardResource));
      const ordered = [...escalations].sort((a, b) => Number(unconstrained(b)) - Number(unconstrained(a)) || a.actions.length - b.actions.length);
      const first = ordered[0]!;
      const firstGrant = stepsOf(first)[0]![0]!;
      const allGrants = ordered.flatMap((e) => stepsOf(e).flat());
      context.report({
        messageId: 'escalation',
        data: {
          function: fn.id,
          combos: listShort(ordered.map((e) => e.combo), 3),
          sources: listShort([...new Set(allGrants.map((g) => describeSource(g.statement.source)))], 3),
        },
        resource: fn.id,
        loc: firstGrant.statement.loc,
        severity: severityFor(fn, ordered.some(unconstrained) ? 'high' : 'medium'),
        properties: {
          role: role.id,
          ...(isCdkInternal(fn) ? { cdkInternal: true } : {}),
          escalations: ordered.map((e) => ({
            combo: e.combo,
            id: e.id,
            reference: e.source,
            unconstrained: unconstrained(e),
            steps: e.actions.map((action, i) => ({
              action,
              grantedBy: grantedBy(stepsOf(e)[i]!),
              // A role of many broad statements grants each step through every one: list a few, and how many.
              statements: stepsOf(e)[i]!.slice(0, MAX_STATEMENTS_LISTED).map((g) => ({ source: g.statement.source.name, sourceKind: g.statement.source.kind, line: g.statement.loc.line, ...(g.statement.sid ? { sid: g.statement.sid } : {}) })),
              statementCount: stepsOf(e)[i]!.length,
            })),
          })),
        },
      });
    }
  },
);
