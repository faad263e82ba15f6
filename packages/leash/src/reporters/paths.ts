import { posix } from 'node:path';

/**
 * A location as the user can open it from where they ran leash: the scan target joined with the
 * file (which is relative to the scan root). An absolute target leaves the file relative to the root.
 */
export function displayPath(target: string, file: string): string {
  const base = target.replace(/\\/g, '/');
  if (base === '' || posix.isAbsolute(base) || /^[A-Za-z]:\//.test(base)) return file;
  if (file === '' || file === '.') return posix.normalize(base);
  return posix.normalize(posix.join(base, file));
}
