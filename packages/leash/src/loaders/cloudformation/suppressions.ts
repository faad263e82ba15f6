/**
 * In-source suppressions: `Metadata.leash.suppress` on a resource or the template,
 * `# leash-ignore <rule>: <reason>` comments, and the cfn_nag / checkov metadata blocks whose
 * ids map simply onto leash rules. A suppression without a reason is kept with `reason`
 * undefined: the engine ignores it and says so.
 */
import type { SourceLocation } from '../../model/source.js';
import type { Suppression } from '../../model/types.js';
import { isPlainObject, type CfnValue } from '../../model/values.js';
import type { SourceComment } from '../parse/types.js';
import type { BuildContext } from './context.js';

/** cfn_nag and checkov ids with a leash rule of the same meaning. */
const FOREIGN_IDS: Record<string, string> = {
  // cfn_nag
  W92: 'dos/unbounded-concurrency',
  F3: 'iam/wildcard-action',
  W11: 'iam/wildcard-resource',
  W12: 'iam/wildcard-resource',
  F13: 'exposure/public-invoke',
  W59: 'exposure/api-without-auth',
  // checkov
  CKV_AWS_45: 'secrets/plaintext-env',
  CKV_AWS_115: 'dos/unbounded-concurrency',
  CKV_AWS_116: 'retry/async-without-failure-destination',
  CKV_AWS_258: 'exposure/function-url-public',
  CKV_AWS_59: 'exposure/api-without-auth',
  CKV_AWS_363: 'runtime/deprecated',
};

const COMMENT = /^leash-ignore\s+([A-Za-z0-9_./*-]+)\s*(?::\s*(.*))?$/;

function reasonOf(value: CfnValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Suppressions declared in a Metadata value (a resource's, or the template's). */
export function metadataSuppressions(ctx: BuildContext, metadata: CfnValue | undefined, metadataPath: (string | number)[]): Suppression[] {
  if (!isPlainObject(metadata)) return [];
  const out: Suppression[] = [];
  const leash = metadata.leash;
  if (isPlainObject(leash)) {
    const list = Array.isArray(leash.suppress) ? leash.suppress : leash.suppress !== undefined ? [leash.suppress] : [];
    list.forEach((entry, index) => {
      const loc = ctx.at([...metadataPath, 'leash', 'suppress', index]);
      if (typeof entry === 'string') out.push({ rule: entry, source: 'metadata', loc });
      else if (isPlainObject(entry) && typeof entry.rule === 'string') {
        const reason = reasonOf(entry.reason);
        out.push({ rule: entry.rule, ...(reason ? { reason } : {}), source: 'metadata', loc });
      } else ctx.warn('WARN_LEASH_SUPPRESSION_INVALID', 'a leash suppression needs a rule id: { rule: <id>, reason: <why> }', loc);
    });
  }
  const foreign = (tool: 'cfn-nag' | 'checkov', list: CfnValue | undefined, reasonKey: string, path: (string | number)[]): void => {
    if (!Array.isArray(list)) return;
    list.forEach((entry, index) => {
      if (!isPlainObject(entry) || typeof entry.id !== 'string') return;
      const rule = FOREIGN_IDS[entry.id];
      if (!rule) return;
      const reason = reasonOf(entry[reasonKey]);
      out.push({ rule, ...(reason ? { reason } : {}), source: tool, loc: ctx.at([...path, index]) });
    });
  };
  if (isPlainObject(metadata.cfn_nag)) foreign('cfn-nag', metadata.cfn_nag.rules_to_suppress, 'reason', [...metadataPath, 'cfn_nag', 'rules_to_suppress']);
  if (isPlainObject(metadata.checkov)) foreign('checkov', metadata.checkov.skip, 'comment', [...metadataPath, 'checkov', 'skip']);
  return out;
}

/** The `# leash-ignore <rule>: <reason>` comments of a file, as suppressions at their line of `file`. */
export function leashIgnoreComments(comments: readonly SourceComment[], file: string): { line: number; suppression: Suppression }[] {
  return comments.flatMap((comment) => {
    const match = COMMENT.exec(comment.text);
    if (!match) return [];
    const reason = reasonOf(match[2]);
    const loc: SourceLocation = { file, line: comment.line, column: 1 };
    return [{ line: comment.line, suppression: { rule: match[1]!, ...(reason ? { reason } : {}), source: 'comment' as const, loc } }];
  });
}

/** The lines a comment may sit on to belong to a block: from the full-line comments right above its key to its last line. */
export interface BlockSpan {
  readonly id: string;
  readonly start: number;
  readonly keyLine: number;
  readonly end: number;
}

export function blockSpan(id: string, loc: SourceLocation, fullLineComments: ReadonlySet<number>): BlockSpan {
  let end = loc.endLine ?? loc.line;
  // A block ends at column 1 of the next line: that line is not in it.
  if (end > loc.line && loc.endColumn === 1) end--;
  let start = loc.line;
  while (fullLineComments.has(start - 1)) start--;
  return { id, start, keyLine: loc.line, end };
}

/** The block a comment on `line` belongs to: the one whose key it sits right above, else the innermost one holding it. */
export function blockAt(spans: readonly BlockSpan[], line: number): BlockSpan | undefined {
  const above = spans.find((s) => line >= s.start && line < s.keyLine);
  return above ?? spans.filter((s) => line >= s.keyLine && line <= s.end).sort((a, b) => b.keyLine - a.keyLine)[0];
}

export interface CommentSuppressions {
  readonly template: Suppression[];
  readonly byResource: Map<string, Suppression[]>;
}

/**
 * `# leash-ignore` comments: one inside a resource's block or in the comment lines right above its
 * logical id applies to that resource; one above the `Resources:` key applies to the template.
 */
export function commentSuppressions(ctx: BuildContext, resourceIds: readonly string[]): CommentSuppressions {
  const template: Suppression[] = [];
  const byResource = new Map<string, Suppression[]>();
  const found = leashIgnoreComments(ctx.parsed.comments, ctx.file);
  if (found.length === 0) return { template, byResource };
  const commentLines = new Set(ctx.parsed.comments.filter((c) => c.fullLine).map((c) => c.line));
  const spans = resourceIds.map((id) => blockSpan(id, ctx.at(['Resources', id]), commentLines));
  const resourcesLine = ctx.at(['Resources']).line;
  for (const { line, suppression } of found) {
    const inside = blockAt(spans, line);
    if (inside) {
      const list = byResource.get(inside.id) ?? [];
      list.push(suppression);
      byResource.set(inside.id, list);
    } else if (line < resourcesLine || spans.length === 0) template.push(suppression);
    else ctx.warn('WARN_LEASH_SUPPRESSION_UNATTACHED', `leash-ignore ${suppression.rule} is not inside or right above a resource; it applies to nothing`, suppression.loc);
  }
  return { template, byResource };
}
