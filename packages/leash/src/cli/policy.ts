/**
 * `leash policy [path]`: the least-privilege policy each function needs, from its code. The work is
 * the library's `policy(options)` (src/policy.ts); this module only writes what it returns, in the
 * CLI's conventions: input errors as `leash: <file>:<line>:<col>: <message> [CODE]` (the same
 * formatter as `leash scan`), and policy()'s exit code (2 on input errors).
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { policy, type PolicyOptions } from '../policy.js';
import { POLICY_FORMATS, type PolicyFormat } from '../iam/format.js';
import { formatDiagnostic, formatProblem } from '../main.js';
import type { CliIo } from './io.js';
import { writeReport } from './write-report.js';

export { POLICY_FORMATS, type PolicyFormat };

export function policyCommand(io: CliIo, options: PolicyOptions & { readonly output?: string }): number {
  const { output, ...policyOptions } = options;
  const result = policy(policyOptions);
  if (result.output !== '') writeReport(io, result.output, output);
  const base = directoryOf(options.path);
  // Errors only, as `leash scan` prints them; warnings are in the library result.
  for (const d of result.diagnostics) {
    if (d.severity !== 'error') continue;
    // A problem with no place in the app (a bad path, an unknown function id) has no location to show.
    io.stderr(`${d.file === '' ? formatProblem(undefined, d.message, d.code) : formatDiagnostic(base, d)}\n`);
  }
  for (const note of result.errors) io.stderr(`leash: ${note}\n`);
  return result.exitCode;
}

/** The directory policy() reads, as written: diagnostics' files are relative to it. */
function directoryOf(path: string): string {
  try {
    return statSync(path).isFile() ? dirname(path) : path;
  } catch {
    return path;
  }
}
