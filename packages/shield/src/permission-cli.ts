/**
 * Prints the permission-model flags for the policy in the environment, one per line, for
 * `bin/leash-exec-wrapper`. Exits 78 with a message when the policy is missing or invalid, so the
 * wrapper stops the function instead of starting it unprotected.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPolicy } from './load-policy.js';
import { parsePolicyText } from './policy.js';
import { permissionFlags } from './permission-flags.js';

const shieldPackageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const found = findPolicy(process.env, process.cwd());
  const policy = parsePolicyText(found.text, found.source);
  const onLambda = process.env.AWS_LAMBDA_RUNTIME_API !== undefined || process.env.LAMBDA_TASK_ROOT !== undefined;
  const runtimeReadPaths = [shieldPackageDir];
  if (onLambda) {
    runtimeReadPaths.push('/var/runtime', '/var/lang', process.env.LAMBDA_TASK_ROOT ?? '/var/task', '/opt');
    for (const dir of (process.env.NODE_PATH ?? '').split(':')) if (dir.startsWith('/')) runtimeReadPaths.push(dir);
  }
  if (found.source.startsWith('/')) runtimeReadPaths.push(found.source);
  const major = Number(process.env.LEASH_NODE_MAJOR ?? process.versions.node.split('.')[0]);
  process.stdout.write(permissionFlags(policy, { nodeMajor: major, runtimeReadPaths, needsAddons: onLambda }).join('\n') + '\n');
} catch (error) {
  process.stderr.write(`leash shield: cannot start (ERR_LEASH_POLICY): ${(error as Error).message}\n`);
  process.exit(78);
}
