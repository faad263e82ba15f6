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
  | 'ERR_LEASH_NOT_A_TEMPLATE'
  | 'ERR_LEASH_HANDLER_NOT_FOUND'
  | 'ERR_LEASH_CODE_PARSE'
  /** The input is above a limit leash puts on its work (nesting, expansions, sizes): the message names the limit and what was left out. */
  | 'ERR_LEASH_LIMIT'
  | 'ERR_LEASH_INTERNAL';

/**
 * Warnings (`Diagnostic.severity: 'warning'`): leash read the input with an assumption or left a
 * part of it out, and says which; the rest of the scan goes on and the exit code does not change.
 * Each code with what it means, so a user (or a CI filter) can act on it.
 */
export const LEASH_WARNING_CODES = {
  WARN_LEASH_UNRESOLVED_REFERENCE: 'a Ref / GetAtt / Sub names neither a resource nor a parameter of its template',
  WARN_LEASH_DUPLICATE_KEY: 'a mapping repeats a key; the last one wins, as in CloudFormation',
  WARN_LEASH_PARSE_LENIENT: 'YAML the strict parser rejects but CloudFormation accepts (flow collections not indented past their key) was accepted',
  WARN_LEASH_PARSE_FALLBACK: 'the strict YAML parser failed and the lenient one read the file: its locations are approximate',
  WARN_LEASH_FOREACH: 'an Fn::ForEach loop could not be expanded offline; the resources it makes are missing',
  WARN_LEASH_SAM_EVENTS: 'a SAM event type leash does not model; kept as an "other" trigger',
  WARN_LEASH_SAM_POLICIES_IGNORED: 'a SAM function sets Role, so SAM ignores its Policies (and so does leash)',
  WARN_LEASH_SLS_UNRESOLVED: 'a Serverless `${...}` variable cannot be resolved offline; the value is unknown or the entry is left out',
  WARN_LEASH_SLS_FILE: 'a file named by a Serverless `${file(...)}` cannot be read',
  WARN_LEASH_SLS_FUNCTION: 'a Serverless function has no settings or no handler',
  WARN_LEASH_SLS_EVENT: 'a Serverless event is malformed or ambiguous; ignored, or read with the stated assumption',
  WARN_LEASH_UNSUPPORTED_CONFIG: 'a configuration leash does not read (serverless.js/ts, a provider other than AWS)',
  WARN_LEASH_CDK_NOT_SYNTHESIZED: 'a CDK app without a cdk.out: run `cdk synth` first',
  WARN_LEASH_CODE_NOT_FOUND: 'a code directory does not exist (not built yet?): that code is not analysed',
  WARN_LEASH_UNREADABLE: 'a directory could not be listed while looking for apps',
  WARN_LEASH_OUTSIDE_ROOT: 'a file or directory the input refers to (`${file()}`, CodeUri, an import, a CDK asset or template, a symbolic link) lies outside the scan root: it is not read, and what it holds is unknown',
  WARN_LEASH_NOT_A_FILE: 'a FIFO, device or socket where a file was expected: it is not read',
  WARN_LEASH_NOT_A_TEMPLATE: 'a file named or shaped like a template is not one (no Resources, a list at the top, plain data): skipped',
  WARN_LEASH_TOO_MANY_FILES: 'the search for apps stopped at its file limit',
  WARN_LEASH_SUPPRESSION_INVALID: 'a Metadata suppression has no rule id',
  WARN_LEASH_SUPPRESSION_UNATTACHED: 'a `# leash-ignore` comment is in no resource, function or provider block, so it applies to nothing',
  WARN_LEASH_SUPPRESSION_NO_REASON: 'a suppression without a reason is ignored',
  WARN_LEASH_DETAIL_LIMIT: "the findings' machine-readable details passed the report's size limit: later findings are reported without their `properties`",
} as const;

export type LeashWarningCode = keyof typeof LEASH_WARNING_CODES;

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
