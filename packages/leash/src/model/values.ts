/**
 * Values read from templates. CloudFormation values are kept in their JSON form with every
 * intrinsic in the long `Fn::` form (`{ "Ref": "X" }`, `{ "Fn::GetAtt": ["X", "Arn"] }`), so a
 * value that depends on the stack can still be printed, compared and emitted as a snippet.
 *
 * A value leash cannot resolve is an {@link Unknown}: it carries why, and where it was read.
 * Rules must treat an Unknown as "cannot prove safe" (report it), never as a pass.
 */
import type { SourceLocation } from './source.js';

export type CfnScalar = string | number | boolean | null;
export type CfnValue = CfnScalar | CfnValue[] | { [key: string]: CfnValue };

export interface Unknown {
  readonly kind: 'unknown';
  /** Why the value could not be resolved, in words a user understands. */
  readonly reason: string;
  /** The expression as written, when there is one (for example `{ "Ref": "TableName" }`). */
  readonly expr?: CfnValue;
  readonly loc?: SourceLocation;
}

/** A value of type T, or the explicit statement that it could not be resolved. */
export type Resolved<T> = T | Unknown;

export function unknown(reason: string, loc?: SourceLocation, expr?: CfnValue): Unknown {
  const u: { kind: 'unknown'; reason: string; expr?: CfnValue; loc?: SourceLocation } = { kind: 'unknown', reason };
  if (expr !== undefined) u.expr = expr;
  if (loc) u.loc = loc;
  return u;
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'unknown' && typeof (value as { reason?: unknown }).reason === 'string';
}

export function isKnown<T>(value: Resolved<T> | undefined): value is T {
  return value !== undefined && !isUnknown(value);
}

export function isPlainObject(value: unknown): value is { [key: string]: CfnValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The one key of an intrinsic function object (`Ref`, `Fn::Sub`, `Condition`), if `value` is one. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** The logical id a `Ref` or `Fn::GetAtt` points at (`{Ref: X}`, `{Fn::GetAtt: [X, Arn]}`, `{Fn::GetAtt: "X.Arn"}`). */
export function referencedLogicalId(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** A short human-readable rendering of a CloudFormation value: `!Ref X`, `!GetAtt X.Arn`, `${X.Arn}/*`. */
export function renderValue(value: CfnValue | Unknown | undefined): string {
  if (value === undefined) return '';
  if (isUnknown(value)) return value.expr !== undefined ? renderValue(value.expr) : `<unknown: ${value.reason}>`;
  if (value === null) return 'null';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v)).join(', ')}]`;
  const name = intrinsicName(value);
  if (name === 'Ref') return `!Ref ${renderValue(value.Ref)}`;
  if (name === 'Fn::GetAtt') {
    const arg = value['Fn::GetAtt'];
    return `!GetAtt ${Array.isArray(arg) ? arg.map((a) => renderValue(a)).join('.') : renderValue(arg)}`;
  }
  if (name === 'Fn::Sub') {
    const arg = value['Fn::Sub'];
    return `!Sub ${Array.isArray(arg) ? renderValue(arg[0]) : renderValue(arg)}`;
  }
  if (name) return `!${name.replace(/^Fn::/, '')} ${JSON.stringify(value[name])}`;
  return JSON.stringify(value);
}
