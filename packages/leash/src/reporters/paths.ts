import { posix, sep } from 'node:path';

/**
 * A location as the user can open it from where they ran leash: the scan target joined with the
 * file (which is relative to the scan root). `.` is the target itself. A backslash is a separator
 * only on Windows: elsewhere it is part of a name (and of a neutralised `\x1b`).
 */
export function displayPath(target: string, file: string): string {
  const base = sep === '\\' ? target.replace(/\\/g, '/') : target;
  if (base === '') return file;
  if (file === '' || file === '.') return posix.normalize(base);
  return posix.normalize(posix.join(base, file));
}

/** `path:line:column` as editors and terminals open it (line and column only when known). */
export function displayLocation(target: string, file: string, line?: number, column?: number): string {
  let where = displayPath(target, file);
  if (line !== undefined) where += `:${line}`;
  if (line !== undefined && column !== undefined) where += `:${column}`;
  return where;
}

export function isAbsoluteTarget(target: string): boolean {
  return posix.isAbsolute(target.replace(/\\/g, '/')) || /^[A-Za-z]:[\\/]/.test(target);
}
