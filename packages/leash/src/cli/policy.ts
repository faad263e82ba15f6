/**
 * `leash policy [path]`: the least-privilege policy each function needs, from its code. The work is
 * the library's `policy(options)` (src/policy.ts); this module only writes what it returns, in the
 * CLI's conventions: input errors as `leash: <file>:<line>:<col>: <message> [CODE]` (the same
 * formatter as `leash scan`), and policy()'s exit code (2 on input errors).
 */
import { policy, type PolicyOptions } from '../policy.js';
import { POLICY_FORMATS, type PolicyFormat } from '../iam/format.js';
import { formatDiagnostic } from '../main.js';
import type { CliIo } from './io.js';
import { writeReport } from './write-report.js';

export { POLICY_FORMATS, type PolicyFormat };

export function policyCommand(io: CliIo, options: PolicyOptions & { readonly output?: string }): number {
  const { output, ...policyOptions } = options;
  const result = policy(policyOptions);
  if (result.output !== '') writeReport(io, result.output, output);
  // Errors only, as `leash scan` prints them; warnings are in the library result.
  for (const d of result.diagnostics) if (d.severity === 'error') io.stderr(`${formatDiagnostic(d)}\n`);
  for (const note of result.errors) io.stderr(`leash: ${note}\n`);
  return result.exitCode;
}
