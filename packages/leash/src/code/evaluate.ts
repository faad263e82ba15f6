/**
 * A small, lazy abstract interpreter over the module records of `scope.ts`: it computes what an
 * expression is (an SDK client, a command, a literal name, `process.env.X`, a path into the
 * handler's event...) by following bindings, imports, exports, function returns, parameters
 * (through their call sites) and `this.x` assignments. Anything it cannot follow is an
 * `unknown` value with the reason, never a guess.
 */
import type { AstNode } from './parse.js';
import { calleeName, propertyName, type Binding, type ModuleInfo, type PathStep, type Scope, type Site } from './scope.js';
import { documentOperation, serviceOfV2Class, serviceOfV2ClientPath, serviceOfV3Package } from './sdk.js';
import { alternatives, unknownValue, type Value } from './values.js';
import { isLocalSpecifier } from './resolve.js';

export interface EvalContext {
  /** The app module a relative specifier points at (loaded and indexed), if it exists. */
  localModule(from: ModuleInfo, spec: string): ModuleInfo | undefined;
  /** Every module loaded so far (for call-site search). */
  modules(): Iterable<ModuleInfo>;
  /** True when `fn` is the function Lambda invokes (its first parameter is the event). */
  isHandler(fn: AstNode, mod: ModuleInfo): boolean;
  /** True when the function's configuration sets environment variable `name`. */
  envDefined(name: string): boolean;
}

const ARRAY_ELEMENT_METHODS = new Set(['map', 'forEach', 'filter', 'flatMap', 'some', 'every', 'find', 'findIndex', 'findLast']);
const PASS_THROUGH = new Set(['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression', 'ChainExpression', 'AwaitExpression', 'TSInstantiationExpression']);
const MAX_DEPTH = 80;
/** Evaluation steps per function analysis: recursive helper graphs (parsers, code generators) can make following every parameter through every call site explode. Past this, values are unknown and the analysis says it stopped. */
export const STEP_BUDGET = 300_000;
/** Parts of a string concatenation kept (beyond, the string is unknown). */
const MAX_CONCAT_PARTS = 16;
/**
 * Characters of a string value followed (an ARN is at most 2,048): a longer one is unknown. Code
 * can join megabyte literals into names, which every report would then print in full.
 */
const MAX_STRING_LENGTH = 4096;
const tooLong = (): Value => unknownValue(`a string of more than ${MAX_STRING_LENGTH} characters`);
/** Call sites considered per parameter. */
const MAX_CALL_SITES = 64;

/** Credential providers that resolve to the Lambda execution role (the environment's credentials). */
const EXECUTION_ROLE_PROVIDERS = new Set(['defaultProvider', 'fromNodeProviderChain', 'fromEnv', 'fromContainerMetadata', 'fromInstanceMetadata']);

const GLOBAL_PROCESS: Value = { k: 'export', pkg: '#global', name: 'process' };

export class Evaluator {
  private readonly cache = new Map<AstNode, Value>();
  private readonly params = new Map<string, Value>();
  private readonly active = new Set<string>();
  private depth = 0;
  private cycles = 0;
  private steps = 0;
  /** True once the step budget ran out (some values are unknown for that reason only). */
  exhausted = false;

  constructor(private readonly ctx: EvalContext) {}

  /** What `node` evaluates to in `scope` of `mod`. */
  eval(node: AstNode, scope: Scope, mod: ModuleInfo): Value {
    const cached = this.cache.get(node);
    if (cached) return cached;
    if (this.depth > MAX_DEPTH) return unknownValue('value too deeply nested to follow');
    if (++this.steps > STEP_BUDGET) {
      this.exhausted = true;
      return unknownValue('evaluation budget exhausted');
    }
    this.depth++;
    const cyclesBefore = this.cycles;
    try {
      const value = this.evalNode(node, scope, mod);
      if (this.cycles === cyclesBefore) this.cache.set(node, value);
      return value;
    } finally {
      this.depth--;
    }
  }

  private guard(key: string, compute: () => Value): Value {
    if (this.active.has(key)) {
      this.cycles++;
      return unknownValue('recursive definition');
    }
    this.active.add(key);
    try {
      return compute();
    } finally {
      this.active.delete(key);
    }
  }

