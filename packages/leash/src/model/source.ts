/** Where a model node was read from. `file` is relative to the scan root, with `/` separators. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export type Framework = 'sam' | 'cloudformation' | 'serverless' | 'cdk';

/** A problem with the input (not a finding): broken YAML, a missing handler, an unresolvable file. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** Stable code, `ERR_LEASH_*` for errors and `WARN_LEASH_*` for warnings. */
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}
