/**
 * The one way leash reads its input. Every file a scan reads (templates, files a serverless.yml
 * pulls in, handler code and its imports, CDK manifests, templates and assets, `leash.policy.json`,
 * files discovery looks at) goes through a {@link ConfinedFs}, which reads a file only when
 *
 * - its real path (symbolic links resolved) lies inside the scan root: a pull request can commit a
 *   symlink to `~/.npmrc` or write `${file(../../.npmrc)}`, and what leash reads ends up in a public
 *   CI log;
 * - it is a regular file: a FIFO blocks a reader forever, `/dev/zero` never ends, a socket is not
 *   data. The type is checked before opening and again on the opened descriptor (opened
 *   non-blocking, so a file swapped for a FIFO in between cannot hang the scan);
 * - it is at most as large as the caller's limit.
 *
 * Nothing here throws for bad input: a refused read comes back as a {@link Refusal}, and the caller
 * reports it where the reference was written (see {@link refusalDiagnostic}).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/source.js';

/** Non-blocking (a FIFO opens at once instead of waiting for a writer), and never through a symlink at the last step. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
/** Where Linux shows what an open descriptor really is. */
const PROC_FD = '/proc/self/fd';

/** Why a path was not read. */
export type Refusal =
  | { readonly kind: 'missing' }
  | { readonly kind: 'outside' }
  | { readonly kind: 'directory' }
  /** A FIFO, a device or a socket; `what` says which ("a FIFO"). */
  | { readonly kind: 'special'; readonly what: string }
  | { readonly kind: 'too-large'; readonly size: number; readonly limit: number }
  /** The system refused (permissions, a symlink loop); `code` is its error code. */
  | { readonly kind: 'unreadable'; readonly code: string };

/** What a path is, seen through the root: its real path when it is inside. */
export type Inspection =
  | { readonly kind: 'file'; readonly real: string; readonly size: number }
  | { readonly kind: 'directory'; readonly real: string }
  | Exclude<Refusal, { kind: 'directory' } | { kind: 'too-large' }>;

/** A read: the text, the real path it was read from and the file's size; or why it was not read. */
export type ReadResult = { readonly ok: true; readonly text: string; readonly real: string; readonly size: number } | { readonly ok: false; readonly refusal: Refusal };

export class ConfinedFs {
  /** The scan root: absolute, symbolic links resolved. */
  readonly root: string;

  constructor(root: string) {
    let real: string;
    try {
      real = realpathSync.native(root);
    } catch {
      real = resolve(root); // nothing can be read under a root that is not there
    }
    this.root = real;
  }

  /** `abs` relative to the root with `/` separators (`''` for the root itself); lexical: symbolic links are not resolved. */
  rel(abs: string): string {
    return toPosix(relative(this.root, abs));
  }

  /** `text` (an error message of the system, say) with the root's absolute path written `.`: no machine path in a report. */
  withoutRoot(text: string): string {
    return text.split(this.root + sep).join('./').split(this.root).join('.');
  }

  /** True when the real path `real` is the root or inside it. */
  private contains(real: string): boolean {
    return real === this.root || real.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep);
  }

  /**
   * What `abs` is, after resolving symbolic links, without opening it. A path outside the root is
   * `outside` whether or not it exists: what lies outside is never looked at, so a pull request
   * cannot probe the runner's disk by watching "does not exist" turn into something else.
   */
  inspect(abs: string): Inspection {
    let real: string;
    let stats: Stats;
    try {
      real = realpathSync.native(abs);
      if (!this.contains(real)) return { kind: 'outside' };
      stats = lstatSync(real);
    } catch (error) {
      const refusal = failure(error);
      return refusal.kind === 'missing' && !this.existingAncestorInside(abs) ? { kind: 'outside' } : refusal;
    }
    if (stats.isFile()) return { kind: 'file', real, size: stats.size };
    if (stats.isDirectory()) return { kind: 'directory', real };
    return { kind: 'special', what: specialKind(stats) };
  }

  /** For a path that does not exist: whether the nearest directory above it that does is inside the root (symlinks resolved). */
  private existingAncestorInside(abs: string): boolean {
    for (let dir = dirname(resolve(abs)); ; dir = dirname(dir)) {
      if (dir === this.root) return true; // missing under the root (which may itself be missing: nothing is read there)
      try {
        return this.contains(realpathSync.native(dir));
      } catch {
        if (dirname(dir) === dir) return false;
      }
    }
  }

  /** The text of a regular file inside the root (UTF-8, BOM removed), at most `maxBytes` long. */
  readText(abs: string, maxBytes: number): ReadResult {
    const read = this.readBytes(abs, maxBytes, false);
    if (!read.ok) return read;
    const text = read.bytes.toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, real: read.real, size: read.size };
  }

  /** The first `bytes` bytes of a regular file inside the root, whatever its size: for a cheap look at what a file is. */
  readHead(abs: string, bytes: number): ReadResult {
    const read = this.readBytes(abs, bytes, true);
    return read.ok ? { ok: true, text: read.bytes.toString('utf8'), real: read.real, size: read.size } : read;
  }

  /** The entries of a directory inside the root (sorted by name), or why not. */
  list(abs: string): { readonly ok: true; readonly entries: Dirent[] } | { readonly ok: false; readonly refusal: Refusal } {
    const seen = this.inspect(abs);
    if (seen.kind !== 'directory') return { ok: false, refusal: seen.kind === 'file' ? { kind: 'unreadable', code: 'ENOTDIR' } : seen };
    try {
      const entries = readdirSync(seen.real, { withFileTypes: true });
      return { ok: true, entries: entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
    } catch (error) {
      return { ok: false, refusal: failure(error) };
    }
  }

  private readBytes(abs: string, limit: number, head: boolean): { ok: true; bytes: Buffer; real: string; size: number } | { ok: false; refusal: Refusal } {
    const seen = this.inspect(abs);
    if (seen.kind !== 'file') return { ok: false, refusal: seen.kind === 'directory' ? { kind: 'directory' } : seen };
    if (!head && seen.size > limit) return { ok: false, refusal: { kind: 'too-large', size: seen.size, limit } };
    let fd: number;
    try {
      fd = openSync(seen.real, OPEN_FLAGS);
    } catch (error) {
      return { ok: false, refusal: failure(error) };
    }
    try {
      // The decision is made on what was opened, not on the path looked at before: a directory on
      // the way may have become a symlink, or the file a FIFO, since `inspect`.
      const opened = this.checkOpened(fd);
      if (opened) return { ok: false, refusal: opened };
      const stats = fstatSync(fd);
      if (!head && stats.size > limit) return { ok: false, refusal: { kind: 'too-large', size: stats.size, limit } };
      const bytes = readUpTo(fd, head ? limit : limit + 1, stats.size);
      if (!head && bytes.length > limit) return { ok: false, refusal: { kind: 'too-large', size: bytes.length, limit } };
      return { ok: true, bytes, real: seen.real, size: stats.size };
    } catch (error) {
      return { ok: false, refusal: failure(error) };
    } finally {
      closeSync(fd);
    }
  }

  /** Why the opened descriptor must not be read, if it must not: not a regular file, or (where the system says) not inside the root. */
  private checkOpened(fd: number): Refusal | undefined {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { kind: 'directory' };
    if (!stats.isFile()) return { kind: 'special', what: specialKind(stats) };
    let where: string | undefined;
    try {
      where = readlinkSync(`${PROC_FD}/${fd}`);
    } catch {
      where = undefined; // not Linux: the check on the real path before opening stands
    }
    if (where !== undefined && isAbsolute(where) && !this.contains(where)) return { kind: 'outside' };
    return undefined;
  }
}

