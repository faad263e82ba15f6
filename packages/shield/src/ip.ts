/**
 * IP address parsing and CIDR matching, written out by hand so the shield needs no dependency and
 * does not call into code that user modules could replace after start.
 */

import { ArrPush, NumberFn, NumberParseInt, RegExpTest, StrIncludes, StrIndexOf, StrLastIndexOf, StrSlice, StrSplit, StrEndsWith, StrStartsWith } from './intrinsics.js';

export interface ParsedIp {
  readonly v6: boolean;
  /** 4 bytes for IPv4, 16 for IPv6. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is returned as IPv4. */
  readonly bytes: readonly number[];
}

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function parseIpv4(text: string): number[] | undefined {
  const parts = StrSplit(text, '.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!RegExpTest(IPV4_PART, part)) return undefined;
    ArrPush(bytes, NumberFn(part));
  }
  return bytes;
}

export function parseIpv6(input: string): number[] | undefined {
  let text = input;
  const zone = StrIndexOf(text, '%');
  if (zone >= 0) text = StrSlice(text, 0, zone);
  if (StrStartsWith(text, '[') && StrEndsWith(text, ']')) text = StrSlice(text, 1, -1);
  if (!StrIncludes(text, ':')) return undefined;
  let tail: number[] = [];
  const lastColon = StrLastIndexOf(text, ':');
  const lastPart = StrSlice(text, lastColon + 1);
  if (StrIncludes(lastPart, '.')) {
    const v4 = parseIpv4(lastPart);
    if (!v4) return undefined;
    tail = v4;
    text = StrSlice(text, 0, lastColon + 1) + '0:0';
  }
  const halves = StrSplit(text, '::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const items = StrSplit(part, ':');
    for (let i = 0; i < items.length; i++) {
      if (!RegExpTest(HEX_GROUP, items[i]!)) return undefined;
      ArrPush(groups, NumberParseInt(items[i]!, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const groups: number[] = [];
  for (let i = 0; i < head.length; i++) ArrPush(groups, head[i]!);
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    for (let i = 0; i < missing; i++) ArrPush(groups, 0);
    for (let i = 0; i < rest.length; i++) ArrPush(groups, rest[i]!);
  }
  if (groups.length !== 8) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < 8; i++) ArrPush(bytes, groups[i]! >> 8, groups[i]! & 0xff);
  if (tail.length === 4) for (let i = 0; i < 4; i++) bytes[12 + i] = tail[i]!;
  return bytes;
}

/** Parses an IPv4 or IPv6 literal; IPv4-mapped IPv6 addresses come back as IPv4. */
export function parseIp(text: string): ParsedIp | undefined {
  const v4 = parseIpv4(text);
  if (v4) return { v6: false, bytes: v4 };
  const v6 = parseIpv6(text);
  if (!v6) return undefined;
  let mapped = v6[10] === 0xff && v6[11] === 0xff;
  for (let i = 0; i < 10 && mapped; i++) if (v6[i] !== 0) mapped = false;
  if (mapped) return { v6: false, bytes: [v6[12]!, v6[13]!, v6[14]!, v6[15]!] };
  return { v6: true, bytes: v6 };
}

export function ipInCidr(ip: ParsedIp, network: ParsedIp, prefixBits: number): boolean {
  if (ip.v6 !== network.v6) return false;
  let bits = prefixBits;
  for (let i = 0; i < ip.bytes.length && bits > 0; i++) {
    const take = bits >= 8 ? 8 : bits;
    const mask = (0xff << (8 - take)) & 0xff;
    if ((ip.bytes[i]! & mask) !== (network.bytes[i]! & mask)) return false;
    bits -= take;
  }
  return true;
}
