/**
 * Serverless Framework variables (`${source:address, fallback}`), resolved offline.
 *
 * Resolved: `${self:...}`, `${sls:stage}`, `${opt:x}` (from the scan options), `${aws:region}`,
 * `${file(./x.yml):key}` (YAML/JSON inside the scan root: a file outside it, in the home directory,
 * or not a regular file is not read and stays unknown), `${strToBool(...)}`, fallbacks (quoted
 * literals, numbers, booleans, nested variables, the legacy bare `self:x` form), and `${env:X}`
 * only when the caller opts in.
 *
 * Kept as {@link Unknown} (with the reason and where it was written): `${ssm:}`, `${cf:}`,
 * `${s3:}`, `${aws:accountId}`, `${param:}`, `${git:}`, JavaScript files, plugin sources... A
 * value that cannot be known offline is never guessed.
 *
 * `${env:X}` without `readEnv` behaves as if the environment were empty: the fallback applies when
 * there is one (so scans are reproducible); without one the value is Unknown. With `readEnv`, every
 * value read is in {@link ResolveResult.environmentValues}: the environment of a CI job holds its
 * secrets, so reports print none of them in full (`AppModel.sensitiveValues`).
 */
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { refusalDiagnostic, refusalReason, type Refusal } from '../../fs/confined.js';
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import { isPlainObject, isUnknown, unknown, type CfnValue, type Unknown } from '../../model/values.js';
import { MAX_DEPTH as MAX_VALUE_DEPTH } from '../parse/limits.js';

export type Path = readonly (string | number)[];

/** A YAML/JSON document the resolver can read: the serverless.yml itself or a `${file()}` target. */
export interface VariableDocument {
  readonly value: unknown;
  /** Location of `path` in this document. */
  locate(path: Path): SourceLocation;
}

export interface VariableContext {
  /** Absolute path of the service directory (where serverless.yml is). */
  readonly serviceDir: string;
  /** `--stage`, when given. */
  readonly stage?: string;
  /** `--region` and any other `${opt:x}`. */
  readonly options: Readonly<Record<string, string>>;
  readonly readEnv: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Read (through the scan root) and parse a `${file()}` target: the document, or why it was not
   * read. Throws a message for a file that was read but does not parse.
   */
  loadFile(absPath: string): VariableDocument | Refusal;
  /** A path as written in the input, fit to print (no absolute path of the machine). */
  showPath(written: string): string;
}

/** One variable leash left unresolved, for reporting. */
export interface UnresolvedVariable {
  readonly expression: string;
  readonly reason: string;
  readonly loc: SourceLocation;
}

export interface ResolveResult {
  readonly value: unknown;
  readonly unresolved: UnresolvedVariable[];
  readonly diagnostics: Diagnostic[];
  /** Every value `${env:}` read, wherever it went: never to be printed in full. */
  readonly environmentValues: string[];
}

/** Variables nested deeper than this (through `self:` chains or files) are a loop in all but name. */
const MAX_DEPTH = 32;
/**
 * Steps the variables of one serverless.yml (with its `${file()}`s) may take: one per variable
 * resolved, one per node a variable copies (`${self:}`, `${self:custom}`, a whole `${file()}`).
 * A real service takes thousands; a few thousand `${self:}` that each copy the file take billions.
 */
export const MAX_VARIABLE_STEPS = 1_000_000;
const STEPS_EXCEEDED = `resolving the variables of this file takes more than ${MAX_VARIABLE_STEPS} steps`;
/**
 * What the resolved variables may add to the configuration, in characters and nodes: each
 * variable's value counted where it is used (a value used twice counts twice, as everything after
 * the resolver reads it twice). A few variables that each double the one before would otherwise
 * make gigabytes from a 14-line file. As much again as the largest file leash reads.
 */
export const MAX_VARIABLE_EXPANSION = 10_000_000;

/** Sources that are resolved at deploy time in AWS (or by plugins) and are therefore unknown offline. */
const DEPLOY_TIME_SOURCES: Readonly<Record<string, string>> = {
  ssm: 'an SSM parameter, read at deploy time',
  cf: 'a CloudFormation output of another stack, read at deploy time',
  s3: 'an S3 object, read at deploy time',
  git: 'git metadata',
  secrets: 'a secret source resolved at deploy time',
  construct: 'a Lift construct output',
  terraform: 'Terraform state',
  vault: 'a Vault secret',
  doppler: 'a Doppler secret',
};

