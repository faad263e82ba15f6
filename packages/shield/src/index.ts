/**
 * `@leash/shield`: a runtime fence for Node.js Lambda functions. `shield(policy)` installs it in
 * this process (and every worker and child process it starts); `@leash/shield/register` does the
 * same from `--import` / `--require` with the policy from the environment.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createGuard } from './guard.js';
import { isParsedPolicy, parsePolicy, parsePolicyText, ShieldPolicyError, type Policy, type PolicyInput } from './policy.js';
import { installBindings } from './patches/bindings.js';
import { installChildProcess } from './patches/child-process.js';
import { installDgram } from './patches/dgram.js';
import { installDns } from './patches/dns.js';
import { installFs } from './patches/fs.js';
import { captureHandlePrototypes, installHandles } from './patches/handles.js';
import { installNet } from './patches/net.js';
import { installProcess } from './patches/process.js';
import { installWorker } from './patches/worker.js';
import { fsRealpathNative, JSONStringify, ObjectDefineProperty, ObjectFreeze } from './primordials.js';

export { decide, mayAllowByAddress, underPrefix } from './decide.js';
export type { Decision, DecideContext, Kind, Request } from './decide.js';
export { parsePolicy, parsePolicyText, ShieldPolicyError } from './policy.js';
export type { Mode, NetRule, Policy, PolicyInput } from './policy.js';
export { ShieldDeniedError } from './guard.js';
export { VIOLATION_CHANNEL, packageOfFile } from './report.js';
export type { Violation } from './report.js';

const INSTALLED = Symbol.for('leash.shield.installed');

/** The register module's file: preloaded into workers and child processes. */
export const REGISTER_FILE = fileURLToPath(new URL('./register.js', import.meta.url));

export interface ShieldHandle {
  /** The policy as given (normalized). */
  readonly policy: Policy;
}

function installedCanonical(): string | undefined {
  const state = (globalThis as Record<symbol, unknown>)[INSTALLED] as { canonical: string } | undefined;
  return state?.canonical;
}

/** True when a shield is already active in this thread. */
export function isShieldInstalled(): boolean {
  return installedCanonical() !== undefined;
}

function withRealPaths(list: readonly string[] | undefined): readonly string[] | undefined {
  if (list === undefined) return undefined;
  const out: string[] = [];
  for (const entry of list) {
    out.push(entry);
    try {
      const real = fsRealpathNative(entry);
      if (real !== entry) out.push(real);
    } catch {
      // not there (yet): the lexical entry stands
    }
  }
  return out;
}

function refusesInternals(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some((flag) => flag === '--expose-internals' || flag === '--expose_internals');
}

/**
 * Installs the shield in this thread. The policy cannot be changed afterwards: calling again with
 * the same policy is a no-op, with another one throws `ShieldPolicyError` (`ERR_LEASH_POLICY`).
 */
export function shield(input: PolicyInput | Policy | string): ShieldHandle {
  const policy = typeof input === 'string'
    ? parsePolicyText(input, 'policy')
    : isParsedPolicy(input) ? input : 'canonical' in input ? parsePolicy(JSON.parse((input as Policy).canonical)) : parsePolicy(input);
  const current = installedCanonical();
  if (current !== undefined) {
    if (current === policy.canonical) return ObjectFreeze({ policy });
    throw new ShieldPolicyError('a shield with a different policy is already installed; it cannot be changed or loosened after start');
  }
  if (policy.mode === 'block' && refusesInternals()) {
    throw new ShieldPolicyError('--expose-internals gives code the raw internal bindings; the shield refuses to run with it in block mode');
  }
  const effective: Policy = ObjectFreeze({
    ...policy,
    ...(policy.fs ? { fs: ObjectFreeze({ ...(policy.fs.read ? { read: ObjectFreeze(withRealPaths(policy.fs.read)!) } : {}), ...(policy.fs.write ? { write: ObjectFreeze(withRealPaths(policy.fs.write)!) } : {}) }) } : {}),
  });
  const runtimeApi = process.env.AWS_LAMBDA_RUNTIME_API;
  const guard = createGuard(effective, runtimeApi ? { runtimeApi } : {});
  const originalLookup = dns.lookup;
  const childNodeOptions = `--require ${JSONStringify(REGISTER_FILE)}`;

  // Before net.Socket.prototype.connect is wrapped (see captureHandlePrototypes).
  const handlePrototypes = captureHandlePrototypes();
  installFs(guard);
  installNet(guard, originalLookup);
  installDgram(guard);
  installDns(guard);
  installChildProcess(guard, childNodeOptions, policy.canonical);
  installWorker(guard, REGISTER_FILE, policy.canonical);
  installBindings(guard);
  installHandles(guard, handlePrototypes);
  installProcess(guard);
  // ESM named imports of built-ins (`import { execSync } from 'node:child_process'`) are bindings
  // taken from a snapshot of the exports: refresh it so they see the wrappers.
  syncBuiltinESMExports();

  ObjectDefineProperty(globalThis, INSTALLED, { value: ObjectFreeze({ canonical: policy.canonical }), enumerable: false, writable: false, configurable: false });
  return ObjectFreeze({ policy });
}
