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
import { ArrayIsArray, ArrayPush, ArraySlice, nextTick, NumberCtor, ObjectAssign, ReflectApply, StringCtor } from '../primordials.js';

const ObjectCreate = Object.create;
import { lockProperty, replaceFunction, type AnyFunction } from './define.js';

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

/** Options node:net coerces to a string or number itself. */
const PRIMITIVE_OPTIONS = ['host', 'port', 'path', 'localAddress', 'localPort', 'family', 'hints', 'timeout', 'keepAliveInitialDelay', 'autoSelectFamilyAttemptTimeout'];

/**
 * The options as plain data, read here: a getter (or a valueOf/toString on a value node:net
 * coerces) that is a bound native handle method would otherwise run with `node:net` as its
 * caller, which the handle check in handles.ts trusts. Inherited enumerable options are kept
 * (`Object.create(defaults)`); the copy has no prototype, so a getter planted on Object.prototype
 * is not read by node:net either.
 */
function snapshot(options: ConnectOptions): ConnectOptions {
  const copy = ObjectCreate(null) as Record<string, unknown>;
  // eslint-disable-next-line guard-for-in
  for (const key in options) copy[key] = (options as Record<string, unknown>)[key];
  for (let i = 0; i < PRIMITIVE_OPTIONS.length; i++) {
    const key = PRIMITIVE_OPTIONS[i]!;
    const value = copy[key];
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') copy[key] = StringCtor(value);
  }
  return copy as ConnectOptions;
}

export function installNet(guard: Guard, originalLookup: typeof dns.lookup): void {
  if (guard.policy.network !== undefined) installSnapshots();
  replaceFunction<AnyFunction>(net.Socket.prototype, 'connect', (original) =>
    function connect(this: net.Socket, ...args: unknown[]) {
      if (guard.policy.network === undefined) return ReflectApply(original, this, args);
      const normalized = connectOptions(args);
      const options = snapshot(normalized.options);
      const callback = normalized.callback;
      // From here on node:net sees only the snapshot (same meaning as the original arguments).
      args = [options, callback];
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


const ReflectConstructLocal = Reflect.construct;

/**
 * `new net.Socket(options)` copies its options with a spread inside node:net, and `net.connect` /
 * `createConnection` pass theirs on to it: an option getter that is a bound native handle method
 * would run there with node:net as its caller. The exported entry points take a snapshot first.
 */
function installSnapshots(): void {
  const plain = (value: unknown): unknown => (typeof value === 'object' && value !== null && !ArrayIsArray(value) ? snapshot(value as ConnectOptions) : value);
  for (const name of ['connect', 'createConnection'] as const) {
    replaceFunction<AnyFunction>(net, name, (original) =>
      function connect(this: unknown, ...args: unknown[]) {
        if (args.length > 0) args[0] = plain(args[0]);
        return ReflectApply(original, this, args);
      },
    );
  }
  const OriginalSocket = net.Socket;
  const withSnapshot = (args: unknown[]): unknown[] => {
    const copy = ArraySlice(args);
    if (copy.length > 0) copy[0] = plain(copy[0]);
    return copy;
  };
  const SnapshotSocket: typeof net.Socket = new Proxy(OriginalSocket, {
    construct: (target, args: unknown[], newTarget: AnyFunction): object => ReflectConstructLocal(target, withSnapshot(args), newTarget),
    apply: (target, self, args: unknown[]): unknown => ReflectApply(target as unknown as AnyFunction, self, withSnapshot(args)),
  });
  lockProperty(net, 'Socket', SnapshotSocket);
  if ((net as unknown as { Stream?: unknown }).Stream === OriginalSocket) lockProperty(net, 'Stream', SnapshotSocket);
}
