/**
 * Files, in every public form: sync, callback, `fs.promises` (and so `FileHandle` via
 * `promises.open`), streams, `cp`, `opendir`, `watch`, `openAsBlob`, `glob`, and both paths of
 * rename/link/symlink/copyFile/cp. Paths given as Buffer, Uint8Array or URL are converted once and
 * the converted value is what Node receives, so a path object cannot show one value to the check
 * and another to the system call.
 */
import fs from 'node:fs';
import type { Guard, ShieldDeniedError } from '../guard.js';
import {
  ArrayIsArray, ArraySlice, BufferCopyOf, ReflectConstruct, BufferToUtf8, isUint8Array, nextTick, ObjectAssign, PromiseReject, ReflectApply,
  StringIncludes, StringIndexOf, StringSlice, StringStartsWith, URLCtor, URLHref, urlFileURLToPath, pathDirname, pathResolve,
} from '../primordials.js';
import { absolutePath } from '../guard.js';
import { lockProperty, replaceFunction, type AnyFunction } from './define.js';

/** How the arguments name files. */
type Spec =
  | 'read' // arg 0 read
  | 'write' // arg 0 written
  | 'open' // arg 0, access from the flags in arg 1
  | 'readFile' // arg 0, access from options.flag
  | 'copy' // arg 0 read, arg 1 written
  | 'both-write' // arg 0 and arg 1 written (rename, link)
  | 'symlink' // arg 0 (the target, relative to the link's directory) read, arg 1 written
  | 'readStream'
  | 'writeStream'
  | 'glob';

/** How the function reports failure. */
type Style = 'sync' | 'callback' | 'promise' | 'existsSync' | 'existsCallback' | 'stream' | 'throw' | 'asyncIterator';

const CALLBACK_SPECS: Readonly<Record<string, Spec>> = {
  access: 'read', exists: 'read', stat: 'read', lstat: 'read', statfs: 'read', readdir: 'read', readlink: 'read',
  realpath: 'read', opendir: 'read', readFile: 'readFile', open: 'open',
  appendFile: 'write', writeFile: 'write', chmod: 'write', lchmod: 'write', chown: 'write', lchown: 'write',
  utimes: 'write', lutimes: 'write', truncate: 'write', mkdir: 'write', mkdtemp: 'write', rm: 'write', rmdir: 'write',
  unlink: 'write', copyFile: 'copy', cp: 'copy', rename: 'both-write', link: 'both-write', symlink: 'symlink', glob: 'glob',
};
const OTHER_SPECS: Readonly<Record<string, [Spec, Style]>> = {
  createReadStream: ['readStream', 'stream'],
  createWriteStream: ['writeStream', 'stream'],
  watch: ['read', 'throw'],
  watchFile: ['read', 'throw'],
  openAsBlob: ['read', 'promise'],
};
const PROMISE_SPECS: Readonly<Record<string, [Spec, Style]>> = {
  access: ['read', 'promise'], stat: ['read', 'promise'], lstat: ['read', 'promise'], statfs: ['read', 'promise'],
  readdir: ['read', 'promise'], readlink: ['read', 'promise'], realpath: ['read', 'promise'], opendir: ['read', 'promise'],
  readFile: ['readFile', 'promise'], open: ['open', 'promise'], appendFile: ['write', 'promise'], writeFile: ['write', 'promise'],
  chmod: ['write', 'promise'], lchmod: ['write', 'promise'], chown: ['write', 'promise'], lchown: ['write', 'promise'],
  utimes: ['write', 'promise'], lutimes: ['write', 'promise'], truncate: ['write', 'promise'], mkdir: ['write', 'promise'],
  mkdtemp: ['write', 'promise'], rm: ['write', 'promise'], rmdir: ['write', 'promise'], unlink: ['write', 'promise'],
  copyFile: ['copy', 'promise'], cp: ['copy', 'promise'], rename: ['both-write', 'promise'], link: ['both-write', 'promise'],
  symlink: ['symlink', 'promise'], watch: ['read', 'asyncIterator'], glob: ['glob', 'asyncIterator'],
};

/** Access implied by `open` flags (string or numeric). */
export function flagAccess(flags: unknown): { read: boolean; write: boolean } {
  if (typeof flags === 'number') {
    const mode = flags & 3;
    const creates = (flags & (0o100 | 0o1000 | 0o2000)) !== 0; // O_CREAT | O_TRUNC | O_APPEND
    return { read: mode === 0 || mode === 2, write: mode === 1 || mode === 2 || creates };
  }
  if (typeof flags !== 'string') return { read: true, write: false };
  const write = StringIncludes(flags, 'w') || StringIncludes(flags, 'a') || StringIncludes(flags, '+');
  const read = StringIncludes(flags, 'r') || StringIncludes(flags, '+');
  return { read, write };
}

