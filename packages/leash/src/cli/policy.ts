/**
 * `leash policy [path]`: the least-privilege policy each function needs, from its code. The work is
 * the library's `policy(options)` (src/policy.ts); this module only writes what it returns, in the
 * CLI's conventions (problems as `leash: <file>:<line>: <message> [CODE]`, exit 2 on input errors).
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { policy, type PolicyOptions } from '../policy.js';
import { POLICY_FORMATS, type PolicyFormat } from '../iam/format.js';
import { formatProblem } from '../main.js';
import { displayPath } from '../reporters/paths.js';
import type { CliIo } from './io.js';
import { writeReport } from './write-report.js';

export { POLICY_FORMATS, type PolicyFormat };

/** How `policy()` words an input problem: `<file>:<line>: <CODE>: <message>`, the file relative to the scanned directory. */
const DIAGNOSTIC_LINE = /^(.+?):(\d+): ((?:ERR|WARN)_LEASH_[A-Z_]+): (.*)$/s;

export function policyCommand(io: CliIo, options: PolicyOptions & { readonly output?: string }): number {
  const { output, ...policyOptions } = options;
  const result = policy(policyOptions);
  if (result.output !== '') writeReport(io, result.output, output);
  const base = directoryOf(options.path);
  let inputErrors = false;
  for (const line of result.errors) {
    const diagnostic = DIAGNOSTIC_LINE.exec(line);
    if (diagnostic) {
      const [, file, lineNo, code, message] = diagnostic as unknown as [string, string, string, string, string];
      if (code.startsWith('ERR_')) inputErrors = true;
      io.stderr(`${formatProblem(`${displayPath(base, file)}:${lineNo}`, message, code)}\n`);
    } else {
      io.stderr(`leash: ${line}\n`);
    }
  }
  // Part of the input could not be read: the policy may lack what that part needs.
  return inputErrors ? 2 : result.exitCode;
}

function directoryOf(path: string): string {
  try {
    return statSync(path).isFile() ? dirname(path) : path;
  } catch {
    return path;
  }
}
