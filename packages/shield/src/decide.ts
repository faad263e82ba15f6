/**
 * Every allow/deny decision of the shield, as pure functions of (policy, request). The patches only
 * translate Node API calls into requests; nothing here touches Node APIs, so it is unit-tested on
 * its own and cannot be affected by what user code does to `fs`, `net`, and friends.
 */
import { ipInCidr, parseIp } from './ip.js';
import { NumberFn, NumberIsInteger, StrCharCodeAt, StrEndsWith, StrIncludes, StrLastIndexOf, StrSlice, StrStartsWith, StrToLowerCase } from './intrinsics.js';
import type { NetRule, Policy } from './policy.js';

export type Kind = 'network' | 'exec' | 'fs-read' | 'fs-write' | 'dns' | 'worker' | 'addon';

export type Request =
  /** A connection or datagram. `host` is the name asked for (may be an IP literal), `address` the resolved IP. */
  | { readonly kind: 'network'; readonly host?: string; readonly address?: string; readonly port?: number; readonly path?: string }
  /** A DNS query for a name (the query itself can carry data out). */
  | { readonly kind: 'dns'; readonly host: string }
  /** A new process: `file` as given, `resolved` after a PATH search when known. */
  | { readonly kind: 'exec'; readonly file: string; readonly resolved?: string }
  /** A file access; `path` absolute and normalized. */
  | { readonly kind: 'fs-read' | 'fs-write' | 'addon'; readonly path: string }
  | { readonly kind: 'worker' };

export interface Decision {
  readonly allowed: boolean;
  /** The policy entry that allowed the request, or a reason tag (`unrestricted`, `runtime-api`). */
  readonly rule?: string;
}

export interface DecideContext {
  /** `AWS_LAMBDA_RUNTIME_API` (host:port), always allowed: the runtime cannot work without it. */
  readonly runtimeApi?: string;
}

const ALLOW_UNRESTRICTED: Decision = Object.freeze({ allowed: true, rule: 'unrestricted' });
const DENY: Decision = Object.freeze({ allowed: false });

function normalizeHost(host: string): string {
  let h = StrToLowerCase(host);
  if (StrStartsWith(h, '[') && StrEndsWith(h, ']')) h = StrSlice(h, 1, -1);
  if (StrEndsWith(h, '.')) h = StrSlice(h, 0, -1);
  return h;
}

/** `path` equals `prefix` or lies under it. Both absolute and normalized. */
export function underPrefix(path: string, prefix: string): boolean {
  if (path === prefix) return true;
  if (prefix === '/') return StrStartsWith(path, '/');
  return StrStartsWith(path, prefix) && StrCharCodeAt(path, prefix.length) === 47 /* / */;
}

function portMatches(rule: { readonly port?: number }, port: number | undefined): boolean {
  return rule.port === undefined || port === undefined || rule.port === port;
}

function hostMatches(rule: NetRule, host: string): boolean {
  if (rule.type !== 'host') return false;
  if (rule.wildcard) return host.length > rule.host.length && StrEndsWith(host, '.' + rule.host);
  return host === rule.host;
}

function addressMatches(rule: NetRule, address: string): boolean {
  if (rule.type === 'any') return true;
  if (rule.type !== 'cidr') return false;
  const ip = parseIp(address);
  return ip !== undefined && ipInCidr(ip, rule.network, rule.bits);
}

function splitHostPort(text: string): { host: string; port?: number } {
  const at = StrLastIndexOf(text, ':');
  if (at <= 0 || StrEndsWith(text, ']')) return { host: normalizeHost(text) };
  const port = NumberFn(StrSlice(text, at + 1));
  return NumberIsInteger(port) ? { host: normalizeHost(StrSlice(text, 0, at)), port } : { host: normalizeHost(text) };
}

function isRuntimeApi(context: DecideContext | undefined, host: string | undefined, port: number | undefined): boolean {
  if (!context?.runtimeApi || host === undefined) return false;
  const api = splitHostPort(context.runtimeApi);
  return api.host === normalizeHost(host) && (api.port === undefined || api.port === port);
}