/** A path with `/` separators on every platform: reports and fingerprints must not depend on the OS. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * `abs` with its directories resolved but not its last part, so that a symbolic link stays itself:
 * for paths given on the command line, which may pass through a symlinked directory (macOS `/tmp`)
 * while the root is a real path.
 */
export function withRealParent(abs: string): string {
  try {
    return join(realpathSync.native(dirname(abs)), basename(abs));
  } catch {
    return abs;
  }
}

/** Up to `limit` bytes; the first read sized for the `expected` size (one more, to see a file that grew), the next ones 1 MB at most. */
function readUpTo(fd: number, limit: number, expected: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(limit - total, total === 0 ? expected + 1 : 1024 * 1024));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function failure(error: unknown): Exclude<Refusal, { kind: 'outside' } | { kind: 'directory' } | { kind: 'special' } | { kind: 'too-large' }> {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  // Sockets cannot be opened (ENXIO); a FIFO that a check missed would have been opened non-blocking.
  return { kind: 'unreadable', code: code ?? 'EIO' };
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** What a refused path is, after `shown` (the reference as written): "is outside the scan root; not read". */
export function refusalReason(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'missing':
      return 'does not exist';
    case 'outside':
      return 'leads outside the scan root; not read';
    case 'directory':
      return 'is a directory, not a file';
    case 'special':
      return `is ${refusal.what}, not a regular file; not read`;
    case 'too-large':
      return `is ${megabytes(refusal.size)}, above the ${megabytes(refusal.limit)} limit; not read`;
    case 'unreadable':
      return `cannot be read (${refusal.code})`;
  }
}

/**
 * A refused read as a diagnostic at `at` (where the reference is written): outside the root and
 * not a regular file are warnings (the input points at something leash must not read; the rest is
 * scanned), the others errors.
 */
export function refusalDiagnostic(refusal: Refusal, shown: string, at: { readonly file: string; readonly line?: number; readonly column?: number }): Diagnostic {
  const message = `${shown} ${refusalReason(refusal)}`;
  const where = { file: at.file, line: at.line ?? 1, column: at.column ?? 1 };
  switch (refusal.kind) {
    case 'outside':
      return { severity: 'warning', code: 'WARN_LEASH_OUTSIDE_ROOT', message, ...where };
    case 'special':
      return { severity: 'warning', code: 'WARN_LEASH_NOT_A_FILE', message, ...where };
    case 'too-large':
      return { severity: 'error', code: 'ERR_LEASH_FILE_TOO_LARGE', message, ...where };
    default:
      return { severity: 'error', code: 'ERR_LEASH_FILE_NOT_FOUND', message, ...where };
  }
}

/**
 * A path as written in the input, fit to print: relative paths as written; an absolute path inside
 * the root relative to it; any other absolute path by its last part only (`…/.npmrc`), so that no
 * path of the machine leash runs on reaches a report.
 */
export function writtenPath(fs: ConfinedFs, written: string): string {
  if (!isAbsolute(written)) return written;
  const rel = fs.rel(written);
  if (rel !== '' && rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel)) return rel;
  return `…/${basename(written)}`;
}
