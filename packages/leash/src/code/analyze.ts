/**
 * `analyzeFunction`: find the handler file of a Lambda function, follow its local imports, and
 * list every AWS SDK call with the IAM actions it needs and the resource it touches.
 */
import { ConfinedFs, refusalReason, type Refusal } from '../fs/confined.js';
import type { AppModel, LambdaFunction } from '../model/types.js';
import { isKnown, referencedLogicalId, type CfnValue } from '../model/values.js';
import type { SourceLocation } from '../model/source.js';
import { reportLimit } from '../model/limits.js';
import { permissionsFor, type InputView, type PermissionNeed } from '../iam/sdk-actions.js';
import type { AwsCall, CallResource, CodeAnalysis, CodeUnknown } from './types.js';
import { Evaluator, STEP_BUDGET, literalString } from './evaluate.js';
import { ParseCache, parseSource, type AstNode } from './parse.js';
import { findHandlerFile, handlerCandidates, isLocalSpecifier, resolveLocalModule, splitHandler } from './resolve.js';
import { buildModule, propertyName, type ModuleInfo, type Scope, type Site } from './scope.js';
import { CLIENT_NON_OPERATIONS, documentOperation, pascal, serviceOfV3Package, unmodelledLibrary, waiterOperation } from './sdk.js';
import { alternatives, type Value } from './values.js';

/** How far local imports are followed from the handler file. */
export const MAX_IMPORT_DEPTH = 12;
/** At most this many files per function (a guard against analysing a bundled node_modules). */
export const MAX_FILES = 400;

/** Parses and module indexes shared by every function of a scan (many functions share code). */
export class CodeAnalyzer {
  readonly parses = new ParseCache();
  private readonly modules = new Map<string, ModuleInfo>();

  module(path: string, fs: ConfinedFs): ModuleInfo {
    let m = this.modules.get(path);
    if (!m) {
      m = buildModule(this.parses.get(path, fs));
      this.modules.set(path, m);
    }
    return m;
  }

  analyzeFunction(stack: AppModel, fn: LambdaFunction, root: string): CodeAnalysis {
    try {
      return new FunctionAnalysis(this, stack, fn, root).run();
    } catch (error) {
      // A defect in the analysis (or code too deeply nested for it) must not stop a scan: the function counts as unread.
      const message = error instanceof RangeError ? 'code too deeply nested to analyse' : `internal error in the code analysis: ${(error as Error).message}`;
      return { functionId: fn.id, files: [], calls: [], unknowns: [{ reason: `${message} (its calls are not known)`, loc: fn.loc }] };
    }
  }
}

/** Analyse one function (a fresh cache; use {@link CodeAnalyzer} to share parses across functions). */
export function analyzeFunction(stack: AppModel, fn: LambdaFunction, root: string, analyzer = new CodeAnalyzer()): CodeAnalysis {
  return analyzer.analyzeFunction(stack, fn, root);
}

interface RawCall {
  readonly service: string;
  readonly operation: string;
  readonly sdk: 'v3' | 'v2';
  readonly style: string;
  readonly input?: Value;
  /** An input built by leash (library models such as the Encryption SDK keyring), instead of `input`. */
  readonly inputView?: InputView;
  /** Sent through a client with credentials of its own: not the execution role's call. */
  readonly explicitCredentials?: boolean;
  /** The client's `region` option. */
  readonly region?: Value;
  readonly node: AstNode;
  readonly mod: ModuleInfo;
}

const IGNORED_IMPORT = /\.(json|css|scss|sass|less|svg|png|jpe?g|gif|txt|md|html|graphql|gql|node|wasm|ya?ml)$/i;

class FunctionAnalysis {
  private readonly unknowns: CodeUnknown[] = [];
  private readonly graph: ModuleInfo[] = [];
  private readonly inGraph = new Set<string>();
  private handlerModule?: ModuleInfo;
  private handlerFns?: Set<AstNode>;
  private computingHandlers = false;
  private exportName = 'handler';
  private readonly evaluator: Evaluator;
  private readonly presigned = new Set<AstNode>();
  /** Command nodes sent through a client that has credentials of its own. */
  private readonly explicitCommands = new Set<AstNode>();
  /** Command nodes sent through a client built for another Region. */
  private readonly commandRegions = new Map<AstNode, Value>();
  /** Every file is read through the scan root: code outside it is never read. */
  private readonly fs: ConfinedFs;

  constructor(
    private readonly analyzer: CodeAnalyzer,
    private readonly stack: AppModel,
    private readonly fn: LambdaFunction,
    root: string,
  ) {
    this.fs = new ConfinedFs(root);
    this.evaluator = new Evaluator({
      localModule: (from, spec) => {
        const path = resolveLocalModule(this.fs, from.path, spec);
        return path ? this.analyzer.module(path, this.fs) : undefined;
      },
      modules: () => this.graph,
      isHandler: (node) => this.isHandler(node),
      envDefined: (name) => this.fn.environment.some((e) => e.name === name),
    });
  }

