/**
 * Where code lives on disk: the handler file of a function, and the file a relative import
 * points at. TypeScript projects are compiled before deploy, so the handler often names a
 * compiled path (`dist/app.handler`) while only the source (`src/app.ts`) is in the repository:
 * the common layouts are tried in order. Paths are looked at through the scan root: a candidate
 * that is there but must not be read (a symlink out of the app, a FIFO) is still the one Node.js
 * would load, so it is returned, and reading it says why it is not read.
 */
import { basename, join, resolve, dirname } from 'node:path';
import type { ConfinedFs } from '../fs/confined.js';

export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'] as const;

function isThere(fs: ConfinedFs, path: string): boolean {
  const kind = fs.inspect(path).kind;
  return kind !== 'missing' && kind !== 'directory';
}

/** Compiled output directories and the source directories they usually come from. */
const BUILD_DIRS = ['dist', 'build', 'lib', 'out', '.build', '.esbuild', 'bundle'];
const SOURCE_DIRS = ['src', 'lib', 'source', ''];

function withExtensions(base: string): string[] {
  return SOURCE_EXTENSIONS.map((ext) => base + ext);
}

/** Split a handler string (`src/app.handler`) into the module path and the exported name. */
export function splitHandler(handler: string): { module: string; exportName: string } | undefined {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return undefined;
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

/** Candidate source files for a handler module, most likely first. */
export function handlerCandidates(codeDir: string, modulePath: string): string[] {
  const clean = modulePath.replace(/^\.\//, '');
  const out: string[] = [];
  const push = (rel: string) => {
    for (const f of withExtensions(join(codeDir, rel))) if (!out.includes(f)) out.push(f);
    for (const f of withExtensions(join(codeDir, rel, 'index'))) if (!out.includes(f)) out.push(f);
  };
  push(clean);
  const parts = clean.split('/');
  if (parts.length > 1 && BUILD_DIRS.includes(parts[0]!)) {
    const rest = parts.slice(1).join('/');
    for (const src of SOURCE_DIRS) push(src ? `${src}/${rest}` : rest);
  }
  if (parts.length === 1 || !SOURCE_DIRS.includes(parts[0]!)) push(`src/${clean}`);
  return out;
}

export function findHandlerFile(fs: ConfinedFs, codeDir: string, modulePath: string): string | undefined {
  // `CodeUri: src/function.js`: `sam build` / `cloudformation package` zip that one file, whose base name is the handler module.
  if (/\.(m|c)?[jt]s$/.test(codeDir) && basename(codeDir).replace(/\.[^.]+$/, '') === modulePath.replace(/^\.\//, '') && isThere(fs, codeDir)) return codeDir;
  return handlerCandidates(codeDir, modulePath).find((path) => isThere(fs, path));
}

/** True for `./x`, `../x`, `/abs/x`: a module in the app, not a package. */
export function isLocalSpecifier(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..' || spec.startsWith('/');
}

/** Resolve a relative import from `fromFile`, Node and TypeScript style (`./x.js` may be `./x.ts`). */
export function resolveLocalModule(fs: ConfinedFs, fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  if (isThere(fs, base)) return base;
  const stripped = base.replace(/\.(m|c)?js$/, '');
  const candidates: string[] = [];
  if (stripped !== base) for (const ext of ['.ts', '.mts', '.cts', '.tsx']) candidates.push(stripped + ext);
  candidates.push(...withExtensions(base), ...withExtensions(join(base, 'index')));
  return candidates.find((path) => isThere(fs, path));
}
