/**
 * Not an app is not a pass: a file named like a template (or a serverless.yml) that is not one (a
 * list at the top, plain data, no `Resources`) would otherwise load as an empty stack and report
 * "no findings". Named on the command line as the input, it is an error; found while looking
 * through a directory, it is noted and skipped.
 */
import type { Diagnostic } from '../model/source.js';
import { isPlainObject } from '../model/values.js';

/** Why `value` is not a CloudFormation / SAM template, or `undefined` when it is one. */
export function notATemplate(value: unknown): string | undefined {
  if (!isPlainObject(value)) return `it is ${shapeOf(value)}, not a mapping with Resources`;
  if (!Object.prototype.hasOwnProperty.call(value, 'Resources')) return 'it has no Resources';
  return undefined;
}

/** Why `value` is not a Serverless Framework configuration, or `undefined` when it is one. */
export function notAServerlessConfig(value: unknown): string | undefined {
  if (!isPlainObject(value)) return `it is ${shapeOf(value)}, not a mapping with service, provider and functions`;
  const keys = ['service', 'provider', 'functions', 'resources'];
  if (!keys.some((key) => Object.prototype.hasOwnProperty.call(value, key))) return 'it has none of service, provider, functions or resources';
  return undefined;
}

function shapeOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** The diagnostic for a file that is not what its name says: an error when it was the input, else a warning. */
export function notAnAppDiagnostic(file: string, what: 'template' | 'serverless', why: string, explicit: boolean): Diagnostic {
  const expected = what === 'template' ? 'a CloudFormation/SAM template' : 'a Serverless Framework configuration';
  return explicit
    ? { severity: 'error', code: 'ERR_LEASH_NOT_A_TEMPLATE', message: `${file} is not ${expected}: ${why}`, file, line: 1, column: 1 }
    : { severity: 'warning', code: 'WARN_LEASH_NOT_A_TEMPLATE', message: `${file} is not ${expected} (${why}); skipped`, file, line: 1, column: 1 };
}