  private evalNode(node: AstNode, scope: Scope, mod: ModuleInfo): Value {
    if (PASS_THROUGH.has(node.type)) return this.eval(node.expression ?? node.argument, scope, mod);
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return node.value.length > MAX_STRING_LENGTH ? tooLong() : { k: 'str', v: node.value };
        if (typeof node.value === 'number') return { k: 'str', v: String(node.value) };
        return unknownValue(node.value === null ? 'null' : `literal ${String(node.raw)}`);
      case 'TemplateLiteral': {
        const parts: Value[] = [];
        (node.quasis as AstNode[]).forEach((q, i) => {
          if (q.value.cooked) parts.push((q.value.cooked as string).length > MAX_STRING_LENGTH ? tooLong() : { k: 'str', v: q.value.cooked as string });
          const expr = (node.expressions as AstNode[])[i];
          if (expr) parts.push(this.eval(expr, scope, mod));
        });
        return concat(parts);
      }
      case 'BinaryExpression':
        if (node.operator === '+') return concat([this.eval(node.left, scope, mod), this.eval(node.right, scope, mod)]);
        return unknownValue(`result of ${node.operator}`);
      case 'Identifier':
        return this.identifier(node.name, scope, mod);
      case 'MemberExpression':
        return this.memberExpression(node, scope, mod);
      case 'LogicalExpression': {
        const left = this.eval(node.left, scope, mod);
        const right = this.eval(node.right, scope, mod);
        if (node.operator === '&&') return right;
        // `process.env.TABLE ?? 'fallback'`: the configured variable wins when the function sets it.
        if (left.k === 'env') return this.ctx.envDefined(left.name) || right.k === 'unknown' ? left : right;
        if (left.k === 'unknown') return right.k === 'unknown' ? left : right;
        if (right.k === 'unknown') return left;
        return alternatives([left, right]);
      }
      case 'ConditionalExpression':
        return alternatives([this.eval(node.consequent, scope, mod), this.eval(node.alternate, scope, mod)].filter((v, _i, all) => v.k !== 'unknown' || all.every((x) => x.k === 'unknown')));
      case 'ObjectExpression':
        return { k: 'object', node, scope, mod };
      case 'ArrayExpression':
        return { k: 'array', items: (node.elements as (AstNode | null)[]).filter((e): e is AstNode => !!e && e.type !== 'SpreadElement').map((e) => ({ node: e, scope, mod })) };
      case 'NewExpression':
        return this.construct(node, scope, mod);
      case 'CallExpression':
        return this.call(node, scope, mod);
      case 'ImportExpression': {
        const spec = literalString(node.source);
        return spec === undefined ? unknownValue('dynamic import() of a computed path') : this.requireValue(spec, mod);
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'FunctionDeclaration':
        return { k: 'function', node, mod };
      case 'ClassExpression':
      case 'ClassDeclaration':
        return { k: 'class', node, mod };
      case 'ThisExpression':
        return scope.cls ? { k: 'instance', cls: scope.cls, mod } : unknownValue('this outside a class');
      case 'SequenceExpression':
        return this.eval((node.expressions as AstNode[])[node.expressions.length - 1]!, scope, mod);
      case 'AssignmentExpression':
        return this.eval(node.right, scope, mod);
      default:
        return unknownValue(`${node.type.replace(/Expression$/, ' expression')}`);
    }
  }

  identifier(name: string, scope: Scope, mod: ModuleInfo): Value {
    const binding = scope.lookup(name);
    if (!binding) {
      if (name === 'process') return GLOBAL_PROCESS;
      if (name === 'undefined') return unknownValue('undefined');
      return unknownValue(`global ${name}`);
    }
    return this.binding(binding, name, mod);
  }