/**
 * The path named by an fs argument, and the value to hand Node instead (a copy for bytes, a string
 * for URLs). Undefined for file descriptors and FileHandles: existing descriptors are not checked.
 */
function pathOf(value: unknown): { path: string; replacement: unknown } | undefined {
  if (typeof value === 'string') return { path: value, replacement: value };
  if (isUint8Array(value)) {
    const copy = BufferCopyOf(value);
    return { path: BufferToUtf8(copy), replacement: copy };
  }
  if (value instanceof URLCtor) {
    const href = URLHref(value);
    try {
      const path = urlFileURLToPath(href);
      return { path, replacement: path };
    } catch {
      return { path: href, replacement: new URLCtor(href) }; // Node rejects it itself
    }
  }
  if (typeof value === 'object' && value !== null && 'href' in value) {
    // URL-like objects are accepted by fs; read `href` once so a getter cannot change it later.
    const href = String((value as { href: unknown }).href);
    try {
      const path = urlFileURLToPath(href);
      return { path, replacement: path };
    } catch {
      return { path: href, replacement: value };
    }
  }
  return undefined;
}

function globRoot(pattern: string, cwd: unknown): string {
  let end = pattern.length;
  for (const magic of ['*', '?', '[', '{', '(', '!']) {
    const at = StringIndexOf(pattern, magic);
    if (at >= 0 && at < end) end = at;
  }
  const fixed = StringSlice(pattern, 0, end);
  const dir = StringIncludes(fixed, '/') ? (end === pattern.length ? fixed : pathDirname(fixed + 'x')) : '.';
  const base = typeof cwd === 'string' ? cwd : cwd instanceof URLCtor ? urlFileURLToPath(cwd) : '.';
  return pathResolve(absolutePath(base), dir);
}

