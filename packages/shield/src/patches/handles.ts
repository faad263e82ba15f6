/**
 * The native handle classes under `net`, `dgram` and `child_process` (`TCP`, `Pipe`, `UDP`,
 * `Process`). User code cannot ask `process.binding` for them (refused), but it can still reach
 * them: an `async_hooks` init hook receives every new handle and request object as `resource`
 * (`resource.constructor` is the class), `socket._handle.constructor` is `TCP`, and a dgram
 * socket's handle sits under a symbol property. With a class in hand, `new TCP(0).connect(new
 * TCPConnectWrap(), ip, port)` or `udpHandle.send(...)` never passes through the public wrappers.
 *
 * So the methods that open a route are wrapped on the handle prototypes too. A call from Node's
 * own modules (`node:net`, `node:dgram`, `node:internal/child_process`) was already decided by the
 * public wrapper that led there and passes untouched; a call from anywhere else is checked on what
 * it names (address and port, or the file to run).
 */
import net from 'node:net';
import dgram from 'node:dgram';
import childProcess from 'node:child_process';
import type { Guard } from '../guard.js';
import { ErrorCaptureStackTrace, ErrorCtor, NumberCtor, ReflectApply, StringCtor } from '../primordials.js';
import { lockProperty, type AnyFunction } from './define.js';

interface CallSiteLike {
  getFileName(): string | null | undefined;
  getFunctionName(): string | null | undefined;
}

// The CallSite prototype's `getFileName` / `getFunctionName`, taken now: user code can replace them later.
const callSiteMethods: { file: AnyFunction; name: AnyFunction } | undefined = (() => {
  const saved = ErrorCtor.prepareStackTrace;
  try {
    ErrorCtor.prepareStackTrace = (_error, sites) => sites;
    const holder: { stack?: unknown } = {};
    ErrorCaptureStackTrace(holder);
    const sites = holder.stack as CallSiteLike[] | undefined;
    if (!sites || !sites[0]) return undefined;
    const proto = Object.getPrototypeOf(sites[0]) as CallSiteLike;
    return { file: proto.getFileName, name: proto.getFunctionName };
  } catch {
    return undefined;
  } finally {
    ErrorCtor.prepareStackTrace = saved;
  }
})();

/**
 * True when the direct caller of `wrapper` is the one function of the one Node module that
 * legitimately calls it (`internalConnect` in `node:net` for TCP/Pipe, `doSend`/`doConnect` in
 * `node:dgram` for UDP, `spawn` in `node:internal/child_process` for Process). A `node:` frame is
 * not enough: a bound method handed to `setImmediate` or an EventEmitter is called from
 * `node:internal/timers` / `node:events`, and one planted as an option getter or `valueOf` is
 * called by whichever node:net function reads the option. Fails closed (verified on 20, 22, 24 by
 * the attack matrix's allowed-* cases).
 */
function calledFrom(wrapper: AnyFunction, module: string, functions: readonly string[]): boolean {
  if (callSiteMethods === undefined) return false;
  const rawSites = (_error: unknown, sites: unknown) => sites;
  const savedPrepare = ErrorCtor.prepareStackTrace;
  const savedLimit = ErrorCtor.stackTraceLimit;
  try {
    ErrorCtor.prepareStackTrace = rawSites;
    ErrorCtor.stackTraceLimit = 1;
    // A frozen accessor put there by user code would hand V8 another formatter: trust nothing then.
    if (ErrorCtor.prepareStackTrace !== rawSites) return false;
    const holder: { stack?: unknown } = {};
    ErrorCaptureStackTrace(holder, wrapper);
    const sites = holder.stack as CallSiteLike[] | undefined;
    const site = sites?.[0];
    if (site === undefined) return false;
    if (ReflectApply(callSiteMethods.file, site, []) !== module) return false;
    const name = ReflectApply(callSiteMethods.name, site, []) as unknown;
    for (let i = 0; i < functions.length; i++) if (name === functions[i]) return true;
    return false;
  } catch {
    return false;
  } finally {
    try {
      ErrorCtor.prepareStackTrace = savedPrepare;
      ErrorCtor.stackTraceLimit = savedLimit;
    } catch {
      // frozen by user code
    }
  }
}

type Prototype = Record<string, unknown> | undefined;
export interface HandlePrototypes {
  tcp: Prototype;
  pipe: Prototype;
  udp: Prototype;
  process: Prototype;
}

const prototypeOfHandle = (handle: unknown): Prototype =>
  typeof handle === 'object' && handle !== null ? (Object.getPrototypeOf(handle) as Prototype) : undefined;

const fromBinding = (module: string, className: string): Prototype => {
  try {
    const binding = ReflectApply((process as unknown as { binding: AnyFunction }).binding, process, [module]) as Record<string, { prototype?: Prototype } | undefined>;
    return binding[className]?.prototype;
  } catch {
    return undefined;
  }
};