  private binding(b: Binding, name: string, mod: ModuleInfo): Value {
    switch (b.kind) {
      case 'var': {
        const values: Value[] = [];
        if (b.init) values.push(this.applyPath(this.eval(b.init, b.scope, mod), b.path));
        for (const a of b.assigns) values.push(this.eval(a.node, a.scope, mod));
        if (b.path.length === 0) this.addPushes(values, b, name, mod);
        const useful = values.filter((v) => !(v.k === 'unknown' && (v.reason === 'null' || v.reason === 'undefined')));
        if (useful.length === 0) return values[0] ?? unknownValue(`${name} is declared without a value`);
        return alternatives(useful);
      }
      case 'param': {
        // Cached even when a cycle was cut while computing it: in recursive code a parameter may
        // then miss a value that only flows around the cycle (accepted: it keeps the analysis linear).
        const key = `param:${mod.path}:${b.fn.start}:${b.index}`;
        let value = this.params.get(key);
        if (!value) {
          value = this.guard(key, () => this.parameter(b, mod));
          if (!(value.k === 'unknown' && value.reason === 'recursive definition')) this.params.set(key, value);
        }
        return this.applyPath(value, b.path);
      }
      case 'import':
        return this.importValue(b.source, b.imported, mod);
      case 'fn':
        return { k: 'function', node: b.node, mod };
      case 'class':
        return { k: 'class', node: b.node, mod };
      case 'forOf':
        return this.applyPath(this.element(this.eval(b.right, b.scope, mod)), b.path);
      case 'opaque':
        return unknownValue(b.why);
    }
  }

  /** `const entries = []; entries.push(x)`: the pushed values are items of the array too. */
  private addPushes(values: Value[], b: Binding, name: string, mod: ModuleInfo): void {
    const index = values.findIndex((v) => v.k === 'array');
    if (index < 0) return;
    const array = values[index] as Extract<Value, { k: 'array' }>;
    const items = [...array.items];
    for (const method of ['push', 'unshift']) {
      for (const site of mod.sitesByName.get(method) ?? []) {
        const callee = site.node.callee as AstNode;
        if (site.node.type !== 'CallExpression' || callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== name) continue;
        if (site.scope.lookup(name) !== b) continue;
        for (const arg of site.node.arguments as AstNode[]) {
          if (arg.type !== 'SpreadElement') {
            items.push({ node: arg, scope: site.scope, mod });
            continue;
          }
          const spread = this.eval(arg.argument, site.scope, mod);
          if (spread.k === 'array') items.push(...spread.items);
          // Not an array leash can read: the item is the spread value itself (its fields are unknown).
          else items.push({ node: arg.argument, scope: site.scope, mod });
        }
      }
    }
    if (items.length !== array.items.length) values[index] = { k: 'array', items };
  }

  private applyPath(value: Value, path: readonly PathStep[]): Value {
    let v = value;
    for (const step of path) {
      if ('prop' in step) v = this.member(v, step.prop);
      else if ('index' in step) v = v.k === 'array' ? this.itemOf(v, step.index) : v.k === 'event' ? { k: 'event', path: [...v.path, '*'] } : unknownValue('array element');
      else return v.k === 'envObject' || v.k === 'event' ? v : unknownValue('rest of a destructuring');
    }
    return v;
  }

  private itemOf(v: Extract<Value, { k: 'array' }>, index: number): Value {
    const item = v.items[index];
    return item ? this.eval(item.node, item.scope, item.mod) : unknownValue('array element out of range');
  }

  /** The element of an iterated value (`for (const r of event.Records)`, `records.map((r) => ...)`). */
  element(v: Value): Value {
    if (v.k === 'event') return { k: 'event', path: [...v.path, '*'] };
    if (v.k === 'array') return alternatives(v.items.map((i) => this.eval(i.node, i.scope, i.mod)));
    if (v.k === 'alts') return alternatives(v.values.map((x) => this.element(x)));
    return unknownValue('element of a value leash cannot follow');
  }

