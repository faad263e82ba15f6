/**
 * New processes, by all seven `child_process` exports one by one (execSync and execFileSync call
 * a module-local spawnSync that no prototype patch sees) plus `ChildProcess.prototype.spawn`.
 * Allowed children get the shield in `NODE_OPTIONS`, so a `node` started directly or through a
 * shell runs under the same policy.
 */
import childProcess from 'node:child_process';
import type { Guard, ShieldDeniedError } from '../guard.js';
import {
  ArrayIsArray, fsAccessSync, nextTick, ObjectAssign, ObjectDefineProperty, processExecPath, ReflectApply, StringIncludes, StringSplit,
} from '../primordials.js';
import { PROMISIFY_CUSTOM, replaceFunction, type AnyFunction } from './define.js';

const ObjectCreate = Object.create;

interface SpawnOptions {
  shell?: boolean | string;
  env?: Record<string, string | undefined>;
  execPath?: string;
}

interface Split {
  head: unknown;
  argv: unknown[] | undefined;
  options: SpawnOptions | undefined;
  rest: unknown[];
}

function splitArgs(args: unknown[], takesArgv: boolean): Split {
  let i = 1;
  let argv: unknown[] | undefined;
  let options: SpawnOptions | undefined;
  if (takesArgv && (ArrayIsArray(args[i]) || args[i] === null || (args[i] === undefined && args.length > i + 1))) {
    argv = ArrayIsArray(args[i]) ? (args[i] as unknown[]) : undefined;
    i++;
  }
  if (typeof args[i] === 'object' && args[i] !== null) {
    options = args[i] as SpawnOptions;
    i++;
  } else if (args[i] === undefined && args.length > i + 1) {
    i++;
  }
  return { head: args[0], argv, options, rest: args.slice(i) };
}

