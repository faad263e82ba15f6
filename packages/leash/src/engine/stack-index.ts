/**
 * Lookups by id over one stack, built once and shared by the engine, the rules and the IAM engine.
 *
 * Rules and summaries ask "the role of this function", "the resource with this id", "the functions
 * of this role" once per function or finding; a linear search each time makes a scan quadratic in
 * the size of the stack (4000 functions took 12 s instead of 3). The index is cached per stack
 * object (a WeakMap: it goes away with the model). The model is read-only once loaded, but a
 * caller that adds nodes to a stack's lists (tests building models by hand) gets a fresh index:
 * the cache is checked against the lists' identities and lengths.
 *
 * Every lookup answers what `list.find((x) => x.id === id)` would: the first node with that id.
 */
import type { Api, AppModel, LambdaFunction, LambdaPermission, Parameter, Resource, Role, Suppression } from '../model/types.js';

export interface StackIndex {
  functionById(id: string): LambdaFunction | undefined;
  roleById(id: string): Role | undefined;
  resourceById(id: string): Resource | undefined;
  apiById(id: string): Api | undefined;
  permissionById(id: string): LambdaPermission | undefined;
  parameterByName(name: string): Parameter | undefined;
  /** The functions whose `roleId` is `roleId`, in stack order (empty when none). */
  functionsOfRole(roleId: string): readonly LambdaFunction[];
  /**
   * The suppressions of every role, resource, API and permission with this id, in that order
   * (what a search of those four lists for the id collects).
   */
  nodeSuppressions(id: string): readonly Suppression[];
}

interface CachedIndex {
  readonly lists: ReturnType<typeof listsOf>;
  readonly lengths: readonly number[];
  readonly index: StackIndex;
}

const cache = new WeakMap<AppModel, CachedIndex>();
const NONE: readonly never[] = Object.freeze([]);

/** The lists indexed, in a fixed order. A partial stack (a test's hand-built model) has none for the lists it leaves out. */
function listsOf(stack: AppModel) {
  const or = <T>(list: readonly T[] | undefined): readonly T[] => list ?? NONE;
  return [or(stack.functions), or(stack.roles), or(stack.resources), or(stack.apis), or(stack.permissions), or(stack.parameters)] as const;
}

/** The index of `stack`, built on first use. */
export function stackIndex(stack: AppModel): StackIndex {
  const lists = listsOf(stack);
  const cached = cache.get(stack);
  if (cached && cached.lists.every((list, i) => list === lists[i] && list.length === cached.lengths[i])) return cached.index;
  const index = buildIndex(lists);
  cache.set(stack, { lists, lengths: lists.map((l) => l.length), index });
  return index;
}

/** First node per key, as `find` would return. */
function firstBy<T>(nodes: readonly T[], key: (node: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const node of nodes) {
    const k = key(node);
    if (!map.has(k)) map.set(k, node);
  }
  return map;
}

function buildIndex([functionList, roleList, resourceList, apiList, permissionList, parameterList]: ReturnType<typeof listsOf>): StackIndex {
  const functions = firstBy(functionList, (f) => f.id);
  const roles = firstBy(roleList, (r) => r.id);
  const resources = firstBy(resourceList, (r) => r.id);
  const apis = firstBy(apiList, (a) => a.id);
  const permissions = firstBy(permissionList, (p) => p.id);
  const parameters = firstBy(parameterList, (p) => p.name);
  const byRole = new Map<string, LambdaFunction[]>();
  for (const fn of functionList) {
    const list = byRole.get(fn.roleId);
    if (list) list.push(fn);
    else byRole.set(fn.roleId, [fn]);
  }
  const suppressions = new Map<string, Suppression[]>();
  for (const nodes of [roleList, resourceList, apiList, permissionList] as const) {
    for (const node of nodes as readonly { id: string; suppressions: Suppression[] }[]) {
      if (!node.suppressions?.length) continue;
      const list = suppressions.get(node.id);
      if (list) list.push(...node.suppressions);
      else suppressions.set(node.id, [...node.suppressions]);
    }
  }
  return {
    functionById: (id) => functions.get(id),
    roleById: (id) => roles.get(id),
    resourceById: (id) => resources.get(id),
    apiById: (id) => apis.get(id),
    permissionById: (id) => permissions.get(id),
    parameterByName: (name) => parameters.get(name),
    functionsOfRole: (roleId) => byRole.get(roleId) ?? NONE,
    nodeSuppressions: (id) => suppressions.get(id) ?? NONE,
  };
}
