/**
 * Checks that each Node.js function's handler file is where the template says. A handler that
 * is missing from a code directory that exists is an input error (the function cannot start, and
 * leash cannot read its code); a code directory that does not exist at all is usually a build
 * output not built yet, so that is only a warning, once per stack. A handler file that is a
 * symlink out of the scan root, or a FIFO, is named in a warning: its code is not read.
 */
import { findHandlerFile, handlerCandidates, splitHandler } from '../code/resolve.js';
import { refusalDiagnostic, type ConfinedFs } from '../fs/confined.js';
import type { Diagnostic } from '../model/source.js';
import type { AppModel } from '../model/types.js';
import { isKnown } from '../model/values.js';

export function handlerDiagnostics(stack: AppModel, fs: ConfinedFs): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const missingDirs = new Map<string, string[]>();
  for (const fn of stack.functions) {
    const { dir } = fn.code;
    if (fn.packageType !== 'Zip' || dir === undefined || fn.code.inline !== undefined) continue;
    if (!isKnown(fn.runtime) || !fn.runtime.startsWith('nodejs') || !isKnown(fn.handler)) continue;
    const shown = fs.rel(dir) || '.';
    if (fs.inspect(dir).kind === 'missing') {
      missingDirs.set(shown, [...(missingDirs.get(shown) ?? []), fn.id]);
      continue;
    }
    const handler = splitHandler(fn.handler);
    const file = handler ? findHandlerFile(fs, dir, handler.module) : undefined;
    if (file) {
      const seen = fs.inspect(file);
      if (seen.kind === 'outside' || seen.kind === 'special' || seen.kind === 'unreadable') diagnostics.push(refusalDiagnostic(seen, `${fn.id}: the handler file ${fs.rel(file)}`, fn.loc));
      continue;
    }
    const tried = handler ? handlerCandidates(dir, handler.module).slice(0, 4).map((f) => fs.rel(f)) : [];
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
