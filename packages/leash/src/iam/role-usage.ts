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

/** One code analyzer per stack (functions of a stack often share code files) and each function's analysis, per scan root. */
interface StackAnalyses {
  readonly analyzer: CodeAnalyzer;
  readonly byRoot: Map<string, Map<string, CodeAnalysis>>;
}
const analysisCache = new WeakMap<AppModel, StackAnalyses>();

/**
 * The code analysis of one function, computed once per scan: the rules (`roleUsages`) and the JSON
 * report's `policyEnrichment` (src/policy.ts) share it, so handler code is read once. Keyed by the
 * stack object, so a new load (a new scan) starts afresh. A failing analysis is not thrown: the
 * function's code counts as unread, with the error as its unknown.
 */
export function functionAnalysis(stack: AppModel, fn: LambdaFunction, root: string): CodeAnalysis {
  let entry = analysisCache.get(stack);
  if (!entry) analysisCache.set(stack, (entry = { analyzer: new CodeAnalyzer(), byRoot: new Map() }));
  let byFunction = entry.byRoot.get(root);
  if (!byFunction) entry.byRoot.set(root, (byFunction = new Map()));
  const cached = byFunction.get(fn.id);
  if (cached) return cached;
  let analysis: CodeAnalysis;
  try {
    analysis = entry.analyzer.analyzeFunction(stack, fn, root);
  } catch (error) {
    // A bug in the analysis must not hide the rest of the scan: the function's code counts as unread.
    const reason = `code analysis failed: ${error instanceof Error ? error.message : String(error)}`;
    analysis = { functionId: fn.id, files: [], calls: [], unknowns: [{ reason, loc: fn.loc }] };
  }
  byFunction.set(fn.id, analysis);
  return analysis;
}

/** The role usages of a stack, for a scan rooted at `root` (cached per stack). */
export function roleUsages(stack: AppModel, root: string): RoleUsage[] {
  let byRoot = cache.get(stack);
  if (!byRoot) cache.set(stack, (byRoot = new Map()));
  const cached = byRoot.get(root);
  if (cached) return cached;
  const usages: RoleUsage[] = [];
  const index = stackIndex(stack);
  for (const role of stack.roles) {
    const functions = [...index.functionsOfRole(role.id)];
    if (functions.length === 0) continue;
    const analyses = new Map<string, CodeAnalysis>();
    const needed: FunctionNeed[] = [];
    const incomplete: RoleUsage['incomplete'][number][] = [];
    for (const fn of functions) {
      const analysis = functionAnalysis(stack, fn, root);
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
