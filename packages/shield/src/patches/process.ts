/**
 * Process-level doors that are neither `child_process` nor `fs`:
 * - `process.execve` (Node 22.15+/23.11+) replaces this process with another program;
 * - `process.loadEnvFile(path)` reads a file from C++, outside the public `fs` API;
 * - `node:inspector` sessions and `open()` (see installInspector);
 * - `module.register(...)` starts loader hooks in a separate thread with fresh built-ins that the
 *   shield does not reach (in-thread `module.registerHooks` is fine). Register such hooks (APM
 *   agents, tsx) before the shield; afterwards they are denied in block mode.
 */
import { createRequire } from 'node:module';
import type { Guard } from '../guard.js';
import { ReflectApply, StringCtor } from '../primordials.js';
import { replaceFunction, type AnyFunction } from './define.js';

const require = createRequire(import.meta.url);

export function installProcess(guard: Guard): void {
  replaceFunction<AnyFunction>(process, 'execve', (original) =>
    function execve(this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'string') {
        const error = guard.check({ kind: 'exec', file: args[0] }, args[0]);
        if (error) throw error;
      }
      return ReflectApply(original, this, args);
    },
  );
  replaceFunction<AnyFunction>(process, 'loadEnvFile', (original) =>
    function loadEnvFile(this: unknown, ...args: unknown[]) {
      const path = args[0] === undefined ? '.env' : args[0];
      if (typeof path === 'string') {
        const error = guard.checkPath('fs-read', path);
        if (error) throw error;
      }
      return ReflectApply(original, this, args);
    },
  );
  const policy = guard.policy;
  const restricted = policy.network !== undefined || (policy.exec !== undefined && !policy.exec.any) || policy.fs !== undefined;
  if (restricted) {
    const moduleExports = require('node:module') as Record<string, unknown>;
    replaceFunction<AnyFunction>(moduleExports, 'register', (original) =>
      function register(this: unknown, ...args: unknown[]) {
        const error = guard.deny('worker', `module.register:${StringCtor(args[0]).slice(0, 200)}`);
        if (error) throw error;
        return ReflectApply(original, this, args);
      },
    );
    installInspector(guard);
  }
}

/**
 * `node:inspector`: a session evaluates code in this isolate and reads any function's closure
 * (`[[Scopes]]`), which holds the originals the wrappers call; `open()` starts the debugger
 * listener. Denied in block mode whenever any area is restricted. (`process.binding('inspector')`
 * is refused in bindings.ts; `inspector/promises` subclasses this Session.) Loading the module
 * costs ~0.15 ms once `net` and `http` are loaded.
 */
function installInspector(guard: Guard): void {
  let inspector: { Session?: { prototype: Record<string, unknown> }; open?: unknown } | undefined;
  try {
    inspector = require('node:inspector') as typeof inspector;
  } catch {
    return; // Node built without the inspector
  }
  const deny = (what: string) =>
    function (this: unknown, original: AnyFunction, args: unknown[]) {
      const error = guard.deny('worker', `inspector:${what}`);
      if (error) throw error;
      return ReflectApply(original, this, args);
    };
  const guardMethod = (target: object | undefined, name: string) => {
    if (target === undefined) return;
    const check = deny(name);
    replaceFunction<AnyFunction>(target, name, (original) =>
      function (this: unknown, ...args: unknown[]) {
        return ReflectApply(check, this, [original, args]);
      },
    );
  };
  const sessionPrototype = inspector?.Session?.prototype;
  guardMethod(sessionPrototype, 'connect');
  guardMethod(sessionPrototype, 'connectToMainThread');
  guardMethod(inspector, 'open');
}
