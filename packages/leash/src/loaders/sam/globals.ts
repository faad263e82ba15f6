/**
 * SAM `Globals`: merged into each resource of the section's type the way the transform does it:
 * a scalar of the resource wins, mappings merge key by key (resource wins), lists get the global
 * items first. An intrinsic on either side is a scalar. `Policies`, `Role` and `Events` are not
 * global properties and are ignored there.
 */
import { intrinsicName, isPlainObject, type CfnValue } from '../../model/values.js';

const GLOBAL_SECTIONS: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

const NOT_GLOBAL = new Set(['Policies', 'Role', 'Events']);

function isMap(value: CfnValue | undefined): value is Record<string, CfnValue> {
  return isPlainObject(value) && intrinsicName(value) === undefined;
}

function mergeValue(global: CfnValue | undefined, local: CfnValue | undefined): CfnValue | undefined {
  if (local === undefined) return global;
  if (global === undefined) return local;
  if (isMap(global) && isMap(local)) {
    const out: Record<string, CfnValue> = { ...global };
    for (const [key, value] of Object.entries(local)) out[key] = mergeValue(global[key], value) ?? value;
    return out;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

/** The properties of a resource with the section's globals merged in; `fromGlobals` names the keys that came only from Globals. */
export function withGlobals(globals: CfnValue | undefined, type: string, properties: Record<string, CfnValue>): { properties: Record<string, CfnValue>; fromGlobals: Set<string> } {
  const section = GLOBAL_SECTIONS[type];
  const fromGlobals = new Set<string>();
  const global = section && isPlainObject(globals) ? globals[section] : undefined;
  if (!isMap(global)) return { properties, fromGlobals };
  const out: Record<string, CfnValue> = { ...properties };
  for (const [key, value] of Object.entries(global)) {
    if (NOT_GLOBAL.has(key)) continue;
    if (!(key in properties)) fromGlobals.add(key);
    out[key] = mergeValue(value, properties[key]) ?? value;
  }
  return { properties: out, fromGlobals };
}
