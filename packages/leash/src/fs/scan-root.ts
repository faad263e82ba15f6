/**
 * The scan root: the directory every file leash reads must lie in (see ./confined.ts), and the base
 * of every path in every report. It is the git work tree that holds the scanned path (the nearest
 * directory upwards with a `.git` entry, file or directory; git itself is not run: its config is
 * input too), or, outside git, the scanned directory itself (a scanned file's directory). `--root`
 * sets it.
 *
 * The walk starts from the path as written, not from where a symbolic link leads: a checked-in
 * `infra -> /` must not move the root to `/`.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LeashError } from '../errors.js';

export function findScanRoot(path: string, rootOption?: string): string {
  const start = resolve(path);
  const own = lstatSync(start, { throwIfNoEntry: false });
  if (own === undefined) throw new LeashError('ERR_LEASH_FILE_NOT_FOUND', `no such file or directory: ${path}`);
  if (rootOption !== undefined) return explicitRoot(rootOption);
  const first = own.isDirectory() ? start : dirname(start);
  for (let dir = first; ; dir = dirname(dir)) {
    if (hasGitEntry(dir)) return realpathSync.native(dir);
    if (dirname(dir) === dir) break;
  }
  return realpathSync.native(first);
}

/** A `.git` file or directory in `dir` (a directory above that cannot be searched has none leash can see). */
function hasGitEntry(dir: string): boolean {
  try {
    return lstatSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function explicitRoot(root: string): string {
  let real: string;
  try {
    real = realpathSync.native(resolve(root));
  } catch {
    throw new LeashError('ERR_LEASH_USAGE', `--root ${root} does not exist`);
  }
  if (!lstatSync(real).isDirectory()) throw new LeashError('ERR_LEASH_USAGE', `--root ${root} is not a directory`);
  return real;
}
