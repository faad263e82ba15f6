/**
 * `parseTemplate(text, file)`: a CloudFormation / SAM template (YAML or JSON) to a value with
 * positions. Never throws: every input problem becomes a diagnostic with file, line and column.
 */
import { LeashError } from '../../errors.js';
import { refusalDiagnostic, type ConfinedFs } from '../../fs/confined.js';
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import { isPlainObject, type CfnValue } from '../../model/values.js';
import { scanComments } from './comments.js';
import { loadWithJsYaml, roughLocate } from './fallback.js';
import { looksLikeJson, parseJson } from './json-template.js';
import { repairFlowIndentation } from './flow-repair.js';
import { MAX_TEMPLATE_BYTES } from './limits.js';
import { spanToLocation } from './positions.js';
import type { ParsedFile, SourceComment, ValuePath } from './types.js';
import { ParseAbort, parseYaml } from './yaml-template.js';

export interface ParseOptions {
  /** Refuse texts longer than this many bytes (default 10 MB). */
  readonly maxBytes?: number;
  /** Accept any top-level value (for non-template YAML such as serverless.yml parts). Default: a mapping is required. */
  readonly allowNonMapping?: boolean;
}

function failed(file: string, diagnostics: Diagnostic[], comments: SourceComment[] = [], text = ''): ParsedFile {
  return { file, value: null, locate: () => ({ file, line: 1, column: 1 }), comments, diagnostics, text };
}

function notAMapping(file: string, value: CfnValue): Diagnostic {
  const what = value === null ? 'empty' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  return {
    severity: 'error',
    code: 'ERR_LEASH_INVALID_TEMPLATE',
    message: `the top level of a template must be a mapping (Resources, Parameters...), but this file is ${what}`,
    file,
    line: 1,
    column: 1,
  };
}

function tooLarge(file: string, size: number, maxBytes: number): LeashError {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return new LeashError(
    'ERR_LEASH_FILE_TOO_LARGE',
    `${file} is ${mb(size)}, above the ${mb(maxBytes)} limit (CloudFormation templates are at most 1 MB); not parsed`,
    { file, line: 1, column: 1 },
  );
}

/**
 * Where a file stops being text: a NUL character, or a run of bytes that were not UTF-8 (decoded as
 * U+FFFD) in its first 8 KB. Templates and serverless.yml files are text; a binary file named
 * template.yaml would otherwise reach the YAML parser and come out as a puzzling syntax error.
 */
function binaryOffset(text: string): number | undefined {
  const head = text.slice(0, 8192);
  const nul = head.indexOf('\u0000');
  if (nul >= 0) return nul;
  let replaced = 0;
  let first = -1;
  for (let i = 0; i < head.length; i++) {
    if (head.charCodeAt(i) !== 0xfffd) continue;
    if (first < 0) first = i;
    replaced++;
  }
  return replaced > 8 && replaced * 100 > head.length ? first : undefined;
}

function lineAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The parser's message, or a plain one where the parser only reports that it ran out of stack. */
function syntaxMessage(message: string, json: boolean): string {
  if (/maximum call stack size exceeded/i.test(message)) return 'the document is nested too deeply to be read';
  return `invalid ${json ? 'JSON' : 'YAML'}: ${message}`;
}