  private parameter(b: Extract<Binding, { kind: 'param' }>, mod: ModuleInfo): Value {
    if (b.index === 0 && this.ctx.isHandler(b.fn, mod)) return { k: 'event', path: [] };
    const values: Value[] = [];
    const callback = mod.callbackOf.get(b.fn);
    if (callback) {
      const callee = callback.site.node.callee as AstNode;
      const method = callee?.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;
      if (method && ARRAY_ELEMENT_METHODS.has(method) && b.index === 0) {
        values.push(this.element(this.eval(callee.object, callback.site.scope, mod)));
      } else if (method === 'reduce' && b.index === 1) {
        values.push(this.element(this.eval(callee.object, callback.site.scope, mod)));
      }
    }
    const name = mod.fnNames.get(b.fn);
    if (name && values.length === 0) {
      let considered = 0;
      for (const m of this.ctx.modules()) {
        for (const site of m.sitesByName.get(name) ?? []) {
          if (++considered > MAX_CALL_SITES) break;
          values.push(...this.argumentsAt(site, m, b, name));
        }
      }
      if (considered > MAX_CALL_SITES) values.push(unknownValue(`parameter ${b.name} of ${name}: more than ${MAX_CALL_SITES} call sites`));
    }
    if (values.length === 0 && b.defaultValue) values.push(this.eval(b.defaultValue, b.scope, mod));
    if (values.length === 0) return unknownValue(`parameter ${b.name} of ${name ?? 'an anonymous function'}: no call site found`);
    return alternatives(values);
  }

  /** The argument a call site passes to parameter `b` of the function, if the site calls it. */
  private argumentsAt(site: Site, m: ModuleInfo, b: Extract<Binding, { kind: 'param' }>, name: string): Value[] {
    const node = site.node;
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return [];
    const args = node.arguments as AstNode[];
    if (calleeName(node.callee) === name) {
      const callee = this.eval(node.callee, site.scope, m);
      if (!refersTo(callee, b.fn)) return [];
      const arg = args[b.index];
      if (!arg) return [];
      if (arg.type === 'SpreadElement') return [unknownValue('spread argument')];
      return [this.eval(arg, site.scope, m)];
    }
    // `records.map(processRecord)`: the function passed by name as an array callback.
    const argIndex = args.findIndex((a) => a.type === 'Identifier' && a.name === name);
    const callee = node.callee as AstNode;
    if (argIndex >= 0 && callee.type === 'MemberExpression' && b.index === 0) {
      const method = propertyName(callee.property, callee.computed);
      if (method && ARRAY_ELEMENT_METHODS.has(method) && refersTo(this.eval(args[argIndex]!, site.scope, m), b.fn)) {
        return [this.element(this.eval(callee.object, site.scope, m))];
      }
    }
    return [];
  }

  private memberExpression(node: AstNode, scope: Scope, mod: ModuleInfo): Value {
    const object = this.eval(node.object, scope, mod);
    const prop = propertyName(node.property, node.computed);
    if (prop === undefined) {
      if (object.k === 'event') return { k: 'event', path: [...object.path, '*'] };
      const key = this.eval(node.property, scope, mod);
      if (key.k === 'str') return this.member(object, key.v);
      if (object.k === 'array') return alternatives(object.items.map((i) => this.eval(i.node, i.scope, i.mod)));
      return unknownValue('computed property');
    }
    return this.member(object, prop);
  }

  /** `value.prop`. */
  member(value: Value, prop: string): Value {
    switch (value.k) {
      case 'envObject':
        return { k: 'env', name: prop };
      case 'export':
        if (value.pkg === '#global' && value.name === 'process' && prop === 'env') return { k: 'envObject' };
        if (value.pkg === 'aws-sdk') return { k: 'export', pkg: value.pkg, name: `${value.name}.${prop}` };
        if (prop === 'prototype') return unknownValue('prototype');
        return { k: 'export', pkg: value.pkg, name: `${value.name}.${prop}` };
      case 'event':
        return { k: 'event', path: [...value.path, /^\d+$/.test(prop) ? '*' : prop] };
      case 'package':
        return { k: 'export', pkg: value.pkg, name: prop };
      case 'object':
        return this.objectField(value, prop) ?? unknownValue(`no property ${prop}`);
      case 'array':
        if (/^\d+$/.test(prop)) return this.itemOf(value, Number(prop));
        return unknownValue(`array ${prop}`);
      case 'module':
        return this.exportOf(value.mod, prop);
      case 'instance': {
        const assigns = value.mod.thisAssigns.get(value.cls)?.get(prop);
        if (assigns && assigns.length) return alternatives(assigns.map((a) => this.eval(a.node, a.scope, value.mod)));
        const method = value.mod.methods.get(value.cls)?.get(prop);
        if (method) return { k: 'function', node: method, mod: value.mod };
        return unknownValue(`property ${prop} of a class instance`);
      }
      case 'class': {
        const method = value.mod.methods.get(value.node)?.get(prop);
        if (method) return { k: 'function', node: method, mod: value.mod };
        return unknownValue(`static ${prop}`);
      }
      case 'alts':
        return alternatives(value.values.map((v) => this.member(v, prop)));
      case 'unknown':
        return value;
      default:
        return unknownValue(`property ${prop} of ${value.k}`);
    }
  }

