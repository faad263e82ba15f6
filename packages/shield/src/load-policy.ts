/**
 * Where the register module finds the policy: `LEASH_POLICY` (inline JSON), else
 * `LEASH_POLICY_FILE` (a path), else `leash.policy.json` in `LAMBDA_TASK_ROOT`, else in the
 * working directory. Workers get their parent's policy through environment data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShieldPolicyError } from './policy.js';

export interface PolicySource {
  readonly text: string;
  /** For messages: `LEASH_POLICY`, a file path, or `parent thread`. */
  readonly source: string;
}

export function findPolicy(env: NodeJS.ProcessEnv, cwd: string, fromParent?: unknown): PolicySource {
  if (typeof fromParent === 'string') return { text: fromParent, source: 'parent thread' };
  if (env.LEASH_POLICY !== undefined && env.LEASH_POLICY.trim() !== '') return { text: env.LEASH_POLICY, source: 'LEASH_POLICY' };
  const file = env.LEASH_POLICY_FILE;
  if (file !== undefined && file.trim() !== '') {
    try {
      return { text: readFileSync(file, 'utf8'), source: file };
    } catch (error) {
      throw new ShieldPolicyError(`LEASH_POLICY_FILE=${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  const candidates = [env.LAMBDA_TASK_ROOT, cwd].filter((dir): dir is string => typeof dir === 'string' && dir !== '').map((dir) => join(dir, 'leash.policy.json'));
  for (const candidate of candidates) {
    if (existsSync(candidate)) return { text: readFileSync(candidate, 'utf8'), source: candidate };
  }
  throw new ShieldPolicyError(`no policy: set LEASH_POLICY (JSON) or LEASH_POLICY_FILE, or add leash.policy.json to ${candidates.join(' or ')}`);
}
