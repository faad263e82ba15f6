/**
 * Real templates write flow collections whose closing or continuation lines are not indented
 * deeper than their key:
 *
 *     CustomStatements: [{
 *         "Effect": "Allow"
 *     }]
 *
 * PyYAML (SAM CLI) and CloudFormation accept this; the `yaml` package and js-yaml 5 do not. This
 * pads such lines just enough, keeping every line number (columns move by the padding only).
 */
import { closingQuote } from './quoted-scalar.js';

/** The first character of a flow collection that starts a value (after `key:`, `- `, a tag, or at a line start). */
function opensValue(before: string): boolean {
  const trimmed = before.trimEnd();
  if (trimmed === '' || /[:\-[{,]$/.test(trimmed)) return true;
  return /(?:^|[\s:\-[{,])![A-Za-z0-9:]+$/.test(trimmed);
}

export function repairFlowIndentation(text: string): string | undefined {
  const lines = text.split('\n');
  let depth = 0;
  let openIndent = 0;
  let quote: '"' | "'" | undefined;
  let changed = false;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    const content = line.trimStart();
    const indent = line.length - content.length;
    if (depth > 0 && quote === undefined && content !== '' && !content.startsWith('#') && indent <= openIndent) {
      line = ' '.repeat(openIndent + 1 - indent) + line;
      lines[n] = line;
      changed = true;
    }
    const lineIndent = line.length - line.trimStart().length;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote !== undefined) {
        const end = closingQuote(line, i, quote);
        if (end < 0) break; // the scalar goes on to the next line
        quote = undefined;
        i = end;
        continue;
      }
      if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      if (depth === 0) {
        if ((ch === '[' || ch === '{') && opensValue(line.slice(0, i))) {
          depth = 1;
          openIndent = lineIndent;
        }
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') depth--;
    }
    if (depth === 0) quote = undefined; // quotes only matter inside flow collections here
  }
  return changed ? lines.join('\n') : undefined;
}
