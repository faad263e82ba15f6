/**
 * The bridge between patches and the pure decision: a patch builds a request, the guard decides,
 * reports a violation, and says whether to fail (block mode) or proceed (alert mode).
 */
import { decide, mayAllowByAddress, type DecideContext, type Kind, type Request } from './decide.js';
import type { Policy } from './policy.js';
import { reportViolation } from './report.js';
import {
  ArrayJoin, ArraySlice, fsRealpathNative, MapGet, MapSet, pathBasename, pathDirname, pathResolve, processCwd, StringIncludes,
  StringSplit, StringStartsWith,
} from './primordials.js';

export class ShieldDeniedError extends Error {
  readonly code = 'ERR_LEASH_DENIED';
  readonly kind: Kind;
  readonly target: string;
  constructor(kind: Kind, target: string) {
    super(`leash shield: ${kind} ${target} denied by policy`);
    this.name = 'Error';
    this.kind = kind;
    this.target = target;
  }
}

export interface Guard {
  readonly policy: Policy;
  readonly context: DecideContext;
  /** Decides; on denial reports and returns the error to fail with in block mode, else undefined. */
  check(request: Request, target: string): ShieldDeniedError | undefined;
  /** Like `check` for a file path as given to `fs` (already converted to a string). */
  checkPath(kind: 'fs-read' | 'fs-write' | 'addon', path: string): ShieldDeniedError | undefined;
  /** Decides without reporting. */
  allows(request: Request): boolean;
  /** See `mayAllowByAddress` in decide.ts. */
  mayAllowByAddress(port: number | undefined): boolean;
  /** Reports a denial decided elsewhere (e.g. a raw binding); returns the error in block mode. */
  deny(kind: Kind, target: string): ShieldDeniedError | undefined;
}

/** Absolute, normalized, against the real working directory (not a user-replaced `process.cwd`). */
export function absolutePath(path: string): string {
  return StringStartsWith(path, '/') ? pathResolve(path) : pathResolve(processCwd(), path);
}

/**
 * The real location of a path: `realpath` of the path when it exists, else of its nearest existing
 * ancestor plus the rest, so a symlink planted in an allowed directory cannot lead outside it.
 */
export function realLocation(path: string): string {
  let head = path;
  let tail = '';
  for (let i = 0; i < 64; i++) {
    try {
      const real = fsRealpathNative(head);
      return tail === '' ? real : pathResolve(real, tail);
    } catch {
      const parent = pathDirname(head);
      if (parent === head) return path;
      tail = tail === '' ? pathBasename(head) : pathBasename(head) + '/' + tail;
      head = parent;
    }
  }
  return path;
}

/**
 * Where the kernel lands for a path with `..` segments. `path.resolve` drops `a/..` lexically, but
 * the kernel follows a symlink `a` first and then goes to the parent of its target: with
 * `w/link -> /srv/public`, `w/link/../secret` is `/srv/secret`, not `w/secret`. The part up to the
 * last `..` is resolved with realpath (kernel semantics); undefined when it does not exist (the
 * system call then fails too) or has no `..`.
 */
export function kernelLocation(given: string): string | undefined {
  if (!StringIncludes(given, '..')) return undefined;
  const raw = StringStartsWith(given, '/') ? given : processCwd() + '/' + given;
  const segments = StringSplit(raw, '/');
  let last = -1;
  for (let i = 0; i < segments.length; i++) if (segments[i] === '..') last = i;
  if (last < 0) return undefined;
  try {
    const head = fsRealpathNative(ArrayJoin(ArraySlice(segments, 0, last + 1), '/') || '/');
    const tail = ArrayJoin(ArraySlice(segments, last + 1), '/');
    return tail === '' ? head : pathResolve(head, tail);
  } catch {
    return undefined;
  }
}

export function createGuard(policy: Policy, context: DecideContext): Guard {
  const block = policy.mode === 'block';
  const deny = (kind: Kind, target: string): ShieldDeniedError | undefined => {
    reportViolation(kind, target, policy.mode);
    return block ? new ShieldDeniedError(kind, target) : undefined;
  };

  const check = (request: Request, target: string): ShieldDeniedError | undefined => {
    if (decide(policy, request, context).allowed) return undefined;
    return deny(request.kind, target);
  };

  // A path no code in this process may write to (block mode, a write list, the path and its real
  // location outside it) cannot gain a new symlink: its allowed decision is remembered, keyed by the
  // absolute path string as given. This keeps small sync reads cheap. Alert mode never caches.
  const writeList = policy.fs?.write;
  const cacheDecisions = block && writeList !== undefined;
  const allowedReads = new Map<string, true>();
  const allowedAddons = new Map<string, true>();
  const CACHE_LIMIT = 8192;
  const writable = (path: string): boolean => decide(policy, { kind: 'fs-write', path }, context).allowed;

  const checkPath = (kind: 'fs-read' | 'fs-write' | 'addon', given: string): ShieldDeniedError | undefined => {
    const list = kind === 'fs-read' ? policy.fs?.read : kind === 'fs-write' ? writeList : policy.addons?.allow;
    if (list === undefined) return undefined; // that access is not restricted
    const dotdot = kernelLocation(given);
    const cache = cacheDecisions && dotdot === undefined && kind !== 'fs-write' && StringStartsWith(given, '/') ? (kind === 'fs-read' ? allowedReads : allowedAddons) : undefined;
    if (cache !== undefined && MapGet(cache, given) === true) return undefined;
    const path = absolutePath(given);
    if (!decide(policy, { kind, path }, context).allowed) return deny(kind, path);
    const real = realLocation(path);
    if (real !== path && !decide(policy, { kind, path: real }, context).allowed) return deny(kind, path);
    if (dotdot !== undefined && dotdot !== path) {
      if (!decide(policy, { kind, path: dotdot }, context).allowed) return deny(kind, dotdot);
      const dotdotReal = realLocation(dotdot);
      if (dotdotReal !== dotdot && !decide(policy, { kind, path: dotdotReal }, context).allowed) return deny(kind, dotdot);
    }
    if (cache !== undefined && cache.size < CACHE_LIMIT && !writable(path) && !writable(real)) MapSet(cache, given, true);
    return undefined;
  };

  return {
    policy,
    context,
    check,
    checkPath,
    deny,
    allows: (request) => decide(policy, request, context).allowed,
    mayAllowByAddress: (port) => mayAllowByAddress(policy, port),
  };
}
