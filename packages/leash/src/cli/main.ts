/**
 * The CLI: argv in, exit code out. The only module that reads argv and writes to stdout/stderr
 * (through {@link CliIo}); everything else is the library. Nothing escapes as a stack trace: usage
 * errors and `LeashError`s print one `leash: ... [ERR_LEASH_*]` line and exit 2, and so does any
 * unexpected exception (its stack only under `LEASH_DEBUG=1`).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isLeashError } from '../errors.js';
import { FAIL_ON_LEVELS, formatLeashError, formatProblem, type FailOn } from '../main.js';
import { REPORTER_NAMES, type ReporterName } from '../reporters/index.js';
import { toolVersion } from '../scan.js';
import { guardedIo, processIo, resolveAgainst, type CliIo } from './io.js';
import { POLICY_FORMATS, policyCommand, type PolicyFormat } from './policy.js';
import { scanCommand } from './scan-command.js';

const ROOT_HELP = 'the scan root: no file outside it is read, and report paths are relative to it (default: the git work tree holding path, else path itself)';

export async function run(argv: string[], rawIo: CliIo = processIo()): Promise<number> {
  const io = guardedIo(rawIo);
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(io, error);
  }
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('leash');
  program
    .description('Least privilege for serverless apps: scan SAM, CloudFormation, Serverless Framework and CDK apps, and generate the IAM policy each function needs.')
    .version(toolVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // Commander's own errors ("error: unknown option '--x'") in leash's one-line format.
      outputError: (s, write) => write(`${formatProblem(undefined, s.trim().replace(/^error: /, ''), 'ERR_LEASH_USAGE')}\n`),
    });

  program
    .command('scan')
    .description('scan an app for serverless security mistakes')
    .argument('[path]', 'directory holding the app', '.')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORTER_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at least this severe').choices(FAIL_ON_LEVELS).default('high'))
    .option('--stage <stage>', 'Serverless Framework stage (${opt:stage})', nonEmpty('--stage'))
    .option('--root <dir>', ROOT_HELP, nonEmpty('--root'))
    .option('--show-suppressed', 'list suppressed findings in the text report')
    .option('--no-color', 'no colours in the text report (also NO_COLOR=1, or when stdout is not a terminal)')
    .exitOverride()
    .action((path: string, opts: { format: ReporterName; output?: string; failOn: FailOn; stage?: string; root?: string; showSuppressed?: boolean; color: boolean }) => {
      setExitCode(scanCommand(io, path, opts));
    });

  program
    .command('policy')
    .description('print the least-privilege IAM policy each function needs, from its code')
    .argument('[path]', 'directory holding the app', '.')
    .option('--function <id>', 'only this function (logical id, or Serverless function key)')
    .addOption(new Option('-f, --format <format>', "output format (default: the app's own: sam, serverless, cloudformation; json for CDK)").choices(POLICY_FORMATS))
    .option('-o, --output <file>', 'write the policy to a file instead of stdout')
    .option('--stage <stage>', 'Serverless Framework stage (${opt:stage})', nonEmpty('--stage'))
    .option('--root <dir>', ROOT_HELP, nonEmpty('--root'))
    .exitOverride()
    .action((path: string, opts: { function?: string; format?: PolicyFormat; output?: string; stage?: string; root?: string }) => {
      setExitCode(
        policyCommand(io, {
          path: resolveAgainst(io, path),
          ...(opts.root !== undefined ? { root: resolveAgainst(io, opts.root) } : {}),
          ...(opts.format !== undefined ? { format: opts.format } : {}),
          ...(opts.function !== undefined ? { functionId: opts.function } : {}),
          ...(opts.output !== undefined ? { output: opts.output } : {}),
          ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
        }),
      );
    });
  return program;
}

function nonEmpty(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new InvalidArgumentError(`${flag} needs a value`);
    return value;
  };
}

function handleError(io: CliIo, error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; everything else commander rejects is a usage error (already printed).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isLeashError(error)) {
    io.stderr(`${formatLeashError(error)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${formatProblem(undefined, `internal error: ${firstLine(message)} (set LEASH_DEBUG=1 for details)`, 'ERR_LEASH_INTERNAL')}\n`);
  }
  if (io.env.LEASH_DEBUG === '1' && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 2;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
