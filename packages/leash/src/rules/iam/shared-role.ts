/**
 * `iam/shared-role`: two or more functions run with one role, so each holds the union of the
 * permissions all of them need. External roles count as one when their ARN expressions match.
 * A role that grants nothing but what the platform adds (log writing, X-Ray, VPC ENIs, queue
 * polling) is left alone: sharing it hands no function anything it lacks (73 of 171 findings over
 * the serverless-patterns and serverless/examples corpus were such roles).
 */
import { defineRule } from '../../engine/types.js';
import type { LambdaFunction, Role } from '../../model/types.js';
import { renderValue } from '../../model/values.js';
import { allowStatements, functionsWithRoles, isPlatformGrant, listShort } from '../../iam/role-grants.js';

/** Functions sharing one role have the same key: the role id, or for an external role its ARN as written. */
function roleKey(roleId: string, role: Role | undefined): string {
  if (role?.kind === 'external' && role.arn !== undefined) return `arn:${renderValue(role.arn)}`;
  return `id:${roleId}`;
}

/** A role of the stack whose every grant is known and comes from the platform. */
function grantsOnlyPlatform(role: Role | undefined): boolean {
  if (role === undefined || role.kind === 'external' || role.unknowns.length > 0) return false;
  return allowStatements(role).every(isPlatformGrant);
}

function roleLabel(roleId: string, role: Role | undefined): string {
  if (role === undefined) return roleId;
  if (role.kind === 'serverless-default') return `${role.id} (the Serverless Framework default role)`;
  if (role.kind === 'external' && role.arn !== undefined) return `external role ${renderValue(role.arn)}`;
  return role.id;
}

/** How many of the other functions a finding lists by id (all are counted). */
const MAX_SHARED_WITH_LISTED = 25;

export default defineRule(
  {
    id: 'iam/shared-role',
    category: 'iam',
    description: 'Two or more functions run with the same IAM role, so each one holds the permissions all of them need.',
    severity: 'medium',
    messages: {
      shared: '{{function}} shares the role {{role}} with {{others}}: each of these functions can do whatever any of them needs.',
    },
  },
  (context) => {
    const groups = new Map<string, { role: Role | undefined; roleId: string; fns: LambdaFunction[] }>();
    for (const { fn, role } of functionsWithRoles(context.stack)) {
      const key = roleKey(fn.roleId, role);
      const group = groups.get(key) ?? { role, roleId: fn.roleId, fns: [] };
      group.fns.push(fn);
      groups.set(key, group);
    }
    for (const { role, roleId, fns } of groups.values()) {
      if (fns.length < 2 || grantsOnlyPlatform(role)) continue;
      for (const fn of fns) {
        const others = fns.filter((f) => f !== fn).map((f) => f.id);
        context.report({
          messageId: 'shared',
          data: { function: fn.id, role: roleLabel(roleId, role), others: listShort(others, 8) },
          resource: fn.id,
          loc: fn.loc,
          severity: 'medium',
          properties: {
            role: roleId,
            roleKind: role?.kind ?? 'unknown',
            ...(role?.kind === 'external' && role.arn !== undefined ? { roleArn: renderValue(role.arn) } : {}),
            // Capped: on a Serverless service where every function shares the default role, the
            // full list in every finding would grow the report with the square of the functions.
            sharedWith: others.slice(0, MAX_SHARED_WITH_LISTED),
            sharedWithCount: others.length,
          },
        });
      }
    }
  },
);
