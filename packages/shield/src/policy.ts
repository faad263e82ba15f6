/**
 * The shield policy: parse, validate and normalize. Everything is checked up front so that a typo
 * (an unknown key, a relative path, a bad CIDR) stops the process at start instead of silently
 * leaving a hole. The result is deeply frozen.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseIp, type ParsedIp } from './ip.js';

export type Mode = 'block' | 'alert';

/** The JSON users write (`leash.policy.json`, `LEASH_POLICY`). */
export interface PolicyInput {
  $schema?: string;
  mode?: Mode;
  network?: { allow: string[] };
  exec?: { allow: string[] };
  fs?: { read?: string[]; write?: string[] };
  addons?: { allow: string[] };
}

export type NetRule =
  | { readonly type: 'host'; readonly raw: string; readonly host: string; readonly wildcard: boolean; readonly port?: number }
  | { readonly type: 'any'; readonly raw: string; readonly port?: number }
  | { readonly type: 'cidr'; readonly raw: string; readonly network: ParsedIp; readonly bits: number; readonly port?: number }
  | { readonly type: 'unix'; readonly raw: string; readonly path: string };

export interface Policy {
  readonly mode: Mode;
  /** Absent: the network is not restricted. */
  readonly network?: { readonly allow: readonly NetRule[] };
  /** Absent: processes are not restricted. `any` is true when the list holds `*`. */
  readonly exec?: { readonly allow: readonly string[]; readonly any: boolean };
  /** Each list absent: that access is not restricted. Paths are absolute and normalized. */
  readonly fs?: { readonly read?: readonly string[]; readonly write?: readonly string[] };
  /** Absent: native addons are not restricted. Path prefixes of `.node` files allowed to load. */
  readonly addons?: { readonly allow: readonly string[] };
  /** The normalized policy as JSON: two policies are the same when these are equal. */
  readonly canonical: string;
}

export class ShieldPolicyError extends Error {
  readonly code = 'ERR_LEASH_POLICY';
  constructor(message: string) {
    super(message);
    this.name = 'ShieldPolicyError';
  }
}

const TOP_KEYS = new Set(['$schema', 'mode', 'network', 'exec', 'fs', 'addons']);
const HOST_NAME = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/;