  /** The value of property `name` in an object literal; undefined when the literal has no such property. */
  objectField(value: Extract<Value, { k: 'object' }>, name: string): Value | undefined {
    // `const o = { ...o0 }` where o0 may be o itself (a parameter fed back by a recursive call).
    const key = `field:${value.mod.path}:${value.node.start}:${name}`;
    if (this.active.has(key)) return unknownValue('recursive object');
    this.active.add(key);
    try {
      return this.objectFieldUnguarded(value, name);
    } finally {
      this.active.delete(key);
    }
  }

  private objectFieldUnguarded(value: Extract<Value, { k: 'object' }>, name: string): Value | undefined {
    let found: Value | undefined;
    let spreadUnknown = false;
    for (const p of value.node.properties as AstNode[]) {
      if (p.type === 'SpreadElement') {
        const spread = this.eval(p.argument, value.scope, value.mod);
        if (spread.k === 'object') {
          const inner = this.objectField(spread, name);
          if (inner) found = inner;
        } else spreadUnknown = true;
        continue;
      }
      let key = propertyName(p.key, p.computed);
      if (key === undefined && p.computed) {
        const k = this.eval(p.key, value.scope, value.mod);
        if (k.k === 'str') key = k.v;
      }
      if (key !== name) continue;
      if (p.kind === 'get' || p.method) found = unknownValue(`getter ${name}`);
      else found = p.shorthand && p.value.type === 'Identifier' ? this.identifier(p.value.name, value.scope, value.mod) : this.eval(p.value, value.scope, value.mod);
    }
    if (!found && spreadUnknown) return unknownValue(`${name} may come from a spread object`);
    return found;
  }

  /** Entries of an object literal (computed keys evaluated). */
  objectEntries(value: Extract<Value, { k: 'object' }>): { key: Value; value: Value }[] {
    const key = `entries:${value.mod.path}:${value.node.start}`;
    if (this.active.has(key)) return [{ key: unknownValue('recursive object'), value: unknownValue('recursive object') }];
    this.active.add(key);
    try {
      return this.objectEntriesUnguarded(value);
    } finally {
      this.active.delete(key);
    }
  }

  private objectEntriesUnguarded(value: Extract<Value, { k: 'object' }>): { key: Value; value: Value }[] {
    const out: { key: Value; value: Value }[] = [];
    for (const p of value.node.properties as AstNode[]) {
      if (p.type === 'SpreadElement') {
        const spread = this.eval(p.argument, value.scope, value.mod);
        if (spread.k === 'object') out.push(...this.objectEntries(spread));
        else out.push({ key: unknownValue('spread'), value: spread });
        continue;
      }
      const name = propertyName(p.key, p.computed);
      const key: Value = name !== undefined ? { k: 'str', v: name } : this.eval(p.key, value.scope, value.mod);
      const v = p.shorthand && p.value.type === 'Identifier' ? this.identifier(p.value.name, value.scope, value.mod) : this.eval(p.value, value.scope, value.mod);
      out.push({ key, value: v });
    }
    return out;
  }

  /** What module `mod` exports under `name` (ESM, CommonJS, re-exports, `export *`). */
  exportOf(mod: ModuleInfo, name: string, seen = new Set<string>()): Value {
    const key = `${mod.path}#${name}`;
    if (seen.has(key)) return unknownValue('circular re-export');
    seen.add(key);
    // Modules that import each other: the guard stops the cycle (and the depth limit, long chains).
    if (this.depth > MAX_DEPTH) return unknownValue('value too deeply nested to follow');
    this.depth++;
    try {
      return this.guard(`export:${key}`, () => this.exportOfUnguarded(mod, name, seen));
    } finally {
      this.depth--;
    }
  }

