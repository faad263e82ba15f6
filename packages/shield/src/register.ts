/**
 * Activation without code changes: `node --import @leash/shield/register app.mjs` (or `--require`,
 * or `NODE_OPTIONS`). A missing or invalid policy stops the process here, before any user code
 * runs: the function never runs unprotected by accident. (No top-level await: this module is also
 * loaded with `--require` in workers and child processes.)
 */
import { isMainThread, getEnvironmentData } from 'node:worker_threads';
import { findPolicy } from './load-policy.js';
import { isShieldInstalled, shield } from './index.js';
import { WORKER_POLICY_KEY } from './patches/worker.js';
import { parsePolicyText } from './policy.js';

function start(): void {
  if (isShieldInstalled()) return;
  try {
    const fromParent = isMainThread ? undefined : getEnvironmentData(WORKER_POLICY_KEY);
    const found = findPolicy(process.env, process.cwd(), fromParent);
    shield(parsePolicyText(found.text, found.source));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code ?? 'ERR_LEASH_POLICY';
    process.stderr.write(`leash shield: cannot start (${String(code)}): ${message}\n`);
    process.exit(78);
  }
}

start();
