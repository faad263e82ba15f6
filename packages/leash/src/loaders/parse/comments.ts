/**
 * Comments of a YAML template with their line numbers, found by one scan of the text: a `#` at
 * the start of a line or after whitespace, outside quoted scalars and block scalars.
 */
import { closingQuote } from './quoted-scalar.js';
import type { SourceComment } from './types.js';

const BLOCK_SCALAR_START = /(?:^|[\s:-])[|>][+-]?[1-9]?[+-]?\s*$/;
const QUOTE_OPENERS = new Set([' ', '\t', ':', '[', '{', ',', '-', '?']);

export function scanComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  const lines = text.split(/\r?\n/);
  let quote: '"' | "'" | undefined;
  let blockIndent = -1; // inside a block scalar whose parent line has this indent
  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    const line = lines[lineNumber]!;
    const content = line.trimStart();
    const indent = line.length - content.length;
    if (blockIndent >= 0) {
      if (content === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    let commentAt = -1;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote !== undefined) {
        const end = closingQuote(line, i, quote);
        if (end < 0) break; // the scalar goes on to the next line
        quote = undefined;
        i = end;
        continue;
      }
      if (ch === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
        commentAt = i;
        break;
      }
      if ((ch === '"' || ch === "'") && (i === indent || QUOTE_OPENERS.has(line[i - 1]!))) quote = ch;
    }
    const code = commentAt >= 0 ? line.slice(0, commentAt) : line;
    if (commentAt >= 0) {
      comments.push({ line: lineNumber + 1, text: line.slice(commentAt + 1).trim(), fullLine: code.trim() === '' });
    }
    if (quote === undefined && BLOCK_SCALAR_START.test(code.trimEnd())) blockIndent = indent;
  }
  return comments;
}
