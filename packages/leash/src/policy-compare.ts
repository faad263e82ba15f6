/**
 * The comparison of one function's needs with its declared role (missing / unused grants), by
 * `src/iam/compare.ts`. Undefined when the function's role is not in the model.
 */
import { compare } from './iam/compare.js';
import type { RequiredPermission } from './iam/generate.js';
import type { AppModel, LambdaFunction } from './model/types.js';

export type ComparisonResult = ReturnType<typeof compare>;

export function comparePermissions(stack: AppModel, fn: LambdaFunction, permissions: readonly RequiredPermission[]): ComparisonResult | undefined {
  const role = stack.roles.find((r) => r.id === fn.roleId);
  if (!role) return undefined;
  return compare({ stack, fn, role, required: permissions });
}
