/**
 * The comparison of a function's needs with its declared role (missing / unused grants), from
 * `src/iam/compare.ts` (H3's module). It is loaded at run time so this module builds whether or
 * not that module is present; without it `comparePermissions` returns undefined and `leash
 * policy` says the comparison did not run.
 */
import type { AppModel, LambdaFunction } from './model/types.js';
import type { CfnValue } from './model/values.js';
import type { RequiredPermission } from './iam/generate.js';

export interface ComparisonResult {
  /** Needed (action, resource) pairs the role does not allow. */
  readonly missing: { readonly action: string; readonly resource: CfnValue | '*'; readonly reason?: string }[];
  /** Granted actions nothing needs, with the statement that grants them. */
  readonly unused: { readonly action: string; readonly resource?: CfnValue; readonly source?: string }[];
}

type CompareModule = Record<string, unknown>;

const COMPARE_MODULE = './iam/compare.js';
const compareModule = (await import(COMPARE_MODULE).catch(() => undefined)) as CompareModule | undefined;

export function comparisonAvailable(): boolean {
  return typeof compareModule?.compare === 'function';
}

export function comparePermissions(stack: AppModel, fn: LambdaFunction, permissions: readonly RequiredPermission[]): ComparisonResult | undefined {
  if (!comparisonAvailable()) return undefined;
  const role = stack.roles.find((r) => r.id === fn.roleId);
  if (!role) return undefined;
  const compare = compareModule!.compare as (...args: unknown[]) => unknown;
  const result = compare({ stack, fn, role, required: permissions }) as Partial<ComparisonResult> | undefined;
  if (!result || !Array.isArray(result.missing) || !Array.isArray(result.unused)) return undefined;
  return { missing: result.missing, unused: result.unused };
}
