/**
 * `loadScan(target)`: find every app under `target` (SAM / CloudFormation templates,
 * serverless.yml, cdk.out) and load each into an AppModel. Input problems become diagnostics
 * (file, line, `ERR_LEASH_*` code); one broken template never stops the others, and nothing here
 * throws for bad input. `target` may also be a single file. Every file is read through the scan
 * root (../fs/confined.ts), and every `loc.file` is relative to it.
 */
import { dirname, resolve } from 'node:path';
import { isLeashError } from '../errors.js';
import { ConfinedFs } from '../fs/confined.js';
import { findScanRoot } from '../fs/scan-root.js';
import type { Diagnostic } from '../model/source.js';
import type { AppModel, ScanModel } from '../model/types.js';
import { loadCdkAssembly } from './cdk/index.js';
import { dependencyCycleDiagnostics } from './cloudformation/dependency-cycles.js';
import { discover, type DiscoveredApp } from './discover.js';
import { handlerDiagnostics } from './handlers.js';
import { loadTemplateFile } from './parse/index.js';
import { buildTemplateStack } from './sam/index.js';
import { notAnAppDiagnostic, notATemplate } from './not-an-app.js';
import { loadServerless } from './serverless/index.js';

export { discover, type DiscoveredApp, type Discovery } from './discover.js';

export interface LoadOptions {
  /** Serverless Framework `--stage` / `${opt:stage}`. */
  readonly stage?: string;
  /** Extra `${opt:x}` values. */
  readonly options?: Readonly<Record<string, string>>;
  /** Let `${env:X}` read the process environment (off by default: scans must be reproducible). */
  readonly readEnv?: boolean;
  /**
   * The scan root (`--root`): no file outside it is read, and every path is relative to it. By
   * default the git work tree holding `target`, else `target` itself (see ../fs/scan-root.ts).
   */
  readonly root?: string;
}

interface LoadResult {
  readonly stacks: AppModel[];
  readonly diagnostics: Diagnostic[];
  readonly environmentValues?: readonly string[];
}

/** One CloudFormation / SAM template; a file that only looks like one is reported, not loaded as an empty stack. */
function loadTemplateApp(fs: ConfinedFs, app: DiscoveredApp): LoadResult {
  const parsed = loadTemplateFile(fs, app.abs, app.file, { allowNonMapping: true });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { stacks: [], diagnostics: parsed.diagnostics };
  const why = notATemplate(parsed.value);
  if (why !== undefined) return { stacks: [], diagnostics: [notAnAppDiagnostic(app.file, 'template', why, app.explicit === true)] };
  // SAM or plain CloudFormation, decided by the template's Transform.
  const stack = buildTemplateStack(parsed, { stackId: app.file, baseDir: dirname(app.abs), root: fs });
  stack.diagnostics.push(...dependencyCycleDiagnostics(parsed));
  return { stacks: [stack], diagnostics: [] };
}

function loadApp(app: DiscoveredApp, fs: ConfinedFs, options: LoadOptions): LoadResult {
  switch (app.kind) {
    case 'cloudformation':
      return loadTemplateApp(fs, app);
    case 'serverless':
      return loadServerless(fs, app, options);
    case 'cdk-assembly':
      return loadCdkAssembly(fs, app.abs);
  }
}

export function loadScan(target: string, options: LoadOptions = {}): ScanModel {
  let fs: ConfinedFs;
  try {
    fs = new ConfinedFs(findScanRoot(target, options.root));
  } catch (error) {
    if (!isLeashError(error)) throw error;
    return { root: resolve(target), stacks: [], diagnostics: [{ severity: 'error', code: error.code, message: error.message, file: '' }] };
  }
  const found = discover(target, fs);
  const stacks: AppModel[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const environmentValues = new Set<string>();
  for (const app of found.apps) {
    try {
      const result = loadApp(app, fs, options);
      stacks.push(...result.stacks);
      diagnostics.push(...result.diagnostics);
      for (const value of result.environmentValues ?? []) environmentValues.add(value);
      for (const stack of result.stacks) stack.diagnostics.push(...handlerDiagnostics(stack, fs));
    } catch (error) {
      // A loader bug must not hide the other apps: report it where it happened.
      if (isLeashError(error)) {
        diagnostics.push({ severity: 'error', code: error.code, message: error.message, file: error.file ?? app.file, line: error.line ?? 1, column: error.column ?? 1 });
      } else {
        const message = fs.withoutRoot((error as Error)?.message ?? String(error));
        diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INTERNAL', message: `leash failed to load ${app.file}: ${message} (please report this)`, file: app.file, line: 1, column: 1 });
      }
    }
  }
  return { root: fs.root, stacks, diagnostics, ...(environmentValues.size > 0 ? { environmentValues: [...environmentValues] } : {}) };
}
