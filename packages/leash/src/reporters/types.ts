import type { ScanResult } from '../engine/result.js';

export interface ReportOptions {
  /** ANSI colours (text only). The CLI turns them off under NO_COLOR, `--no-color`, or when stdout is not a TTY. */
  readonly color?: boolean;
  /** List suppressed findings in detail (text only; JSON and SARIF always carry them, marked). */
  readonly showSuppressed?: boolean;
}

/** A reporter is a pure, deterministic function of the scan result. */
export type Reporter = (result: ScanResult, options?: ReportOptions) => string;