/** `source:` or `source(param)` or `source(param):`, at the start of a variable. */
const VARIABLE_START = /^([a-zA-Z][a-zA-Z0-9]*)\s*(\(([^)]*)\))?\s*(:|$)/;

class CycleError extends Error {
  constructor(
    readonly key: string,
    readonly label: string,
  ) {
    super(label);
  }
}

/** Where a string being resolved lives: which document and which path. */
interface Origin {
  readonly doc: VariableDocument;
  readonly docKey: string;
  readonly path: Path;
}

/** A `${file()}` target that was read but does not parse. */
interface Unparsable {
  readonly kind: 'unparsable';
  readonly message: string;
}

/** Parsed `${...}` occurrences of a string: start/end offsets of each top-level variable. */
interface Span {
  readonly start: number;
  readonly end: number;
  readonly inner: string;
}

/** Top-level `${...}` spans, nesting aware. Only spans that look like Serverless variables count. */
export function findVariables(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    let depth = 0;
    let end = -1;
    for (let j = open; j < text.length; j++) {
      if (text[j] === '$' && text[j + 1] === '{') {
        depth++;
        j++;
      } else if (text[j] === '}') {
        depth--;
        if (depth === 0) {
          end = j;
          break;
        }
      }
    }
    if (end < 0) break;
    const inner = text.slice(open + 2, end);
    if (isServerlessVariable(inner)) {
      spans.push({ start: open, end: end + 1, inner });
      i = end + 1;
    } else {
      i = open + 2;
    }
  }
  return spans;
}

/**
 * `self:x`, `opt:stage`, `file(./x.yml):k`, `sls:stage`... but not CloudFormation `Fn::Sub`
 * placeholders (`${AWS::Region}`, `${Table.Arn}`, `${MyParam}`), which stay as written.
 */
function isServerlessVariable(inner: string): boolean {
  const trimmed = inner.trim();
  if (trimmed === 'self') return true;
  const m = VARIABLE_START.exec(trimmed);
  if (!m) return false;
  // `AWS::Region` has a second colon right after the first: a CloudFormation pseudo parameter.
  if (m[4] === ':' && trimmed[m[0].length] === ':') return false;
  // `${Name}` without a colon is a `Fn::Sub` placeholder; `${file(x)}` / `${strToBool(x)}` are variables.
  return m[4] === ':' || m[2] !== undefined;
}

function hasVariables(value: unknown): boolean {
  return typeof value === 'string' && findVariables(value).length > 0;
}

/** Split `a, 'b, c', ${x, y}` at top-level commas. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depthBrace = 0;
  let depthParen = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      current += c;
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{') depthBrace++;
    else if (c === '}') depthBrace--;
    else if (c === '(') depthParen++;
    else if (c === ')') depthParen--;
    if (c === ',' && depthBrace === 0 && depthParen === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current.trim());
  return parts;
}

/** The result of one source lookup: a value, "not found" (fallbacks apply), or unknown. */
type Lookup = { readonly found: true; readonly value: unknown } | { readonly found: false; readonly why: string };

