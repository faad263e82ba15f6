/**
 * For each role of a stack: what the functions running with it need (code analysis, triggers,
 * platform; `generate.ts`) against what it grants (`compare.ts`). Computed once per stack and
 * shared by the `iam/missing-permission` and `iam/unused-permission` rules.
 */
import { CodeAnalyzer } from '../code/analyze.js';
import type { CodeAnalysis } from '../code/types.js';
import type { AppModel, LambdaFunction, Role } from '../model/types.js';
import type { SourceLocation } from '../model/source.js';
import { type PermissionComparison, comparePermissions } from './compare.js';
import { type RequiredPermission, requiredPermissions } from './generate.js';
import { stackIndex } from '../engine/stack-index.js';

/** A needed permission and the function that needs it. */
export interface FunctionNeed extends RequiredPermission {
  readonly functionId: string;
}

export interface RoleUsage {
  readonly role: Role;
  readonly functions: LambdaFunction[];
  readonly analyses: ReadonlyMap<string, CodeAnalysis>;
  readonly comparison: PermissionComparison<FunctionNeed>;
  /** Functions whose code leash could not fully follow: an "unused" grant may still be used there. */
  readonly incomplete: { readonly functionId: string; readonly reasons: string[]; readonly loc?: SourceLocation }[];
}

const cache = new WeakMap<AppModel, Map<string, RoleUsage[]>>();

/** The role usages of a stack, for a scan rooted at `root` (cached per stack). */
export function roleUsages(stack: AppModel, root: string): RoleUsage[] {
  let byRoot = cache.get(stack);
  if (!byRoot) cache.set(stack, (byRoot = new Map()));
  const cached = byRoot.get(root);
  if (cached) return cached;
  // One analyzer per stack: functions of a stack often share code files.
  const analyzer = new CodeAnalyzer();
  const usages: RoleUsage[] = [];
  const index = stackIndex(stack);
  for (const role of stack.roles) {
    const functions = [...index.functionsOfRole(role.id)];
    if (functions.length === 0) continue;
    const analyses = new Map<string, CodeAnalysis>();
    const needed: FunctionNeed[] = [];
    const incomplete: RoleUsage['incomplete'][number][] = [];
    for (const fn of functions) {
      let analysis: CodeAnalysis;
      try {
        analysis = analyzer.analyzeFunction(stack, fn, root);
      } catch (error) {
        // A bug in the analysis must not hide the rest of the scan: the function's code counts as unread.
        const reason = `code analysis failed: ${error instanceof Error ? error.message : String(error)}`;
        analysis = { functionId: fn.id, files: [], calls: [], unknowns: [{ reason, loc: fn.loc }] };
      }
      analyses.set(fn.id, analysis);
      for (const need of requiredPermissions(stack, fn, analysis)) needed.push({ ...need, functionId: fn.id });
      const runtime = typeof fn.runtime === 'string' ? fn.runtime : undefined;
      if (runtime !== undefined && !runtime.startsWith('nodejs')) {
        // The analysis reads JavaScript/TypeScript; say that rather than "handler file not found".
        incomplete.push({ functionId: fn.id, reasons: [`leash reads Node.js handler code only and ${fn.id} runs ${runtime}`], loc: fn.loc });
      } else if (analysis.unknowns.length) incomplete.push({ functionId: fn.id, reasons: analysis.unknowns.map((u) => u.reason), loc: analysis.unknowns[0]!.loc });
    }
    usages.push({ role, functions, analyses, comparison: comparePermissions({ stack, role, needed, functions }), incomplete });
  }
  byRoot.set(root, usages);
  return usages;
}
