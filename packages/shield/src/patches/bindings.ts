/**
 * The doors below the public API: `process.binding` / `_linkedBinding` hand out the raw handles
 * (`tcp_wrap`, `spawn_sync`...) that the JS modules wrap, and native addons run code no JS check
 * reaches. Raw bindings for a restricted area are refused in block mode; addons are checked by path
 * against `addons.allow`.
 */
import { createRequire } from 'node:module';
import type { Guard } from '../guard.js';
import { absolutePath } from '../guard.js';
import { ReflectApply, StringCtor, StringStartsWith, urlFileURLToPath } from '../primordials.js';

const ObjectHasOwn = Object.hasOwn;
import { lockProperty, replaceFunction, type AnyFunction } from './define.js';
import type { Kind } from '../decide.js';

const require = createRequire(import.meta.url);

const BINDING_AREA: Readonly<Record<string, 'network' | 'exec' | 'fs' | 'any'>> = {
  tcp_wrap: 'network',
  pipe_wrap: 'network',
  udp_wrap: 'network',
  cares_wrap: 'network',
  tls_wrap: 'network',
  stream_wrap: 'network',
  js_stream: 'network',
  spawn_sync: 'exec',
  process_wrap: 'exec',
  fs: 'fs',
  fs_dir: 'fs',
  fs_event_wrap: 'fs',
  // The inspector protocol evaluates code and reads closures (the wrappers' originals): any area.
  inspector: 'any',
};

function restricts(guard: Guard, area: 'network' | 'exec' | 'fs' | 'any'): boolean {
  const policy = guard.policy;
  if (area === 'any') return restricts(guard, 'network') || restricts(guard, 'exec') || restricts(guard, 'fs');
  if (area === 'network') return policy.network !== undefined;
  if (area === 'exec') return policy.exec !== undefined && !policy.exec.any;
  return policy.fs !== undefined && (policy.fs.read !== undefined || policy.fs.write !== undefined);
}

const AREA_KIND: Readonly<Record<'network' | 'exec' | 'fs' | 'any', Kind>> = { network: 'network', exec: 'exec', fs: 'fs-write', any: 'worker' };

export function installBindings(guard: Guard): void {
  for (const name of ['binding', '_linkedBinding'] as const) {
    replaceFunction<AnyFunction>(process, name, (original) =>
      function binding(this: unknown, ...args: unknown[]) {
        // Node turns the name into a string itself (`String(module)`): do it once, here, so an
        // object with a toString() cannot show the check one name and Node another.
        if (args.length > 0) args[0] = StringCtor(args[0]);
        const module = args[0] as string;
        const area = ObjectHasOwn(BINDING_AREA, module) ? BINDING_AREA[module] : undefined;
        if (area !== undefined && restricts(guard, area)) {
          const error = guard.deny(AREA_KIND[area], `binding:${module}`);
          if (error) throw error;
        }
        return ReflectApply(original, this, args);
      },
    );
  }

  const addonPath = (filename: unknown): string | undefined => {
    if (typeof filename === 'string') return StringStartsWith(filename, 'file:') ? urlFileURLToPath(filename) : filename;
    if (filename instanceof URL) return urlFileURLToPath(filename);
    return undefined;
  };
  replaceFunction<AnyFunction>(process, 'dlopen', (original) =>
    function dlopen(this: unknown, ...args: unknown[]) {
      const path = addonPath(args[1]);
      if (guard.policy.addons !== undefined) {
        const error = path === undefined ? guard.deny('addon', String(args[1])) : guard.checkPath('addon', path);
        if (error) throw error;
      }
      return ReflectApply(original, this, args);
    },
  );

  // require() of a `.node` file goes through this loader; check there too (same rule), then lock it.
  const Module = require('node:module') as { _extensions: Record<string, AnyFunction> };
  const extensions = Module._extensions;
  const originalLoader = extensions['.node'];
  if (typeof originalLoader === 'function') {
    lockProperty(extensions, '.node', function loadAddon(this: unknown, ...args: unknown[]) {
      const filename = args[1];
      if (guard.policy.addons !== undefined && typeof filename === 'string') {
        const error = guard.checkPath('addon', absolutePath(filename));
        if (error) throw error;
      }
      return ReflectApply(originalLoader, this, args);
    });
  }
}
