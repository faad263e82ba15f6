/**
 * Outbound TCP and Unix sockets. Every client connection in Node (net, http, https, tls, http2,
 * fetch/undici, WebSocket) ends in `net.Socket.prototype.connect`, so that one wrapper covers them.
 * A name is checked before DNS; a name that matches no host entry may still be allowed through an
 * IP/CIDR entry, checked on the resolved address by a lookup we supply.
 */
import net from 'node:net';
import dns from 'node:dns';
import type { Guard } from '../guard.js';
import { absolutePath } from '../guard.js';
import { ArrayIsArray, ArrayPush, nextTick, NumberCtor, ObjectAssign, ReflectApply } from '../primordials.js';
import { replaceFunction, type AnyFunction } from './define.js';

interface ConnectOptions {
  host?: string;
  port?: number | string;
  path?: string;
  lookup?: AnyFunction;
}

function isPipeName(value: unknown): boolean {
  return typeof value === 'string' && !(NumberCtor(value) >= 0);
}

/** Mirrors net's normalizeArgs: the options and callback of any `connect` call form. */
export function connectOptions(args: unknown[]): { options: ConnectOptions; callback: unknown } {
  const first = args[0];
  if (ArrayIsArray(first)) return { options: (first[0] ?? {}) as ConnectOptions, callback: first[1] };
  const callback = args[args.length - 1];
  if (typeof first === 'object' && first !== null) return { options: first as ConnectOptions, callback };
  if (isPipeName(first)) return { options: { path: first as string }, callback };
  const options: ConnectOptions = { port: first as number };
  if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  return { options, callback };
}

export function installNet(guard: Guard, originalLookup: typeof dns.lookup): void {
  replaceFunction<AnyFunction>(net.Socket.prototype, 'connect', (original) =>
    function connect(this: net.Socket, ...args: unknown[]) {
      const { options, callback } = connectOptions(args);
      const fail = (error: Error): net.Socket => {
        nextTick(() => this.destroy(error));
        return this;
      };
      if (typeof options.path === 'string' && options.path !== '') {
        const path = absolutePath(options.path);
        const error = guard.check({ kind: 'network', path }, `unix:${path}`);
        return error ? fail(error) : ReflectApply(original, this, args);
      }
      const host = typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost';
      const port = options.port === undefined || options.port === null ? undefined : NumberCtor(options.port);
      const target = `${host}:${port ?? ''}`;
      if (guard.policy.network === undefined) return ReflectApply(original, this, args);
      if (guard.allows({ kind: 'network', host, port })) {
        // A caller-supplied lookup could map an allowed name to any address: use the real resolver.
        if (guard.policy.mode === 'block' && net.isIP(host) === 0 && typeof options.lookup === 'function' && options.lookup !== originalLookup && options.lookup !== dns.lookup) {
          return ReflectApply(original, this, [ObjectAssign({}, options, { lookup: originalLookup }), callback]);
        }
        return ReflectApply(original, this, args);
      }
      if (net.isIP(host) === 0 && guard.mayAllowByAddress(port)) {
        // Resolve, then allow only addresses that match an IP/CIDR entry.
        const userLookup = typeof options.lookup === 'function' && guard.policy.mode !== 'block' ? options.lookup : originalLookup;
        const lookup = (hostname: string, lookupOptions: { all?: boolean }, cb: AnyFunction) => {
          ReflectApply(userLookup, undefined, [hostname, lookupOptions, (err: Error | null, address: unknown, family?: number) => {
            if (err) return cb(err);
            const list = ArrayIsArray(address) ? (address as { address: string; family: number }[]) : [{ address: address as string, family: family as number }];
            const allowed: { address: string; family: number }[] = [];
            for (let i = 0; i < list.length; i++) {
              const entry = list[i]!;
              if (guard.allows({ kind: 'network', host, address: entry.address, port })) ArrayPush(allowed, entry);
            }
            if (allowed.length === 0) {
              const error = guard.deny('network', target);
              if (error) return cb(error);
              return ReflectApply(userLookup, undefined, [hostname, lookupOptions, cb]);
            }
            if (lookupOptions?.all) return cb(null, allowed);
            return cb(null, allowed[0]!.address, allowed[0]!.family);
          }]);
        };
        return ReflectApply(original, this, [ObjectAssign({}, options, { lookup }), callback]);
      }
      const error = guard.check({ kind: 'network', host, port }, target);
      return error ? fail(error) : ReflectApply(original, this, args);
    },
  );
}

