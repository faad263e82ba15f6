/**
 * One pass over a parsed module: its scopes and bindings, its imports and exports (ESM and
 * CommonJS), every call and `new` site with the scope it is in, and the facts the evaluator needs
 * to follow values across functions (return values, callback arguments, `this.x` assignments).
 * Evaluation happens later, lazily, so declarations after use (hoisting) resolve as well.
 */
import type { AstNode, ParsedFile } from './parse.js';

export type PathStep = { readonly prop: string } | { readonly index: number } | { readonly rest: true };

export type Binding =
  | { readonly kind: 'var'; readonly init?: AstNode; readonly path: PathStep[]; readonly scope: Scope; readonly assigns: { node: AstNode; scope: Scope }[] }
  | { readonly kind: 'param'; readonly fn: AstNode; readonly index: number; readonly name: string; readonly path: PathStep[]; readonly defaultValue?: AstNode; readonly scope: Scope; readonly assigns: { node: AstNode; scope: Scope }[] }
  | { readonly kind: 'import'; readonly source: string; readonly imported: string; readonly node: AstNode }
  | { readonly kind: 'fn'; readonly node: AstNode }
  | { readonly kind: 'class'; readonly node: AstNode }
  | { readonly kind: 'forOf'; readonly right: AstNode; readonly path: PathStep[]; readonly scope: Scope }
  | { readonly kind: 'opaque'; readonly why: string };

export class Scope {
  readonly bindings = new Map<string, Binding>();
  constructor(
    readonly parent: Scope | undefined,
    /** The function this scope belongs to (for `var` and `return`). */
    readonly fn: AstNode | undefined,
    /** The class whose body this scope is in (for `this.x`). */
    readonly cls: AstNode | undefined,
  ) {}

  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.bindings.get(name);
      if (b) return b;
    }
    return undefined;
  }

  functionScope(): Scope {
    let s: Scope = this;
    while (s.parent && !s.fnRoot) s = s.parent;
    return s;
  }

  /** True for the scope that holds a function's parameters (or the module scope). */
  fnRoot = false;
}

export type ExportEntry =
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'expr'; readonly node: AstNode; readonly scope: Scope }
  | { readonly kind: 'reexport'; readonly source: string; readonly imported: string };

export interface Site {
  readonly node: AstNode;
  readonly scope: Scope;
}

export interface ModuleInfo {
  readonly file: ParsedFile;
  readonly path: string;
  readonly root: Scope;
  readonly exports: Map<string, ExportEntry>;
  /** `export * from 'x'`. */
  readonly starExports: string[];
  /** `module.exports = x` (the whole CommonJS export object). */
  readonly cjsWhole: Site[];
  /** Every `new` and call expression. */
  readonly sites: Site[];
  /** Call and new sites by callee name (`f(...)`, `x.f(...)`, `new F(...)`), and by the name of an identifier passed as an argument. */
  readonly sitesByName: Map<string, Site[]>;
  /** Function node → the expressions it returns (an arrow's expression body included). */
  readonly returns: Map<AstNode, Site[]>;
  /** Function node → the call it is passed to as a callback, and the argument index. */
  readonly callbackOf: Map<AstNode, { site: Site; index: number }>;
  /** Function node → the name it is known by (declaration, variable, method, class for constructors). */
  readonly fnNames: Map<AstNode, string>;
  /** Class node → `this.prop = value` and property initialisers. */
  readonly thisAssigns: Map<AstNode, Map<string, Site[]>>;
  /** Class node → its methods by name. */
  readonly methods: Map<AstNode, Map<string, AstNode>>;
  /** Module specifiers imported or required with a literal. */
  readonly imports: { readonly spec: string; readonly start: number }[];
  /** `require(x)` / `import(x)` with a non-literal argument. */
  readonly dynamicImports: AstNode[];
  /** Every identifier name used, with the functions it is used in (`null`: module top level). Export lists are left out. */
  readonly refs: Map<string, Set<AstNode | null>>;
  /** Function node → the function it is defined in (`null`: module top level). */
  readonly fnOwner: Map<AstNode, AstNode | null>;
}