function decideNetwork(rules: readonly NetRule[], request: Extract<Request, { kind: 'network' }>, context?: DecideContext): Decision {
  if (request.path !== undefined) {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.type === 'unix' && rule.path === request.path) return { allowed: true, rule: rule.raw };
    }
    return DENY;
  }
  const port = request.port;
  if (isRuntimeApi(context, request.host, port) || isRuntimeApi(context, request.address, port)) return { allowed: true, rule: 'runtime-api' };
  const host = request.host === undefined ? undefined : normalizeHost(request.host);
  const hostIsIp = host !== undefined && parseIp(host) !== undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.type === 'unix' || !portMatches(rule, port)) continue;
    if (rule.type === 'any') return { allowed: true, rule: rule.raw };
    if (host !== undefined && !hostIsIp && hostMatches(rule, host)) return { allowed: true, rule: rule.raw };
    // An IP literal must match an IP/CIDR entry; a name may match one through its resolved address.
    if (hostIsIp && addressMatches(rule, host)) return { allowed: true, rule: rule.raw };
    if (request.address !== undefined && addressMatches(rule, normalizeHost(request.address))) return { allowed: true, rule: rule.raw };
  }
  return DENY;
}

function decideDns(rules: readonly NetRule[], host: string, context?: DecideContext): Decision {
  const name = normalizeHost(host);
  if (parseIp(name) !== undefined) return { allowed: true, rule: 'ip-literal' }; // no query is sent
  if (context?.runtimeApi && splitHostPort(context.runtimeApi).host === name) return { allowed: true, rule: 'runtime-api' };
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.type === 'any') return { allowed: true, rule: rule.raw };
    if (hostMatches(rule, name)) return { allowed: true, rule: rule.raw };
  }
  return DENY;
}

function basename(file: string): string {
  const at = StrLastIndexOf(file, '/');
  return at >= 0 ? StrSlice(file, at + 1) : file;
}

function decideExec(allow: readonly string[], request: Extract<Request, { kind: 'exec' }>): Decision {
  for (let i = 0; i < allow.length; i++) {
    const entry = allow[i]!;
    if (entry === '*') return { allowed: true, rule: entry };
    if (StrIncludes(entry, '/')) {
      if (entry === request.resolved || entry === request.file) return { allowed: true, rule: entry };
    } else if (entry === basename(request.file) || (request.resolved !== undefined && entry === basename(request.resolved))) {
      return { allowed: true, rule: entry };
    }
  }
  return DENY;
}

function decidePath(list: readonly string[] | undefined, path: string): Decision {
  if (list === undefined) return ALLOW_UNRESTRICTED;
  for (let i = 0; i < list.length; i++) if (underPrefix(path, list[i]!)) return { allowed: true, rule: list[i]! };
  return DENY;
}

/** Decides one request against the policy. Pure: no I/O, no Node APIs. */
export function decide(policy: Policy, request: Request, context?: DecideContext): Decision {
  switch (request.kind) {
    case 'network':
      return policy.network ? decideNetwork(policy.network.allow, request, context) : ALLOW_UNRESTRICTED;
    case 'dns':
      return policy.network ? decideDns(policy.network.allow, request.host, context) : ALLOW_UNRESTRICTED;
    case 'exec':
      return policy.exec ? decideExec(policy.exec.allow, request) : ALLOW_UNRESTRICTED;
    case 'fs-read':
      return decidePath(policy.fs?.read, request.path);
    case 'fs-write':
      return decidePath(policy.fs?.write, request.path);
    case 'addon':
      return decidePath(policy.addons?.allow, request.path);
    case 'worker':
      return ALLOW_UNRESTRICTED; // workers always get the shield forced into them
  }
}

/** True when a name that matches no host entry could still be allowed by its resolved address. */
export function mayAllowByAddress(policy: Policy, port: number | undefined): boolean {
  if (!policy.network) return false;
  const rules = policy.network.allow;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if ((rule.type === 'cidr' || rule.type === 'any') && portMatches(rule, port)) return true;
  }
  return false;
}
