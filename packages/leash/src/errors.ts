/**
 * Errors leash raises on purpose carry a stable `code` (`ERR_LEASH_*`), a message meant for a
 * user, and where known the file and line. The CLI prints them without a stack trace and exits 2.
 */
export type LeashErrorCode =
  | 'ERR_LEASH_USAGE'
  | 'ERR_LEASH_NO_APP'
  | 'ERR_LEASH_FILE_NOT_FOUND'
  | 'ERR_LEASH_FILE_TOO_LARGE'
  | 'ERR_LEASH_PARSE'
  | 'ERR_LEASH_DUPLICATE_KEY'
  | 'ERR_LEASH_UNKNOWN_TAG'
  | 'ERR_LEASH_ALIAS_LIMIT'
  | 'ERR_LEASH_CIRCULAR_REFERENCE'
  | 'ERR_LEASH_INVALID_TEMPLATE'
  | 'ERR_LEASH_HANDLER_NOT_FOUND'
  | 'ERR_LEASH_CODE_PARSE'
  | 'ERR_LEASH_INTERNAL';

export class LeashError extends Error {
  readonly code: LeashErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: LeashErrorCode, message: string, where: { file?: string; line?: number; column?: number } = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LeashError';
    this.code = code;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

export function isLeashError(error: unknown): error is LeashError {
  return error instanceof LeashError;
}