  private exportOfUnguarded(mod: ModuleInfo, name: string, seen: Set<string>): Value {
    const entry = mod.exports.get(name);
    if (entry) {
      if (entry.kind === 'local') return this.identifier(entry.name, mod.root, mod);
      if (entry.kind === 'expr') return this.eval(entry.node, entry.scope, mod);
      if (isLocalSpecifier(entry.source)) {
        const target = this.ctx.localModule(mod, entry.source);
        if (!target) return unknownValue(`cannot resolve module ${entry.source}`);
        return entry.imported === '*' ? { k: 'module', mod: target } : this.exportOf(target, entry.imported, seen);
      }
      return this.importValue(entry.source, entry.imported, mod);
    }
    for (const whole of mod.cjsWhole) {
      const v = this.eval(whole.node, whole.scope, mod);
      if (name === 'default') return v;
      const m = this.member(v, name);
      if (m.k !== 'unknown') return m;
    }
    for (const spec of mod.starExports) {
      if (isLocalSpecifier(spec)) {
        const target = this.ctx.localModule(mod, spec);
        if (!target) continue;
        const v = this.exportOf(target, name, seen);
        if (v.k !== 'unknown' || !v.reason.startsWith('no export')) return v;
      } else {
        return this.importValue(spec, name, mod);
      }
    }
    return unknownValue(`no export ${name} in ${mod.path}`);
  }

  private importValue(source: string, imported: string, mod: ModuleInfo): Value {
    if (isLocalSpecifier(source)) {
      const target = this.ctx.localModule(mod, source);
      if (!target) return unknownValue(`cannot resolve module ${source}`);
      if (imported === '*' || imported === '=') return { k: 'module', mod: target };
      if (imported === 'default' && !target.exports.has('default')) return target.cjsWhole.length ? this.exportOf(target, 'default') : { k: 'module', mod: target };
      return this.exportOf(target, imported);
    }
    const pkg = this.requireValue(source, mod);
    if (imported === '*' || imported === '=' || imported === 'default') return pkg;
    return this.member(pkg, imported);
  }

  /** `require(spec)` / `import(spec)`. */
  requireValue(spec: string, mod: ModuleInfo): Value {
    if (isLocalSpecifier(spec)) {
      const target = this.ctx.localModule(mod, spec);
      return target ? { k: 'module', mod: target } : unknownValue(`cannot resolve module ${spec}`);
    }
    const v2 = serviceOfV2ClientPath(spec);
    if (v2) return { k: 'export', pkg: 'aws-sdk', name: `#service:${v2}` };
    if (spec === 'aws-sdk/global' || spec === 'aws-sdk/lib/core') return { k: 'package', pkg: 'aws-sdk' };
    // `import process from 'process'` / `import { env } from 'node:process'`: the same object as the global.
    if (spec === 'process' || spec === 'node:process') return GLOBAL_PROCESS;
    return { k: 'package', pkg: spec.replace(/^node:/, '') };
  }

  private construct(node: AstNode, scope: Scope, mod: ModuleInfo): Value {
    const callee = this.eval(node.callee, scope, mod);
    const value = this.instantiate(callee, node, mod);
    const credentials = this.explicitCredentials(node, scope, mod);
    const region = this.clientRegion(node, scope, mod);
    if (!credentials && !region) return value;
    const options = (v: Value): Value => (v.k === 'client' ? { ...v, ...(credentials ? { explicitCredentials: true } : {}), ...(region ? { region } : {}) } : v.k === 'alts' ? alternatives(v.values.map(options)) : v);
    return options(value);
  }

  /** The client's `region` option, unless it is the function's own Region (`process.env.AWS_REGION`). */
  private clientRegion(node: AstNode, scope: Scope, mod: ModuleInfo): Value | undefined {
    const arg = (node.arguments as AstNode[])[0];
    if (!arg || arg.type === 'SpreadElement') return undefined;
    const options = this.eval(arg, scope, mod);
    if (options.k !== 'object') return undefined;
    const region = this.objectField(options, 'region');
    if (!region || (region.k === 'env' && (region.name === 'AWS_REGION' || region.name === 'AWS_DEFAULT_REGION'))) return undefined;
    return region;
  }