export class VariableResolver {
  private readonly memo = new Map<string, unknown>();
  private readonly inProgress = new Set<string>();
  private readonly unresolved: UnresolvedVariable[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly files = new Map<string, VariableDocument | Refusal | Unparsable>();
  /** Read by `${env:}` so far (resolveAll, then stage() and region() may read more). */
  readonly environmentValues = new Set<string>();
  private readonly main: Origin;
  private depth = 0;
  private steps = 0;
  private expansion = 0;
  /** Limits already reported (one diagnostic each: what follows is unknown for the same reason). */
  private readonly limitsHit = new Set<string>();
  /** Size and height of resolved values, computed once per object. */
  private readonly measures = new WeakMap<object, { size: number; height: number }>();

  constructor(
    private readonly config: VariableDocument,
    private readonly ctx: VariableContext,
  ) {
    this.main = { doc: config, docKey: '', path: [] };
  }

  resolveAll(): ResolveResult {
    const value = this.resolveTree(this.config.value, this.main, false);
    return { value, unresolved: this.unresolved, diagnostics: this.diagnostics, environmentValues: [...this.environmentValues] };
  }

  /** The stage Serverless deploys to: `--stage`, else `provider.stage`, else `dev`. */
  stage(): unknown {
    if (this.ctx.stage !== undefined) return this.ctx.stage;
    const lookup = this.lookupSelf(['provider', 'stage']);
    if (lookup.found && lookup.value !== undefined && lookup.value !== null) return lookup.value;
    return 'dev';
  }

  region(): unknown {
    if (this.ctx.options.region !== undefined) return this.ctx.options.region;
    const lookup = this.lookupSelf(['provider', 'region']);
    if (lookup.found && lookup.value !== undefined && lookup.value !== null) return lookup.value;
    return 'us-east-1';
  }

  /**
   * `node` with its variables resolved. `copy`: the walk makes a copy for a variable (`${self:}`,
   * `${self:custom}`, a whole `${file()}`), so each node it visits is a step (the walk of the file
   * itself is not).
   */
  private resolveTree(node: unknown, origin: Origin, copy = true): unknown {
    if (typeof node === 'string') return this.resolveStringAt(node, origin);
    const children = Array.isArray(node) ? node.map((item, i) => [i, item] as const) : isPlainObject(node) && !isUnknown(node) ? Object.entries(node) : undefined;
    if (children === undefined) return node;
    if (copy) {
      this.steps += children.length + 1;
      if (this.steps > MAX_VARIABLE_STEPS) {
        const where = origin.path.join('.') || 'the document';
        return this.limit('MAX_VARIABLE_STEPS', STEPS_EXCEEDED, origin, where, `the copy of ${where} a variable makes`);
      }
    }
    const resolved = children.map(([key, child]) => [key, this.resolveTree(child, { ...origin, path: [...origin.path, key] }, copy)] as const);
    return Array.isArray(node) ? resolved.map(([, value]) => value) : Object.fromEntries(resolved);
  }

  private memoKey(origin: Origin): string {
    return `${origin.docKey}#${JSON.stringify(origin.path)}`;
  }

  /** Resolve the string at `origin` once (memoised), detecting cycles. */
  private resolveStringAt(text: string, origin: Origin): unknown {
    if (!hasVariables(text)) return text;
    const key = this.memoKey(origin);
    if (this.memo.has(key)) return this.memo.get(key);
    if (this.inProgress.has(key)) throw new CycleError(key, origin.path.join('.'));
    this.inProgress.add(key);
    let result: unknown;
    try {
      result = this.resolveString(text, origin);
    } catch (error) {
      this.inProgress.delete(key);
      if (!(error instanceof CycleError) || error.key !== key) throw error;
      // The frame the cycle started from: report it here, keep the value unknown.
      const loc = origin.doc.locate(origin.path);
      const reason = `circular variable reference (through ${error.message})`;
      this.diagnostics.push({ severity: 'error', code: 'ERR_LEASH_CIRCULAR_REFERENCE', message: `Serverless variable ${text} refers back to itself: ${reason}`, file: loc.file, line: loc.line, column: loc.column });
      result = this.markUnknown(reason, origin, text);
    }
    this.inProgress.delete(key);
    result = this.bounded(result, origin, text);
    this.memo.set(key, result);
    return result;
  }

  /**
   * `result`, the value of the variables at `origin`, unless it goes past a limit: the expansion of
   * all variables of the file, or the depth a document may have once the value is in place.
   */
  private bounded(result: unknown, origin: Origin, text: string): unknown {
    if (isUnknown(result)) return result;
    const { size, height } = this.measure(result);
    if (origin.path.length + height > MAX_VALUE_DEPTH) {
      return this.limit('MAX_DEPTH', `its value would nest the document deeper than ${MAX_VALUE_DEPTH} levels`, origin, shortText(text));
    }
    this.expansion += size;
    return this.expansion > MAX_VARIABLE_EXPANSION ? this.expansionLimit(origin, shortText(text)) : result;
  }

  private expansionLimit(origin: Origin, text: string): Unknown {
    return this.limit('MAX_VARIABLE_EXPANSION', `the variables of this file expand to more than ${MAX_VARIABLE_EXPANSION} characters and values`, origin, text);
  }

  /** Characters and nodes of a resolved value, and its height (shared objects are measured once). */
  private measure(value: unknown): { size: number; height: number } {
    if (typeof value === 'string') return { size: value.length + 1, height: 0 };
    if (typeof value !== 'object' || value === null) return { size: 1, height: 0 };
    const known = this.measures.get(value);
    if (known) return known;
    let size = 1;
    let height = 0;
    if (isUnknown(value)) {
      // The expression as written is what a report shows of it.
      if (value.expr !== undefined) size += this.measure(value.expr).size;
    } else {
      for (const [key, child] of Object.entries(value)) {
        const inner = this.measure(child);
        size += inner.size + key.length;
        height = Math.max(height, inner.height + 1);
      }
    }
    const measured = { size, height };
    this.measures.set(value, measured);
    return measured;
  }

  /**
   * The value when a limit is hit: unknown, with the limit named. The first time, an
   * ERR_LEASH_LIMIT diagnostic too (what follows is unknown for the same reason: one is enough).
   */
  private limit(name: string, what: string, origin: Origin, expression: string, subject = `Serverless variable ${expression}`): Unknown {
    const reason = `${what} (limit ${name}): not resolved`;
    const loc = origin.doc.locate(origin.path);
    if (!this.limitsHit.has(name)) {
      this.limitsHit.add(name);
      const rest = name === 'MAX_DEPTH' ? '' : '; the variables after it are not resolved either';
      this.diagnostics.push({ severity: 'error', code: 'ERR_LEASH_LIMIT', message: `${subject}: ${reason}${rest}`, file: loc.file, line: loc.line, column: loc.column });
    }
    return unknown(reason, loc, expression);
  }

  private markUnknown(reason: string, origin: Origin, expression: string): Unknown {
    const loc = origin.doc.locate(origin.path);
    this.unresolved.push({ expression, reason, loc });
    return unknown(reason, loc, expression);
  }

  /** Resolve every variable of `text`: a lone variable keeps its type; several are interpolated. */
  private resolveString(text: string, origin: Origin): unknown {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return this.markUnknown(`variables nested deeper than ${MAX_DEPTH} levels`, origin, text);
    }
    try {
      const spans = findVariables(text);
      if (spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === text.length) {
        const lookup = this.resolveExpression(spans[0]!.inner, origin);
        if (lookup.found) return lookup.value;
        return this.markUnknown(lookup.why, origin, text);
      }
      let out = '';
      let last = 0;
      // A set: strings that repeat an unknown (`${self:a}${self:a}`) would otherwise double its reason at each level.
      const reasons = new Set<string>();
      // `${aws:accountId}` inside a string becomes a `Fn::Sub` placeholder; literal `${` are escaped.
      let sub = false;
      let subOut = '';
      const inSub = isSubContext(origin.path);
      const literal = (text: string): string => (inSub ? text : text.replace(/\$\{/g, '${!'));
      // Unknown parts were recorded where they were resolved; only new reasons are recorded here.
      let recorded = true;
      for (const span of spans) {
        out += text.slice(last, span.start);
        subOut += literal(text.slice(last, span.start));
        last = span.end;
        const lookup = this.resolveExpression(span.inner, origin);
        if (!lookup.found) {
          reasons.add(lookup.why);
          recorded = false;
          out += text.slice(span.start, span.end);
        } else if (isUnknown(lookup.value)) {
          reasons.add(lookup.value.reason);
          // The unknown's own expression: for a refused `${file()}`, without an absolute path of the machine.
          out += typeof lookup.value.expr === 'string' ? lookup.value.expr : text.slice(span.start, span.end);
        } else if (lookup.value === null || lookup.value === undefined) {
          out += '';
        } else if (isPseudoRef(lookup.value)) {
          sub = true;
          out += `\${${lookup.value.Ref}}`;
          subOut += `\${${lookup.value.Ref}}`;
        } else if (typeof lookup.value === 'object') {
          if (isPlainObject(lookup.value) && Object.keys(lookup.value).length === 1) {
            // An intrinsic (`${self:custom.tableArn}` → `!GetAtt T.Arn`) inside a string cannot be interpolated offline.
            reasons.add(`${span.inner} is a CloudFormation expression inside a string`);
          } else {
            reasons.add(`${span.inner} is an object inside a string`);
          }
          recorded = false;
          out += text.slice(span.start, span.end);
        } else {
          out += String(lookup.value);
          subOut += literal(String(lookup.value));
        }
        // Many variables in one string: stop before the string itself is too large to hold.
        if (this.expansion + out.length > MAX_VARIABLE_EXPANSION) return this.expansionLimit(origin, shortText(text));
      }
      out += text.slice(last);
      subOut += literal(text.slice(last));
      if (reasons.size === 0 && sub && !inSub) return { 'Fn::Sub': subOut };
      if (reasons.size > 0) return recorded ? unknown(joinReasons(reasons), origin.doc.locate(origin.path), out) : this.markUnknown(joinReasons(reasons), origin, out);
      return out;
    } finally {
      this.depth--;
    }
  }

  /** `source:address, fallback, ...` (nested variables already allowed anywhere). */
  private resolveExpression(inner: string, origin: Origin): Lookup {
    if (++this.steps > MAX_VARIABLE_STEPS) return { found: true, value: this.limit('MAX_VARIABLE_STEPS', STEPS_EXCEEDED, origin, shortText(`\${${inner}}`)) };
    if (this.expansion > MAX_VARIABLE_EXPANSION) return { found: true, value: this.expansionLimit(origin, shortText(`\${${inner}}`)) };
    // Resolve nested variables in the expression first (`self:custom.${opt:stage}.table`), but not
    // inside fallbacks that will only be evaluated when needed.
    const parts = splitTopLevel(inner);
    const reasons = new Set<string>();
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const lookup = i === 0 ? this.resolveReference(part, origin) : this.resolveFallback(part, origin);
      if (lookup.found && lookup.value !== undefined && lookup.value !== null) {
        // A deploy-time value wins over the fallback: the fallback only applies when it is missing.
        if (isUnknown(lookup.value) && i < parts.length - 1) return { found: true, value: lookup.value };
        return lookup;
      }
      if (lookup.found && isUnknown(lookup.value)) return lookup;
      reasons.add(lookup.found ? `${part} is empty` : lookup.why);
    }
    return { found: false, why: joinReasons(reasons) };
  }

