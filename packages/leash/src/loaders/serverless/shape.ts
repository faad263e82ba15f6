/**
 * Small helpers for reading a resolved serverless.yml: the config is untyped user input, so every
 * read goes through these (a wrong shape is "not set", never a crash), plus Serverless's naming.
 */
import type { SourceLocation } from '../../model/source.js';
import { isPlainObject, isUnknown, referencedLogicalId, unknown, type CfnValue, type Resolved } from '../../model/values.js';
import type { Destination, ResourceRef } from '../../model/types.js';

export type Path = readonly (string | number)[];
export type Obj = Record<string, unknown>;
export type Locate = (path: Path) => SourceLocation;

export function obj(value: unknown): Obj | undefined {
  return isPlainObject(value) && !isUnknown(value) ? (value as Obj) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A number as written (numbers, numeric strings), an Unknown when it cannot be read. */
export function resolvedNumber(value: unknown, loc: SourceLocation): Resolved<number> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  if (isUnknown(value)) return value;
  return unknown('not a number leash can read offline', loc, value as CfnValue);
}

export function resolvedBoolean(value: unknown, loc: SourceLocation): Resolved<boolean> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  if (isUnknown(value)) return value;
  return unknown('not a boolean leash can read offline', loc, value as CfnValue);
}

export function resolvedString(value: unknown, loc: SourceLocation): Resolved<string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isUnknown(value)) return value;
  return unknown('a CloudFormation expression, known only at deploy time', loc, value as CfnValue);
}

/** The value as a CfnValue for the model (an Unknown object stays as it is: rules test `isUnknown`). */
export function cfn(value: unknown): CfnValue {
  return (value === undefined ? null : value) as CfnValue;
}

/** Serverless's `getNormalizedFunctionName`: `hello-world_v2` → `HelloDashworldUnderscorev2`. */
export function normalizeFunctionName(name: string): string {
  const replaced = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return replaced.charAt(0).toUpperCase() + replaced.slice(1);
}

/** Serverless's `normalizeNameToAlphaNumericOnly`: `my-queue.fifo` → `MyDashqueuefifo`-like ids. */
export function normalizeAlphaNumeric(name: string): string {
  const cleaned = name.replace(/[^0-9A-Za-z]/g, '');
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

/** Last ARN segment (`arn:aws:sqs:r:a:my-queue` → `my-queue`), or the logical id of a Ref/GetAtt. */
export function nameFromArn(value: unknown): string {
  if (typeof value === 'string') {
    const parts = value.split(/[:/]/);
    return parts[parts.length - 1] || value;
  }
  const id = referencedLogicalId(value);
  if (id) return id;
  return 'Resource';
}

export function resourceRef(value: unknown, loc: SourceLocation, resourceIds: ReadonlySet<string>): ResourceRef {
  const id = referencedLogicalId(value);
  const ref: { resourceId?: string; value: CfnValue; loc: SourceLocation } = { value: cfn(value), loc };
  if (id !== undefined && resourceIds.has(id)) ref.resourceId = id;
  return ref;
}

/** The destination kind from an ARN or the type of the referenced resource. */
export function destination(value: unknown, loc: SourceLocation, resourceTypes: ReadonlyMap<string, string>, explicitType?: unknown): Destination {
  const target = resourceRef(value, loc, new Set(resourceTypes.keys()));
  const type = typeof explicitType === 'string' ? explicitType.toLowerCase() : undefined;
  if (type === 'sqs' || type === 'sns' || type === 'lambda' || type === 'eventbridge' || type === 's3') return { type, target };
  if (type === 'eventbus') return { type: 'eventbridge', target };
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) {
      const service = value.split(':')[2];
      if (service === 'sqs' || service === 'sns' || service === 'lambda' || service === 's3') return { type: service, target };
      if (service === 'events') return { type: 'eventbridge', target };
    }
    return { type: 'unknown', target };
  }
  const resourceType = target.resourceId ? resourceTypes.get(target.resourceId) : undefined;
  switch (resourceType) {
    case 'AWS::SQS::Queue':
      return { type: 'sqs', target };
    case 'AWS::SNS::Topic':
      return { type: 'sns', target };
    case 'AWS::Lambda::Function':
    case 'AWS::Serverless::Function':
      return { type: 'lambda', target };
    case 'AWS::Events::EventBus':
      return { type: 'eventbridge', target };
    case 'AWS::S3::Bucket':
      return { type: 's3', target };
    default:
      return { type: 'unknown', target };
  }
}
