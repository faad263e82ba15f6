/**
 * `iam/dangerous-action`: the role allows, on every resource, actions that an attacker in the
 * function would use to steal data, obtain credentials, expose resources to the world or run paid
 * compute. The classes come from leash's risk table (`src/iam/risk.ts`); privilege escalation has
 * its own rule. One finding per class per function, listing the actions and their sources.
 */
import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import { classifyAction } from '../../iam/risk.js';
import type { RiskClass } from '../../iam/types.js';
import type { Grant } from '../../iam/role-grants.js';
import { UNKNOWN_ROLE_MESSAGE, describeSource, functionsWithRoles, isCdkInternal, isPlatformGrant, listShort, reportRoleUnknowns, roleGrants, severityFor } from '../../iam/role-grants.js';

interface ClassInfo {
  readonly what: string;
  readonly severity: Severity;
}

/** Reported classes, in report order. `data-access` actions that are also `exfiltration` are reported once, as exfiltration. */
const CLASSES: ReadonlyArray<readonly [Exclude<RiskClass, 'privilege-escalation'>, ClassInfo]> = [
  ['credential-exposure', { what: 'obtain credentials or tokens', severity: 'high' }],
  ['exfiltration', { what: 'copy data out of the account or read secrets', severity: 'high' }],
  ['resource-exposure', { what: 'change who can access resources (resource policies, ACLs, sharing)', severity: 'high' }],
  ['compute-abuse', { what: 'start paid compute or send mail at scale (mining, model abuse, spam)', severity: 'high' }],
  ['data-access', { what: 'read stored data', severity: 'medium' }],
];

const MAX_LISTED = 50;

/** Risk classes by lower-case action: the same actions come back for every role granting `*` or `s3:*`. */
const classCache = new Map<string, RiskClass[]>();

function classesOf(action: string): RiskClass[] {
  const key = action.toLowerCase();
  let classes = classCache.get(key);
  if (classes === undefined) classCache.set(key, (classes = classifyAction(action)));
  return classes;
}

export default defineRule(
  {
    id: 'iam/dangerous-action',
    category: 'iam',
    description: "A function's role allows, on every resource, actions used for data exfiltration, credential exposure, resource exposure or compute abuse.",
    severity: 'high',
    messages: {
      dangerous: '{{function}} can {{what}} on every resource: {{actions}} (granted by {{sources}}).',
      unknownRole: UNKNOWN_ROLE_MESSAGE,
    },
  },
  (context) => {
    const { stack } = context;
    for (const { fn, role } of functionsWithRoles(stack)) {
      reportRoleUnknowns(context, fn, role, 'dangerous actions');
      if (role === undefined) continue;
      const byClass = new Map<RiskClass, Grant[][]>();
      for (const grants of roleGrants(role, stack).values()) {
        const unconstrained = grants.filter((g) => g.wildcardResource && !isPlatformGrant(g.statement));
        if (unconstrained.length === 0) continue;
        const classes = classesOf(unconstrained[0]!.action);
        for (const riskClass of classes) {
          if (riskClass === 'data-access' && classes.includes('exfiltration')) continue;
          const list = byClass.get(riskClass) ?? [];
          list.push(unconstrained);
          byClass.set(riskClass, list);
        }
      }
      for (const [riskClass, info] of CLASSES) {
        const found = byClass.get(riskClass);
        if (found === undefined) continue;
        found.sort((a, b) => a[0]!.action.localeCompare(b[0]!.action));
        const sources = [...new Set(found.flat().map((g) => describeSource(g.statement.source)))];
        context.report({
          messageId: 'dangerous',
          data: { function: fn.id, what: info.what, actions: listShort(found.map((g) => g[0]!.action), 6), sources: listShort(sources, 3) },
          resource: fn.id,
          loc: found[0]![0]!.statement.loc,
          severity: severityFor(fn, info.severity),
          properties: {
            role: role.id,
            ...(isCdkInternal(fn) ? { cdkInternal: true } : {}),
            riskClass,
            actionCount: found.length,
            actions: found.slice(0, MAX_LISTED).map((g) => ({
              action: g[0]!.action,
              grantedBy: [...new Set(g.map((x) => describeSource(x.statement.source)))],
              lines: [...new Set(g.map((x) => x.statement.loc.line))],
            })),
          },
        });
      }
    }
  },
);