function fail(message: string): never {
  throw new ShieldPolicyError(message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(where: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${where}: unknown key "${key}" (expected ${allowed.map((k) => `"${k}"`).join(', ')})`);
  }
}

function stringList(where: string, value: unknown): string[] {
  if (!Array.isArray(value)) fail(`${where} must be an array of strings`);
  return value.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') fail(`${where}[${i}] must be a non-empty string`);
    return item.trim();
  });
}

function parsePort(where: string, text: string): number | undefined {
  if (text === '*') return undefined;
  if (!/^\d{1,5}$/.test(text)) fail(`${where}: bad port "${text}"`);
  const port = Number(text);
  if (port < 1 || port > 65535) fail(`${where}: port ${port} out of range`);
  return port;
}

function parseCidr(where: string, text: string, port: number | undefined, raw: string): NetRule {
  const slash = text.indexOf('/');
  const address = slash >= 0 ? text.slice(0, slash) : text;
  const network = parseIp(address);
  if (!network) fail(`${where}: "${address}" is not an IP address`);
  const v6Syntax = address.includes(':');
  let bits = network.v6 ? 128 : 32;
  if (slash >= 0) {
    const bitsText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > (v6Syntax ? 128 : 32)) fail(`${where}: bad prefix length "/${bitsText}"`);
    bits = Number(bitsText);
    // An IPv4-mapped IPv6 CIDR (::ffff:10.0.0.0/104) becomes the IPv4 CIDR it denotes.
    if (!network.v6 && v6Syntax) bits = Math.max(0, bits - 96);
  }
  return port === undefined ? { type: 'cidr', raw, network, bits } : { type: 'cidr', raw, network, bits, port };
}

/** Parses one `network.allow` entry: host names (`*.` wildcards), IPs, CIDRs, `[v6]:port`, `unix:/path`. */
export function parseNetRule(where: string, raw: string): NetRule {
  const entry = raw.toLowerCase();
  if (entry.startsWith('unix:')) {
    const path = raw.slice(5);
    if (!isAbsolute(path)) fail(`${where}: unix socket path must be absolute`);
    return { type: 'unix', raw, path: resolve(path) };
  }
  let hostPart = entry;
  let port: number | undefined;
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    if (close < 0) fail(`${where}: missing "]" in "${raw}"`);
    hostPart = entry.slice(1, close);
    let after = entry.slice(close + 1);
    const prefix = /^\/\d{1,3}/.exec(after); // [2001:db8::]/32 or [2001:db8::]/32:443
    if (prefix) {
      hostPart += prefix[0];
      after = after.slice(prefix[0].length);
    }
    if (after !== '') {
      if (!after.startsWith(':')) fail(`${where}: unexpected "${after}" after "]"`);
      port = parsePort(where, after.slice(1));
    }
    return parseCidr(where, hostPart, port, raw);
  }
  const colons = entry.split(':').length - 1;
  if (colons > 1) return parseCidr(where, entry, undefined, raw); // bare IPv6, no port
  if (colons === 1) {
    const at = entry.lastIndexOf(':');
    hostPart = entry.slice(0, at);
    port = parsePort(where, entry.slice(at + 1));
  }
  if (hostPart === '*') return port === undefined ? { type: 'any', raw } : { type: 'any', raw, port };
  if (/^[\d./]+$/.test(hostPart)) return parseCidr(where, hostPart, port, raw);
  if (!HOST_NAME.test(hostPart)) fail(`${where}: "${hostPart}" is not a host name, IP address or CIDR`);
  const wildcard = hostPart.startsWith('*.');
  let host = wildcard ? hostPart.slice(2) : hostPart;
  if (host.endsWith('.')) host = host.slice(0, -1);
  return port === undefined ? { type: 'host', raw, host, wildcard } : { type: 'host', raw, host, wildcard, port };
}

function normalizePath(where: string, raw: string): string {
  if (!isAbsolute(raw)) fail(`${where}: "${raw}" must be an absolute path`);
  const normalized = resolve(raw);
  return normalized;
}

// Policies made by parsePolicy (deeply frozen, so still valid): shield() takes these as they are
// instead of validating them again, which was about 1 ms of the cold start. Any other object that
// merely looks like a Policy is re-validated from its canonical JSON.
const parsedPolicies = new WeakSet<object>();
const weakSetAdd = Function.prototype.call.bind(WeakSet.prototype.add) as (set: WeakSet<object>, value: object) => WeakSet<object>;
const weakSetHas = Function.prototype.call.bind(WeakSet.prototype.has) as (set: WeakSet<object>, value: object) => boolean;

/** True for a policy returned by `parsePolicy` / `parsePolicyText` in this module instance. */
export function isParsedPolicy(value: object): value is Policy {
  return weakSetHas(parsedPolicies, value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Validates a policy object (already parsed from JSON) and returns the normalized, frozen policy.
 * Throws `ShieldPolicyError` (`code: 'ERR_LEASH_POLICY'`) with a message naming the bad field.
 */
export function parsePolicy(input: unknown): Policy {
  if (!isPlainObject(input)) fail('the policy must be a JSON object');
  for (const key of Object.keys(input)) {
    if (!TOP_KEYS.has(key)) fail(`unknown key "${key}" (expected mode, network, exec, fs, addons)`);
  }
  const mode = input.mode ?? 'block';
  if (mode !== 'block' && mode !== 'alert') fail(`mode must be "block" or "alert", not ${JSON.stringify(mode)}`);

  const out: { mode: Mode; network?: Policy['network']; exec?: Policy['exec']; fs?: Policy['fs']; addons?: Policy['addons'] } = { mode };
  const canonical: Record<string, unknown> = { mode };

  if (input.network !== undefined) {
    if (!isPlainObject(input.network)) fail('network must be an object like { "allow": [...] }');
    checkKeys('network', input.network, ['allow']);
    const list = stringList('network.allow', input.network.allow);
    out.network = { allow: list.map((raw, i) => parseNetRule(`network.allow[${i}]`, raw)) };
    canonical.network = { allow: list };
  }
  if (input.exec !== undefined) {
    if (!isPlainObject(input.exec)) fail('exec must be an object like { "allow": [...] }');
    checkKeys('exec', input.exec, ['allow']);
    const list = stringList('exec.allow', input.exec.allow).map((entry, i) => {
      if (entry === '*') return entry;
      if (entry.includes('/')) return normalizePath(`exec.allow[${i}]`, entry);
      return entry;
    });
    out.exec = { allow: list, any: list.includes('*') };
    canonical.exec = { allow: list };
  }
  if (input.fs !== undefined) {
    if (!isPlainObject(input.fs)) fail('fs must be an object like { "read": [...], "write": [...] }');
    checkKeys('fs', input.fs, ['read', 'write']);
    const fsOut: { read?: string[]; write?: string[] } = {};
    if (input.fs.read !== undefined) fsOut.read = stringList('fs.read', input.fs.read).map((p, i) => normalizePath(`fs.read[${i}]`, p));
    if (input.fs.write !== undefined) fsOut.write = stringList('fs.write', input.fs.write).map((p, i) => normalizePath(`fs.write[${i}]`, p));
    out.fs = fsOut;
    canonical.fs = fsOut;
  }
  if (input.addons !== undefined) {
    if (!isPlainObject(input.addons)) fail('addons must be an object like { "allow": [...] }');
    checkKeys('addons', input.addons, ['allow']);
    const list = stringList('addons.allow', input.addons.allow).map((p, i) => normalizePath(`addons.allow[${i}]`, p));
    out.addons = { allow: list };
    canonical.addons = { allow: list };
  }
  const policy: Policy = deepFreeze({ ...out, canonical: JSON.stringify(canonical) });
  weakSetAdd(parsedPolicies, policy);
  return policy;
}

/** Parses policy JSON text; `source` names where it came from in error messages. */
export function parsePolicyText(text: string, source: string): Policy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ShieldPolicyError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  try {
    return parsePolicy(value);
  } catch (error) {
    if (error instanceof ShieldPolicyError) throw new ShieldPolicyError(`${source}: ${error.message}`);
    throw error;
  }
}
