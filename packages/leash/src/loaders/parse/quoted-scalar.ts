/**
 * The end of a YAML quoted scalar on one line, for the line scanners (comments, flow repair) that
 * must not mistake a `#`, bracket or quote inside a string for syntax.
 */

/**
 * Index of the quote that closes a `quote`-quoted scalar, searching `line` from `from`, or -1 when
 * the scalar goes on past this line. A double-quoted scalar escapes with `\`; a single-quoted
 * one doubles its quote (`''`).
 */
export function closingQuote(line: string, from: number, quote: '"' | "'"): number {
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (quote === '"') {
      if (ch === '\\') i++;
      else if (ch === '"') return i;
    } else if (ch === "'") {
      if (line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
