/** `leash scan [path]`: argv options → `main()` → report to stdout or `--output`, errors to stderr. */
import { main, type FailOn } from '../main.js';
import type { ReporterName } from '../reporters/index.js';
import { resolveAgainst, useColor, type CliIo } from './io.js';
import { writeReport } from './write-report.js';

export interface ScanCommandOptions {
  readonly format: ReporterName;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly stage?: string;
  readonly root?: string;
  readonly showSuppressed?: boolean;
  readonly color: boolean;
}

export function scanCommand(io: CliIo, path: string, options: ScanCommandOptions): number {
  const result = main({
    path: resolveAgainst(io, path),
    format: options.format,
    failOn: options.failOn,
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    ...(options.root !== undefined ? { root: resolveAgainst(io, options.root) } : {}),
    showSuppressed: options.showSuppressed === true,
    color: useColor(io, options.color, options.output !== undefined),
  });
  if (result.output !== '') writeReport(io, result.output, options.output);
  for (const line of result.errors) io.stderr(`${line}\n`);
  return result.exitCode;
}
