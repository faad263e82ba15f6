/**
 * `iam/missing-permission`: the function's code (or its trigger, or a platform feature) needs an
 * IAM permission its role does not grant, so the call fails at run time with AccessDenied. Needs
 * come from the code analysis and the policy generator (`src/code`, `src/iam/generate.ts`); the
 * decision from leash's evaluator over the role's expanded statements (`src/iam/compare.ts`).
 */
import { defineRule } from '../../engine/types.js';
import type { SourceLocation } from '../../model/source.js';
import type { LambdaFunction } from '../../model/types.js';
import { renderValue } from '../../model/values.js';
import type { FunctionNeed } from '../../iam/role-usage.js';
import { roleUsages } from '../../iam/role-usage.js';
import { describeSource, listShort, severityFor } from '../../iam/role-grants.js';

function where(need: FunctionNeed, fn: LambdaFunction): { loc: SourceLocation; what: string } {
  if (typeof need.source === 'object') return { loc: { file: need.source.file, line: need.source.line, column: 1 }, what: `the code calls it at ${need.source.file}:${need.source.line}` };
  const why = need.reason ? `: ${need.reason}` : '';
  return { loc: fn.loc, what: need.source === 'trigger' ? `its event source needs it${why}` : `the platform needs it${why}` };
}

const resourceText = (need: FunctionNeed): string => (need.resource === '*' ? '*' : renderValue(need.resource));

export default defineRule(
  {
    id: 'iam/missing-permission',
    category: 'iam',
    description: "A function needs an IAM permission (for a call in its code, its event source or a platform feature) that its role does not grant, so the call fails with AccessDenied at run time.",
    severity: 'medium',
    messages: {
      missing: '{{function}} needs {{action}} on {{resource}} ({{what}}), but its role {{role}} does not allow it.',
      denied: '{{function}} needs {{action}} on {{resource}} ({{what}}), but an explicit Deny in {{source}} blocks it.',
      unknown: 'Could not tell whether the role {{role}} of {{function}} allows {{action}} on {{resource}} ({{what}}): {{reason}}.',
      incompleteCode: 'Could not check every permission {{function}} needs: {{reason}}.',
      unknownRole: 'Could not check the permissions of {{function}}: its role {{role}} is not in the model.',
    },
  },
  (context) => {
    const { stack, scan } = context;
    const roleIds = new Set(stack.roles.map((r) => r.id));
    for (const fn of stack.functions) {
      if (!roleIds.has(fn.roleId)) {
        context.report({ messageId: 'unknownRole', data: { function: fn.id, role: fn.roleId }, resource: fn.id, loc: fn.loc, severity: 'low', unknown: true });
      }
    }
    for (const usage of roleUsages(stack, scan.root)) {
      const byId = new Map(usage.functions.map((f) => [f.id, f]));
      const { comparison, role } = usage;
      for (const m of comparison.missing) {
        const fn = byId.get(m.need.functionId)!;
        const { loc, what } = where(m.need, fn);
        const denied = m.decision === 'denied';
        context.report({
          messageId: denied ? 'denied' : 'missing',
          data: {
            function: fn.id,
            action: m.need.action,
            resource: resourceText(m.need),
            what,
            role: role.id,
            ...(denied ? { source: listShort([...new Set(m.deniedBy.map((s) => describeSource(s.source)))], 2) } : {}),
          },
          resource: fn.id,
          loc,
          severity: severityFor(fn, 'medium'),
          properties: {
            role: role.id,
            action: m.need.action,
            resource: resourceText(m.need),
            needSource: m.need.source,
            ...(m.need.reason ? { reason: m.need.reason } : {}),
            ...(denied ? { deniedBy: m.deniedBy.map((s) => ({ source: s.source.name, sourceKind: s.source.kind, line: s.loc.line })) } : {}),
          },
        });
      }
      if (role.kind === 'external' || role.unknowns.length > 0) {
        // The role itself is not fully known: one finding per function rather than one per need.
        const reason = role.kind === 'external' ? `the role is defined outside the stack (${renderValue(role.arn ?? role.id)}), so its policies are unknown` : comparison.caveats.join('; ');
        for (const fn of usage.functions) {
          const needs = comparison.unknown.filter((u) => u.need.functionId === fn.id);
          if (needs.length === 0) continue;
          const actions = [...new Set(needs.map((u) => u.need.action))];
          context.report({
            messageId: 'unknown',
            data: { function: fn.id, role: role.id, action: listShort(actions, 4), resource: needs.length === 1 ? resourceText(needs[0]!.need) : 'its resources', what: `${needs.length} permission${needs.length === 1 ? '' : 's'} needed`, reason },
            resource: fn.id,
            loc: fn.loc,
            severity: 'low',
            unknown: true,
            properties: { role: role.id, actions, reasons: [reason] },
          });
        }
      } else for (const u of comparison.unknown) {
        const fn = byId.get(u.need.functionId)!;
        const { loc, what } = where(u.need, fn);
        context.report({
          messageId: 'unknown',
          data: { function: fn.id, role: role.id, action: u.need.action, resource: resourceText(u.need), what, reason: listShort(u.reasons, 2) || 'unknown' },
          resource: fn.id,
          loc,
          severity: 'low',
          unknown: true,
          properties: { role: role.id, action: u.need.action, resource: resourceText(u.need), reasons: u.reasons, statements: u.statements.map((s) => ({ source: s.source.name, sourceKind: s.source.kind, line: s.loc.line })) },
        });
      }
      // Code leash could not follow may call anything: say so once per function.
      for (const gap of usage.incomplete) {
        const first = gap.reasons[0]!;
        context.report({
          messageId: 'incompleteCode',
          data: { function: gap.functionId, reason: gap.reasons.length > 1 ? `${first} (and ${gap.reasons.length - 1} more)` : first },
          resource: gap.functionId,
          loc: gap.loc ?? byId.get(gap.functionId)!.loc,
          severity: 'info',
          unknown: true,
          properties: { reasons: gap.reasons },
        });
      }
    }
  },
);
