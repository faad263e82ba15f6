/**
 * How deeply a JavaScript / TypeScript source nests, measured before the native parser sees it.
 * oxc-parser recurses on the machine stack: a few thousand nested brackets, `if`s or generic type
 * arguments overflow it and the process dies with a segfault that no `try` can catch. A file whose
 * nesting is above {@link MAX_CODE_NESTING} is therefore never handed to the parser.
 *
 * The measure is a linear scan over tokens that must never under-count, so it follows every way
 * the source can be read where a lexer alone cannot tell: a `/` after `}` (regex or division), a
 * `<` where an expression starts in JSX files (element or operator). Each reading runs as a thread;
 * threads that reach the same place in the same state merge (keeping the larger counts), threads
 * that cannot be valid JavaScript die (a string or regex running into a line end, a closer that
 * does not match). The depth is the largest any thread reaches, so whichever reading the parser
 * takes, it nests no deeper than that. Over-counting only means a file is reported as too deep.
 *
 * What counts: every open bracket (`(`, `[`, `{`, `${`, a TypeScript `<`, a JSX element) and, on
 * each bracket level, the tokens since the last point where nesting cannot continue: statement
 * prefixes (`if (...)`, `else`, `for`, labels, `return`) until the statement ends (`;`, a line
 * break that ends it, `}` and a new statement), expression tokens (keywords, prefix and infix
 * operators, closed groups) until a `,` as well. Tokens are weighed by how much stack the parser
 * spends on one level of them (measured on an 8 MB stack: about 4,400 nested generic type
 * arguments, 6,000 parentheses, 65,000 `+` or 175,000 `.` overflow it), so long but shallow code
 * (string concatenations, member chains) does not hit the limit.
 */

/** Nesting deeper than this many bracket levels (or the same weight of other nesting) is not parsed. */
export const MAX_CODE_NESTING = 1000;

/** One bracket level; the weight of tokens that nest as deeply as a bracket (keywords, `?`, `=`, `=>`). */
const LEVEL = 16;
/** Unary operators, `**`, `!`: about a quarter of a bracket's stack each. */
const UNARY = 4;
/** Left-associative binary operators. */
const BINARY = 2;
/** Member access, calls and other postfix chains. */
const POSTFIX = 1;
/** Threads alive at once past which the file counts as too ambiguous to measure (never reached by real code). */
const MAX_THREADS = 64;
/** Characters the string, regex and template scans of all threads may read: a few times the file (a fork re-reads a line). */
const MAX_SCAN_FACTOR = 4;
const MAX_SCAN_EXTRA = 1_000_000;
const MAX_KEYWORD_LENGTH = 10;

export type SourceLang = 'js' | 'ts' | 'jsx' | 'tsx';

export interface NestingResult {
  /** The largest depth found, in bracket levels (rounded up). */
  readonly depth: number;
  /** Offset where the measure stopped: the depth went above the limit, or the source reads too many ways at once. */
  readonly overAt?: number;
}

const enum Mode {
  Code,
  Template,
  JsxTag,
  JsxChildren,
}

/** Open brackets. `Head`: the `(` after `if` / `for` / `with`; `Angle`: a TypeScript `<` (type arguments or a comparison). */
const enum Kind {
  Paren,
  Head,
  WhileHead,
  Bracket,
  Brace,
  Template,
  Angle,
  JsxTag,
  JsxElement,
  JsxExpression,
}

/** What the previous token lets come next. */
const enum Prev {
  /** An expression can start: `/` is a regex, `<` may open a JSX element. */
  Operator,
  /** An expression ended: `/` divides, `<` compares. */
  Operand,
  /** Either (`}`, the `)` of `while`, `await`, `yield`, `of`, `++`): both readings are followed. */
  Either,
  /** After `.` / `?.`: a word is a property name. */
  Dot,
}

/** Pending reset of the current level's counts: after `;` (a statement ended), after `}` (one may have). */
const enum Pending {
  None,
  Semicolon,
  Brace,
}

/** A bracket level below the current one, with the counts it had when the bracket opened (immutable, shared between threads). */
interface Frame {
  readonly kind: Kind;
  readonly parent: Frame | undefined;
  readonly size: number;
  readonly outerStatement: number;
  readonly outerExpression: number;
  readonly outerPending: Pending;
}

