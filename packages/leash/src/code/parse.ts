/**
 * Parsing handler code with oxc-parser, once per file per scan. A file that does not parse, cannot
 * be read, or nests too deeply to hand to the parser (`nesting.ts`) yields a result with `error`
 * set: callers report it as a `CodeUnknown`, never throw.
 */
import { parseSync } from 'oxc-parser';
import { refusalReason, type ConfinedFs } from '../fs/confined.js';
import { MAX_CODE_NESTING, measureNesting, type SourceLang } from './nesting.js';

/** An ESTree node as oxc-parser returns it. Loosely typed on purpose: the analysis reads only a few fields per node type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AstNode = { readonly type: string; readonly start: number; readonly end: number } & Record<string, any>;

export interface ParsedFile {
  /** Absolute path. */
  readonly path: string;
  readonly program?: AstNode;
  /** Why the file could not be used (read error, syntax error, a limit), with the 1-based line where known. */
  readonly error?: ParseError;
  /** 1-based line and column of a source offset. */
  position(offset: number): { line: number; column: number };
}

export interface ParseError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Set when the file is not analysed because it is above one of leash's limits on work (an input error to report). */
  readonly code?: 'ERR_LEASH_LIMIT';
}

/** Files above this size are not parsed: bundled vendor code says nothing about the handler's own calls. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionIn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function langOf(path: string): SourceLang {
  if (/\.(ts|mts|cts)$/.test(path)) return 'ts';
  if (path.endsWith('.tsx')) return 'tsx';
  if (path.endsWith('.jsx')) return 'jsx';
  return 'js';
}

/** Parse source text (a file's content or inline template code). */
export function parseSource(path: string, text: string): ParsedFile {
  const starts = lineStartsOf(text);
  const position = (offset: number) => positionIn(starts, offset);
  const lang = langOf(path);
  // The parser recurses on the machine stack: too deep a file would kill the process, not throw.
  const nesting = measureNesting(text, lang);
  if (nesting.overAt !== undefined) {
    const why = nesting.depth > MAX_CODE_NESTING ? `code nested more than ${MAX_CODE_NESTING} levels deep` : `code whose nesting leash cannot measure (it reads too many ways at once)`;
    return { path, error: { message: `${why}: not parsed (limit MAX_CODE_NESTING)`, code: 'ERR_LEASH_LIMIT', ...position(nesting.overAt) }, position };
  }
  try {
    const result = parseSync(path, text, { lang, sourceType: 'unambiguous', preserveParens: false });
    const fatal = result.errors.find((e) => String(e.severity) === 'Error') ?? result.errors[0];
    if (fatal) {
      const offset = fatal.labels[0]?.start ?? 0;
      return { path, error: { message: `syntax error: ${fatal.message}`, ...position(offset) }, position };
    }
    return { path, program: result.program as unknown as AstNode, position };
  } catch (error) {
    return { path, error: { message: `cannot parse: ${(error as Error).message}`, line: 1, column: 1 }, position };
  }
}

/** Parse cache for one scan: each file is read and parsed at most once. */
export class ParseCache {
  private readonly files = new Map<string, ParsedFile>();
  /** Number of files actually parsed (for benchmarks). */
  parsed = 0;

  /** The parse of `path`, read through `fs` (inside the scan root, a regular file, at most {@link MAX_SOURCE_BYTES}). */
  get(path: string, fs: ConfinedFs): ParsedFile {
    const cached = this.files.get(path);
    if (cached) return cached;
    const parsed = this.load(path, fs);
    this.files.set(path, parsed);
    return parsed;
  }

  private load(path: string, fs: ConfinedFs): ParsedFile {
    const position = () => ({ line: 1, column: 1 });
    const read = fs.readText(path, MAX_SOURCE_BYTES);
    if (!read.ok) return { path, error: { message: `${fs.rel(path)} ${refusalReason(read.refusal)}`, line: 1, column: 1 }, position };
    this.parsed++;
    return parseSource(path, read.text);
  }
}
