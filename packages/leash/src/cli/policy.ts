/**
 * `leash policy [path]`: the least-privilege policy each function needs, from its code.
 *
 * The generator is another module (`src/iam/generate.ts`, exporting
 * `policy(options: PolicyOptions): { exitCode?: number; output: string; errors?: readonly string[] }`).
 * Until it lands it is loaded at run time so that the CLI builds without it; when it exists, replace
 * the dynamic import with a static one.
 */
import { LeashError } from '../errors.js';
import type { CliIo } from './io.js';
import { writeReport } from './write-report.js';

export const POLICY_FORMATS = ['json', 'iam', 'sam', 'cloudformation', 'serverless'] as const;
export type PolicyFormat = (typeof POLICY_FORMATS)[number];

export interface PolicyOptions {
  readonly path: string;
  readonly functionId?: string;
  readonly format: PolicyFormat;
  readonly stage?: string;
}

interface PolicyModule {
  policy(options: PolicyOptions): { exitCode?: number; output: string; errors?: readonly string[] } | Promise<{ exitCode?: number; output: string; errors?: readonly string[] }>;
}

// The generator lives in src/policy.ts (policy(options)); changed from ../iam/generate.js by the policy generator's author.
const GENERATOR_MODULE = '../policy.js';

async function loadGenerator(): Promise<PolicyModule> {
  let mod: Partial<PolicyModule>;
  try {
    mod = (await import(GENERATOR_MODULE)) as Partial<PolicyModule>;
  } catch {
    throw new LeashError('ERR_LEASH_INTERNAL', 'leash policy is not available in this build (the policy generator is missing)');
  }
  if (typeof mod.policy !== 'function') throw new LeashError('ERR_LEASH_INTERNAL', 'leash policy is not available in this build (the policy generator exports no policy())');
  return mod as PolicyModule;
}

export async function policyCommand(io: CliIo, options: PolicyOptions & { readonly output?: string }): Promise<number> {
  const generator = await loadGenerator();
  const { output, ...policyOptions } = options;
  const result = await generator.policy(policyOptions);
  if (result.output !== '') writeReport(io, result.output, output);
  for (const line of result.errors ?? []) io.stderr(`${line}\n`);
  return result.exitCode ?? 0;
}
