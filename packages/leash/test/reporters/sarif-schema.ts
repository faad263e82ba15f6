/**
 * A validator for the official SARIF 2.1.0 (rtm.5) JSON schema, as shipped by @microsoft/jest-sarif
 * (MIT). It is a draft-04 schema, hence ajv-draft-04; one of its patterns is not valid with the `u`
 * flag, hence unicodeRegExp: false.
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

export function sarifValidator(): ValidateFunction {
  const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
  const ajv = new AjvDraft04({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
