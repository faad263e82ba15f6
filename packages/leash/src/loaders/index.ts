/**
 * `loadScan(root)`: find every app under `root` (SAM / CloudFormation templates, serverless.yml,
 * cdk.out) and load each into an AppModel. Input problems become diagnostics; one broken
 * template never stops the others.
 *
 * Placeholder: the real discovery and dispatch replace this.
 */
import type { ScanModel } from '../model/types.js';

export interface LoadOptions {
  /** Serverless Framework `--stage` / `${opt:stage}`. */
  readonly stage?: string;
  /** Extra `${opt:x}` values. */
  readonly options?: Readonly<Record<string, string>>;
  /** Let `${env:X}` read the process environment (off by default: scans must be reproducible). */
  readonly readEnv?: boolean;
}

export function loadScan(root: string, _options: LoadOptions = {}): ScanModel {
  return { root, stacks: [], diagnostics: [] };
}