export function parseTemplate(text: string, file: string, options: ParseOptions = {}): ParsedFile {
  const maxBytes = options.maxBytes ?? MAX_TEMPLATE_BYTES;
  // A cheap bound first (a UTF-16 unit is at least one byte), the exact byte count only when close.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    const error = tooLarge(file, Buffer.byteLength(text, 'utf8'), maxBytes);
    return failed(file, [{ severity: 'error', code: error.code, message: error.message, file, line: 1, column: 1 }]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const diagnostics: Diagnostic[] = [];
  const binaryAt = binaryOffset(text);
  if (binaryAt !== undefined) {
    return failed(file, [{ severity: 'error', code: 'ERR_LEASH_PARSE', message: 'this is a binary file, not a YAML or JSON template', file, ...lineAt(text, binaryAt) }], [], text);
  }
  let comments: SourceComment[] = [];
  try {
    const jsonLike = looksLikeJson(text);
    const json = jsonLike ? parseJson(text, file) : undefined;
    if (json) {
      const { value, index, lineCounter } = json;
      if (!options.allowNonMapping && !isPlainObject(value)) return failed(file, [...json.diagnostics, notAMapping(file, value)], [], text);
      return { file, value, locate: (path) => spanToLocation(file, index.find(value, path), lineCounter), comments: [], diagnostics: json.diagnostics, text };
    }
    comments = scanComments(text);
    let result = parseYaml(text, file);
    diagnostics.push(...result.diagnostics);
    if (result.syntaxErrors.length > 0) {
      const repaired = repairFlowIndentation(text);
      const retry = repaired !== undefined ? parseYaml(repaired, file) : undefined;
      if (retry && retry.syntaxErrors.length === 0) {
        const first = result.syntaxErrors[0]!;
        result = retry;
        diagnostics.length = 0;
        diagnostics.push(...retry.diagnostics, {
          severity: 'warning',
          code: 'WARN_LEASH_PARSE_LENIENT',
          message: `flow collection not indented deeper than its key (${first.message}); accepted as CloudFormation does`,
          file,
          line: first.line,
          column: first.column,
        });
      }
    }
    let value: CfnValue = result.value;
    let locate: (path: ValuePath) => SourceLocation;
    if (result.syntaxErrors.length > 0) {
      const first = result.syntaxErrors[0]!;
      const fallback = loadWithJsYaml(text);
      if ('error' in fallback) {
        diagnostics.push({
          severity: 'error',
          code: 'ERR_LEASH_PARSE',
          message: syntaxMessage(first.message, jsonLike),
          file,
          line: first.line,
          column: first.column,
        });
        return failed(file, diagnostics, comments, text);
      }
      diagnostics.push({
        severity: 'warning',
        code: 'WARN_LEASH_PARSE_FALLBACK',
        message: `the strict YAML parser rejected this file (${first.message}); read it with the lenient one, so locations are approximate`,
        file,
        line: first.line,
        column: first.column,
      });
      value = fallback.value;
      const lines = text.split(/\r?\n/);
      locate = (path) => ({ file, ...roughLocate(lines, path) });
    } else {
      const { index, lineCounter } = result;
      locate = (path) => spanToLocation(file, index.find(value, path), lineCounter);
    }
    if (!options.allowNonMapping && !isPlainObject(value)) {
      diagnostics.push(notAMapping(file, value));
      return failed(file, diagnostics, comments, text);
    }
    return { file, value, locate, comments, diagnostics, text };
  } catch (error) {
    if (error instanceof ParseAbort) {
      // The parser's line counter is out of scope here: count newlines up to the offset.
      diagnostics.push({ severity: 'error', code: error.code, message: error.message, file, ...lineAt(text, error.offset) });
    } else if (error instanceof RangeError) {
      diagnostics.push({ severity: 'error', code: 'ERR_LEASH_PARSE', message: 'the document is nested too deeply to be read', file, line: 1, column: 1 });
    } else {
      diagnostics.push({
        severity: 'error',
        code: 'ERR_LEASH_INTERNAL',
        message: `unexpected error while parsing: ${(error as Error)?.message ?? String(error)}`,
        file,
        line: 1,
        column: 1,
      });
    }
    return failed(file, diagnostics, comments, text);
  }
}

/**
 * Read (through the scan root: a regular file inside it, at most `maxBytes`) and parse a template
 * file; never throws: a file that is not read becomes a diagnostic at `file`.
 */
export function loadTemplateFile(fs: ConfinedFs, abs: string, file: string, options: ParseOptions = {}): ParsedFile {
  const read = fs.readText(abs, options.maxBytes ?? MAX_TEMPLATE_BYTES);
  if (!read.ok) return failed(file, [refusalDiagnostic(read.refusal, file, { file })]);
  return parseTemplate(read.text, file, options);
}
