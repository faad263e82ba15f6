/**
 * `Fn::ForEach` (AWS::LanguageExtensions) in `Resources`: each loop is expanded over its collection
 * when the collection is known (a list, or a list parameter's default), replacing `${Id}` and
 * `&{Id}` in keys and strings and `Ref: Id` in values. An unknown collection is reported and the
 * loop skipped.
 */
import { isPlainObject, renderValue, type CfnValue } from '../../model/values.js';
import type { IntrinsicResolver } from './intrinsics.js';

const MAX_EXPANDED = 5_000;

function substitute(value: CfnValue, id: string, item: string, depth: number): CfnValue {
  if (depth > 100) return value;
  const alnum = item.replace(/[^A-Za-z0-9]/g, '');
  const text = (s: string): string => s.split(`\${${id}}`).join(item).split(`&{${id}}`).join(alnum);
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => substitute(v, id, item, depth + 1));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === id) return item;
  const out: Record<string, CfnValue> = {};
  for (const key of keys) out[text(key)] = substitute(value[key]!, id, item, depth + 1);
  return out;
}

export interface ForEachProblem {
  readonly key: string;
  readonly message: string;
}

/** `Resources` with every `Fn::ForEach::*` entry expanded (nested loops included). */
export function expandForEach(
  resources: Record<string, CfnValue>,
  resolver: IntrinsicResolver,
  problems: ForEachProblem[],
  origins: Map<string, string> = new Map(),
  depth = 0,
): Record<string, CfnValue> {
  if (!Object.keys(resources).some((k) => k.startsWith('Fn::ForEach::'))) return resources;
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
    for (const entry of collection) {
      const item = typeof entry === 'string' || typeof entry === 'number' ? String(entry) : undefined;
      if (item === undefined) continue;
      const expanded = substitute(loop[2]!, id, item, 0) as Record<string, CfnValue>;
      for (const [name, body] of Object.entries(expandForEach(expanded, resolver, problems, origins, depth + 1))) {
        if (Object.keys(out).length >= MAX_EXPANDED) return out;
        out[name] = body;
        if (depth === 0) origins.set(name, key);
      }
    }
  }
  return out;
}