interface Thread {
  pos: number;
  mode: Mode;
  top: Frame | undefined;
  /** The current level's statement prefixes (`if (...)`, `else`, labels...) since the statement started. */
  statement: number;
  /** The current level's expression tokens since the last `,` or statement start. */
  expression: number;
  pending: Pending;
  prev: Prev;
  /** The previous token ends an expression (an identifier, a literal, a closer): a line break then ends the statement. */
  ends: boolean;
  /** A statement starts here (a word followed by `:` is then a label). */
  statementStart: boolean;
  /** The previous token is a word read where a statement starts. */
  labelCandidate: boolean;
  /** The last two keywords, for `if (` / `for await (` heads. */
  word: string;
  word2: string;
  /** Sum of all counts and open brackets. */
  depth: number;
}

const KEYWORDS_REGEX_AFTER = new Set(['return', 'typeof', 'instanceof', 'in', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'extends', 'default']);
const KEYWORDS_EITHER = new Set(['await', 'yield', 'of']);
const OPERAND_WORDS = new Set(['this', 'super', 'null', 'true', 'false']);
/** Keywords whose statement, or expression, nests what follows up to the end of the statement (past a `,`). */
const STATEMENT_WORDS = new Set(['if', 'else', 'for', 'while', 'do', 'with', 'return', 'throw']);
/** Other words that count as a nesting level. */
const NESTING_WORDS = new Set([
  ...KEYWORDS_REGEX_AFTER,
  ...KEYWORDS_EITHER,
  'switch', 'try', 'catch', 'finally', 'function', 'class', 'const', 'let', 'var', 'async',
  'import', 'export', 'keyof', 'infer', 'is', 'asserts', 'readonly', 'unique', 'implements',
]);
/** Binary words: a binary operator's weight. */
const BINARY_WORDS = new Set(['in', 'instanceof', 'as', 'satisfies']);
/** Words that continue what came before: no new statement starts at them. */
const CONTINUING_WORDS = new Set(['else', 'catch', 'finally', 'while', 'in', 'instanceof', 'of', 'as', 'satisfies', 'extends', 'implements', 'is']);
const HEAD_WORDS = new Set(['if', 'for', 'with']);
/** `<T,>`, `<T extends U>`, `<T = U>`, `<T>(`: type parameters rather than a JSX element (TSX). */
const GENERIC_PARAMETERS = /^<\s*(?:const\s+)?[A-Za-z_$][\w$]*\s*(?:,|extends\b|=|>\s*\()/;

/** Operators by text, longest first, with their weights. */
const PUNCTUATORS: readonly (readonly [string, number])[] = [
  ['>>>=', LEVEL], ['...', LEVEL], ['===', BINARY], ['!==', BINARY], ['**=', LEVEL], ['<<=', LEVEL], ['>>=', LEVEL], ['>>>', BINARY],
  ['&&=', LEVEL], ['||=', LEVEL], ['??=', LEVEL],
  ['=>', LEVEL], ['==', BINARY], ['!=', BINARY], ['<=', BINARY], ['>=', BINARY], ['&&', BINARY], ['||', BINARY], ['??', BINARY],
  ['?.', POSTFIX], ['++', UNARY], ['--', UNARY], ['+=', LEVEL], ['-=', LEVEL], ['*=', LEVEL], ['/=', LEVEL], ['%=', LEVEL],
  ['&=', LEVEL], ['|=', LEVEL], ['^=', LEVEL], ['**', UNARY], ['<<', BINARY], ['>>', BINARY],
  ['<', BINARY], ['>', BINARY], ['+', UNARY], ['-', UNARY], ['*', BINARY], ['/', BINARY], ['%', BINARY], ['&', BINARY], ['|', BINARY], ['^', BINARY],
  ['!', UNARY], ['~', UNARY], ['?', LEVEL], [':', LEVEL], ['=', LEVEL], ['.', POSTFIX], ['@', LEVEL],
];
const PUNCTUATORS_BY_FIRST = new Map<number, (readonly [string, number])[]>();
for (const p of PUNCTUATORS) {
  const first = p[0].charCodeAt(0);
  const list = PUNCTUATORS_BY_FIRST.get(first) ?? [];
  list.push(p);
  PUNCTUATORS_BY_FIRST.set(first, list);
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x1680 || c === 0x202f || c === 0x205f;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 36 || c === 95 || c === 92;
  return !isLineTerminator(c) && !isSpace(c);
}

/** Measure the nesting of `text`; stops at the first point above {@link MAX_CODE_NESTING}. */
export function measureNesting(text: string, lang: SourceLang): NestingResult {
  return new NestingScanner(text, lang).run();
}

class NestingScanner {
  private readonly limit = MAX_CODE_NESTING * LEVEL;
  private readonly jsx: boolean;
  private readonly typescript: boolean;
  private threads: Thread[] = [];
  private max = 0;
  /** Characters read by string, regex and template scans, forks included. */
  private scanned = 0;
  private stoppedAt: number | undefined;

  constructor(
    private readonly text: string,
    lang: SourceLang,
  ) {
    this.jsx = lang === 'jsx' || lang === 'tsx';
    this.typescript = lang === 'ts' || lang === 'tsx';
  }

  run(): NestingResult {
    const start = this.text.startsWith('#!') ? this.lineEnd(2) : 0;
    this.threads = [
      { pos: start, mode: Mode.Code, top: undefined, statement: 0, expression: 0, pending: Pending.None, prev: Prev.Operator, ends: false, statementStart: true, labelCandidate: false, word: '', word2: '', depth: 0 },
    ];
    let lastDead: Thread | undefined;
    let resumedAt = -1;
    let finished = false;
    while (this.stoppedAt === undefined) {
      const thread = this.next();
      if (thread === undefined) {
        // Every reading failed: the file is not valid JavaScript here (the parser stops at its first
        // such error). Carry on from the last reading, as code, so what follows is still counted.
        if (lastDead === undefined || finished) break;
        lastDead.mode = Mode.Code;
        lastDead.pos = Math.max(lastDead.pos, resumedAt + 1);
        resumedAt = lastDead.pos;
        this.threads = [lastDead];
        lastDead = undefined;
        continue;
      }
      if (thread.pos >= this.text.length) {
        // This reading got to the end: the others are not needed for the measure any more.
        if (thread.mode === Mode.Code && thread.top === undefined) finished = true;
        this.remove(thread);
        continue;
      }
      const outcome = this.step(thread);
      if (outcome === 'dead') {
        this.remove(thread);
        lastDead = thread;
        continue;
      }
      this.record(thread);
      if (outcome !== 'ok') {
        this.record(outcome);
        this.threads.push(outcome);
      }
      if (this.threads.length > 1) this.merge();
      // So many readings at once that measuring would cost more than parsing: too ambiguous to parse.
      if (this.threads.length > MAX_THREADS || this.scanned > MAX_SCAN_FACTOR * this.text.length + MAX_SCAN_EXTRA) this.stoppedAt ??= thread.pos;
    }
    return { depth: Math.ceil(this.max / LEVEL), ...(this.stoppedAt !== undefined ? { overAt: Math.min(this.stoppedAt, this.text.length) } : {}) };
  }

  private remove(thread: Thread): void {
    this.threads.splice(this.threads.indexOf(thread), 1);
  }

  /** The thread furthest behind (threads advance together so that equal states can merge). */
  private next(): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.threads) if (best === undefined || t.pos < best.pos) best = t;
    return best;
  }

  private record(t: Thread): void {
    if (t.depth <= this.max) return;
    this.max = t.depth;
    if (this.max > this.limit) this.stoppedAt ??= t.pos;
  }

  /** Threads at the same place in the same state become one, with the larger count at every level. */
  private merge(): void {
    for (let i = 0; i < this.threads.length; i++) {
      for (let j = this.threads.length - 1; j > i; j--) {
        const a = this.threads[i]!;
        const b = this.threads[j]!;
        if (!sameState(a, b)) continue;
        a.top = mergeFrames(a.top, b.top);
        a.statement = Math.max(a.statement, b.statement);
        a.expression = Math.max(a.expression, b.expression);
        a.pending = a.pending === b.pending ? a.pending : Pending.None;
        a.depth = frameDepth(a.top) + a.statement + a.expression;
        this.threads.splice(j, 1);
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // One token of one thread: 'ok', 'dead' (not valid here; `pos` is where a recovery resumes), or a
  // second thread (a fork).

  private step(t: Thread): 'ok' | 'dead' | Thread {
    switch (t.mode) {
      case Mode.Code:
        return this.code(t);
      case Mode.Template:
        return this.template(t);
      case Mode.JsxTag:
        return this.jsxTag(t);
      case Mode.JsxChildren:
        return this.jsxChildren(t);
    }
  }

  private code(t: Thread): 'ok' | 'dead' | Thread {
    const text = this.text;
    const newline = this.skipSpace(t);
    if (newline === undefined) return 'dead';
    const p = t.pos;
    if (p >= text.length) return 'ok';
    const c = text.charCodeAt(p);

    if (isWordChar(c) && !isDigit(c)) return this.word(t, newline);
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(p + 1)))) {
      this.settle(t, newline, 'literal');
      let q = p + 1;
      while (q < text.length && (isWordChar(text.charCodeAt(q)) || text.charCodeAt(q) === 46)) q++;
      t.pos = q;
      this.operand(t);
      return 'ok';
    }
    if (c === 39 || c === 34) {
      this.settle(t, newline, 'literal');
      const end = this.stringEnd(p);
      if (end < 0) return this.dead(t, this.lineEnd(p));
      t.pos = end;
      this.operand(t);
      return 'ok';
    }
    this.settle(t, newline, (c === 43 || c === 45) && text.charCodeAt(p + 1) === c ? 'increment' : 'other');
    if (c === 96) {
      t.pos = p + 1;
      return this.template(t);
    }
    if (c === 35) {
      // `#private` name.
      let q = p + 1;
      while (q < text.length && isWordChar(text.charCodeAt(q))) q++;
      t.pos = q;
      this.operand(t);
      return 'ok';
    }
    if (c === 40 || c === 91 || c === 123) {
      t.pos = p + 1;
      this.push(t, c === 91 ? Kind.Bracket : c === 123 ? Kind.Brace : parenKind(t.word, t.word2));
      if (c === 123) t.statementStart = true;
      return 'ok';
    }
    if (c === 41 || c === 93 || c === 125) {
      t.pos = p + 1;
      return this.close(t, c);
    }
    if (c === 44) {
      t.pos = p + 1;
      this.resetExpression(t);
      this.after(t, Prev.Operator);
      return 'ok';
    }
    if (c === 59) {
      t.pos = p + 1;
      this.popAngles(t);
      t.pending = Pending.Semicolon;
      this.after(t, Prev.Operator);
      t.statementStart = true;
      return 'ok';
    }
    if (c === 47) return this.slash(t);
    if (c === 60 && this.jsx && t.prev !== Prev.Operand && t.prev !== Prev.Dot) return this.jsxOrAngle(t);
    if (c === 60 && this.typescript) {
      this.angle(t);
      return 'ok';
    }
    if (c === 62 && t.top?.kind === Kind.Angle) {
      // `>` closing type arguments (one at a time: `A<B<C>>`).
      t.pos = p + 1;
      this.pop(t);
      this.addExpression(t, POSTFIX);
      this.after(t, Prev.Operand);
      return 'ok';
    }
    return this.punctuator(t);
  }

  /**
   * Whitespace and comments before a token; whether a line break was among them (undefined: a
   * comment never ends). As in the parser, `<!--` starts a line comment anywhere, and `-->` at the
   * start of a line (Annex B's HTML-like comments).
   */
  private skipSpace(t: Thread): boolean | undefined {
    const text = this.text;
    let newline = t.pos === 0;
    let p = t.pos;
    for (;;) {
      const c = text.charCodeAt(p);
      if (isSpace(c)) p++;
      else if (isLineTerminator(c)) {
        newline = true;
        p++;
      } else if ((c === 47 && text.charCodeAt(p + 1) === 47) || (c === 60 && text.startsWith('<!--', p)) || (c === 45 && newline && text.startsWith('-->', p))) p = this.lineEnd(p + 2);
      else if (c === 47 && text.charCodeAt(p + 1) === 42) {
        const end = text.indexOf('*/', p + 2);
        if (end < 0) {
          t.pos = text.length;
          return undefined;
        }
        if (/[\n\r\u2028\u2029]/.test(text.slice(p, end))) newline = true;
        p = end + 2;
      } else break;
    }
    t.pos = p;
    return newline;
  }

  /** `/`: division after an operand, a regex where an expression starts, both where either is possible. */
  private slash(t: Thread): 'ok' | 'dead' | Thread {
    if (t.prev === Prev.Operand) return this.punctuator(t);
    if (t.prev !== Prev.Either) return this.regex(t);
    const other = { ...t };
    if (this.regex(other) === 'dead') return this.punctuator(t);
    this.punctuator(t);
    return other;
  }

  /** `<` where an expression starts in JSX files: an element, and maybe a comparison or type parameters. */
  private jsxOrAngle(t: Thread): 'ok' | Thread {
    const element = { ...t };
    element.pos = t.pos + 1;
    this.push(element, Kind.JsxTag);
    element.mode = Mode.JsxTag;
    // After an operator only an element or (TSX) the type parameters of a generic arrow function can start.
    if (t.prev === Prev.Operator && !(this.typescript && GENERIC_PARAMETERS.test(this.text.slice(t.pos, t.pos + 200)))) {
      Object.assign(t, element);
      return 'ok';
    }
    this.angle(t);
    return element;
  }

  /** A `<` read as an operator: in TypeScript it may open type arguments, so it counts as a bracket until `>`, `;` or a closer. */
  private angle(t: Thread): void {
    t.pos++;
    if (this.typescript) this.push(t, Kind.Angle);
    else {
      this.addExpression(t, BINARY);
      this.after(t, Prev.Operator);
    }
  }

  private punctuator(t: Thread): 'ok' | 'dead' {
    const text = this.text;
    const candidates = PUNCTUATORS_BY_FIRST.get(text.charCodeAt(t.pos));
    const match = candidates?.find(([s]) => text.startsWith(s, t.pos));
    // A character no JavaScript token starts with: the parser rejects the file here.
    if (match === undefined) return this.dead(t, t.pos + 1);
    const [s, listed] = match;
    // `+` / `-` after an operand add or subtract (a binary operator); elsewhere they are unary.
    const weight = (s === '+' || s === '-') && t.prev === Prev.Operand ? BINARY : listed;
    t.pos += s.length;
    const label = s === ':' && t.labelCandidate;
    if (label) this.addStatement(t, weight);
    else this.addExpression(t, weight);
    this.after(t, s === '.' || s === '?.' ? Prev.Dot : s === '++' || s === '--' ? Prev.Either : Prev.Operator);
    t.statementStart = label;
    return 'ok';
  }

  private word(t: Thread, newline: boolean): 'ok' {
    const text = this.text;
    const start = t.pos;
    let q = start + 1;
    let lower = text.charCodeAt(start) >= 97 && text.charCodeAt(start) <= 122;
    while (q < text.length) {
      const c = text.charCodeAt(q);
      if (!isWordChar(c)) break;
      if (c < 97 || c > 122) lower = false;
      q++;
    }
    t.pos = q;
    // Every word treated specially is short and lower-case: other identifiers need no string.
    const word = lower && q - start <= MAX_KEYWORD_LENGTH ? text.slice(start, q) : '';
    if (t.prev === Prev.Dot) {
      // A property name, whatever it is spelled like.
      this.settle(t, newline, 'other');
      this.operand(t);
      return 'ok';
    }
    this.settle(t, newline, CONTINUING_WORDS.has(word) ? 'continuing' : 'word');
    const statementStart = t.statementStart;
    if (OPERAND_WORDS.has(word) || !(STATEMENT_WORDS.has(word) || NESTING_WORDS.has(word) || BINARY_WORDS.has(word))) {
      this.operand(t);
      t.labelCandidate = statementStart && !OPERAND_WORDS.has(word);
      return 'ok';
    }
    // `else` itself adds no level: the `if` after it, or the block, does.
    if (STATEMENT_WORDS.has(word)) this.addStatement(t, word === 'else' ? 0 : LEVEL);
    else this.addExpression(t, BINARY_WORDS.has(word) ? BINARY : LEVEL);
    const word2 = t.word;
    this.after(t, KEYWORDS_EITHER.has(word) ? Prev.Either : Prev.Operator);
    t.word = word;
    t.word2 = word2;
    t.statementStart = word === 'else' || word === 'do';
    return 'ok';
  }

  /**
   * Apply the pending reset of the current level before a token: a new statement starts after `;`,
   * after `}` followed by a word or literal, and after a line break between an expression's end and
   * a word or literal (automatic semicolon insertion), unless the word continues (`else`, `in`...).
   */
  private settle(t: Thread, newline: boolean, token: 'word' | 'continuing' | 'literal' | 'increment' | 'other'): void {
    const startsStatement = token === 'word' || token === 'literal';
    let reset = false;
    if (t.pending === Pending.Semicolon) reset = token !== 'continuing';
    else if (t.pending === Pending.Brace) reset = startsStatement;
    if (!reset && newline && t.ends && (startsStatement || token === 'increment')) reset = true;
    t.pending = Pending.None;
    if (!reset) return;
    // A statement ended: a TypeScript `<` still open was a comparison.
    this.popAngles(t);
    t.depth -= t.statement + t.expression;
    t.statement = 0;
    t.expression = 0;
    t.statementStart = true;
  }

  /** The state after a token: what may follow, and no keyword or label pending. */
  private after(t: Thread, prev: Prev): void {
    t.prev = prev;
    t.ends = false;
    t.statementStart = false;
    t.labelCandidate = false;
    t.word = '';
    t.word2 = '';
  }

  private operand(t: Thread): void {
    this.after(t, Prev.Operand);
    t.ends = true;
  }

  /** The thread cannot be valid here; a recovery would resume at `resume`. */
  private dead(t: Thread, resume: number): 'dead' {
    t.pos = resume;
    return 'dead';
  }

  private addStatement(t: Thread, weight: number): void {
    t.statement += weight;
    t.depth += weight;
  }

  private addExpression(t: Thread, weight: number): void {
    t.expression += weight;
    t.depth += weight;
  }

  private resetExpression(t: Thread): void {
    t.depth -= t.expression;
    t.expression = 0;
  }

  private push(t: Thread, kind: Kind): void {
    t.top = { kind, parent: t.top, size: (t.top?.size ?? 0) + 1, outerStatement: t.statement, outerExpression: t.expression, outerPending: t.pending };
    t.statement = 0;
    t.expression = 0;
    t.pending = Pending.None;
    t.depth += LEVEL;
    this.after(t, Prev.Operator);
  }

  private pop(t: Thread): void {
    const frame = t.top!;
    t.depth -= LEVEL + t.statement + t.expression;
    t.statement = frame.outerStatement;
    t.expression = frame.outerExpression;
    t.pending = frame.outerPending;
    t.top = frame.parent;
  }

  /** TypeScript `<` levels still open at a closer or at the end of a statement were comparisons. */
  private popAngles(t: Thread): void {
    while (t.top?.kind === Kind.Angle) this.pop(t);
  }

  private close(t: Thread, c: number): 'ok' | 'dead' {
    this.popAngles(t);
    const kind = t.top?.kind;
    if (kind === undefined) return this.dead(t, t.pos);
    if (c === 125 && kind === Kind.Template) {
      this.pop(t);
      t.mode = Mode.Template;
      return 'ok';
    }
    if (c === 125 && kind === Kind.JsxExpression) {
      this.pop(t);
      t.mode = t.top?.kind === Kind.JsxTag ? Mode.JsxTag : Mode.JsxChildren;
      return 'ok';
    }
    const matches = c === 41 ? kind === Kind.Paren || kind === Kind.Head || kind === Kind.WhileHead : c === 93 ? kind === Kind.Bracket : kind === Kind.Brace;
    if (!matches) return this.dead(t, t.pos);
    this.pop(t);
    if (kind === Kind.Head) {
      // `if (x) /re/.test(s)`: a statement follows, nested in the `if`.
      this.addStatement(t, POSTFIX);
      this.after(t, Prev.Operator);
      t.statementStart = true;
    } else if (kind === Kind.WhileHead) {
      // `while (x)` starts a loop body, or ends a do-while.
      this.addStatement(t, POSTFIX);
      this.after(t, Prev.Either);
      t.statementStart = true;
    } else if (kind === Kind.Brace) {
      // A block, a function body or an object literal: what follows may be either.
      this.addExpression(t, POSTFIX);
      this.after(t, Prev.Either);
      t.ends = true;
      t.pending = Pending.Brace;
      t.statementStart = true;
    } else {
      this.addExpression(t, POSTFIX);
      this.operand(t);
    }
    return 'ok';
  }

  // -----------------------------------------------------------------------------------------------
  // Tokens read whole: strings, template text, regular expressions.

  /** The offset after a `'` / `"` string starting at `p`, or -1 when it runs into a line end. */
  private stringEnd(p: number): number {
    const text = this.text;
    const quote = text.charCodeAt(p);
    let q = p + 1;
    let end = -1;
    while (q < text.length) {
      const c = text.charCodeAt(q);
      if (c === quote) {
        end = q + 1;
        break;
      }
      if (c === 92) q += text.charCodeAt(q + 1) === 13 && text.charCodeAt(q + 2) === 10 ? 3 : 2;
      else if (c === 10 || c === 13) break;
      else q++;
    }
    this.scanned += q - p;
    return end;
  }

  /** Template text up to the closing backtick (an operand) or `${` (a new level). */
  private template(t: Thread): 'ok' | 'dead' {
    const text = this.text;
    const start = t.pos;
    let q = start;
    while (q < text.length) {
      const c = text.charCodeAt(q);
      if (c === 92) {
        q += 2;
        continue;
      }
      if (c === 96) {
        this.scanned += q - start;
        t.pos = q + 1;
        t.mode = Mode.Code;
        this.addExpression(t, POSTFIX);
        this.operand(t);
        return 'ok';
      }
      if (c === 36 && text.charCodeAt(q + 1) === 123) {
        this.scanned += q - start;
        t.pos = q + 2;
        t.mode = Mode.Code;
        this.push(t, Kind.Template);
        return 'ok';
      }
      q++;
    }
    return this.dead(t, text.length);
  }

  private regex(t: Thread): 'ok' | 'dead' {
    const text = this.text;
    const start = t.pos;
    let q = start + 1;
    let inClass = false;
    while (q < text.length) {
      const c = text.charCodeAt(q);
      if (isLineTerminator(c)) break;
      if (c === 92) {
        if (q + 1 >= text.length || isLineTerminator(text.charCodeAt(q + 1))) break;
        q += 2;
        continue;
      }
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) {
        q++;
        while (q < text.length && isWordChar(text.charCodeAt(q))) q++;
        this.scanned += q - start;
        t.pos = q;
        this.operand(t);
        return 'ok';
      }
      q++;
    }
    this.scanned += q - start;
    return this.dead(t, q);
  }

  private lineEnd(p: number): number {
    let q = p;
    while (q < this.text.length && !isLineTerminator(this.text.charCodeAt(q))) q++;
    return q;
  }

  // -----------------------------------------------------------------------------------------------
  // JSX: inside a tag (`<a b="..." c={...}>`), and between tags (text, `{...}`, child elements).

  private jsxTag(t: Thread): 'ok' | 'dead' {
    const text = this.text;
    if (this.skipSpace(t) === undefined) return 'dead';
    const p = t.pos;
    if (p >= text.length) return 'dead';
    const c = text.charCodeAt(p);
    t.pos = p + 1;
    if (c === 62) {
      // `>`: the children follow.
      this.pop(t);
      this.push(t, Kind.JsxElement);
      t.mode = Mode.JsxChildren;
      return 'ok';
    }
    if (c === 47 && text.charCodeAt(p + 1) === 62) {
      // `/>`: the element is complete.
      t.pos = p + 2;
      this.pop(t);
      this.afterElement(t);
      return 'ok';
    }
    if (c === 123) {
      this.push(t, Kind.JsxExpression);
      t.mode = Mode.Code;
      return 'ok';
    }
    if (c === 34 || c === 39) {
      // Attribute strings have no escapes and may span lines.
      const end = text.indexOf(String.fromCharCode(c), p + 1);
      if (end < 0) return this.dead(t, text.length);
      this.scanned += end - p;
      t.pos = end + 1;
      return 'ok';
    }
    if (c === 60) {
      // An element as an attribute value.
      this.push(t, Kind.JsxTag);
      return 'ok';
    }
    if (c === 61) return 'ok';
    if (isJsxNameChar(c)) {
      let q = p + 1;
      while (q < text.length && isJsxNameChar(text.charCodeAt(q))) q++;
      t.pos = q;
      return 'ok';
    }
    return this.dead(t, p + 1);
  }

  private jsxChildren(t: Thread): 'ok' | 'dead' {
    const text = this.text;
    const start = t.pos;
    let p = start;
    while (p < text.length && text.charCodeAt(p) !== 123 && text.charCodeAt(p) !== 60) p++;
    this.scanned += p - start;
    if (p >= text.length) return this.dead(t, p);
    if (text.charCodeAt(p) === 123) {
      t.pos = p + 1;
      this.push(t, Kind.JsxExpression);
      t.mode = Mode.Code;
      return 'ok';
    }
    let q = p + 1;
    while (q < text.length && (isSpace(text.charCodeAt(q)) || isLineTerminator(text.charCodeAt(q)))) q++;
    if (text.charCodeAt(q) !== 47) {
      t.pos = p + 1;
      this.push(t, Kind.JsxTag);
      t.mode = Mode.JsxTag;
      return 'ok';
    }
    // `</name>` closes the element.
    let end = q + 1;
    while (end < text.length && (isJsxNameChar(text.charCodeAt(end)) || isSpace(text.charCodeAt(end)) || isLineTerminator(text.charCodeAt(end)))) end++;
    if (text.charCodeAt(end) !== 62) return this.dead(t, end);
    t.pos = end + 1;
    this.pop(t);
    this.afterElement(t);
    return 'ok';
  }

  /** After a complete element: back in the parent's children or tag, or an operand in code. */
  private afterElement(t: Thread): void {
    const kind = t.top?.kind;
    if (kind === Kind.JsxElement) t.mode = Mode.JsxChildren;
    else if (kind === Kind.JsxTag) t.mode = Mode.JsxTag;
    else {
      t.mode = Mode.Code;
      this.addExpression(t, POSTFIX);
      this.operand(t);
    }
  }
}