const SKIP_KEYS = new Set(['type', 'start', 'end', 'range', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators', 'superTypeArguments', 'implements']);
const TYPE_ONLY = new Set(['TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'TSDeclareFunction', 'TSTypeAnnotation', 'TSModuleDeclaration']);

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function propertyName(node: AstNode, computed: boolean): string | undefined {
  if (!computed && node.type === 'Identifier') return node.name as string;
  if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  if (node.type === 'PrivateIdentifier') return `#${node.name as string}`;
  return undefined;
}

function isFunction(node: AstNode): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The name a call is indexed by: `f` for `f()`, `x.f()`, `new F()`. */
export function calleeName(callee: AstNode): string | undefined {
  let c = callee;
  while (c.type === 'TSNonNullExpression' || c.type === 'ParenthesizedExpression' || c.type === 'ChainExpression') c = c.expression;
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') return c.property.name;
  return undefined;
}

/**
 * Destructuring patterns deeper than this are not indexed (binding them recurses once per level).
 * The nesting check before parsing (`nesting.ts`) already keeps them below it; this is the backstop.
 */
const MAX_PATTERN_DEPTH = 1500;

class PatternTooDeep extends Error {
  constructor(readonly offset: number) {
    super(`destructuring pattern deeper than ${MAX_PATTERN_DEPTH} levels`);
  }
}

/** Index a parsed file; a pattern above {@link MAX_PATTERN_DEPTH} gives an empty module whose file carries the error. */
export function buildModule(file: ParsedFile): ModuleInfo {
  if (!file.program) return emptyModule(file);
  try {
    return indexModule(file, file.program);
  } catch (error) {
    if (!(error instanceof PatternTooDeep)) throw error;
    const tooDeep = { message: `${error.message}: not analysed (limit MAX_PATTERN_DEPTH)`, code: 'ERR_LEASH_LIMIT' as const, ...file.position(error.offset) };
    return emptyModule({ path: file.path, position: file.position, error: tooDeep });
  }
}

function emptyModule(file: ParsedFile): ModuleInfo {
  const root = new Scope(undefined, undefined, undefined);
  root.fnRoot = true;
  return {
    file,
    path: file.path,
    root,
    exports: new Map(),
    starExports: [],
    cjsWhole: [],
    sites: [],
    sitesByName: new Map(),
    returns: new Map(),
    callbackOf: new Map(),
    fnNames: new Map(),
    thisAssigns: new Map(),
    methods: new Map(),
    imports: [],
    dynamicImports: [],
    refs: new Map(),
    fnOwner: new Map(),
  };
}

function indexModule(file: ParsedFile, program: AstNode): ModuleInfo {
  const info = emptyModule(file);
  const root = info.root;
  const ref = (name: string, scope: Scope) => {
    let set = info.refs.get(name);
    if (!set) info.refs.set(name, (set = new Set()));
    set.add(scope.fn ?? null);
  };
  const pendingAssigns: { name: string; node: AstNode; scope: Scope }[] = [];

  const index = (name: string | undefined, site: Site) => {
    if (!name) return;
    let list = info.sitesByName.get(name);
    if (!list) info.sitesByName.set(name, (list = []));
    list.push(site);
  };

  const bindPattern = (pattern: AstNode, scope: Scope, make: (path: PathStep[]) => Binding, path: PathStep[] = []): void => {
    if (path.length > MAX_PATTERN_DEPTH) throw new PatternTooDeep(pattern.start);
    switch (pattern.type) {
      case 'Identifier':
        scope.bindings.set(pattern.name, make(path));
        return;
      case 'ObjectPattern':
        for (const p of pattern.properties as AstNode[]) {
          if (p.type === 'RestElement') bindPattern(p.argument, scope, make, [...path, { rest: true }]);
          else {
            const key = propertyName(p.key, p.computed);
            bindPattern(p.value, scope, make, [...path, key === undefined ? { rest: true } : { prop: key }]);
          }
        }
        return;
      case 'ArrayPattern':
        (pattern.elements as (AstNode | null)[]).forEach((el, i) => {
          if (el) bindPattern(el.type === 'RestElement' ? el.argument : el, scope, make, [...path, { index: i }]);
        });
        return;
      case 'AssignmentPattern':
        bindPattern(pattern.left, scope, make, path);
        return;
      case 'RestElement':
        bindPattern(pattern.argument, scope, make, [...path, { rest: true }]);
        return;
      case 'TSParameterProperty':
        bindPattern(pattern.parameter, scope, make, path);
        return;
      default:
        return;
    }
  };

  const declareVar = (decl: AstNode, kind: string, scope: Scope) => {
    const target = kind === 'var' ? scope.functionScope() : scope;
    bindPattern(decl.id, target, (path) => ({ kind: 'var', init: decl.init ?? undefined, path, scope, assigns: [] }));
    if (decl.init && decl.id.type === 'Identifier' && isFunction(decl.init)) info.fnNames.set(decl.init, decl.id.name);
    if (decl.init && decl.id.type === 'Identifier' && decl.init.type === 'ClassExpression') info.fnNames.set(decl.init, decl.id.name);
  };

  const enterFunction = (fn: AstNode, scope: Scope): Scope => {
    info.fnOwner.set(fn, scope.fn ?? null);
    const inner = new Scope(scope, fn, scope.cls);
    inner.fnRoot = true;
    if (fn.type === 'FunctionExpression' && fn.id) inner.bindings.set(fn.id.name, { kind: 'fn', node: fn });
    (fn.params as AstNode[]).forEach((param, i) => {
      const p = param.type === 'TSParameterProperty' ? param.parameter : param;
      const defaultValue = p.type === 'AssignmentPattern' ? p.right : undefined;
      const name = p.type === 'Identifier' ? p.name : p.type === 'AssignmentPattern' && p.left.type === 'Identifier' ? p.left.name : `#${i}`;
      bindPattern(p, inner, (path) => ({ kind: 'param', fn, index: i, name, path, defaultValue, scope: inner, assigns: [] }));
      // `constructor(private readonly table: string)` also assigns `this.table`.
      if (param.type === 'TSParameterProperty' && scope.cls && p.type === 'Identifier') {
        addThisAssign(scope.cls, p.name, { node: { type: 'Identifier', name: p.name, start: p.start, end: p.end }, scope: inner });
      }
    });
    if (fn.body && fn.body.type !== 'BlockStatement') {
      info.returns.set(fn, [{ node: fn.body, scope: inner }]);
    }
    return inner;
  };

  const addThisAssign = (cls: AstNode, prop: string, site: Site) => {
    let m = info.thisAssigns.get(cls);
    if (!m) info.thisAssigns.set(cls, (m = new Map()));
    let l = m.get(prop);
    if (!l) m.set(prop, (l = []));
    l.push(site);
  };

  const hoist = (body: AstNode[], scope: Scope) => {
    for (const st of body) {
      const decl = st.type === 'ExportNamedDeclaration' || st.type === 'ExportDefaultDeclaration' ? st.declaration : st;
      if (!decl) continue;
      if (decl.type === 'FunctionDeclaration' && decl.id) {
        scope.bindings.set(decl.id.name, { kind: 'fn', node: decl });
        info.fnNames.set(decl, decl.id.name);
      } else if (decl.type === 'ClassDeclaration' && decl.id) {
        scope.bindings.set(decl.id.name, { kind: 'class', node: decl });
        info.fnNames.set(decl, decl.id.name);
      }
    }
  };

  const visitChildren = (node: AstNode, scope: Scope) => {
    for (const key in node) {
      if (SKIP_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) visit(v, scope);
      } else if (isNode(value)) visit(value, scope);
    }
  };

  const literalSpec = (arg: AstNode | undefined): string | undefined => {
    if (!arg) return undefined;
    if (arg.type === 'Literal' && typeof arg.value === 'string') return arg.value;
    if (arg.type === 'TemplateLiteral' && arg.expressions.length === 0) return arg.quasis[0].value.cooked as string;
    return undefined;
  };

  const visitExported = (node: AstNode, scope: Scope): void => {
    if (node.type === 'Identifier') return;
    if (node.type === 'ObjectExpression') {
      for (const p of node.properties as AstNode[]) {
        if (p.type === 'Property' && p.value?.type === 'Identifier') continue;
        visit(p, scope);
      }
      return;
    }
    visit(node, scope);
  };

  // The walk keeps its own stack (trees are as deep as the code nests, the machine stack is not):
  // `visit` and `after` queue work that runs once the current node is done, in the order queued,
  // before the node's later siblings: the order of a recursive pre-order walk.
  type Task = { readonly node: AstNode; readonly scope: Scope } | (() => void);
  const tasks: Task[] = [];
  const visit = (node: AstNode, scope: Scope): void => void tasks.push({ node, scope });
  const after = (work: () => void): void => void tasks.push(work);
  const walk = (node: AstNode, scope: Scope): void => {
    visit(node, scope);
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      const queued = tasks.length;
      if (typeof task === 'function') task();
      else visitNode(task.node, task.scope);
      // What the task queued runs next, first queued first.
      for (let i = queued, j = tasks.length - 1; i < j; i++, j--) [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
    }
  };

  const visitNode = (node: AstNode, scope: Scope): void => {
    if (TYPE_ONLY.has(node.type)) return;
    switch (node.type) {
      case 'Program':
      case 'BlockStatement':
      case 'StaticBlock': {
        const inner = node.type === 'Program' ? scope : new Scope(scope, scope.fn, scope.cls);
        hoist(node.body, inner);
        for (const st of node.body as AstNode[]) visit(st, inner);
        return;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const inner = enterFunction(node, scope);
        for (const p of node.params as AstNode[]) visit(p, inner);
        if (node.body) {
          if (node.body.type === 'BlockStatement') {
            after(() => {
              hoist(node.body.body, inner);
              for (const st of node.body.body as AstNode[]) visit(st, inner);
            });
          } else visit(node.body, inner);
        }
        return;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const inner = new Scope(scope, scope.fn, node);
        if (node.id) inner.bindings.set(node.id.name, { kind: 'class', node });
        if (node.superClass) visit(node.superClass, scope);
        const methods = new Map<string, AstNode>();
        after(() => info.methods.set(node, methods));
        for (const member of node.body.body as AstNode[]) after(() => {
          const name = member.key ? propertyName(member.key, member.computed) : undefined;
          if (member.type === 'MethodDefinition' && name) {
            methods.set(name, member.value);
            info.fnNames.set(member.value, member.kind === 'constructor' ? (node.id?.name ?? info.fnNames.get(node) ?? 'constructor') : name);
          }
          if ((member.type === 'PropertyDefinition' || member.type === 'AccessorProperty') && name && member.value) {
            if (isFunction(member.value)) {
              methods.set(name, member.value);
              info.fnNames.set(member.value, name);
            }
            addThisAssign(node, name, { node: member.value, scope: inner });
          }
          // Member names are declarations, not uses: only computed keys and values are visited.
          if (member.computed && member.key) visit(member.key, inner);
          if (member.value) visit(member.value, inner);
          else if (member.type === 'StaticBlock') visit(member, inner);
        });
        return;
      }
      case 'VariableDeclaration':
        for (const d of node.declarations as AstNode[]) {
          after(() => {
            declareVar(d, node.kind, scope);
            if (d.init) visit(d.init, scope);
          });
        }
        return;
      case 'ForOfStatement':
      case 'ForInStatement':
      case 'ForStatement': {
        const inner = new Scope(scope, scope.fn, scope.cls);
        if (node.type === 'ForOfStatement' && node.left.type === 'VariableDeclaration') {
          for (const d of node.left.declarations as AstNode[]) bindPattern(d.id, inner, (path) => ({ kind: 'forOf', right: node.right, path, scope }));
          visit(node.right, scope);
          visit(node.body, inner);
          return;
        }
        visitChildren(node, inner);
        return;
      }
      case 'CatchClause': {
        const inner = new Scope(scope, scope.fn, scope.cls);
        if (node.param) bindPattern(node.param, inner, () => ({ kind: 'opaque', why: 'caught error' }));
        visit(node.body, inner);
        return;
      }
      case 'ImportDeclaration': {
        if (node.importKind === 'type') return;
        const source = node.source.value as string;
        info.imports.push({ spec: source, start: node.start });
        for (const s of node.specifiers as AstNode[]) {
          if (s.importKind === 'type') continue;
          const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : (propertyName(s.imported, false) ?? 'default');
          scope.bindings.set(s.local.name, { kind: 'import', source, imported, node: s });
        }
        return;
      }
      case 'TSImportEqualsDeclaration': {
        const ref = node.moduleReference;
        if (ref?.type === 'TSExternalModuleReference') {
          const source = ref.expression.value as string;
          info.imports.push({ spec: source, start: node.start });
          scope.bindings.set(node.id.name, { kind: 'import', source, imported: '=', node });
        }
        return;
      }
      case 'ExportNamedDeclaration': {
        if (node.exportKind === 'type') return;
        if (node.declaration) {
          const d = node.declaration;
          if (d.type === 'VariableDeclaration') {
            for (const v of d.declarations as AstNode[]) for (const n of patternNames(v.id)) info.exports.set(n, { kind: 'local', name: n });
          } else if (d.id) info.exports.set(d.id.name, { kind: 'local', name: d.id.name });
          visit(d, scope);
        }
        after(() => {
          const source = node.source ? (node.source.value as string) : undefined;
          if (source) info.imports.push({ spec: source, start: node.start });
          for (const s of (node.specifiers ?? []) as AstNode[]) {
            if (s.exportKind === 'type') continue;
            const local = propertyName(s.local, false) ?? 'default';
            const exported = propertyName(s.exported, false) ?? local;
            info.exports.set(exported, source ? { kind: 'reexport', source, imported: local } : { kind: 'local', name: local });
          }
        });
        return;
      }
      case 'ExportDefaultDeclaration': {
        const d = node.declaration;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) info.exports.set('default', { kind: 'local', name: d.id.name });
        else info.exports.set('default', { kind: 'expr', node: d, scope });
        visit(d, scope);
        return;
      }
      case 'ExportAllDeclaration': {
        const source = node.source.value as string;
        info.imports.push({ spec: source, start: node.start });
        if (node.exported) info.exports.set(propertyName(node.exported, false) ?? '*', { kind: 'reexport', source, imported: '*' });
        else info.starExports.push(source);
        return;
      }
      case 'ReturnStatement': {
        if (node.argument && scope.fn) {
          let list = info.returns.get(scope.fn);
          if (!list) info.returns.set(scope.fn, (list = []));
          list.push({ node: node.argument, scope });
          visit(node.argument, scope);
        }
        return;
      }
      case 'AssignmentExpression': {
        const left = node.left;
        if (node.operator === '=' || node.operator === '||=' || node.operator === '??=') {
          if (left.type === 'Identifier') pendingAssigns.push({ name: left.name, node: node.right, scope });
          else if (left.type === 'MemberExpression') {
            const obj = left.object;
            const prop = propertyName(left.property, left.computed);
            if (prop && isFunction(node.right) && !info.fnNames.has(node.right)) info.fnNames.set(node.right, prop);
            const exportTarget = (isModuleExports(obj) || (obj.type === 'Identifier' && obj.name === 'exports' && !scope.lookup('exports'))) && prop;
            if (obj.type === 'ThisExpression' && prop && scope.cls) addThisAssign(scope.cls, prop, { node: node.right, scope });
            else if (exportTarget) info.exports.set(prop, { kind: 'expr', node: node.right, scope });
            else if (isModuleExports(left)) info.cjsWhole.push({ node: node.right, scope });
            // An export is not a use: `module.exports.list = list` / `module.exports = { create, list }` keep no function alive.
            if (exportTarget || isModuleExports(left)) {
              visitExported(node.right, scope);
              return;
            }
          }
        }
        visitChildren(node, scope);
        return;
      }
      case 'CallExpression':
      case 'NewExpression': {
        const site: Site = { node, scope };
        info.sites.push(site);
        index(calleeName(node.callee), site);
        const args = node.arguments as AstNode[];
        args.forEach((arg, i) => {
          if (isFunction(arg)) info.callbackOf.set(arg, { site, index: i });
          else if (arg.type === 'Identifier') index(arg.name, site);
        });
        // esbuild / tsc CommonJS output: `__export(index_exports, { handler: () => handler })`.
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === '__export' && args[1]?.type === 'ObjectExpression') {
          for (const p of args[1].properties as AstNode[]) {
            const name = p.type === 'Property' ? propertyName(p.key, p.computed) : undefined;
            const value = p.value as AstNode | undefined;
            if (name && value && value.type === 'ArrowFunctionExpression' && value.body.type !== 'BlockStatement' && !info.exports.has(name)) info.exports.set(name, { kind: 'expr', node: value.body, scope });
          }
        }
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && !scope.lookup('require')) {
          const spec = literalSpec(args[0]);
          if (spec !== undefined) info.imports.push({ spec, start: node.start });
          else info.dynamicImports.push(node);
        }
        visitChildren(node, scope);
        return;
      }
      case 'Identifier':
        ref(node.name, scope);
        return;
      case 'Property':
        if (node.value && isFunction(node.value)) {
          const key = propertyName(node.key, node.computed);
          if (key && !info.fnNames.has(node.value)) info.fnNames.set(node.value, key);
        }
        if (node.computed || node.shorthand) visit(node.key, scope);
        if (!node.shorthand || node.value.type !== 'Identifier') visit(node.value, scope);
        return;
      case 'ImportExpression': {
        const spec = literalSpec(node.source);
        if (spec !== undefined) info.imports.push({ spec, start: node.start });
        else info.dynamicImports.push(node);
        info.sites.push({ node, scope });
        visitChildren(node, scope);
        return;
      }
      default:
        visitChildren(node, scope);
    }
  };

  walk(program, root);
  for (const a of pendingAssigns) {
    const b = a.scope.lookup(a.name);
    if (b && (b.kind === 'var' || b.kind === 'param')) b.assigns.push({ node: a.node, scope: a.scope });
    else if (!b && !HOST_GLOBALS.has(a.name)) {
      // `client = new AWS.S3()` without a declaration (sloppy mode): an implicit global, visible from the whole module.
      root.bindings.set(a.name, { kind: 'var', path: [], scope: root, assigns: [{ node: a.node, scope: a.scope }] });
    }
  }
  return info;
}

function isModuleExports(node: AstNode): boolean {
  return node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === 'module' && node.property.type === 'Identifier' && node.property.name === 'exports';
}

/** Globals of Node.js / CommonJS that an assignment does not turn into a new module variable. */
const HOST_GLOBALS = new Set(['process', 'require', 'module', 'exports', 'global', 'globalThis', 'console', 'Buffer']);

function patternNames(pattern: AstNode, depth = 0): string[] {
  if (depth > MAX_PATTERN_DEPTH) throw new PatternTooDeep(pattern.start);
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return (pattern.properties as AstNode[]).flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value, depth + 1));
    case 'ArrayPattern':
      return (pattern.elements as (AstNode | null)[]).flatMap((e) => (e ? patternNames(e, depth + 1) : []));
    case 'AssignmentPattern':
      return patternNames(pattern.left, depth + 1);
    case 'RestElement':
      return patternNames(pattern.argument, depth + 1);
    default:
      return [];
  }
}
