/**
 * `loadScan(target)`: find every app under `target` (SAM / CloudFormation templates,
 * serverless.yml, cdk.out) and load each into an AppModel. Input problems become diagnostics
 * (file, line, `ERR_LEASH_*` code); one broken template never stops the others, and nothing here
 * throws for bad input. `target` may also be a single file; every `loc.file` is relative to the
 * scan root (the directory, or the file's directory).
 */
import { dirname } from 'node:path';
import { isLeashError } from '../errors.js';
import type { Diagnostic } from '../model/source.js';
import type { AppModel, ScanModel } from '../model/types.js';
import { loadCdkAssembly } from './cdk/index.js';
import { dependencyCycleDiagnostics } from './cloudformation/dependency-cycles.js';
import { discover, type DiscoveredApp } from './discover.js';
import { handlerDiagnostics } from './handlers.js';
import { loadTemplateFile } from './parse/index.js';
import { buildTemplateStack } from './sam/index.js';
import { loadServerless } from './serverless/index.js';

export { discover, type DiscoveredApp, type Discovery } from './discover.js';

export interface LoadOptions {
  /** Serverless Framework `--stage` / `${opt:stage}`. */
  readonly stage?: string;
  /** Extra `${opt:x}` values. */
  readonly options?: Readonly<Record<string, string>>;
  /** Let `${env:X}` read the process environment (off by default: scans must be reproducible). */
  readonly readEnv?: boolean;
}

interface LoadResult {
  readonly stacks: AppModel[];
  readonly diagnostics: Diagnostic[];
  readonly environmentValues?: readonly string[];
}

/** One CloudFormation / SAM template. */
function loadTemplateApp(abs: string, file: string, rootDir: string): LoadResult {
  const parsed = loadTemplateFile(abs, file);
  if (parsed.value === null) return { stacks: [], diagnostics: parsed.diagnostics };
  // SAM or plain CloudFormation, decided by the template's Transform.
  const stack = buildTemplateStack(parsed, { stackId: file, baseDir: dirname(abs), rootDir });
  stack.diagnostics.push(...dependencyCycleDiagnostics(parsed));
  return { stacks: [stack], diagnostics: [] };
}

function loadApp(app: DiscoveredApp, root: string, options: LoadOptions): LoadResult {
  switch (app.kind) {
    case 'cloudformation':
      return loadTemplateApp(app.abs, app.file, root);
    case 'serverless':
      return loadServerless(app.abs, app.file, root, options);
    case 'cdk-assembly':
      return loadCdkAssembly(app.abs, root);
  }
}

export function loadScan(target: string, options: LoadOptions = {}): ScanModel {
  const found = discover(target);
  const stacks: AppModel[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const environmentValues = new Set<string>();
  for (const app of found.apps) {
    try {
      const result = loadApp(app, found.root, options);
      stacks.push(...result.stacks);
      diagnostics.push(...result.diagnostics);
      for (const value of result.environmentValues ?? []) environmentValues.add(value);
      for (const stack of result.stacks) stack.diagnostics.push(...handlerDiagnostics(stack, found.root));
    } catch (error) {
      // A loader bug must not hide the other apps: report it where it happened.
      if (isLeashError(error)) {
        diagnostics.push({ severity: 'error', code: error.code, message: error.message, file: error.file ?? app.file, line: error.line ?? 1, column: error.column ?? 1 });
      } else {
        diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INTERNAL', message: `leash failed to load ${app.file}: ${(error as Error)?.message ?? String(error)} (please report this)`, file: app.file, line: 1, column: 1 });
      }
    }
  }
  return { root: found.root, stacks, diagnostics, ...(environmentValues.size > 0 ? { environmentValues: [...environmentValues] } : {}) };
}