  /**
   * True when a client's options give it credentials of its own (`credentials: {...}`, `accessKeyId`):
   * the default provider chain (`defaultProvider()`, `fromNodeProviderChain()`, `fromEnv()`) is the execution role.
   */
  private explicitCredentials(node: AstNode, scope: Scope, mod: ModuleInfo): boolean {
    const arg = (node.arguments as AstNode[])[0];
    if (!arg || arg.type === 'SpreadElement') return false;
    const options = this.eval(arg, scope, mod);
    if (options.k !== 'object') return false;
    for (const p of options.node.properties as AstNode[]) {
      if (p.type !== 'Property') continue;
      const key = propertyName(p.key, p.computed);
      if (key !== 'credentials' && key !== 'accessKeyId') continue;
      let v = p.value as AstNode;
      while (PASS_THROUGH.has(v.type)) v = v.expression ?? v.argument;
      if (v.type === 'Identifier' && v.name === 'undefined') continue;
      if (v.type === 'CallExpression' && EXECUTION_ROLE_PROVIDERS.has(calleeName(v.callee) ?? '')) continue;
      return true;
    }
    return false;
  }

  private instantiate(callee: Value, node: AstNode, mod: ModuleInfo): Value {
    if (callee.k === 'alts') return alternatives(callee.values.map((c) => this.instantiate(c, node, mod)));
    if (callee.k === 'class') return { k: 'instance', cls: callee.node, mod: callee.mod };
    if (callee.k !== 'export') return unknownValue('instance of a class leash cannot follow');
    const { pkg, name } = callee;
    const service = serviceOfV3Package(pkg);
    if (service) {
      if (name.endsWith('Command')) return { k: 'command', service, operation: name.slice(0, -'Command'.length), document: false, node, mod };
      if (name.endsWith('Client')) return { k: 'client', service, flavor: 'v3' };
      if (/^[A-Z]/.test(name) && !name.includes('.') && !name.endsWith('Exception')) return { k: 'client', service, flavor: 'v3-aggregated' };
      return unknownValue(`${pkg} ${name}`);
    }
    if (pkg === '@aws-sdk/lib-dynamodb') {
      if (name === 'DynamoDBDocumentClient') return { k: 'client', service: 'dynamodb', flavor: 'v3-document' };
      if (name === 'DynamoDBDocument') return { k: 'client', service: 'dynamodb', flavor: 'v3-document-aggregated' };
      const op = documentOperation(name);
      if (op && name.endsWith('Command')) return { k: 'command', service: 'dynamodb', operation: op, document: true, node, mod };
      return unknownValue(`${pkg} ${name}`);
    }
    if (pkg === 'aws-sdk') {
      const clean = name.replace(/^#service:/, '');
      if (clean.endsWith('.DocumentClient')) return { k: 'client', service: 'dynamodb', flavor: 'v2-document' };
      if (name.startsWith('#service:')) return { k: 'client', service: clean, flavor: 'v2' };
      if (/^[A-Z][A-Za-z0-9]*$/.test(name) && !['Config', 'Credentials', 'Endpoint', 'SharedIniFileCredentials', 'EnvironmentCredentials'].includes(name)) {
        return { k: 'client', service: serviceOfV2Class(name), flavor: 'v2' };
      }
      return unknownValue(`aws-sdk ${name}`);
    }
    return unknownValue(`instance of ${pkg} ${name}`);
  }

  private call(node: AstNode, scope: Scope, mod: ModuleInfo): Value {
    const callee = node.callee as AstNode;
    const args = node.arguments as AstNode[];
    if (callee.type === 'Identifier' && callee.name === 'require' && !scope.lookup('require')) {
      const spec = literalString(args[0]);
      return spec === undefined ? unknownValue('require() of a computed path') : this.requireValue(spec, mod);
    }
    const method = callee.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;
    if (method && callee.type === 'MemberExpression') {
      // v2 `request.promise()`, string helpers: the value passes through.
      if (method === 'toString' || method === 'trim') return this.eval(callee.object, scope, mod);
      if (method === 'promise') return unknownValue('API response');
      const object = this.eval(callee.object, scope, mod);
      // `records.map((r) => ({ ... }))`: an array of what the callback returns; `filter` / `slice` keep the items.
      if (method === 'map' && args[0] && (object.k === 'event' || object.k === 'array' || object.k === 'alts')) {
        const cb = this.eval(args[0], scope, mod);
        const returns = cb.k === 'function' ? cb.mod.returns.get(cb.node) : undefined;
        if (cb.k === 'function' && returns?.length) return { k: 'array', items: returns.map((r) => ({ node: r.node, scope: r.scope, mod: cb.mod })) };
      }
      if ((method === 'filter' || method === 'slice' || method === 'reverse') && object.k === 'array') return object;
      if (method === 'from' && object.k === 'export' && object.pkg === '@aws-sdk/lib-dynamodb') {
        if (object.name === 'DynamoDBDocumentClient') return { k: 'client', service: 'dynamodb', flavor: 'v3-document' };
        if (object.name === 'DynamoDBDocument') return { k: 'client', service: 'dynamodb', flavor: 'v3-document-aggregated' };
      }
      if (object.k === 'client') return unknownValue('API response');
      const fn = this.member(object, method);
      return this.returnsOf(fn, node, scope, mod);
    }
    const fn = this.eval(callee, scope, mod);
    // X-Ray `captureAWSv3Client(client)`, `captureAWSClient(client)`, `captureAWS(AWS)` return what they wrap.
    if (fn.k === 'export' && /^capture(AWS|AWSClient|AWSv3Client)$/.test(fn.name.split('.').pop() ?? '') && args[0]) return this.eval(args[0], scope, mod);
    if (fn.k === 'export' && fn.pkg === '#global') return unknownValue(`result of ${fn.name}`);
    if (callee.type === 'Identifier' && callee.name === 'String' && args[0]) return this.eval(args[0], scope, mod);
    return this.returnsOf(fn, node, scope, mod);
  }

  /** What calling `fn` returns. */
  private returnsOf(fn: Value, _call: AstNode, _scope: Scope, _mod: ModuleInfo): Value {
    if (fn.k === 'alts') return alternatives(fn.values.map((f) => this.returnsOf(f, _call, _scope, _mod)));
    if (fn.k !== 'function') return fn.k === 'unknown' ? unknownValue(`result of a call (${fn.reason})`) : unknownValue('result of a call');
    return this.guard(`ret:${fn.mod.path}:${fn.node.start}`, () => {
      const returns = fn.mod.returns.get(fn.node);
      if (!returns || returns.length === 0) return unknownValue('function returns nothing leash can follow');
      const values = returns.map((r) => this.eval(r.node, r.scope, fn.mod));
      const useful = values.filter((v) => v.k !== 'unknown');
      return useful.length ? alternatives(useful) : values[0]!;
    });
  }
}

function refersTo(value: Value, fn: AstNode): boolean {
  if (value.k === 'function') return value.node === fn;
  if (value.k === 'class') return value.node.body.body.some((m: AstNode) => m.type === 'MethodDefinition' && m.kind === 'constructor' && m.value === fn);
  if (value.k === 'alts') return value.values.some((v) => refersTo(v, fn));
  return false;
}

export function literalString(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked as string;
  return undefined;
}

/** Join string parts, folding adjacent literals. */
export function concat(parts: Value[]): Value {
  const out: Value[] = [];
  for (const p of parts) {
    const flat = p.k === 'concat' ? p.parts : [p];
    for (const f of flat) {
      const last = out[out.length - 1];
      if (f.k === 'str' && last?.k === 'str') out[out.length - 1] = last.v.length + f.v.length > MAX_STRING_LENGTH ? tooLong() : { k: 'str', v: last.v + f.v };
      else out.push(f);
    }
  }
  if (out.length === 1) return out[0]!;
  if (out.length === 0) return { k: 'str', v: '' };
  if (out.length > MAX_CONCAT_PARTS) return unknownValue('a string built from many parts');
  return { k: 'concat', parts: out };
}