  private rel(path: string): string {
    if (path.startsWith('<')) return path.slice(1, -1);
    return this.fs.rel(path);
  }

  /** Why a file found for the handler or an import is not read (out of the root, a FIFO...), if it is not. */
  private refusal(path: string): Refusal | undefined {
    const seen = this.fs.inspect(path);
    return seen.kind === 'outside' || seen.kind === 'special' || seen.kind === 'unreadable' ? seen : undefined;
  }

  private loc(mod: ModuleInfo, offset: number): SourceLocation {
    return this.at(mod, mod.file.position(offset));
  }

  /** A line and column of a module as a location of the scan. */
  private at(mod: ModuleInfo, p: { line: number; column: number }): SourceLocation {
    if (mod.path.startsWith('<')) {
      // Inline code: lines count from the template's code property.
      return { file: this.stack.file, line: this.fn.code.loc.line + p.line, column: p.column };
    }
    return { file: this.rel(mod.path), line: p.line, column: p.column };
  }

  private unknown(reason: string, loc: SourceLocation): void {
    if (!this.unknowns.some((u) => u.reason === reason && u.loc.file === loc.file && u.loc.line === loc.line)) this.unknowns.push({ reason, loc });
  }

  run(): CodeAnalysis {
    const fn = this.fn;
    const base = { functionId: fn.id };
    if (fn.packageType === 'Image') {
      this.unknown('container image function: its code is not analysed', fn.loc);
      return this.result(base);
    }
    const runtime = isKnown(fn.runtime) ? fn.runtime : undefined;
    if (typeof runtime === 'string' && !runtime.startsWith('nodejs')) {
      this.unknown(`runtime ${runtime}: leash reads Node.js (JavaScript / TypeScript) handler code only`, fn.loc);
      return this.result(base);
    }
    const handler = isKnown(fn.handler) ? splitHandler(fn.handler) : undefined;
    if (!handler) {
      this.unknown(isKnown(fn.handler) ? `handler "${fn.handler}" is not module.export` : 'handler not resolved from the template', fn.loc);
      return this.result(base);
    }
    this.exportName = handler.exportName;
    let entry: ModuleInfo | undefined;
    if (fn.code.inline !== undefined) {
      entry = buildModule(parseSource(`<${this.stack.file}>`, fn.code.inline));
    } else if (fn.code.dir) {
      const file = findHandlerFile(this.fs, fn.code.dir, handler.module);
      if (!file) {
        const tried = handlerCandidates(fn.code.dir, handler.module).filter((f) => f.endsWith('.js') || f.endsWith('.ts')).slice(0, 4).map((f) => this.rel(f));
        this.unknown(`handler file not found for "${fn.handler as string}" (tried ${tried.join(', ')}, ...)`, fn.loc);
        return this.result(base);
      }
      const refused = this.refusal(file);
      if (refused) {
        this.unknown(`handler file ${this.rel(file)} ${refusalReason(refused)}: its calls are not known`, fn.loc);
        return this.result(base);
      }
      entry = this.analyzer.module(file, this.fs);
    } else {
      this.unknown(`code location unknown${fn.code.unknown ? `: ${fn.code.unknown.reason}` : ''}`, fn.code.loc ?? fn.loc);
      return this.result(base);
    }
    this.handlerModule = entry;
    this.collectGraph(entry);
    for (const mod of this.graph) {
      const error = mod.file.error;
      if (error) {
        const reason = `${error.message} (calls in this file are not seen)`;
        const at = this.at(mod, error);
        this.unknown(reason, at);
        // A file above a limit is an input error of the scan as well (once per place, whatever uses it).
        if (error.code === 'ERR_LEASH_LIMIT') reportLimit(this.stack, `code:${at.file}:${at.line}:${at.column}`, { message: reason, ...at });
      }
      for (const d of mod.dynamicImports) this.unknown('require/import of a computed path: the module cannot be followed', this.loc(mod, d.start));
    }
    if (!entry.file.error && this.handlerFunctions().size === 0) {
      this.unknown(`handler export "${handler.exportName}" not found in ${this.rel(entry.path)}`, this.loc(entry, 0));
    }
    const live = this.liveFunctions();
    const isLive = (site: Site) => !live || !site.scope.fn || live.has(site.scope.fn);
    const raw: RawCall[] = [];
    for (const mod of this.graph) for (const site of mod.sites) if (site.node.type === 'CallExpression' && isLive(site)) this.callSite(site.node, site.scope, mod, raw);
    for (const mod of this.graph) for (const site of mod.sites) if (site.node.type === 'NewExpression' && isLive(site)) this.newSite(site.node, site.scope, mod, raw);
    const calls = this.toCalls(raw);
    if (this.evaluator.exhausted) {
      this.unknown(`the code is too large or recursive to follow completely (more than ${STEP_BUDGET} evaluation steps): some calls or resources may be missing`, this.loc(entry, 0));
    }
    return this.result({ ...base, handlerFile: entry.path.startsWith('<') ? undefined : entry.path }, calls);
  }

