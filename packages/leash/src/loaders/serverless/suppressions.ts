/**
 * `# leash-ignore <rule>: <reason>` comments in a serverless.yml. A comment inside a function's
 * block (or in the comment lines right above its key) applies to that function; inside a
 * `resources.Resources` entry, to that resource; at the top of the file or inside `provider:`,
 * to the whole stack (provider settings are shared by every function). Anything else is reported
 * as unattached rather than silently dropped.
 */
import type { Diagnostic } from '../../model/source.js';
import type { Suppression } from '../../model/types.js';
import { blockAt, blockSpan, leashIgnoreComments, type BlockSpan } from '../cloudformation/suppressions.js';
import type { ParsedFile } from '../parse/types.js';
import type { Path } from './shape.js';

export interface ServerlessSuppressions {
  readonly stack: Suppression[];
  /** By function key or resource logical id. */
  readonly byNode: Map<string, Suppression[]>;
  readonly diagnostics: Diagnostic[];
}

/**
 * `lines` (the file's text) lets a comment after the last key of a block, indented like the
 * block's contents, count as inside it.
 */
export function serverlessSuppressions(parsed: ParsedFile, nodes: readonly { id: string; path: Path }[], lines: readonly string[] = []): ServerlessSuppressions {
  const stack: Suppression[] = [];
  const byNode = new Map<string, Suppression[]>();
  const diagnostics: Diagnostic[] = [];
  const found = leashIgnoreComments(parsed.comments, parsed.file);
  if (found.length === 0) return { stack, byNode, diagnostics };
  const fullLine = new Set(parsed.comments.filter((c) => c.fullLine).map((c) => c.line));
  const span = (id: string, path: Path): BlockSpan => {
    const loc = parsed.locate(path);
    const block = blockSpan(id, loc, fullLine);
    // Trailing comments indented deeper than the key still belong to the block.
    const indent = loc.column - 1;
    let end = block.end;
    while (fullLine.has(end + 1) && indentOf(lines[end]) > indent) end++;
    return { ...block, end };
  };
  const spans = nodes.map((n) => span(n.id, n.path));
  const provider = span('provider', ['provider']);
  const firstKey = Math.min(...spans.map((s) => s.start), provider.start);
  for (const { line, suppression } of found) {
    const inside = blockAt(spans, line);
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