  private resolveFallback(part: string, origin: Origin): Lookup {
    const literal = parseLiteral(part);
    if (literal.ok) return { found: true, value: literal.value };
    if (hasVariables(part)) return this.resolveInline(part, origin);
    // Legacy `${opt:stage, self:provider.stage}`.
    if (/^[a-zA-Z][a-zA-Z0-9]*(\([^)]*\))?:/.test(part) || part === 'self') return this.resolveReference(part, origin);
    return { found: true, value: part };
  }

  /** A reference whose text may itself contain variables. */
  private resolveReference(part: string, origin: Origin): Lookup {
    let text = part;
    if (hasVariables(text)) {
      const inner = this.resolveInline(text, origin);
      if (!inner.found) return inner;
      if (typeof inner.value !== 'string') {
        if (isUnknown(inner.value)) return { found: false, why: inner.value.reason };
        return { found: false, why: `${part} does not name a variable` };
      }
      text = inner.value;
    }
    return this.lookupSource(text.trim(), origin);
  }

  /** Resolve `${...}` occurrences inside a fragment of an expression (not memoised: not a document node). */
  private resolveInline(text: string, origin: Origin): Lookup {
    return { found: true, value: this.resolveString(text, origin) };
  }

  private lookupSource(ref: string, origin: Origin): Lookup {
    if (ref === 'self' || ref === 'self:') return { found: true, value: this.resolveTree(this.config.value, this.main) };
    const m = VARIABLE_START.exec(ref);
    if (!m) return { found: false, why: `${ref} is not a variable` };
    const source = m[1]!;
    const param = m[3];
    const address = ref.slice(m[0].length).trim();
    switch (source) {
      case 'self': {
        const found = this.lookupSelf(splitAddress(address));
        // Serverless fills in these two when they are not written.
        if (!found.found && address === 'provider.stage') return { found: true, value: this.stage() };
        if (!found.found && address === 'provider.region') return { found: true, value: this.region() };
        return found;
      }
      case 'opt': {
        const value = this.ctx.options[address] ?? (address === 'stage' ? this.ctx.stage : undefined);
        return value === undefined ? { found: false, why: `option --${address} was not given` } : { found: true, value };
      }
      case 'sls':
        if (address === 'stage') return { found: true, value: this.stage() };
        return { found: true, value: this.markUnknown(`\${sls:${address}} is only known at deploy time`, origin, `\${${ref}}`) };
      case 'env': {
        if (!this.ctx.readEnv) return { found: false, why: `environment variable ${address} is not read (a scan does not depend on the environment it runs in)` };
        const value = this.ctx.env[address];
        if (value === undefined) return { found: false, why: `environment variable ${address} is not set` };
        this.environmentValues.add(value);
        return { found: true, value };
      }
      case 'aws':
        if (address === 'region') return { found: true, value: this.region() };
        // The deploying account: CloudFormation's own pseudo parameter says the same thing.
        if (address === 'accountId') return { found: true, value: { Ref: 'AWS::AccountId' } };
        return { found: true, value: this.markUnknown(`\${aws:${address}} is ${address.startsWith('ssm') ? 'an SSM parameter, read at deploy time' : 'only known in the AWS account'}`, origin, `\${${ref}}`) };
      case 'strToBool': {
        const arg = (param ?? '').trim();
        if (arg === 'true' || arg === '1') return { found: true, value: true };
        if (arg === 'false' || arg === '0') return { found: true, value: false };
        return { found: true, value: this.markUnknown(`strToBool(${arg}) is not a boolean`, origin, `\${${ref}}`) };
      }
      case 'file':
        return this.lookupFile(param ?? '', address, origin, ref);
      case 'param': {
        // Stage parameters written in the file (`params: {prod: {...}, default: {...}}`); others live in the Dashboard.
        const stage = this.stage();
        for (const scope of [typeof stage === 'string' ? stage : undefined, 'default']) {
          if (scope === undefined) continue;
          // v3: `params.<stage>`; v4: `stages.<stage>.params`.
          for (const path of [['params', scope, address], ['stages', scope, 'params', address]]) {
            const found = this.lookupSelf(path);
            if (found.found && found.value !== undefined && found.value !== null) return found;
          }
        }
        return { found: true, value: this.markUnknown(`\${param:${address}} is a Serverless Dashboard / CLI parameter (not under params: or stages: in this file)`, origin, `\${${ref}}`) };
      }
      default: {
        const why = DEPLOY_TIME_SOURCES[source] ?? `the variable source "${source}" (a plugin or unsupported source)`;
        return { found: true, value: this.markUnknown(`\${${ref}} is ${why}`, origin, `\${${ref}}`) };
      }
    }
  }

  /** Walk `self:` paths through the raw config, resolving variable-valued nodes on the way. */
  lookupSelf(path: readonly string[]): Lookup {
    return this.walk(this.main, path, 'self');
  }

  private walk(start: Origin, path: readonly string[], label: string): Lookup {
    let node: unknown = start.doc.value;
    let resolvedMode = false;
    const walked: (string | number)[] = [...start.path];
    for (const key of path) {
      if (!resolvedMode && typeof node === 'string' && hasVariables(node)) {
        node = this.resolveStringAt(node, { ...start, path: [...walked] });
        resolvedMode = true;
      }
      if (isUnknown(node)) return { found: true, value: node };
      const index = Array.isArray(node) && /^\d+$/.test(key) ? Number(key) : undefined;
      if (index !== undefined) node = (node as unknown[])[index];
      else if (isPlainObject(node)) node = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
      else node = undefined;
      walked.push(index ?? key);
      if (node === undefined) return { found: false, why: `${label}:${path.join('.')} is not set` };
    }
    if (!resolvedMode) node = this.resolveTree(node, { ...start, path: walked });
    return { found: true, value: node };
  }

  private lookupFile(rawPath: string, address: string, origin: Origin, ref: string): Lookup {
    const filePath = rawPath.trim().replace(/^['"]|['"]$/g, '');
    if (filePath === '') return { found: false, why: 'file() without a path' };
    const shownPath = this.ctx.showPath(filePath);
    const shownRef = `\${${ref.replace(filePath, shownPath)}}`;
    const ext = extname(filePath).toLowerCase();
    if (ext === '.js' || ext === '.cjs' || ext === '.mjs' || ext === '.ts') {
      return { found: true, value: this.markUnknown(`${shownRef} runs JavaScript (${shownPath}): not evaluated offline`, origin, shownRef) };
    }
    // `~` is the home directory of whoever runs the scan (a CI runner's holds its credentials): never the app's.
    const home = /^~(\/|\\|$)/.test(filePath);
    const abs = isAbsolute(filePath) ? filePath : resolve(this.ctx.serviceDir, filePath);
    let doc = this.files.get(abs);
    if (doc === undefined) {
      try {
        doc = home ? { kind: 'outside' } : this.ctx.loadFile(abs);
      } catch (error) {
        doc = { kind: 'unparsable', message: (error as Error).message };
      }
      this.files.set(abs, doc);
    }
    if ('kind' in doc) return this.refusedFile(doc, shownPath, shownRef, abs, origin);
    const fileOrigin: Origin = { doc, docKey: abs, path: [] };
    if (address === '') return { found: true, value: this.resolveTree(doc.value, fileOrigin) };
    return this.walk(fileOrigin, splitAddress(address), `file(${shownPath})`);
  }

  /**
   * A `${file()}` that was not read. A missing file lets the fallbacks apply, as in Serverless; a file
   * out of the root or not a regular file is named in a warning (never what it holds), and the
   * value is unknown, as it is for a file that cannot be read or parsed.
   */
  private refusedFile(refusal: Refusal | Unparsable, shownPath: string, shownRef: string, abs: string, origin: Origin): Lookup {
    if (refusal.kind === 'missing' || refusal.kind === 'directory') {
      return { found: false, why: `file ${relative(this.ctx.serviceDir, abs) || shownPath} ${refusal.kind === 'missing' ? 'does not exist' : 'is a directory'}` };
    }
    const loc = origin.doc.locate(origin.path);
    const reason = refusal.kind === 'unparsable' ? `cannot be read: ${refusal.message}` : refusalReason(refusal);
    if (refusal.kind === 'outside' || refusal.kind === 'special') this.diagnostics.push(refusalDiagnostic(refusal, shownRef, loc));
    else this.diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_FILE', message: `${shownRef}: ${shownPath} ${reason}`, file: loc.file, line: loc.line, column: loc.column });
    // Reported above: not a second time as an unresolved variable.
    return { found: true, value: unknown(`${shownRef}: ${shownPath} ${reason}`, loc, shownRef) };
  }
}

/** Why a value is unknown, from the reasons of its parts (each once, and not without end). */
function joinReasons(reasons: ReadonlySet<string>): string {
  const text = [...reasons].join('; ');
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/** A variable's text for a message, cut when long (it may be what made the value too large). */
function shortText(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A `Ref` to a pseudo parameter (`AWS::AccountId`). */
function isPseudoRef(value: unknown): value is { Ref: string } {
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.Ref === 'string' && value.Ref.startsWith('AWS::');
}

/** The string is the template of a `Fn::Sub` (`Fn::Sub: "..."` or `Fn::Sub: ["...", {...}]`): placeholders stay placeholders. */
function isSubContext(path: Path): boolean {
  const last = path[path.length - 1];
  if (last === 'Fn::Sub') return true;
  return last === 0 && path[path.length - 2] === 'Fn::Sub';
}

function splitAddress(address: string): string[] {
  return address === '' ? [] : address.split('.').map((s) => s.trim());
}

function parseLiteral(text: string): { ok: true; value: CfnValue } | { ok: false } {
  const t = text.trim();
  if (t.length >= 2 && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"')))) return { ok: true, value: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { ok: true, value: Number(t) };
  if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
  if (t === 'null') return { ok: true, value: null };
  return { ok: false };
}

export function resolveVariables(config: VariableDocument, ctx: VariableContext): ResolveResult & { stage: unknown; region: unknown } {
  const resolver = new VariableResolver(config, ctx);
  const result = resolver.resolveAll();
  const stage = resolver.stage();
  const region = resolver.region();
  return { ...result, stage, region, environmentValues: [...resolver.environmentValues] };
}

