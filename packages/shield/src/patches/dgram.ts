/**
 * UDP: `send` to an address, `connect`, and `bind` to a fixed port. (The implicit bind before a
 * first send uses port 0 and passes.)
 */
import dgram from 'node:dgram';
import type { Guard } from '../guard.js';
import { ArraySlice, nextTick, NumberCtor, ReflectApply, ReflectConstruct } from '../primordials.js';
import { lockProperty, replaceFunction, type AnyFunction } from './define.js';

type UdpSocket = dgram.Socket & { type?: string };

function defaultAddress(socket: UdpSocket): string {
  return socket.type === 'udp6' ? '::1' : '127.0.0.1';
}

/** Delivers an error the way dgram does: to the callback if one was given, else as an 'error' event. */
function failLater(socket: dgram.Socket, error: Error, callback: unknown): void {
  nextTick(() => {
    if (typeof callback === 'function') callback(error);
    else socket.emit('error', error);
  });
}

const ObjectCreate = Object.create;

/**
 * `dgram.createSocket(options)` / `new dgram.Socket(options)` read their options inside node:dgram:
 * a getter that is a bound native `UDP.prototype.send` would run with node:dgram as its caller,
 * which patches/handles.ts trusts. The options are copied to plain data here first.
 */
function installSnapshots(): void {
  const plain = (args: unknown[]): unknown[] => {
    const copy = ArraySlice(args);
    const first = copy[0];
    if (typeof first === 'object' && first !== null) {
      const data = ObjectCreate(null) as Record<string, unknown>;
      // eslint-disable-next-line guard-for-in
      for (const key in first) data[key] = (first as Record<string, unknown>)[key];
      copy[0] = data;
    }
    return copy;
  };
  replaceFunction<AnyFunction>(dgram, 'createSocket', (original) =>
    function createSocket(this: unknown, ...args: unknown[]) {
      return ReflectApply(original, this, plain(args));
    },
  );
  const OriginalSocket = dgram.Socket;
  const SnapshotSocket: typeof dgram.Socket = new Proxy(OriginalSocket, {
    construct: (target, args: unknown[], newTarget: AnyFunction): object => ReflectConstruct(target, plain(args), newTarget),
    apply: (target, self, args: unknown[]): unknown => ReflectApply(target as unknown as AnyFunction, self, plain(args)),
  });
  lockProperty(dgram, 'Socket', SnapshotSocket);
}

/** Checks a send/connect destination; when denied, fails it the way dgram fails (callback or `error` event). */
function deniedUdp(guard: Guard, socket: UdpSocket, address: unknown, port: unknown, callback: unknown): boolean {
  const host = typeof address === 'string' && address !== '' ? address : defaultAddress(socket);
  const numericPort = NumberCtor(port);
  const error = guard.check({ kind: 'network', host, port: numericPort }, `udp:${host}:${numericPort}`);
  if (error) failLater(socket, error, callback);
  return error !== undefined;
}

export function installDgram(guard: Guard): void {
  if (guard.policy.network !== undefined) installSnapshots();
  const proto = dgram.Socket.prototype;
  replaceFunction<AnyFunction>(proto, 'send', (original) =>
    function send(this: UdpSocket, ...args: unknown[]) {
      // send(msg, offset, length, port, address, cb) | send(msg, port, address, cb) | send(msg, cb) when connected
      let [, offset, length, port, address, callback] = args;
      if (!(address || (port && typeof port !== 'function'))) {
        callback = port;
        port = offset;
        address = length;
      }
      if (typeof address === 'function') {
        callback = address;
        address = undefined;
      }
      if (port === undefined || port === null || typeof port === 'function') return ReflectApply(original, this, args); // connected socket: checked at connect
      if (deniedUdp(guard, this, address, port, callback)) return undefined;
      return ReflectApply(original, this, args);
    },
  );
  replaceFunction<AnyFunction>(proto, 'connect', (original) =>
    function connect(this: UdpSocket, ...args: unknown[]) {
      let [port, address, callback] = args;
      if (typeof address === 'function') {
        callback = address;
        address = undefined;
      }
      if (deniedUdp(guard, this, address, port, callback)) return undefined;
      return ReflectApply(original, this, args);
    },
  );
  replaceFunction<AnyFunction>(proto, 'bind', (original) =>
    function bind(this: UdpSocket, ...args: unknown[]) {
      const first = args[0];
      let port: unknown = first;
      let address: unknown = args[1];
      if (typeof first === 'object' && first !== null) {
        port = (first as { port?: unknown }).port;
        address = (first as { address?: unknown }).address;
      }
      const numericPort = NumberCtor(port ?? 0);
      if (!(numericPort > 0) || guard.policy.network === undefined) return ReflectApply(original, this, args);
      const host = typeof address === 'string' && address !== '' ? address : this.type === 'udp6' ? '::' : '0.0.0.0';
      const error = guard.check({ kind: 'network', host, port: numericPort }, `udp-bind:${host}:${numericPort}`);
      if (error) {
        nextTick(() => this.emit('error', error));
        return this;
      }
      return ReflectApply(original, this, args);
    },
  );
}