function findInPath(file: string, env: Record<string, string | undefined> | undefined): string | undefined {
  if (StringIncludes(file, '/')) return undefined;
  const pathVar = (env ?? process.env).PATH ?? '/usr/local/bin:/usr/bin:/bin';
  const dirs = StringSplit(pathVar, ':');
  for (let i = 0; i < dirs.length; i++) {
    const dir = dirs[i]!;
    if (dir === '') continue;
    const candidate = dir + '/' + file;
    try {
      fsAccessSync(candidate, 1 /* X_OK */);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

function shellOf(options: SpawnOptions | undefined): string {
  return typeof options?.shell === 'string' ? options.shell : '/bin/sh';
}

export function installChildProcess(guard: Guard, childNodeOptions: string, canonicalPolicy: string): void {
  const checkFile = (file: string, options: SpawnOptions | undefined): ShieldDeniedError | undefined => {
    const resolved = findInPath(file, options?.env);
    return guard.check(resolved === undefined ? { kind: 'exec', file } : { kind: 'exec', file, resolved }, file);
  };
  /** Options with the shield preloaded in the child's NODE_OPTIONS. */
  const shieldedOptions = (options: SpawnOptions | undefined): SpawnOptions => {
    const env = ObjectAssign({}, options?.env ?? process.env) as Record<string, string | undefined>;
    env.NODE_OPTIONS = env.NODE_OPTIONS ? `${childNodeOptions} ${env.NODE_OPTIONS}` : childNodeOptions;
    env.LEASH_POLICY = canonicalPolicy;
    return ObjectAssign({}, options ?? {}, { env });
  };
  const deniedChild = (error: Error, callback: unknown): childProcess.ChildProcess => {
    const child = new childProcess.ChildProcess();
    nextTick(() => {
      if (typeof callback === 'function') callback(error, '', '');
      else child.emit('error', error);
    });
    return child;
  };

  // spawn(file, args?, options?), execFile(file, args?, options?, cb?), fork(module, args?, options?)
  const withArgv = (name: 'spawn' | 'execFile' | 'fork' | 'spawnSync' | 'execFileSync') =>
    replaceFunction<AnyFunction>(childProcess, name, (original) =>
      function wrapped(this: unknown, ...args: unknown[]) {
        const split = splitArgs(args, true);
        if (typeof split.head !== 'string') return ReflectApply(original, this, args); // Node's own error
        const file = name === 'fork' ? (split.options?.execPath ?? processExecPath) : split.options?.shell ? shellOf(split.options) : split.head;
        const error = checkFile(file, split.options);
        if (error) {
          if (name === 'spawnSync') return { pid: 0, output: null, stdout: null, stderr: null, status: null, signal: null, error };
          if (name === 'execFileSync') throw error;
          return deniedChild(error, name === 'execFile' ? split.rest[split.rest.length - 1] : undefined);
        }
        return ReflectApply(original, this, [split.head, split.argv ?? [], shieldedOptions(split.options), ...split.rest]);
      },
    );
  // exec(command, options?, cb?), execSync(command, options?)
  const withShell = (name: 'exec' | 'execSync') =>
    replaceFunction<AnyFunction>(childProcess, name, (original) =>
      function wrapped(this: unknown, ...args: unknown[]) {
        const split = splitArgs(args, false);
        if (typeof split.head !== 'string') return ReflectApply(original, this, args);
        const error = checkFile(shellOf(split.options), split.options);
        if (error) {
          if (name === 'execSync') throw error;
          return deniedChild(error, split.rest[split.rest.length - 1]);
        }
        return ReflectApply(original, this, [split.head, shieldedOptions(split.options), ...split.rest]);
      },
    );
  withArgv('spawn');
  withArgv('spawnSync');
  withArgv('execFile');
  withArgv('execFileSync');
  withArgv('fork');
  withShell('exec');
  withShell('execSync');

  // util.promisify(exec/execFile) resolves { stdout, stderr }: rebuild that on top of the wrappers.
  for (const name of ['exec', 'execFile'] as const) {
    const wrapper = childProcess[name] as unknown as AnyFunction;
    const promisified = (...args: unknown[]) => {
      let child: unknown;
      const promise = new Promise((resolvePromise, rejectPromise) => {
        child = ReflectApply(wrapper, childProcess, [...args, (error: (Error & { stdout?: unknown; stderr?: unknown }) | null, stdout: unknown, stderr: unknown) => {
          if (error) {
            error.stdout = stdout;
            error.stderr = stderr;
            rejectPromise(error);
          } else {
            resolvePromise({ stdout, stderr });
          }
        }]);
      });
      (promise as Promise<unknown> & { child?: unknown }).child = child;
      return promise;
    };
    try {
      ObjectDefineProperty(wrapper, PROMISIFY_CUSTOM, { value: promisified, enumerable: false, writable: false, configurable: false });
    } catch {
      // skip
    }
  }

  // The lowest public level: what spawn/exec/execFile/fork all reach, and what code that builds a
  // ChildProcess by hand calls.
  replaceFunction<AnyFunction>(childProcess.ChildProcess.prototype, 'spawn', (original) =>
    function spawn(this: unknown, ...args: unknown[]) {
      // Plain data, read here: a getter that is a bound native Process.spawn would otherwise run
      // with node:internal/child_process as its caller, which patches/handles.ts trusts. No
      // prototype, so a getter planted on Object.prototype is not read either.
      if (typeof args[0] === 'object' && args[0] !== null) {
        const given = args[0] as Record<string, unknown>;
        const copy = ObjectCreate(null) as Record<string, unknown>;
        // eslint-disable-next-line guard-for-in
        for (const key in given) copy[key] = given[key];
        args[0] = copy;
      }
      const options = args[0] as { file?: unknown; envPairs?: unknown } | undefined;
      if (options && typeof options.file === 'string') {
        const error = checkFile(options.file, undefined);
        if (error) throw error;
      }
      return ReflectApply(original, this, args);
    },
  );
}
