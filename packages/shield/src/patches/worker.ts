/**
 * Workers start with fresh built-ins, so each one must load the shield itself. A worker created
 * with `execArgv: []` drops a CLI preload and one with `env: {}` drops a NODE_OPTIONS preload: we
 * always put `--require <register>` first in its execArgv (`--import` does not run for `eval`
 * workers) and hand it the policy through `setEnvironmentData`, set right before the worker is
 * built so user code cannot swap it.
 */
import workerThreads from 'node:worker_threads';
import type { Guard } from '../guard.js';
import { ArrayIsArray, ArrayPush, ObjectAssign, ReflectConstruct, SetHas, StringSplit } from '../primordials.js';
import { lockProperty } from './define.js';

export const WORKER_POLICY_KEY = 'leash:shield:policy';

/** Flags that would let worker code reach internals or skip the preload. */
const REFUSED_FLAGS = new Set(['--expose-internals', '--expose_internals', '--no-experimental-require-module']);

export function installWorker(guard: Guard, registerFile: string, canonicalPolicy: string): void {
  const Original = workerThreads.Worker;
  const setEnvironmentData = workerThreads.setEnvironmentData;
  const shieldedOptions = (options: unknown): object => {
    const given = (typeof options === 'object' && options !== null ? options : {}) as { execArgv?: unknown };
    const inherited = ArrayIsArray(given.execArgv) ? (given.execArgv as unknown[]) : process.execArgv;
    const execArgv = ['--require', registerFile];
    for (let i = 0; i < inherited.length; i++) {
      const flag = inherited[i];
      if (typeof flag === 'string' && SetHas(REFUSED_FLAGS, StringSplit(flag, '=')[0]!)) {
        const error = guard.deny('worker', `execArgv:${flag}`);
        if (error) throw error;
        continue;
      }
      ArrayPush(execArgv, flag as string);
    }
    return ObjectAssign({}, given, { execArgv });
  };
  const ShieldedWorker = function Worker(this: unknown, filename: unknown, options?: unknown): object {
    if (!new.target) return ReflectConstruct(Original, [filename, options]);
    const shielded = shieldedOptions(options);
    setEnvironmentData(WORKER_POLICY_KEY, canonicalPolicy);
    return ReflectConstruct(Original, [filename, shielded], new.target);
  } as unknown as typeof workerThreads.Worker;
  // instanceof, static members and subclassing keep working against the original class.
  Object.setPrototypeOf(ShieldedWorker, Original);
  (ShieldedWorker as unknown as { prototype: unknown }).prototype = Original.prototype;
  lockProperty(workerThreads, 'Worker', ShieldedWorker);
  // The policy must not be replaceable from user code before a worker is built.
  lockProperty(workerThreads, 'setEnvironmentData', function setEnvironmentDataGuarded(key: unknown, value: unknown) {
    if (key === WORKER_POLICY_KEY) throw new TypeError('leash shield: this key is reserved');
    return setEnvironmentData(key as string, value as string);
  });
}
