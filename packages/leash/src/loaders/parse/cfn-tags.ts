/**
 * CloudFormation short-form tags (`!Ref`, `!GetAtt`, `!Sub`...) and their long form. Every tag is
 * accepted on scalars, sequences and mappings; the value is rewritten to `{ "Fn::X": value }`,
 * except `!Ref` and `!Condition` (`{ Ref: x }`, `{ Condition: x }`) and the scalar `!GetAtt A.B`
 * (split at the first dot: `["A", "B"]`).
 */
import type { CfnValue } from '../../model/values.js';

export const CFN_TAG_FUNCTIONS = [
  'Ref',
  'Condition',
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  // AWS::LanguageExtensions
  'Length',
  'ToJsonString',
  'ForEach',
  // Template rules (Rules section)
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
] as const;

const KNOWN = new Set<string>(CFN_TAG_FUNCTIONS.map((name) => `!${name}`));

export function isCfnTag(tag: string): boolean {
  return KNOWN.has(tag);
}

/** The long form of `!Name value`. `scalar` tells whether the tagged node was a scalar. */
export function toLongForm(tag: string, value: CfnValue, scalar: boolean): CfnValue {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && scalar && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? value : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (name === 'GetAZs' && value === null) return { 'Fn::GetAZs': '' };
  return { [`Fn::${name}`]: value };
}