  private result(base: { functionId: string; handlerFile?: string }, calls: AwsCall[] = []): CodeAnalysis {
    const files = this.graph.filter((m) => !m.path.startsWith('<')).map((m) => this.rel(m.path));
    const out: { -readonly [K in keyof CodeAnalysis]: CodeAnalysis[K] } = { functionId: base.functionId, files, calls, unknowns: this.unknowns };
    if (base.handlerFile) out.handlerFile = base.handlerFile;
    return out;
  }

  private collectGraph(entry: ModuleInfo): void {
    const queue: { mod: ModuleInfo; depth: number }[] = [{ mod: entry, depth: 0 }];
    this.graph.push(entry);
    this.inGraph.add(entry.path);
    while (queue.length) {
      const { mod, depth } = queue.shift()!;
      for (const imp of mod.imports) {
        // tsconfig `paths` aliases (`@/db`, `~/db`) and package.json subpath imports (`#db`) point into the app, but where needs the build config.
        if (/^([@~]\/|#)/.test(imp.spec)) {
          this.unknown(`import "${imp.spec}" is a path alias leash does not resolve: calls in it are not seen`, this.loc(mod, imp.start));
          continue;
        }
        const library = isLocalSpecifier(imp.spec) ? undefined : unmodelledLibrary(imp.spec);
        if (library) this.unknown(`"${imp.spec}": ${library}, which leash does not model: those permissions are not in the policy`, this.loc(mod, imp.start));
        if (!isLocalSpecifier(imp.spec) || IGNORED_IMPORT.test(imp.spec)) continue;
        const path = mod.path.startsWith('<') ? undefined : resolveLocalModule(this.fs, mod.path, imp.spec);
        if (!path) {
          this.unknown(`cannot resolve import "${imp.spec}": calls in it are not seen`, this.loc(mod, imp.start));
          continue;
        }
        if (this.inGraph.has(path)) continue;
        const refused = this.refusal(path);
        if (refused) {
          this.unknown(`import "${imp.spec}" ${refusalReason(refused)}: calls in it are not seen`, this.loc(mod, imp.start));
          continue;
        }
        if (depth + 1 > MAX_IMPORT_DEPTH || this.graph.length >= MAX_FILES) {
          this.unknown(`import "${imp.spec}" not followed: more than ${depth + 1 > MAX_IMPORT_DEPTH ? `${MAX_IMPORT_DEPTH} levels` : `${MAX_FILES} files`}`, this.loc(mod, imp.start));
          continue;
        }
        const next = this.analyzer.module(path, this.fs);
        this.inGraph.add(path);
        this.graph.push(next);
        queue.push({ mod: next, depth: depth + 1 });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // The handler function(s): their first parameter is the event.

  private isHandler(node: AstNode): boolean {
    if (this.computingHandlers) return false;
    return this.handlerFunctions().has(node);
  }

  private handlerFunctions(): Set<AstNode> {
    if (this.handlerFns) return this.handlerFns;
    const found = new Set<AstNode>();
    const mod = this.handlerModule;
    this.computingHandlers = true;
    try {
      if (mod) {
        const collect = (v: Value) => {
          if (v.k === 'function') found.add(v.node);
          else if (v.k === 'alts') v.values.forEach(collect);
        };
        collect(this.evaluator.exportOf(mod, this.exportName));
        // Wrappers (`middy(baseHandler).use(...)`, `Sentry.wrapHandler(fn)`): the functions passed in.
        const node = this.exportNode(mod, this.exportName);
        if (node) this.unwrap(node.node, node.scope, mod, collect, 0);
      }
    } finally {
      this.computingHandlers = false;
    }
    this.handlerFns = found;
    return found;
  }

  /**
   * The functions that can run when Lambda calls the handler: the handler, what live code names
   * (by name: calls, callbacks, methods, constructors through the class name), functions defined
   * inside live ones, and anonymous functions at module top level. Another handler exported by the
   * same file is not live unless the handler uses it. Undefined (everything live) when the handler
   * function is not known.
   */
  private liveFunctions(): Set<AstNode> | undefined {
    const handlers = this.handlerFunctions();
    if (handlers.size === 0) return undefined;
    // Indexes over the whole graph: names each function (or the top level, `null`) uses; named
    // top-level functions by name; functions defined inside each function.
    const namesUsedBy = new Map<AstNode | null, string[]>();
    const topByName = new Map<string, AstNode[]>();
    const children = new Map<AstNode | null, AstNode[]>();
    const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
      const l = m.get(k);
      if (l) l.push(v);
      else m.set(k, [v]);
    };
    for (const mod of this.graph) {
      for (const [name, owners] of mod.refs) for (const o of owners) push(namesUsedBy, o, name);
      for (const [fn, owner] of mod.fnOwner) {
        const name = mod.fnNames.get(fn);
        if (owner === null && name !== undefined) push(topByName, name, fn);
        else push(children, owner, fn);
      }
    }
    const live = new Set<AstNode>();
    const queue: (AstNode | null)[] = [null];
    const mark = (fn: AstNode) => {
      if (live.has(fn)) return;
      live.add(fn);
      queue.push(fn);
    };
    for (const h of handlers) mark(h);
    const doneNames = new Set<string>();
    while (queue.length) {
      const owner = queue.pop()!;
      for (const child of children.get(owner) ?? []) mark(child);
      for (const name of namesUsedBy.get(owner) ?? []) {
        if (doneNames.has(name)) continue;
        doneNames.add(name);
        for (const fn of topByName.get(name) ?? []) mark(fn);
      }
    }
    return live;
  }

  private exportNode(mod: ModuleInfo, name: string): { node: AstNode; scope: Scope } | undefined {
    const entry = mod.exports.get(name);
    if (entry?.kind === 'expr') return { node: entry.node, scope: entry.scope };
    if (entry?.kind === 'local') {
      const b = mod.root.lookup(entry.name);
      if (b?.kind === 'var' && b.init) return { node: b.init, scope: b.scope };
    }
    return undefined;
  }

  private unwrap(node: AstNode, scope: Scope, mod: ModuleInfo, collect: (v: Value) => void, depth: number): void {
    if (depth > 6) return;
    if (node.type === 'AwaitExpression' || node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return this.unwrap(node.expression ?? node.argument, scope, mod, collect, depth + 1);
    if (node.type !== 'CallExpression') return;
    for (const arg of node.arguments as AstNode[]) {
      if (arg.type === 'SpreadElement') continue;
      const v = this.evaluator.eval(arg, scope, mod);
      collect(v);
      if (arg.type === 'CallExpression') this.unwrap(arg, scope, mod, collect, depth + 1);
    }
    if (node.callee.type === 'MemberExpression') this.unwrap(node.callee.object, scope, mod, collect, depth + 1);
  }

  // -------------------------------------------------------------------------------------------
  // Finding calls

  private clientsIn(v: Value): Extract<Value, { k: 'client' }>[] {
    if (v.k === 'client') return [v];
    if (v.k === 'alts') return v.values.flatMap((x) => this.clientsIn(x));
    return [];
  }

  private commandsIn(v: Value): Extract<Value, { k: 'command' }>[] {
    if (v.k === 'command') return [v];
    if (v.k === 'alts') return v.values.flatMap((x) => this.commandsIn(x));
    return [];
  }

  private callSite(node: AstNode, scope: Scope, mod: ModuleInfo, out: RawCall[]): void {
    let callee = node.callee as AstNode;
    while (callee.type === 'TSNonNullExpression' || callee.type === 'ParenthesizedExpression') callee = callee.expression;
    const args = node.arguments as AstNode[];
    const ev = this.evaluator;
    const arg = (i: number): Value | undefined => (args[i] && args[i]!.type !== 'SpreadElement' ? ev.eval(args[i]!, scope, mod) : undefined);
    let fnValue: Value;
    if (callee.type === 'MemberExpression') {
      const object = ev.eval(callee.object, scope, mod);
      const method = propertyName(callee.property, callee.computed) ?? (callee.computed ? literalOf(ev.eval(callee.property, scope, mod)) : undefined);
      const clients = this.clientsIn(object);
      if (clients.length) {
        if (method === undefined) {
          this.unknown('AWS client method chosen at run time (client[name](...)): the operation cannot be known', this.loc(mod, node.start));
          return;
        }
        if (method === 'send') {
          const sent = arg(0);
          if (!sent || this.commandsIn(sent).length === 0) this.unknown(`client.send() of a command leash cannot follow${sent?.k === 'unknown' ? ` (${sent.reason})` : ''}`, this.loc(mod, node.start));
          else {
            if (clients.every((c) => c.explicitCredentials)) for (const c of this.commandsIn(sent)) this.explicitCommands.add(c.node);
            const regions = clients.map((c) => c.region).filter((r): r is Value => !!r);
            if (regions.length) for (const c of this.commandsIn(sent)) this.commandRegions.set(c.node, alternatives(regions));
          }
          return;
        }
        for (const client of clients) {
          const before = out.length;
          this.clientMethod(client, method, node, mod, arg, out);
          if (client.explicitCredentials) for (let i = before; i < out.length; i++) out[i] = { ...out[i]!, explicitCredentials: true };
          if (client.region) for (let i = before; i < out.length; i++) out[i] = { ...out[i]!, region: client.region };
        }
        return;
      }
      if (method === undefined) return;
      fnValue = ev.member(object, method);
    } else {
      fnValue = ev.eval(callee, scope, mod);
    }
    const exports = fnValue.k === 'alts' ? fnValue.values : [fnValue];
    for (const f of exports) if (f.k === 'export') this.packageFunction(f, node, mod, arg, out);
  }

  private clientMethod(client: Extract<Value, { k: 'client' }>, method: string, node: AstNode, mod: ModuleInfo, arg: (i: number) => Value | undefined, out: RawCall[]): void {
    const sdk = client.flavor.startsWith('v2') ? 'v2' : 'v3';
    if (client.flavor === 'v3' || client.flavor === 'v3-document') return; // bare clients only `send`
    if (client.flavor === 'v2' && (method === 'getSignedUrl' || method === 'getSignedUrlPromise')) {
      const op = literalOf(arg(0) ?? { k: 'unknown', reason: '' });
      if (!op) return this.unknown('getSignedUrl() with an operation name leash cannot read', this.loc(mod, node.start));
      out.push({ service: client.service, operation: pascal(op), sdk, style: 'presigner', input: arg(1), node, mod });
      return;
    }
    if (client.flavor === 'v2' && method === 'createPresignedPost') {
      out.push({ service: client.service, operation: 'PutObject', sdk, style: 'presigner', input: arg(0), node, mod });
      return;
    }
    if (method === 'waitFor') {
      const state = literalOf(arg(0) ?? { k: 'unknown', reason: '' });
      const op = state ? waiterOperation(client.service, state) : undefined;
      if (!op) return this.unknown(`waiter ${state ?? '(computed)'} of ${client.service}: the operation it polls is not known`, this.loc(mod, node.start));
      out.push({ service: client.service, operation: op, sdk, style: 'waiter', input: arg(1), node, mod });
      return;
    }
    if (CLIENT_NON_OPERATIONS.has(method) || method.startsWith('_')) return;
    const document = client.flavor === 'v2-document' || client.flavor === 'v3-document-aggregated';
    if (document) {
      const op = documentOperation(method);
      // `createSet` builds a value; any other method is an operation leash does not map: never silently nothing.
      if (!op) return method === 'createSet' ? undefined : this.unknown(`DynamoDB document client method ${method}(): no IAM action known for it`, this.loc(mod, node.start));
      out.push({ service: 'dynamodb', operation: op, sdk, style: 'document-client', input: arg(0), node, mod });
      return;
    }
    out.push({ service: client.service, operation: pascal(method), sdk, style: sdk === 'v2' ? 'v2' : 'aggregated', input: arg(0), node, mod });
  }

  private packageFunction(f: Extract<Value, { k: 'export' }>, node: AstNode, mod: ModuleInfo, arg: (i: number) => Value | undefined, out: RawCall[]): void {
    const name = f.name;
    const service = serviceOfV3Package(f.pkg) ?? (f.pkg === '@aws-sdk/lib-dynamodb' ? 'dynamodb' : undefined);
    if (service && name.startsWith('paginate')) {
      const op = f.pkg === '@aws-sdk/lib-dynamodb' ? documentOperation(name.slice('paginate'.length)) : name.slice('paginate'.length);
      if (op) out.push({ service, operation: op, sdk: 'v3', style: 'paginator', input: arg(1), node, mod });
      return;
    }
    if (service && name.startsWith('waitUntil')) {
      const op = waiterOperation(service, name);
      if (!op) return this.unknown(`waiter ${name} of ${service}: the operation it polls is not known`, this.loc(mod, node.start));
      out.push({ service, operation: op, sdk: 'v3', style: 'waiter', input: arg(1), node, mod });
      return;
    }
    if (f.pkg === '@aws-sdk/s3-request-presigner' && name === 'getSignedUrl') {
      const cmd = arg(1);
      const commands = cmd ? this.commandsIn(cmd) : [];
      if (!commands.length) return this.unknown('getSignedUrl() of a command leash cannot follow', this.loc(mod, node.start));
      for (const c of commands) this.presigned.add(c.node);
      return;
    }
    if (f.pkg === '@aws-sdk/s3-presigned-post' && name === 'createPresignedPost') {
      out.push({ service: 's3', operation: 'PutObject', sdk: 'v3', style: 'presigner', input: arg(1), node, mod });
    }
  }

  private newSite(node: AstNode, scope: Scope, mod: ModuleInfo, out: RawCall[]): void {
    const ev = this.evaluator;
    const callee = ev.eval(node.callee, scope, mod);
    const candidates = callee.k === 'alts' ? callee.values : [callee];
    const args = node.arguments as AstNode[];
    const input = args[0] && args[0].type !== 'SpreadElement' ? ev.eval(args[0], scope, mod) : undefined;
    for (const c of candidates) {
      if (c.k !== 'export') continue;
      if (c.pkg === '@aws-sdk/lib-storage' && c.name === 'Upload') {
        out.push({ service: 's3', operation: 'Upload', sdk: 'v3', style: 'lib-storage', input, node, mod });
        continue;
      }
      if (c.pkg === '@aws-crypto/client-node' && c.name === 'KmsKeyringNode') {
        this.kmsKeyring(input, node, mod, out);
        continue;
      }
      const service = serviceOfV3Package(c.pkg);
      const region = this.commandRegions.get(node);
      const explicitCredentials = { ...(this.explicitCommands.has(node) ? { explicitCredentials: true } : {}), ...(region ? { region } : {}) };
      if (service && c.name.endsWith('Command')) {
        out.push({ service, operation: c.name.slice(0, -'Command'.length), sdk: 'v3', style: this.presigned.has(node) ? 'presigner' : 'command', input, node, mod, ...explicitCredentials });
      } else if (c.pkg === '@aws-sdk/lib-dynamodb' && c.name.endsWith('Command')) {
        const op = documentOperation(c.name);
        if (op) out.push({ service: 'dynamodb', operation: op, sdk: 'v3', style: this.presigned.has(node) ? 'presigner' : 'document-client', input, node, mod, ...explicitCredentials });
      }
    }
  }

  /**
   * AWS Encryption SDK `new KmsKeyringNode({ generatorKeyId, keyIds })`: encrypting needs
   * kms:GenerateDataKey on the generator key and kms:Encrypt on the other keys; decrypting needs
   * kms:Decrypt on the key that wrapped the data key (AWS Encryption SDK Developer Guide, "AWS KMS
   * keyrings", "Required permissions"). Which of encrypt / decrypt the code uses is read from the
   * names it uses; when neither, both.
   */
  private kmsKeyring(input: Value | undefined, node: AstNode, mod: ModuleInfo, out: RawCall[]): void {
    const ev = this.evaluator;
    const uses = (name: string) => this.graph.some((m) => m.refs.has(name));
    const encrypts = uses('encrypt') || uses('encryptStream');
    const decrypts = uses('decrypt') || uses('decryptStream') || uses('decryptUnsignedMessageStream');
    const field = (name: string): Value | undefined => (input?.k === 'object' ? ev.objectField(input, name) : input ? ev.member(input, name) : undefined);
    const keyView = (key: Value): InputView => ({ field: (n) => (n === 'KeyId' ? this.view(key) : undefined), entries: () => undefined, items: () => undefined, text: () => undefined });
    const generator = field('generatorKeyId');
    const keyIdsValue = field('keyIds');
    const keyIds: Value[] = keyIdsValue?.k === 'array' ? keyIdsValue.items.map((i) => ev.eval(i.node, i.scope, i.mod)) : keyIdsValue ? [keyIdsValue] : [];
    const keys = [...(generator ? [generator] : []), ...keyIds];
    if (!keys.length) keys.push({ k: 'unknown', reason: 'the keyring names no key leash can read' });
    const push = (operation: string, key: Value) => out.push({ service: 'kms', operation, sdk: 'v3', style: 'encryption-sdk', inputView: keyView(key), node, mod });
    for (const key of keys) {
      if (decrypts || !encrypts) push('Decrypt', key);
      if (encrypts || !decrypts) push(key === generator || (!generator && key === keys[0]) ? 'GenerateDataKey' : 'Encrypt', key);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Calls → actions and resources

  private toCalls(raw: RawCall[]): AwsCall[] {
    const calls: AwsCall[] = [];
    const seen = new Set<string>();
    for (const r of raw) {
      const loc = this.loc(r.mod, r.node.start);
      if (r.explicitCredentials) {
        this.unknown(`${r.service} ${r.operation}: the client is built with credentials of its own, so the call runs with those, not the execution role (not added to the policy)`, loc);
        continue;
      }
      const needs = permissionsFor(r.service, r.operation, r.inputView ?? (r.input ? this.view(r.input) : undefined));
      if (!needs) {
        this.unknown(`${r.service} ${r.operation}: no IAM action known for this operation`, loc);
        continue;
      }
      if (needs.length === 0) {
        calls.push({ service: r.service, operation: r.operation, sdk: r.sdk, style: r.style, actions: [], resource: { kind: 'none' }, loc });
        continue;
      }
      const region = r.region ? { region: this.regionExpression(r.region) } : {};
      for (const n of needs) {
        for (const resource of this.resources(n, r.input)) {
          const call: AwsCall = { service: r.service, operation: r.operation, sdk: r.sdk, style: r.style, actions: n.actions, resource, ...(n.resourceType && resource.kind !== 'none' ? { resourceType: n.resourceType } : {}), ...region, loc };
          const key = JSON.stringify([call.actions, call.resource, call.resourceType, loc.file, loc.line, loc.column]);
          if (seen.has(key)) continue;
          seen.add(key);
          calls.push(call);
        }
      }
    }
    return calls;
  }

  /** A client Region as written in an ARN: the literal, the template value of its variable (`${Param}`), or `*`. */
  private regionExpression(v: Value): string {
    if (v.k === 'str' && /^[a-z0-9-]+$/.test(v.v)) return v.v;
    if (v.k === 'env') {
      const env = this.fn.environment.find((e) => e.name === v.name);
      if (typeof env?.value === 'string' && /^[a-z0-9-]+$/.test(env.value)) return env.value;
      const ref = env?.value && typeof env.value === 'object' && !Array.isArray(env.value) ? (env.value as { Ref?: unknown }).Ref : undefined;
      if (typeof ref === 'string') return ref === 'AWS::Region' ? '${AWS::Region}' : `\${${ref}}`;
    }
    return '*';
  }

  private view(value: Value): InputView {
    const ev = this.evaluator;
    const self = this;
    return {
      field(name) {
        if (value.k === 'object') {
          const f = ev.objectField(value, name);
          return f ? self.view(f) : undefined;
        }
        if (value.k === 'alts') {
          const fields = value.values.map((v) => (v.k === 'object' ? ev.objectField(v, name) : ev.member(v, name))).filter((v): v is Value => !!v);
          return fields.length ? self.view(alternatives(fields)) : undefined;
        }
        if (value.k === 'str' || value.k === 'env' || value.k === 'concat') return undefined;
        return self.view(value.k === 'unknown' ? { k: 'unknown', reason: `the call's input is not known (${value.reason})` } : ev.member(value, name));
      },
      entries() {
        if (value.k !== 'object') return undefined;
        return ev.objectEntries(value).map((e) => ({ key: self.view(e.key), value: self.view(e.value) }));
      },
      items() {
        if (value.k !== 'array') return undefined;
        return value.items.map((i) => self.view(ev.eval(i.node, i.scope, i.mod)));
      },
      text() {
        return value.k === 'str' ? value.v : undefined;
      },
      split(separator: string) {
        if (value.k !== 'concat') return undefined;
        for (let i = 0; i < value.parts.length; i++) {
          const part = value.parts[i]!;
          if (part.k !== 'str' || !part.v.includes(separator)) continue;
          const at = part.v.indexOf(separator);
          const left = [...value.parts.slice(0, i), { k: 'str', v: part.v.slice(0, at) } as Value].filter((p) => !(p.k === 'str' && p.v === ''));
          const right = [{ k: 'str', v: part.v.slice(at + separator.length) } as Value, ...value.parts.slice(i + 1)].filter((p) => !(p.k === 'str' && p.v === ''));
          const join = (ps: Value[]): Value => (ps.length === 1 ? ps[0]! : ps.length === 0 ? { k: 'str', v: '' } : { k: 'concat', parts: ps });
          return [self.view(join(left)), self.view(join(right))];
        }
        return undefined;
      },
      value,
    } as InputView & { value: Value };
  }

  private resources(n: PermissionNeed, input: Value | undefined): CallResource[] {
    if (n.wildcard) return [{ kind: 'none' }];
    const param = n.param ?? 'resource';
    const sub = this.subResource(n);
    const withSub = <T extends CallResource>(r: T): T => (sub !== undefined && r.kind !== 'none' && r.kind !== 'unknown' ? { ...r, subResource: sub } : r);
    if (!n.target) {
      if (n.defaultName) return [withSub({ kind: 'literal', value: n.defaultName, param })];
      if (n.unresolved) return [{ kind: 'unknown', param, reason: n.unresolved }];
      if (!input) return [{ kind: 'unknown', param, reason: `the call passes no input, so ${param} is not known` }];
      return [{ kind: 'unknown', param, reason: `${param} is not set in the call's input as written` }];
    }
    const value = (n.target as InputView & { value?: Value }).value;
    const text = n.target.text();
    if (value === undefined) return text !== undefined ? [withSub({ kind: 'literal', value: text, param })] : [{ kind: 'unknown', param, reason: `${param} not known` }];
    return this.valueResources(value, param).map(withSub);
  }

  private subResource(n: PermissionNeed): string | undefined {
    const value = (n.sub as (InputView & { value?: Value }) | undefined)?.value;
    const text = n.sub?.text();
    if (n.resourceType === 'object') {
      if (text !== undefined) return text;
      if (value?.k === 'concat' && value.parts[0]?.k === 'str') return `${value.parts[0].v}*`;
      return '*';
    }
    if (n.resourceType === 'index') return text !== undefined ? `index/${text}` : 'index/*';
    return undefined;
  }

  private valueResources(value: Value, param: string): CallResource[] {
    switch (value.k) {
      case 'str':
        return [{ kind: 'literal', value: value.v, param }];
      case 'env': {
        const env = this.fn.environment.find((e) => e.name === value.name);
        if (env?.resourceId) return [{ kind: 'env', variable: value.name, param, resourceId: env.resourceId }];
        return [{ kind: 'env', variable: value.name, param }];
      }
      case 'event':
        return this.eventResources(value.path, param);
      case 'alts':
        return value.values.flatMap((v) => this.valueResources(v, param));
      case 'concat': {
        const folded = this.foldEnv(value);
        if (folded !== undefined) return [{ kind: 'literal', value: folded, param }];
        return [{ kind: 'unknown', param, reason: `${param} is built at run time (${describe(value)})` }];
      }
      case 'unknown':
        return [{ kind: 'unknown', param, reason: `${param}: ${value.reason}` }];
      default:
        return [{ kind: 'unknown', param, reason: `${param} is not a name leash can read (${value.k})` }];
    }
  }

  /** A concatenation whose non-literal parts are environment variables with literal values in the template. */
  private foldEnv(value: Extract<Value, { k: 'concat' }>): string | undefined {
    let out = '';
    for (const p of value.parts) {
      if (p.k === 'str') out += p.v;
      else if (p.k === 'env') {
        const env = this.fn.environment.find((e) => e.name === p.name);
        if (!env || typeof env.value !== 'string') return undefined;
        out += env.value;
      } else return undefined;
    }
    return out;
  }

  /**
   * `event.ResourceProperties.X` in a custom resource handler: property X of the stack's custom
   * resources whose ServiceToken is this function (a stack resource, or a literal name).
   */
  private customResourceProperty(name: string, param: string): CallResource[] | undefined {
    const own = this.fn.logicalId;
    const customs = this.stack.resources.filter((r) => (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource') && referencedLogicalId(r.properties.ServiceToken as CfnValue) === own);
    if (!customs.length) return undefined;
    return customs.map((r): CallResource => {
      const value = r.properties[name];
      const id = value === undefined ? undefined : referencedLogicalId(value);
      if (id && this.stack.resources.some((x) => x.id === id)) return { kind: 'event', param, triggerKind: 'custom-resource', path: `event.ResourceProperties.${name}`, resourceId: id };
      if (typeof value === 'string') return { kind: 'literal', value, param };
      return { kind: 'unknown', param, reason: `${param} is property ${name} of custom resource ${r.id}, ${value === undefined ? 'which does not set it' : 'whose value leash cannot resolve'}` };
    });
  }

  private eventResources(path: readonly string[], param: string): CallResource[] {
    const p = path.join('.');
    if (path[0] === 'ResourceProperties' && path.length === 2) {
      const fromCustom = this.customResourceProperty(path[1]!, param);
      if (fromCustom) return fromCustom;
    }
    let kinds: string[] = [];
    if (/^Records\.\*\.s3\.bucket\.name$/.test(p)) kinds = ['s3'];
    else if (/^Records\.\*\.eventSourceARN$/.test(p)) kinds = ['sqs', 'dynamodb-stream', 'kinesis'];
    else if (/^Records\.\*\.Sns\.TopicArn$/.test(p)) kinds = ['sns'];
    const triggers = this.fn.triggers.filter((t) => kinds.includes(t.kind));
    if (!triggers.length) return [{ kind: 'unknown', param, reason: `${param} is read from the event (event.${p})${kinds.length ? ` but the function has no ${kinds.join('/')} trigger` : ', which does not name a resource of the stack'}` }];
    return triggers.map((t) => {
      const r: { kind: 'event'; param: string; triggerKind: string; path: string; resourceId?: string } = { kind: 'event', param, triggerKind: t.kind, path: `event.${p}` };
      if (t.source?.resourceId) r.resourceId = t.source.resourceId;
      return r;
    });
  }
}

function literalOf(v: Value): string | undefined {
  return v.k === 'str' ? v.v : undefined;
}

function describe(v: Value): string {
  switch (v.k) {
    case 'str':
      return JSON.stringify(v.v);
    case 'env':
      return `process.env.${v.name}`;
    case 'event':
      return `event.${v.path.join('.')}`;
    case 'concat':
      return v.parts.map(describe).join(' + ');
    case 'unknown':
      return `<${v.reason}>`;
    default:
      return `<${v.k}>`;
  }
}

export { literalString };
