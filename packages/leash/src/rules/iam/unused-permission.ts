/**
 * `iam/unused-permission`: a role grants actions that none of the functions running with it needs
 * (by their code, triggers and platform features), and says what those grants would let an
 * attacker do (`src/iam/risk.ts`). Platform permissions (logs, VPC interfaces, X-Ray, event source
 * polling) are never reported. When the code of a function cannot be fully followed, leash cannot
 * prove a grant unused and reports that instead.
 */
import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import { RISK_ORDER, listsUnused, unusedByRisk, type UnusedGrant } from '../../iam/compare.js';
import { roleUsages } from '../../iam/role-usage.js';
import type { RiskClass } from '../../iam/types.js';
import { describeSource, isCdkInternal, listShort, severityFor, sourceProperties } from '../../iam/role-grants.js';

const RISK_SEVERITY: Readonly<Record<RiskClass, Severity>> = {
  'privilege-escalation': 'high',
  'credential-exposure': 'high',
  'resource-exposure': 'medium',
  exfiltration: 'medium',
  'data-access': 'medium',
  'compute-abuse': 'medium',
};
const RISK_WORDS: Readonly<Record<RiskClass, string>> = {
  'privilege-escalation': 'privilege escalation',
  'credential-exposure': 'credential exposure',
  'resource-exposure': 'resource exposure',
  exfiltration: 'data exfiltration',
  'data-access': 'data access',
  'compute-abuse': 'compute abuse',
};

function severityOf(grant: UnusedGrant): Severity {
  const order: Severity[] = ['high', 'medium', 'low'];
  let best: Severity = 'low';
  for (const c of Object.keys(grant.risks) as RiskClass[]) if (order.indexOf(RISK_SEVERITY[c]) < order.indexOf(best)) best = RISK_SEVERITY[c];
  return best;
}

/** At most this many actions per list in a finding's properties. */
const MAX_LISTED = 100;


function riskText(grant: UnusedGrant, escalations: readonly string[]): string {
  const parts = RISK_ORDER.filter((c) => grant.risks[c]?.length).map((c) => `${RISK_WORDS[c]} (${listShort(grant.risks[c]!, 3)})`);
  if (escalations.length) parts.unshift(`escalation path ${listShort(escalations, 2)}`);
  return parts.length ? `; they allow ${parts.join(', ')}` : '';
}

export default defineRule(
  {
    id: 'iam/unused-permission',
    category: 'iam',
    description: "A function's role grants actions that neither its code, its event sources nor the platform ever use; unused grants are what an attacker gets for free.",
    severity: 'medium',
    messages: {
      unusedStatement: '{{subject}} never uses the statement from {{source}}: {{count}} unused action{{plural}} ({{actions}}){{risk}}.',
      unusedActions: '{{subject}} never uses {{count}} of the actions granted by {{source}} ({{actions}}){{risk}}.',
      notExpanded: 'Could not check {{source}} of {{subject}} for unused permissions: {{reason}}.',
      notAnAction: '{{source}} names {{names}}, which {{verb}} no IAM action: the grant does nothing (a typo, or an API operation name instead of its action).',
      incomplete: 'Could not check the role {{role}} for unused permissions: the code of {{function}} could not be fully followed ({{reason}}).',
    },
  },
  (context) => {
    const { stack, scan } = context;
    for (const usage of roleUsages(stack, scan.root)) {
      const { role, functions, comparison } = usage;
      if (role.kind === 'external') continue;
      const subject = functions.length === 1 ? functions[0]!.id : `Role ${role.id} (shared by ${listShort(functions.map((f) => f.id), 3)})`;
      const resource = functions.length === 1 ? functions[0]!.id : role.id;
      // A role only CDK-internal functions use is written by aws-cdk-lib: one level lower.
      const lower = (s: Severity): Severity => (functions.every(isCdkInternal) ? severityFor(functions[0]!, s) : s);
      if (usage.incomplete.length) {
        const first = usage.incomplete[0]!;
        const fn = functions.find((f) => f.id === first.functionId)!;
        if (comparison.unused.some((u) => u.actions.length > 0)) {
          context.report({
            messageId: 'incomplete',
            data: { role: role.id, function: fn.id, reason: listShort(first.reasons, 1) },
            resource,
            loc: first.loc ?? fn.loc,
            severity: 'info',
            unknown: true,
            properties: { role: role.id, incomplete: usage.incomplete },
          });
        }
      }
      for (const grant of comparison.unused) {
        const statement = grant.statement;
        const source = describeSource(statement.source);
        if (grant.notExpanded !== undefined) {
          context.report({ messageId: 'notExpanded', data: { subject, source, reason: grant.notExpanded }, resource, loc: statement.loc, severity: 'low', unknown: true, properties: { role: role.id, reasons: [grant.notExpanded], ...sourceProperties(statement) } });
          continue;
        }
        if (grant.notActions.length) {
          context.report({
            messageId: 'notAnAction',
            data: { source, names: grant.notActions.join(', '), verb: grant.notActions.length === 1 ? 'is' : 'are' },
            resource,
            loc: statement.loc,
            severity: lower('low'),
            properties: { role: role.id, names: grant.notActions, ...sourceProperties(statement) },
          });
        }
        if (grant.actions.length === 0 || usage.incomplete.length) continue;
        const escalations = comparison.escalations.filter((e) => e.actions.some((a) => listsUnused(grant, a)));
        const ranked = unusedByRisk(grant);
        const severity = escalations.length ? 'high' : severityOf(grant);
        context.report({
          messageId: grant.wholeStatement ? 'unusedStatement' : 'unusedActions',
          data: {
            subject,
            source,
            count: grant.actions.length,
            plural: grant.actions.length === 1 ? '' : 's',
            actions: listShort(ranked, 5),
            risk: riskText(grant, escalations.map((e) => e.combo)),
          },
          resource,
          loc: statement.loc,
          severity: lower(severity),
          properties: {
            role: role.id,
            functions: functions.map((f) => f.id),
            wholeStatement: grant.wholeStatement,
            // `Action: "*"` leaves 22k actions unused: keep reports readable, riskiest first, with counts.
            unusedActionCount: grant.actions.length,
            unusedActions: ranked.slice(0, MAX_LISTED),
            riskCounts: Object.fromEntries(Object.entries(grant.risks).map(([c, list]) => [c, list.length])),
            risks: Object.fromEntries(Object.entries(grant.risks).map(([c, list]) => [c, list.slice(0, MAX_LISTED)])),
            ...(escalations.length ? { escalations: escalations.map((e) => ({ combo: e.combo, id: e.id, reference: e.source })) } : {}),
            ...sourceProperties(statement),
          },
        });
      }
    }
  },
);