export function installFs(guard: Guard): void {
  const checkArg = (args: unknown[], index: number, kind: 'fs-read' | 'fs-write'): ShieldDeniedError | undefined => {
    const found = pathOf(args[index]);
    if (!found) return undefined;
    args[index] = found.replacement;
    return guard.checkPath(kind, found.path);
  };
  const checkAccess = (args: unknown[], index: number, access: { read: boolean; write: boolean }): ShieldDeniedError | undefined => {
    const found = pathOf(args[index]);
    if (!found) return undefined;
    args[index] = found.replacement;
    if (access.read) {
      const error = guard.checkPath('fs-read', found.path);
      if (error) return error;
    }
    return access.write ? guard.checkPath('fs-write', found.path) : undefined;
  };
  const optionFlag = (options: unknown, fallback: string): unknown =>
    typeof options === 'object' && options !== null ? ((options as { flag?: unknown; flags?: unknown }).flag ?? (options as { flags?: unknown }).flags ?? fallback) : fallback;

  /** Checks the arguments (replacing path objects in `args`); returns the error to fail with. */
  const checkArgs = (spec: Spec, args: unknown[]): ShieldDeniedError | undefined => {
    switch (spec) {
      case 'read':
        return checkArg(args, 0, 'fs-read');
      case 'write':
        return checkArg(args, 0, 'fs-write');
      case 'open':
        return checkAccess(args, 0, flagAccess(args[1] ?? 'r'));
      case 'readFile':
        return checkAccess(args, 0, flagAccess(optionFlag(args[1], 'r')));
      case 'copy':
        return checkArg(args, 0, 'fs-read') ?? checkArg(args, 1, 'fs-write');
      case 'both-write':
        return checkArg(args, 0, 'fs-write') ?? checkArg(args, 1, 'fs-write');
      case 'symlink': {
        const error = checkArg(args, 1, 'fs-write');
        if (error) return error;
        const link = pathOf(args[1]);
        const target = pathOf(args[0]);
        if (!link || !target) return undefined;
        args[0] = target.replacement;
        const resolved = StringStartsWith(target.path, '/') ? target.path : pathResolve(pathDirname(absolutePath(link.path)), target.path);
        return guard.checkPath('fs-read', resolved);
      }
      case 'readStream':
      case 'writeStream': {
        const options = args[1];
        if (typeof options === 'object' && options !== null && (options as { fd?: unknown }).fd !== undefined && (options as { fd?: unknown }).fd !== null) return undefined;
        const fallback = spec === 'readStream' ? 'r' : 'w';
        return checkAccess(args, 0, flagAccess(optionFlag(options, fallback)));
      }
      case 'glob': {
        const patterns = ArrayIsArray(args[0]) ? (args[0] as unknown[]) : [args[0]];
        const options = args[1];
        const cwd = typeof options === 'object' && options !== null ? (options as { cwd?: unknown }).cwd : undefined;
        for (let i = 0; i < patterns.length; i++) {
          const pattern = patterns[i];
          if (typeof pattern !== 'string') continue;
          const error = guard.checkPath('fs-read', globRoot(pattern, cwd));
          if (error) return error;
        }
        return undefined;
      }
    }
  };

  const failingFs = (error: Error) => ({
    open: (_path: unknown, _flags: unknown, _mode: unknown, cb: AnyFunction) => nextTick(cb, error),
    close: (_fd: unknown, cb: AnyFunction) => nextTick(cb, null),
    read: () => undefined,
    write: () => undefined,
  });

  const fail = (style: Style, error: ShieldDeniedError, args: unknown[], original: AnyFunction, self: unknown): unknown => {
    switch (style) {
      case 'sync':
      case 'throw':
        throw error;
      case 'promise':
        return PromiseReject(error);
      case 'existsSync':
        return false;
      case 'existsCallback': {
        const callback = args[args.length - 1];
        if (typeof callback === 'function') nextTick(callback as AnyFunction, false);
        return undefined;
      }
      case 'callback': {
        const callback = args[args.length - 1];
        if (typeof callback !== 'function') throw error;
        nextTick(callback as AnyFunction, error);
        return undefined;
      }
      case 'stream': {
        // A real stream that fails the way a missing file does: an 'error' event.
        const options = typeof args[1] === 'string' ? { encoding: args[1] } : typeof args[1] === 'object' && args[1] !== null ? args[1] : {};
        return ReflectApply(original, self, [args[0], ObjectAssign({}, options, { fs: failingFs(error) })]);
      }
      case 'asyncIterator':
        return (async function* denied() {
          throw error;
        })();
    }
  };

  const wrap = (target: object, name: string, spec: Spec, style: Style): void => {
    replaceFunction<AnyFunction>(target, name, (original) =>
      function guarded(this: unknown, ...args: unknown[]) {
        const error = checkArgs(spec, args);
        return error ? fail(style, error, args, original, this) : ReflectApply(original, this, args);
      },
    );
  };

  for (const name of Object.keys(CALLBACK_SPECS)) {
    const spec = CALLBACK_SPECS[name]!;
    if (name === 'exists') {
      wrap(fs, 'exists', spec, 'existsCallback');
      wrap(fs, 'existsSync', spec, 'existsSync');
      continue;
    }
    if (name === 'glob') {
      wrap(fs, 'glob', spec, 'callback');
      wrap(fs, 'globSync', spec, 'sync');
      continue;
    }
    wrap(fs, name, spec, 'callback');
    wrap(fs, name + 'Sync', spec, 'sync');
  }
  for (const name of Object.keys(OTHER_SPECS)) {
    const [spec, style] = OTHER_SPECS[name]!;
    wrap(fs, name, spec, style);
  }
  // The stream classes themselves (`new fs.ReadStream(path)`): check at construction, where the
  // caller's frames are on the stack; a denied stream fails with an 'error' event.
  const streamClasses: Array<[string, Spec]> = [['ReadStream', 'readStream'], ['WriteStream', 'writeStream'], ['FileReadStream', 'readStream'], ['FileWriteStream', 'writeStream']];
  for (const [name, spec] of streamClasses) {
    const Original = (fs as unknown as Record<string, unknown>)[name];
    if (typeof Original !== 'function') continue;
    const withChecks = (argsList: unknown[]): unknown[] => {
      const args = ArraySlice(argsList);
      const error = checkArgs(spec, args);
      if (!error) return args;
      const options = typeof args[1] === 'string' ? { encoding: args[1] } : typeof args[1] === 'object' && args[1] !== null ? args[1] : {};
      return [args[0], ObjectAssign({}, options, { fs: failingFs(error) })];
    };
    const guardedClass = new Proxy(Original as AnyFunction, {
      construct: (target, argsList, newTarget) => ReflectConstruct(target, withChecks(argsList), newTarget),
      apply: (target, self, argsList) => ReflectApply(target, self, withChecks(argsList)),
    });
    lockProperty(fs, name, guardedClass);
  }
  // `fs.realpath.native` / `fs.realpathSync.native` hang off the functions replaced above.
  wrap(fs.realpath, 'native', 'read', 'callback');
  wrap(fs.realpathSync, 'native', 'read', 'sync');
  const promises = fs.promises;
  for (const name of Object.keys(PROMISE_SPECS)) {
    const [spec, style] = PROMISE_SPECS[name]!;
    wrap(promises, name, spec, style);
  }
  // `exists` is promisified by util.promisify through a custom property; keep that working.
  const existsWrapper = fs.exists as unknown as AnyFunction;
  try {
    Object.defineProperty(existsWrapper, Symbol.for('nodejs.util.promisify.custom'), {
      value: (path: unknown) => new Promise((resolvePromise) => ReflectApply(existsWrapper, fs, [path, resolvePromise])),
    });
  } catch {
    // skip
  }
}