/**
 * The handle prototypes. `process.binding` (not yet wrapped when this runs) is cheap, ~0.2 ms, as
 * `net` has already loaded these bindings. Under Node's permission model, where these wrappers
 * matter most, `process.binding` throws: the prototypes are then taken from handles the public API
 * builds (~3 ms on a cold process: first runs of net.Socket, connect, destroy, dgram), which must
 * happen before net.Socket.prototype.connect is wrapped: `connect` creates the handle, then rejects
 * the invalid port or path before any lookup or system call.
 */
export function captureHandlePrototypes(): HandlePrototypes {
  const bound: HandlePrototypes = {
    tcp: fromBinding('tcp_wrap', 'TCP'),
    pipe: fromBinding('pipe_wrap', 'Pipe'),
    udp: fromBinding('udp_wrap', 'UDP'),
    process: fromBinding('process_wrap', 'Process'),
  };
  if (bound.tcp !== undefined && bound.pipe !== undefined && bound.udp !== undefined && bound.process !== undefined) return bound;
  const fromConnect = (options: object): Prototype => {
    const socket = new net.Socket();
    try {
      ReflectApply(net.Socket.prototype.connect, socket, [options]);
    } catch {
      // expected: ERR_INVALID_ARG_TYPE after the handle exists
    }
    const proto = prototypeOfHandle((socket as unknown as { _handle?: unknown })._handle);
    socket.destroy();
    return proto;
  };
  let udp: Prototype;
  try {
    const socket = dgram.createSocket('udp4');
    const symbols = Object.getOwnPropertySymbols(socket);
    for (let i = 0; i < symbols.length; i++) {
      const state = (socket as unknown as Record<symbol, { handle?: unknown } | undefined>)[symbols[i]!];
      if (typeof state === 'object' && state !== null && state.handle !== undefined) udp = prototypeOfHandle(state.handle);
    }
    socket.close();
  } catch {
    udp = undefined;
  }
  let processProto: Prototype;
  try {
    processProto = prototypeOfHandle((new childProcess.ChildProcess() as unknown as { _handle?: unknown })._handle);
  } catch {
    processProto = undefined;
  }
  return {
    tcp: bound.tcp ?? fromConnect({ port: {} }),
    pipe: bound.pipe ?? fromConnect({ path: 1 }),
    udp: bound.udp ?? udp,
    process: bound.process ?? processProto,
  };
}

/** Wraps `proto[name]`: calls from `module` pass, others go through `check(args)`. */
function guardMethod(proto: Record<string, unknown> | undefined, name: string, module: string, functions: readonly string[], check: (args: unknown[]) => Error | undefined): void {
  const original = proto?.[name];
  if (proto === undefined || typeof original !== 'function') return;
  const wrapper = function (this: unknown, ...args: unknown[]) {
    if (!calledFrom(wrapper, module, functions)) {
      const error = check(args);
      if (error) throw error;
    }
    return ReflectApply(original as AnyFunction, this, args);
  };
  lockProperty(proto, name, wrapper);
}

const NET_CALLERS = ['internalConnect', 'internalConnectMultiple'];

export function installHandles(guard: Guard, prototypes: HandlePrototypes): void {
  const policy = guard.policy;
  if (policy.network !== undefined) {
    // TCP: connect(req, address, port) / connect6(req, address, port)
    const tcp = prototypes.tcp;
    const byAddress = (address: unknown, port: unknown): Error | undefined => {
      const host = typeof address === 'string' ? address : '';
      const portNumber = typeof port === 'number' ? port : port === undefined ? undefined : NumberCtor(port);
      return guard.check({ kind: 'network', host, address: host, port: portNumber }, `handle:${host}:${portNumber ?? ''}`);
    };
    for (const name of ['connect', 'connect6']) guardMethod(tcp, name, 'node:net', NET_CALLERS, (args) => byAddress(args[1], args[2]));
    // Pipe (Unix sockets): connect(req, path)
    guardMethod(prototypes.pipe, 'connect', 'node:net', NET_CALLERS, (args) =>
      guard.check({ kind: 'network', path: String(args[1]) }, `handle:unix:${String(args[1])}`));
    // UDP: send(req, list, count, port, address, hasCallback) (no port/address when connected),
    // connect(address, port)
    const udp = prototypes.udp;
    for (const name of ['send', 'send6']) {
      guardMethod(udp, name, 'node:dgram', ['doSend'], (args) => (typeof args[3] === 'number' ? byAddress(args[4], args[3]) : guard.deny('network', 'handle:udp-connected')));
    }
    for (const name of ['connect', 'connect6']) guardMethod(udp, name, 'node:dgram', ['doConnect'], (args) => byAddress(args[0], args[1]));
  }
  if (policy.exec !== undefined && !policy.exec.any) {
    // Process: spawn({ file, args, ... }) up to Node 22, spawn(file, args, cwd, envPairs, ...) on 24
    guardMethod(prototypes.process, 'spawn', 'node:internal/child_process', ['spawn', 'ChildProcess.spawn'], (args) => {
      const first = args[0];
      const named = typeof first === 'object' && first !== null ? (first as { file?: unknown }).file : first;
      const file = StringCtor(named);
      return guard.check({ kind: 'exec', file }, file);
    });
  }
}