function isJsxNameChar(c: number): boolean {
  return isWordChar(c) || c === 45 || c === 58 || c === 46;
}

/** The kind of a `(` after the keyword `word` (and `word2` before it). */
function parenKind(word: string, word2: string): Kind {
  if (word === 'while') return Kind.WhileHead;
  if (HEAD_WORDS.has(word) || (word === 'await' && word2 === 'for')) return Kind.Head;
  return Kind.Paren;
}

function sameState(a: Thread, b: Thread): boolean {
  return (
    a.pos === b.pos &&
    a.mode === b.mode &&
    a.prev === b.prev &&
    a.ends === b.ends &&
    a.statementStart === b.statementStart &&
    a.labelCandidate === b.labelCandidate &&
    a.word === b.word &&
    a.word2 === b.word2 &&
    sameKinds(a.top, b.top)
  );
}

function sameKinds(a: Frame | undefined, b: Frame | undefined): boolean {
  for (;;) {
    if (a === b) return true;
    if (a === undefined || b === undefined || a.kind !== b.kind || a.size !== b.size) return false;
    a = a.parent;
    b = b.parent;
  }
}

/** Two stacks of the same kinds as one, with the larger counts at each level (only the levels that differ are copied). */
function mergeFrames(a: Frame | undefined, b: Frame | undefined): Frame | undefined {
  const differing: [Frame, Frame][] = [];
  while (a !== b && a !== undefined && b !== undefined) {
    differing.push([a, b]);
    a = a.parent;
    b = b.parent;
  }
  let merged = a;
  for (let i = differing.length - 1; i >= 0; i--) {
    const [x, y] = differing[i]!;
    merged = {
      kind: x.kind,
      parent: merged,
      size: x.size,
      outerStatement: Math.max(x.outerStatement, y.outerStatement),
      outerExpression: Math.max(x.outerExpression, y.outerExpression),
      outerPending: x.outerPending === y.outerPending ? x.outerPending : Pending.None,
    };
  }
  return merged;
}

function frameDepth(top: Frame | undefined): number {
  let depth = 0;
  for (let f = top; f !== undefined; f = f.parent) depth += LEVEL + f.outerStatement + f.outerExpression;
  return depth;
}
