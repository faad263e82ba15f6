/**
 * YAML (and JSON, which is YAML 1.2) templates through the `yaml` package: one parse, then our own
 * walk of the node tree that rewrites CloudFormation short forms to their long form, keeps the
 * last of duplicate keys (with a warning), caps alias expansion and records every span.
 */
import { Lexer, LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { CollectionTag, Document, Node, ScalarTag } from 'yaml';
import type { Diagnostic } from '../../model/source.js';
import type { CfnValue } from '../../model/values.js';
import { CFN_TAG_FUNCTIONS, isCfnTag, toLongForm } from './cfn-tags.js';
import { MAX_ALIAS_CHARACTERS, MAX_ALIAS_NODES, MAX_DEPTH } from './limits.js';
import { PositionIndex, type Span } from './positions.js';

/** One tag entry per function and node kind: the nodes keep their tag, our walk rewrites them. */
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = CFN_TAG_FUNCTIONS.flatMap((name): (ScalarTag | CollectionTag)[] => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq', resolve: (value) => value },
  { tag: `!${name}`, collection: 'map', resolve: (value) => value },
]);

export class ParseAbort extends Error {
  constructor(
    readonly code: 'ERR_LEASH_PARSE' | 'ERR_LEASH_ALIAS_LIMIT',
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface YamlParseResult {
  readonly value: CfnValue;
  readonly index: PositionIndex;
  readonly lineCounter: LineCounter;
  /** Syntax errors from the YAML parser: when present, `value` is not to be trusted. */
  readonly syntaxErrors: { message: string; line: number; column: number }[];
  readonly diagnostics: Diagnostic[];
}

function firstLine(message: string): string {
  const cut = message.indexOf(' at line ');
  const text = cut > 0 ? message.slice(0, cut) : message.split('\n')[0]!;
  return text.trim();
}

/** Assign without letting a `__proto__` key change the prototype. */
function setKey(target: Record<string, CfnValue>, key: string, value: CfnValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Throws when the document nests deeper than {@link MAX_DEPTH}: the parser builds its whole syntax
 * tree first, and a 9 MB file of nested brackets (or of `- - - ...` on one line) took it past 4 GB
 * of memory, a fatal abort. The check reads the parser's own tokens (quoted strings and block
 * scalars are whole tokens): flow collections (`[`, `{`) open, plus the block indicators (`-`, `?`,
 * `:`) of the current line, each of which opens a level when written compactly. Indentation
 * nests too, but a level per indented line stays within the file size limit. It lexes only files
 * that could nest that deep: that many opening brackets, or a line with that many indicator
 * characters.
 */
function checkDepth(text: string): void {
  if (!couldNestTooDeep(text)) return;
  let flow = 0;
  let line = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') flow++;
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1);
    else if (flow === 0 && (token === '-' || token === '?' || token === ':')) line++;
    else if (token.includes('\n')) line = 0;
    if (flow + line > MAX_DEPTH) throw new ParseAbort('ERR_LEASH_PARSE', `nesting deeper than ${MAX_DEPTH} levels`, offset);
    offset += token.length;
  }
}

function couldNestTooDeep(text: string): boolean {
  let opening = 0;
  let indicators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) opening++;
    else if (c === 45 || c === 63 || c === 58) indicators++;
    else if (c === 10) indicators = 0;
    if (opening > MAX_DEPTH || indicators > MAX_DEPTH) return true;
  }
  return false;
}

