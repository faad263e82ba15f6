/**
 * The abstract values the evaluator computes for expressions in handler code: just enough to
 * tell which SDK client and command a call uses and which names it passes.
 */
import type { AstNode } from './parse.js';
import type { ModuleInfo, Scope } from './scope.js';

export type ClientFlavor =
  /** v3 bare client: `client.send(command)`. */
  | 'v3'
  /** v3 aggregated client: `new S3({}).getObject(...)`. */
  | 'v3-aggregated'
  /** `DynamoDBDocumentClient.from(...)`: `send(new PutCommand(...))`. */
  | 'v3-document'
  /** `DynamoDBDocument.from(...)`: `.put(...)`. */
  | 'v3-document-aggregated'
  | 'v2'
  /** `new AWS.DynamoDB.DocumentClient()`. */
  | 'v2-document';

export type Value =
  | { readonly k: 'str'; readonly v: string }
  /** A string built from parts, some not literal. */
  | { readonly k: 'concat'; readonly parts: Value[] }
  | { readonly k: 'env'; readonly name: string }
  /** `process.env` itself. */
  | { readonly k: 'envObject' }
  /** A value read from the handler's event: the property path (`Records`, `*`, `s3`, `bucket`, `name`). */
  | { readonly k: 'event'; readonly path: readonly string[] }
  | { readonly k: 'object'; readonly node: AstNode; readonly scope: Scope; readonly mod: ModuleInfo }
  | { readonly k: 'array'; readonly items: readonly { node: AstNode; scope: Scope; mod: ModuleInfo }[] }
  /** An npm package's module object (`import * as AWS from 'aws-sdk'`). */
  | { readonly k: 'package'; readonly pkg: string }
  /** An export of an npm package (`S3Client`, `AWS.DynamoDB.DocumentClient` as `DynamoDB.DocumentClient`). */
  | { readonly k: 'export'; readonly pkg: string; readonly name: string }
  /** `explicitCredentials`: built with `credentials` / access keys of its own, so its calls do not run with the execution role. */
  | { readonly k: 'client'; readonly service: string; readonly flavor: ClientFlavor; readonly explicitCredentials?: boolean; readonly region?: Value }
  | { readonly k: 'command'; readonly service: string; readonly operation: string; readonly document: boolean; readonly node: AstNode; readonly mod: ModuleInfo }
  /** A module of the app (`require('./clients')`). */
  | { readonly k: 'module'; readonly mod: ModuleInfo }
  | { readonly k: 'function'; readonly node: AstNode; readonly mod: ModuleInfo }
  | { readonly k: 'class'; readonly node: AstNode; readonly mod: ModuleInfo }
  /** An instance of a class of the app. */
  | { readonly k: 'instance'; readonly cls: AstNode; readonly mod: ModuleInfo }
  /** Several possible values (`a ?? b`, a parameter called with different arguments). */
  | { readonly k: 'alts'; readonly values: Value[] }
  | { readonly k: 'unknown'; readonly reason: string };

export const unknownValue = (reason: string): Value => ({ k: 'unknown', reason });

/** More possible values than this is "anything" for the analysis (and keeps recursive code linear). */
export const MAX_ALTERNATIVES = 32;

export function alternatives(values: Value[]): Value {
  const seen = new Set<string>();
  const unique: Value[] = [];
  for (const v of values) {
    for (const x of v.k === 'alts' ? v.values : [v]) {
      const key = valueKey(x);
      if (seen.has(key)) continue;
      seen.add(key);
      unique.push(x);
      if (unique.length > MAX_ALTERNATIVES) return unknownValue(`more than ${MAX_ALTERNATIVES} possible values`);
    }
  }
  if (unique.length === 1) return unique[0]!;
  if (unique.length === 0) return unknownValue('no value');
  return { k: 'alts', values: unique };
}

const keys = new WeakMap<Value, string>();
let opaqueKeys = 0;

/** A string identifying a value (for deduplication); memoised, and bounded in length. */
export function valueKey(v: Value): string {
  let key = keys.get(v);
  if (key === undefined) {
    key = computeKey(v);
    // Very large composite values are not worth comparing: each one counts as distinct.
    if (key.length > 2000) key = `opaque:${++opaqueKeys}`;
    keys.set(v, key);
  }
  return key;
}

function computeKey(v: Value): string {
  switch (v.k) {
    case 'str':
      return `s:${v.v}`;
    case 'env':
      return `e:${v.name}`;
    case 'event':
      return `ev:${v.path.join('.')}`;
    case 'object':
    case 'command':
      return `${v.k}:${v.mod.path}:${v.node.start}`;
    case 'function':
    case 'class':
      return `${v.k}:${v.mod.path}:${v.node.start}`;
    case 'instance':
      return `i:${v.mod.path}:${v.cls.start}`;
    case 'client':
      return `c:${v.service}:${v.flavor}${v.explicitCredentials ? ':creds' : ''}${v.region ? `:r:${valueKey(v.region)}` : ''}`;
    case 'export':
      return `x:${v.pkg}:${v.name}`;
    case 'package':
      return `p:${v.pkg}`;
    case 'module':
      return `m:${v.mod.path}`;
    case 'concat':
      return `cc:${v.parts.map(valueKey).join('|')}`;
    case 'alts':
      return `a:${v.values.map(valueKey).join('|')}`;
    case 'array':
      return `arr:${v.items.map((i) => `${i.mod.path}:${i.node.start}`).join(',')}`;
    default:
      return v.k === 'unknown' ? `u:${v.reason}` : v.k;
  }
}
