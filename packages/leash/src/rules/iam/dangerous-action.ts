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
import type { GrantEntry, SharedGrants } from '../../iam/role-grants.js';
import { UNKNOWN_ROLE_MESSAGE, describeSource, functionsWithRoles, isCdkInternal, listShort, reportRoleUnknowns, reportUnexpanded, roleGrants, severityFor } from '../../iam/role-grants.js';

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
      const grants = roleGrants(role, stack);
      reportUnexpanded(context, fn, role, grants.unexpanded, 'dangerous actions');
      const statementsOf = (entry: GrantEntry) => entry.at.map((i) => role.statements[i]!);
      for (const [riskClass, info] of CLASSES) {
        const byClass = dangerousByClass(grants.shared).get(riskClass);
        if (byClass === undefined) continue;
        const { found, granting } = byClass;
        const sources = [...new Set(granting.map((i) => describeSource(role.statements[i]!.source)))];
        context.report({
          messageId: 'dangerous',
          data: { function: fn.id, what: info.what, actions: listShort(found.map((e) => e.action), 6), sources: listShort(sources, 3) },
          resource: fn.id,
          loc: statementsOf(found[0]!)[0]!.loc,
          severity: severityFor(fn, info.severity),
          properties: {
            role: role.id,
            ...(isCdkInternal(fn) ? { cdkInternal: true } : {}),
            riskClass,
            actionCount: found.length,
            actions: found.slice(0, MAX_LISTED).map((e) => ({
              action: e.action,
              grantedBy: [...new Set(statementsOf(e).map((s) => describeSource(s.source)))],
              lines: [...new Set(statementsOf(e).map((s) => s.loc.line))].slice(0, MAX_LISTED),
            })),
          },
        });
      }
    }
  },
);

interface ClassGrants {
  /** Sorted by action. */
  readonly found: GrantEntry[];
  /** The statements granting any of them, in the order they first grant one. */
  readonly granting: readonly number[];
}

const byShared = new WeakMap<SharedGrants, Map<RiskClass, ClassGrants>>();

/**
 * The grants on every resource (platform grants aside) by risk class, each class sorted by action,
 * as statement indexes: once per shape of role (functions, and roles, share them).
 */
function dangerousByClass(shared: SharedGrants): Map<RiskClass, ClassGrants> {
  const cached = byShared.get(shared);
  if (cached) return cached;
  const byClass = new Map<RiskClass, GrantEntry[]>();
  for (const entry of shared.byAction.values()) {
    const at = entry.at.filter((i) => shared.wildcardResource[i] && !shared.platform[i]);
    if (at.length === 0) continue;
    const classes = classifyAction(entry.action);
    for (const riskClass of classes) {
      if (riskClass === 'data-access' && classes.includes('exfiltration')) continue;
      const list = byClass.get(riskClass) ?? [];
      list.push({ action: entry.action, at });
      byClass.set(riskClass, list);
    }
  }
  const out = new Map<RiskClass, ClassGrants>();
  for (const [riskClass, found] of byClass) {
    found.sort((a, b) => a.action.localeCompare(b.action));
    out.set(riskClass, { found, granting: [...new Set(found.flatMap((e) => e.at))] });
  }
  byShared.set(shared, out);
  return out;
}