export function parseYaml(text: string, file: string): YamlParseResult {
  checkDepth(text);
  const lineCounter = new LineCounter();
  const index = new PositionIndex();
  const diagnostics: Diagnostic[] = [];
  const doc = parseDocument(text, {
    customTags: CUSTOM_TAGS,
    lineCounter,
    uniqueKeys: false,
    strict: false,
    prettyErrors: true,
    keepSourceTokens: false,
  });
  const syntaxErrors = doc.errors.map((error) => ({
    message: firstLine(error.message),
    line: error.linePos?.[0].line ?? 1,
    column: error.linePos?.[0].col ?? 1,
  }));
  for (const warning of doc.warnings) {
    const line = warning.linePos?.[0].line;
    const column = warning.linePos?.[0].col;
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      diagnostics.push({
        severity: 'error',
        code: 'ERR_LEASH_UNKNOWN_TAG',
        message: `${firstLine(warning.message)}: not a CloudFormation intrinsic function tag (its value was read without the tag)`,
        file,
        ...(line !== undefined ? { line } : {}),
        ...(column !== undefined ? { column } : {}),
      });
    }
  }
  if (syntaxErrors.length > 0 || doc.contents === null) {
    return { value: null, index, lineCounter, syntaxErrors, diagnostics };
  }
  const value = new Converter(doc, index, lineCounter, file, diagnostics, text).root();
  return { value, index, lineCounter, syntaxErrors, diagnostics };
}

/** What a node stands for once its aliases are expanded: nodes, and characters of its scalars. */
interface ExpandedSize {
  readonly nodes: number;
  readonly characters: number;
}

