/** The one way template and configuration files are read: with a size limit, before any parsing. */
import { readFileSync, statSync } from 'node:fs';
import { LeashError } from '../../errors.js';
import { MAX_TEMPLATE_BYTES } from './limits.js';

/**
 * Read a text file (UTF-8, BOM removed). Throws a LeashError with `ERR_LEASH_FILE_NOT_FOUND` or
 * `ERR_LEASH_FILE_TOO_LARGE`; `displayFile` is the name used in the error (default `abs`).
 */
export function readSourceFile(abs: string, displayFile: string = abs, maxBytes: number = MAX_TEMPLATE_BYTES): string {
  let size: number;
  try {
    const stat = statSync(abs);
    if (!stat.isFile()) throw new LeashError('ERR_LEASH_FILE_NOT_FOUND', `${displayFile} is not a file`, { file: displayFile });
    size = stat.size;
  } catch (error) {
    if (error instanceof LeashError) throw error;
    throw new LeashError('ERR_LEASH_FILE_NOT_FOUND', `cannot read ${displayFile}: ${(error as Error).message}`, { file: displayFile }, { cause: error });
  }
  if (size > maxBytes) throw tooLarge(displayFile, size, maxBytes);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    throw new LeashError('ERR_LEASH_FILE_NOT_FOUND', `cannot read ${displayFile}: ${(error as Error).message}`, { file: displayFile }, { cause: error });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function tooLarge(file: string, size: number, maxBytes: number): LeashError {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return new LeashError(
    'ERR_LEASH_FILE_TOO_LARGE',
    `${file} is ${mb(size)}, above the ${mb(maxBytes)} limit (CloudFormation templates are at most 1 MB); not parsed`,
    { file, line: 1, column: 1 },
  );
}
