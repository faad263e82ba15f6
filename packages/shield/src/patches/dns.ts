/**
 * DNS is an exfiltration channel of its own (a query for `<secret>.attacker.example` carries data
 * out even when no connection follows), so every query is checked by name against the network
 * host entries: `lookup`, every `resolve*`, `reverse`, on the module, `dns.promises`, and both
 * `Resolver` classes; `setServers` must point at addresses the network policy allows.
 */
import dns from 'node:dns';
import type { Guard, ShieldDeniedError } from '../guard.js';
import { ArrayIsArray, nextTick, NumberCtor, PromiseReject, ReflectApply, StringIndexOf, StringLastIndexOf, StringSlice, StringStartsWith } from '../primordials.js';
import { replaceFunction, type AnyFunction } from './define.js';

type Style = 'callback' | 'promise';

function queryNames(target: object): string[] {
  const names: string[] = [];
  for (const name of Object.getOwnPropertyNames(target)) {
    if ((StringStartsWith(name, 'resolve') || name === 'reverse' || name === 'lookup') && typeof (target as Record<string, unknown>)[name] === 'function') names.push(name);
  }
  return names;
}

function fail(style: Style, error: ShieldDeniedError, args: unknown[]): unknown {
  if (style === 'promise') return PromiseReject(error);
  const callback = args[args.length - 1];
  if (typeof callback !== 'function') throw error;
  nextTick(callback as AnyFunction, error);
  return undefined;
}

/** `8.8.8.8`, `8.8.8.8:53`, `[2001:db8::1]:53`, `2001:db8::1` → host and port. */
function serverAddress(server: string): { host: string; port: number } {
  if (StringStartsWith(server, '[')) {
    const close = StringIndexOf(server, ']');
    const port = StringSlice(server, close + 2);
    return { host: StringSlice(server, 1, close), port: port === '' ? 53 : NumberCtor(port) };
  }
  const colon = StringLastIndexOf(server, ':');
  if (colon > 0 && StringIndexOf(server, ':') === colon) return { host: StringSlice(server, 0, colon), port: NumberCtor(StringSlice(server, colon + 1)) };
  return { host: server, port: 53 };
}

export function installDns(guard: Guard): void {
  const checkQuery = (name: string, args: unknown[]): ShieldDeniedError | undefined => {
    const host = args[0];
    if (typeof host !== 'string') return undefined; // Node rejects it with its own error
    // A reverse query (PTR, or getnameinfo for lookupService) carries the address itself out.
    if (name === 'reverse' || name === 'lookupService') return guard.allows({ kind: 'network', host }) ? undefined : guard.deny('dns', `reverse:${host}`);
    return guard.check({ kind: 'dns', host }, host);
  };
  const wrapQueries = (target: object, style: Style): void => {
    for (const name of queryNames(target)) {
      replaceFunction<AnyFunction>(target, name, (original) =>
        function query(this: unknown, ...args: unknown[]) {
          const error = checkQuery(name, args);
          return error ? fail(style, error, args) : ReflectApply(original, this, args);
        },
      );
    }
  };
  /**
   * Module-level `resolve*` are bound to the default resolver, and `setServers` on the module
   * replaces them (assigning new bound functions). Those properties become accessors: reads give
   * our wrapper; writes are accepted only from inside our `setServers` (they swap the function the
   * wrapper calls) and refused from anywhere else.
   */
  let rebinding = false;
  const wrapModuleQueries = (target: object, style: Style): void => {
    for (const name of queryNames(target)) {
      if (name === 'lookup') continue;
      let current = (target as Record<string, AnyFunction>)[name]!;
      const wrapper = function query(this: unknown, ...args: unknown[]) {
        const error = checkQuery(name, args);
        return error ? fail(style, error, args) : ReflectApply(current, this, args);
      };
      Object.defineProperty(wrapper, 'name', { value: name });
      Object.defineProperty(target, name, {
        configurable: false,
        enumerable: true,
        get: () => wrapper,
        set: (value: unknown) => {
          if (!rebinding || typeof value !== 'function') throw new TypeError(`leash shield: dns.${name} cannot be replaced`);
          current = value as AnyFunction;
        },
      });
    }
    replaceFunction<AnyFunction>(target, 'lookup', (original) =>
      function lookup(this: unknown, ...args: unknown[]) {
        const error = checkQuery('lookup', args);
        return error ? fail(style, error, args) : ReflectApply(original, this, args);
      },
    );
  };
  const patchedOwners = new Set<object>();
  const wrapSetServers = (start: object): void => {
    let owner: object | null = start;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, 'setServers')) owner = Object.getPrototypeOf(owner) as object | null;
    if (!owner || patchedOwners.has(owner)) return;
    patchedOwners.add(owner);
    replaceFunction<AnyFunction>(owner, 'setServers', (original) =>
      function setServers(this: unknown, ...args: unknown[]) {
        const servers = args[0];
        if (ArrayIsArray(servers) && guard.policy.network !== undefined) {
          for (let i = 0; i < (servers as unknown[]).length; i++) {
            const server = (servers as unknown[])[i];
            if (typeof server !== 'string') continue;
            const { host, port } = serverAddress(server);
            if (!guard.allows({ kind: 'network', host, port })) {
              const error = guard.deny('dns', `server:${server}`);
              if (error) throw error;
            }
          }
        }
        const outer = rebinding; // module setServers calls Resolver#setServers inside
        rebinding = true;
        try {
          return ReflectApply(original, this, args);
        } finally {
          rebinding = outer;
        }
      },
    );
  };

  for (const [target, style] of [[dns, 'callback'], [dns.promises, 'promise']] as const) {
    replaceFunction<AnyFunction>(target, 'lookupService', (original) =>
      function lookupService(this: unknown, ...args: unknown[]) {
        const error = checkQuery('lookupService', args);
        return error ? fail(style, error, args) : ReflectApply(original, this, args);
      },
    );
  }
  wrapModuleQueries(dns, 'callback');
  wrapQueries(dns.Resolver.prototype, 'callback');
  wrapModuleQueries(dns.promises, 'promise');
  wrapQueries(dns.promises.Resolver.prototype, 'promise');
  wrapSetServers(dns);
  wrapSetServers(dns.promises);
  wrapSetServers(dns.Resolver.prototype);
  wrapSetServers(dns.promises.Resolver.prototype);
}