class Converter {
  private aliasNodes = 0;
  private aliasCharacters = 0;
  private readonly sizes = new Map<Node, ExpandedSize>();
  private readonly converted = new Map<Node, CfnValue>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly index: PositionIndex,
    private readonly lineCounter: LineCounter,
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
    private readonly text: string,
  ) {}

  root(): CfnValue {
    const contents = this.doc.contents as Node;
    this.index.rootSpan = this.span(contents);
    return this.convert(contents, 0);
  }

  /** The node's span, starting at its tag when it has one (the parser's range starts after it). */
  private span(node: Node | null | undefined): Span {
    const range = node?.range;
    if (!range) return this.index.rootSpan;
    let start = range[0];
    const tag = node?.tag;
    if (tag !== undefined && tag.startsWith('!')) {
      let i = start - 1;
      while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t' || this.text[i] === '\n' || this.text[i] === '\r')) i--;
      if (i + 1 >= tag.length && this.text.slice(i + 1 - tag.length, i + 1) === tag) start = i + 1 - tag.length;
    }
    return { start, end: range[1] };
  }

  private warn(code: string, message: string, offset: number): void {
    const pos = this.lineCounter.linePos(offset);
    this.diagnostics.push({ severity: 'warning', code, message, file: this.file, line: pos.line, column: pos.col });
  }

  /** What `node` stands for once its aliases are expanded (memoised: linear even for a bomb). */
  private expandedSize(node: Node, depth: number): ExpandedSize {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH) throw new ParseAbort('ERR_LEASH_PARSE', `nesting deeper than ${MAX_DEPTH} levels`, node.range?.[0] ?? 0);
    let nodes = 1;
    let characters = isScalar(node) && typeof node.value === 'string' ? node.value.length : 0;
    const add = (inner: ExpandedSize): void => {
      nodes += inner.nodes;
      characters += inner.characters;
    };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target) {
        const inner = this.expandedSize(target, depth + 1);
        nodes = inner.nodes;
        characters = inner.characters;
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        nodes += 1;
        if (pair.value) add(this.expandedSize(pair.value as Node, depth + 1));
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (item) add(this.expandedSize(item as Node, depth + 1));
        else nodes += 1;
      }
    }
    const size = { nodes: Math.min(nodes, Number.MAX_SAFE_INTEGER), characters: Math.min(characters, Number.MAX_SAFE_INTEGER) };
    this.sizes.set(node, size);
    return size;
  }

  private convert(node: Node | null | undefined, depth: number): CfnValue {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) throw new ParseAbort('ERR_LEASH_PARSE', `nesting deeper than ${MAX_DEPTH} levels`, node.range?.[0] ?? 0);
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) return null; // the parser already reported the unresolved alias
      const size = this.expandedSize(target, depth);
      this.aliasNodes += size.nodes;
      this.aliasCharacters += size.characters;
      if (this.aliasNodes > MAX_ALIAS_NODES) {
        throw new ParseAbort(
          'ERR_LEASH_ALIAS_LIMIT',
          `YAML aliases expand to more than ${MAX_ALIAS_NODES} nodes (an alias bomb?); refusing to expand them`,
          node.range?.[0] ?? 0,
        );
      }
      // A few aliases of a long string are as large as many of a short one once something joins or prints them.
      if (this.aliasCharacters > MAX_ALIAS_CHARACTERS) {
        throw new ParseAbort('ERR_LEASH_ALIAS_LIMIT', `YAML aliases expand to more than ${MAX_ALIAS_CHARACTERS} characters; refusing to expand them`, node.range?.[0] ?? 0);
      }
      const cached = this.converted.get(target);
      if (cached !== undefined) return cached;
      const value = this.convert(target, depth + 1);
      this.converted.set(target, value);
      return value;
    }
    let value: CfnValue;
    const tag = node.tag;
    if (isScalar(node)) {
      const raw = node.value;
      value = raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
      if (typeof raw === 'bigint') value = Number(raw);
    } else if (isMap(node)) {
      value = this.convertMap(node, depth);
    } else if (isSeq(node)) {
      const list: CfnValue[] = [];
      const children = this.index.children(list);
      node.items.forEach((item, i) => {
        list.push(this.convert(item as Node, depth + 1));
        children.set(i, this.span(item as Node));
      });
      value = list;
    } else {
      value = null;
    }
    if (tag !== undefined && isCfnTag(tag)) {
      const long = toLongForm(tag, value, isScalar(node));
      const span = this.span(node);
      if (typeof long === 'object' && long !== null && !Array.isArray(long)) {
        for (const key of Object.keys(long)) {
          this.index.children(long).set(key, span);
          const inner = long[key];
          if (Array.isArray(inner) && inner !== value) {
            const innerChildren = this.index.children(inner);
            inner.forEach((_, i) => innerChildren.set(i, span));
          }
        }
      }
      return long;
    }
    return value;
  }

  private convertMap(node: Extract<Node, { items: unknown[] }> & { items: { key: unknown; value: unknown }[] }, depth: number): CfnValue {
    const target: Record<string, CfnValue> = {};
    const children = this.index.children(target);
    const merges: { value: CfnValue; span: Span }[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = this.keyText(keyNode, depth);
      const valueNode = pair.value as Node | null;
      const keySpan = this.span(keyNode);
      const span: Span = { start: keySpan.start, end: valueNode?.range ? valueNode.range[1] : keySpan.end };
      if (key === '<<' && isScalar(keyNode) && keyNode.tag === undefined) {
        merges.push({ value: this.convert(valueNode, depth + 1), span });
        continue;
      }
      if (Object.hasOwn(target, key)) {
        const previous = children.get(key);
        const previousLine = previous ? this.lineCounter.linePos(previous.start).line : undefined;
        this.warn(
          'WARN_LEASH_DUPLICATE_KEY',
          `duplicate key "${key}"${previousLine !== undefined ? ` (first at line ${previousLine})` : ''}: the last one wins, the earlier value is ignored`,
          keySpan.start,
        );
      }
      setKey(target, key, this.convert(valueNode, depth + 1));
      children.set(key, span);
    }
    // YAML merge keys: explicit keys win over merged ones, earlier merges over later ones.
    for (const merge of merges) {
      const sources = Array.isArray(merge.value) ? merge.value : [merge.value];
      for (const source of sources) {
        if (typeof source !== 'object' || source === null || Array.isArray(source)) continue;
        for (const [key, value] of Object.entries(source)) {
          if (Object.hasOwn(target, key)) continue;
          setKey(target, key, value);
          children.set(key, merge.span);
        }
      }
    }
    return target;
  }

  private keyText(keyNode: Node | null, depth: number): string {
    if (keyNode === null || keyNode === undefined) return '';
    if (isScalar(keyNode)) return keyNode.value === null ? '' : String(keyNode.value);
    const value = this.convert(keyNode, depth + 1);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
