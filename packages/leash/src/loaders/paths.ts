/** How the loaders write a path in a location: relative to the scan root, with `/` on every platform (reports and fingerprints must not depend on the OS). */
import { relative, sep } from 'node:path';

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** `abs` relative to `root`, `/`-separated (`''` for the root itself). */
export function rootRelative(root: string, abs: string): string {
  return toPosix(relative(root, abs));
}
