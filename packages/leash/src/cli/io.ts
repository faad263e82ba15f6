import { resolve } from 'node:path';
import { guardOutput } from '../reporters/neutralise.js';

/** What the CLI touches of the process, injectable so tests need no child process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours are on only then). */
  readonly stdoutIsTTY: boolean;
  readonly cwd: string;
}

export function processIo(): CliIo {
  // `leash scan | head`: the reader went away; stop writing quietly instead of crashing with EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`leash: cannot write the report to stdout: ${error.message} [ERR_LEASH_INTERNAL]\n`);
    process.exitCode = 2;
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
  };
}

/**
 * `io` whose stdout and stderr pass everything through guardOutput: the reports and messages are
 * neutralised where they are built; this also covers what commander writes (help, errors).
 */
export function guardedIo(io: CliIo): CliIo {
  return { ...io, stdout: (text) => io.stdout(guardOutput(text)), stderr: (text) => io.stderr(guardOutput(text)) };
}

/** https://no-color.org: NO_COLOR set to anything non-empty turns colours off; FORCE_COLOR (not `0`) turns them on. */
export function useColor(io: CliIo, flag: boolean, toFile: boolean): boolean {
  if (!flag || toFile) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false') return true;
  return io.stdoutIsTTY;
}

/** A path from argv, against the CLI's working directory (which tests set) when that is not the process's. */
export function resolveAgainst(io: CliIo, path: string): string {
  return io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}
