/**
 * Checks that each Node.js function's handler file is where the template says. A handler that
 * is missing from a code directory that exists is an input error (the function cannot start, and
 * leash cannot read its code); a code directory that does not exist at all is usually a build
 * output not built yet, so that is only a warning, once per stack.
 */
import { existsSync } from 'node:fs';
import { findHandlerFile, handlerCandidates, splitHandler } from '../code/resolve.js';
import type { Diagnostic } from '../model/source.js';
import type { AppModel } from '../model/types.js';
import { isKnown } from '../model/values.js';
import { rootRelative } from './paths.js';

export function handlerDiagnostics(stack: AppModel, rootDir: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const missingDirs = new Map<string, string[]>();
  for (const fn of stack.functions) {
    const { dir } = fn.code;
    if (fn.packageType !== 'Zip' || dir === undefined || fn.code.inline !== undefined) continue;
    if (!isKnown(fn.runtime) || !fn.runtime.startsWith('nodejs') || !isKnown(fn.handler)) continue;
    const shown = rootRelative(rootDir, dir) || '.';
    if (!existsSync(dir)) {
      missingDirs.set(shown, [...(missingDirs.get(shown) ?? []), fn.id]);
      continue;
    }
    const handler = splitHandler(fn.handler);
    if (handler && findHandlerFile(dir, handler.module)) continue;
    const tried = handler ? handlerCandidates(dir, handler.module).slice(0, 4).map((f) => rootRelative(rootDir, f)) : [];
    diagnostics.push({
      severity: 'error',
      code: 'ERR_LEASH_HANDLER_NOT_FOUND',
      message: handler
        ? `${fn.id}: handler file for "${fn.handler}" not found in ${shown} (tried ${tried.join(', ')}, ...): the function cannot start, and its code cannot be analysed`
        : `${fn.id}: handler "${fn.handler}" is not of the form file.export`,
      file: fn.loc.file,
      line: fn.loc.line,
      column: fn.loc.column,
    });
  }
  for (const [dir, ids] of missingDirs) {
    const first = stack.functions.find((f) => f.id === ids[0])!;
    diagnostics.push({
      severity: 'warning',
      code: 'WARN_LEASH_CODE_NOT_FOUND',
      message: `code directory ${dir} of ${ids.length === 1 ? `function ${ids[0]}` : `${ids.length} functions (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', ...' : ''})`} does not exist (not built yet?): their code is not analysed`,
      file: first.loc.file,
      line: first.loc.line,
      column: first.loc.column,
    });
  }
  return diagnostics;
}
