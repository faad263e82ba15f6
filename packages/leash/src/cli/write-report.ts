import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LeashError } from '../errors.js';
import type { CliIo } from './io.js';

/** The report goes to stdout, or to `--output FILE` (parent directories created). */
export function writeReport(io: CliIo, report: string, outputFile: string | undefined): void {
  if (outputFile === undefined) {
    io.stdout(report);
    return;
  }
  const target = resolve(io.cwd, outputFile);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, report);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new LeashError('ERR_LEASH_USAGE', `cannot write the report to ${outputFile} (${reason})`);
  }
}
