/** `leash scan [path]`: argv options → `main()` → report to stdout or `--output`, errors to stderr. */
import { resolve } from 'node:path';
import { main, type FailOn } from '../main.js';
import type { ReporterName } from '../reporters/index.js';
import { useColor, type CliIo } from './io.js';
import { writeReport } from './write-report.js';

export interface ScanCommandOptions {
  readonly format: ReporterName;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly stage?: string;
  readonly showSuppressed?: boolean;
  readonly color: boolean;
}

export function scanCommand(io: CliIo, path: string, options: ScanCommandOptions): number {
  const result = main({
    path: resolveAgainst(io, path),
    format: options.format,
    failOn: options.failOn,
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    showSuppressed: options.showSuppressed === true,
    color: useColor(io, options.color, options.output !== undefined),
  });
  if (result.output !== '') writeReport(io, result.output, options.output);
  for (const line of result.errors) io.stderr(`${line}\n`);
  return result.exitCode;
}

/** Relative paths stay relative (so reports show `app/template.yaml`) unless the CLI runs elsewhere than the process cwd. */
function resolveAgainst(io: CliIo, path: string): string {
  return io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}
