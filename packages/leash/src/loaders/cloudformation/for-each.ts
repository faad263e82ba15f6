/**
 * `Fn::ForEach` (AWS::LanguageExtensions) in `Resources`: each loop is expanded over its collection
 * when the collection is known (a list, or a list parameter's default), replacing `${Id}` and
 * `&{Id}` in keys and strings and `Ref: Id` in values. An unknown collection is reported and the
 * loop skipped.
 */
import { isPlainObject, renderValue, type CfnValue } from '../../model/values.js';
import type { IntrinsicResolver } from './intrinsics.js';

/** Resources the loops of one template may make, repeats included (each repeat is a copy of the body). */
export const MAX_FOREACH_RESOURCES = 5_000;
/** Characters the copies of loop bodies may add: a large body repeated thousands of times would otherwise take gigabytes. */
export const MAX_FOREACH_CHARACTERS = 10_000_000;

interface Budget {
  resources: number;
  characters: number;
}

class OverBudget extends Error {}

function substitute(value: CfnValue, id: string, item: string, depth: number, budget: Budget): CfnValue {
  if (depth > 100) return value;
  const alnum = item.replace(/[^A-Za-z0-9]/g, '');
  const text = (s: string): string => {
    const out = s.split(`\${${id}}`).join(item).split(`&{${id}}`).join(alnum);
    budget.characters -= out.length;
    if (budget.characters < 0) throw new OverBudget();
    return out;
  };
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => substitute(v, id, item, depth + 1, budget));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === id) return item;
  const out: Record<string, CfnValue> = {};
  for (const key of keys) out[text(key)] = substitute(value[key]!, id, item, depth + 1, budget);
  return out;
}

export interface ForEachProblem {
  readonly key: string;
  readonly message: string;
  /** Set when the loop went past a limit (an input error), rather than being unknown before deployment. */
  readonly limit?: boolean;
}

/** `Resources` with every `Fn::ForEach::*` entry expanded (nested loops included). */
export function expandForEach(resources: Record<string, CfnValue>, resolver: IntrinsicResolver, problems: ForEachProblem[], origins: Map<string, string> = new Map()): Record<string, CfnValue> {
  if (!Object.keys(resources).some((k) => k.startsWith('Fn::ForEach::'))) return resources;
  return expandLoops(resources, resolver, problems, origins, 0, { resources: MAX_FOREACH_RESOURCES, characters: MAX_FOREACH_CHARACTERS });
}

function expandLoops(resources: Record<string, CfnValue>, resolver: IntrinsicResolver, problems: ForEachProblem[], origins: Map<string, string>, depth: number, budget: Budget): Record<string, CfnValue> {
  const out: Record<string, CfnValue> = {};
  for (const [key, value] of Object.entries(resources)) {
    if (!key.startsWith('Fn::ForEach::')) {
      out[key] = value;
      continue;
    }
    const loop = Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && isPlainObject(value[2]) ? value : undefined;
    const collection = loop ? resolver.list(loop[1]) : undefined;
    if (!loop || !Array.isArray(collection) || depth > 5) {
      problems.push({ key, message: `${key} cannot be expanded: its collection ${loop ? renderValue(loop[1]!) : ''} is not known before deployment` });
      continue;
    }
    const id = loop[0] as string;
    try {
      for (const entry of collection) {
        const item = typeof entry === 'string' || typeof entry === 'number' ? String(entry) : undefined;
        if (item === undefined) continue;
        const expanded = substitute(loop[2]!, id, item, 0, budget) as Record<string, CfnValue>;
        for (const [name, body] of Object.entries(expandLoops(expanded, resolver, problems, origins, depth + 1, budget))) {
          if (--budget.resources < 0) throw new OverBudget();
          out[name] = body;
          if (depth === 0) origins.set(name, key);
        }
      }
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      // Reported where the outermost loop is; the inner ones unwind to it.
      if (depth > 0) throw error;
      problems.push({ key, limit: true, message: `${key} makes more than ${MAX_FOREACH_RESOURCES} resources or ${MAX_FOREACH_CHARACTERS} characters of copies (limit MAX_FOREACH_RESOURCES / MAX_FOREACH_CHARACTERS): the resources past it are not read` });
      return out;
    }
  }
  return out;
}
