/**
 * `# leash-ignore <rule>: <reason>` comments in a serverless.yml. A comment inside a function's
 * block (or in the comment lines right above its key) applies to that function; inside a
 * `resources.Resources` entry, to that resource; at the top of the file or inside `provider:`,
 * to the whole stack (provider settings are shared by every function). Anything else is reported
 * as unattached rather than silently dropped.
 */
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import type { Suppression } from '../../model/types.js';
import type { ParsedFile } from '../parse/types.js';
import type { Path } from './shape.js';

const COMMENT = /^leash-ignore\s+([A-Za-z0-9_./*-]+)\s*(?::\s*(.*))?$/;

export interface ServerlessSuppressions {
  readonly stack: Suppression[];
  /** By function key or resource logical id. */
  readonly byNode: Map<string, Suppression[]>;
  readonly diagnostics: Diagnostic[];
}

interface Span {
  readonly id: string;
  readonly start: number;
  readonly keyLine: number;
  readonly end: number;
}

/**
 * `lines` (the file's text) lets a comment after the last key of a block, indented like the
 * block's contents, count as inside it.
 */
export function serverlessSuppressions(parsed: ParsedFile, nodes: readonly { id: string; path: Path }[], lines: readonly string[] = []): ServerlessSuppressions {
  const stack: Suppression[] = [];
  const byNode = new Map<string, Suppression[]>();
  const diagnostics: Diagnostic[] = [];
  const found = parsed.comments.flatMap((comment) => {
    const match = COMMENT.exec(comment.text);
    if (!match) return [];
    const reason = match[2]?.trim();
    const loc: SourceLocation = { file: parsed.file, line: comment.line, column: 1 };
    return [{ line: comment.line, suppression: { rule: match[1]!, ...(reason ? { reason } : {}), source: 'comment' as const, loc } satisfies Suppression }];
  });
  if (found.length === 0) return { stack, byNode, diagnostics };
  const fullLine = new Set(parsed.comments.filter((c) => c.fullLine).map((c) => c.line));
  const span = (id: string, path: Path): Span => {
    const loc = parsed.locate(path);
    let end = loc.endLine ?? loc.line;
    if (end > loc.line && loc.endColumn === 1) end--;
    let start = loc.line;
    while (fullLine.has(start - 1)) start--;
    // Trailing comments indented deeper than the key still belong to the block.
    const indent = loc.column - 1;
    while (fullLine.has(end + 1) && indentOf(lines[end]) > indent) end++;
    return { id, start, keyLine: loc.line, end };
  };
  const spans = nodes.map((n) => span(n.id, n.path));
  const provider = span('provider', ['provider']);
  const firstKey = Math.min(...spans.map((s) => s.start), provider.start);
  for (const { line, suppression } of found) {
    const above = spans.find((s) => line >= s.start && line < s.keyLine);
    const inside = above ?? spans.filter((s) => line >= s.keyLine && line <= s.end).sort((a, b) => b.keyLine - a.keyLine)[0];
    if (inside) {
      const list = byNode.get(inside.id) ?? [];
      list.push(suppression);
      byNode.set(inside.id, list);
    } else if (line < firstKey || (line >= provider.start && line <= provider.end)) {
      stack.push(suppression);
    } else {
      diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SUPPRESSION_UNATTACHED', message: `leash-ignore ${suppression.rule} is not inside or right above a function, a resource or provider; it applies to nothing`, file: parsed.file, line, column: 1 });
    }
  }
  return { stack, byNode, diagnostics };
}

function indentOf(line: string | undefined): number {
  if (line === undefined) return -1;
  return line.length - line.trimStart().length;
}
