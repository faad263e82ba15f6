/**
 * The report for people: findings grouped by stack and by the function (or other node) they are
 * about, most severe first within a group; then input problems; then a summary line. Suppressed
 * findings are counted, and listed only with `showSuppressed`. It renders a copy of the result
 * whose every string is neutralised, then adds its colours; guardOutput checks the whole.
 */
import pc from 'picocolors';
import type { ScanResult } from '../engine/result.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from '../engine/types.js';
import { guardOutput, neutraliseDeep } from './neutralise.js';
import { displayLocation } from './paths.js';
import type { ReportOptions, Reporter } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

export const text: Reporter = (scanResult, options = {}) => {
  const result = neutraliseDeep(scanResult);
  const c = pc.createColors(options.color === true);
  const lines: string[] = [];
  const where = displayLocation;

  const shown = result.findings.filter((f) => !f.suppressed || options.showSuppressed === true);
  for (const stack of result.stacks) {
    const inStack = shown.filter((f) => f.stack === stack.id);
    if (inStack.length === 0) continue;
    lines.push(c.bold(c.underline(stack.file)) + c.dim(` (${stack.framework})`));
    for (const [resource, group] of groupBy(inStack, (f) => f.resource)) {
      const fn = result.functions.find((x) => x.stack === stack.id && x.id === resource);
      lines.push(`  ${c.bold(resource)}${fn ? c.dim(` (function, ${fn.runtime ?? 'no runtime'})`) : ''}`);
      for (const f of [...group].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))) lines.push(...findingLines(f, c, where));
    }
    lines.push('');
  }
  // Findings whose stack is not in the list (a caller building a result by hand) are still printed.
  const orphans = shown.filter((f) => !result.stacks.some((s) => s.id === f.stack));
  for (const f of orphans) lines.push(...findingLines(f, c, where));
  if (orphans.length > 0) lines.push('');

  if (result.diagnostics.length > 0) {
    lines.push(c.bold('Problems with the input'));
    for (const d of result.diagnostics) {
      const label = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      lines.push(`  ${label} ${where(d.file, d.line, d.column)}  ${d.message} ${c.dim(`[${d.code}]`)}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(result, c, options));
  // Neutralised values joined into paths (`a/../::x` normalised) could still start a line with `::`.
  return guardOutput(`${lines.join('\n')}\n`);
};

const SEVERITY_COLOR: Readonly<Record<Severity, (c: Colors, s: string) => string>> = {
  critical: (c, s) => c.bold(c.magenta(s)),
  high: (c, s) => c.red(s),
  medium: (c, s) => c.yellow(s),
  low: (c, s) => c.cyan(s),
  info: (c, s) => c.dim(s),
};

function findingLines(f: Finding, c: Colors, where: (file: string, line?: number, column?: number) => string): string[] {
  const severity = SEVERITY_COLOR[f.severity](c, f.severity.toUpperCase().padEnd(8));
  const tags = [f.unknown ? c.yellow('[unknown]') : '', f.suppressed ? c.dim('[suppressed]') : ''].filter(Boolean).join(' ');
  const out = [`    ${severity} ${f.message}${tags ? ` ${tags}` : ''}`, `             ${c.dim(`${f.rule}  ${where(f.file, f.line, f.column)}`)}`];
  if (f.suppressed) out.push(`             ${c.dim(`suppressed (${f.suppressed.source}): ${f.suppressed.reason}`)}`);
  return out;
}

function summaryLine(result: ScanResult, c: Colors, options: ReportOptions): string {
  const s = result.summary;
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => SEVERITY_COLOR[sev](c, `${s.bySeverity[sev]} ${sev}`));
  const parts = [
    s.findings === 0 ? c.green('no findings') : `${c.bold(`${s.findings} finding${s.findings === 1 ? '' : 's'}`)} (${counts.join(', ')})`,
  ];
  if (s.unknown > 0) parts.push(c.yellow(`${s.unknown} unknown`));
  if (s.suppressed > 0) parts.push(`${s.suppressed} suppressed${options.showSuppressed ? '' : c.dim(' (--show-suppressed to list)')}`);
  if (s.errors > 0) parts.push(c.red(`${s.errors} error${s.errors === 1 ? '' : 's'}`));
  if (s.warnings > 0) parts.push(c.yellow(`${s.warnings} warning${s.warnings === 1 ? '' : 's'}`));
  parts.push(c.dim(`${s.functions} function${s.functions === 1 ? '' : 's'} in ${s.stacks} stack${s.stacks === 1 ? '' : 's'}`));
  return parts.join(' · ');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
