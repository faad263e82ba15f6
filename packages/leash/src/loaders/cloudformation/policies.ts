/**
 * IAM policy documents → model statements, and managed policy ARNs → the statements they grant.
 * What cannot be read (an intrinsic in place of an action, an unknown managed policy) becomes an
 * Unknown of the role, never silently nothing.
 */
import { getManagedPolicy } from '../../iam/managed-policies.js';
import type { IamStatement } from '../../iam/types.js';
import type { SourceLocation } from '../../model/source.js';
import type { PolicySource, PolicyStatement } from '../../model/types.js';
import { isPlainObject, renderValue, unknown, type CfnValue, type Unknown } from '../../model/values.js';
import type { IntrinsicResolver } from './intrinsics.js';

export interface Grants {
  readonly statements: PolicyStatement[];
  readonly unknowns: Unknown[];
}

function stringList(value: CfnValue | undefined, resolver: IntrinsicResolver, what: string, loc: SourceLocation, unknowns: Unknown[]): string[] | undefined {
  if (value === undefined) return undefined;
  const folded = resolver.resolve(value);
  const items = Array.isArray(folded) ? folded : [folded];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else unknowns.push(unknown(`${what} ${renderValue(item)} cannot be resolved before deployment`, loc, item));
  }
  return out;
}

/** The statements of a policy document (`{Statement: [...]}` or a single statement object). */
export function documentStatements(
  document: CfnValue | undefined,
  source: PolicySource,
  resolver: IntrinsicResolver,
  locOf: (index: number) => SourceLocation,
): Grants {
  const statements: PolicyStatement[] = [];
  const unknowns: Unknown[] = [];
  const folded = document === undefined ? undefined : resolver.resolve(document);
  if (!isPlainObject(folded)) {
    unknowns.push(unknown(`policy document ${source.name} cannot be read (${renderValue(folded ?? null)})`, source.loc, document ?? null));
    return { statements, unknowns };
  }
  const raw = folded.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  list.forEach((entry, index) => {
    const loc = locOf(index);
    const statement = toStatement(entry, source, resolver, loc, unknowns);
    if (statement) statements.push(statement);
  });
  return { statements, unknowns };
}

export function toStatement(entry: CfnValue | IamStatement, source: PolicySource, resolver: IntrinsicResolver, loc: SourceLocation, unknowns: Unknown[]): PolicyStatement | undefined {
  const value = resolver.resolve(entry as CfnValue);
  if (!isPlainObject(value)) {
    unknowns.push(unknown(`a statement of ${source.name} cannot be read (${renderValue(value)})`, loc, value));
    return undefined;
  }
  const effect = value.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    unknowns.push(unknown(`a statement of ${source.name} has Effect ${renderValue(effect ?? null)}`, loc, value));
    return undefined;
  }
  // IAM refuses a statement without actions or resources (MalformedPolicyDocument): taken as it
  // stands it would read as "every action" / "every resource" to the rules.
  if (value.Action === undefined && value.NotAction === undefined) {
    unknowns.push(unknown(`a statement of ${source.name} has neither Action nor NotAction (IAM rejects it)`, loc, value));
    return undefined;
  }
  if (value.Resource === undefined && value.NotResource === undefined && value.Principal === undefined && value.NotPrincipal === undefined) {
    unknowns.push(unknown(`a statement of ${source.name} has neither Resource nor NotResource (IAM rejects it)`, loc, value));
    return undefined;
  }
  const statement: {
    -readonly [K in keyof PolicyStatement]: PolicyStatement[K];
  } = { effect, source, loc };
  if (typeof value.Sid === 'string') statement.sid = value.Sid;
  const action = stringList(value.Action, resolver, 'action', loc, unknowns);
  if (action) statement.action = action;
  const notAction = stringList(value.NotAction, resolver, 'action', loc, unknowns);
  if (notAction) statement.notAction = notAction;
  if (value.Resource !== undefined) statement.resource = Array.isArray(value.Resource) ? value.Resource : [value.Resource];
  if (value.NotResource !== undefined) statement.notResource = Array.isArray(value.NotResource) ? value.NotResource : [value.NotResource];
  if (isPlainObject(value.Condition)) statement.condition = value.Condition as Record<string, Record<string, CfnValue>>;
  return statement;
}

/**
 * A managed policy by ARN or name: its statements when leash knows it, else an Unknown.
 * `arnValue` may be an intrinsic that folds to an ARN (`Fn::Sub: arn:${AWS::Partition}:iam::aws:policy/...`).
 */
export function managedPolicyGrants(
  arnValue: CfnValue,
  resolver: IntrinsicResolver,
  loc: SourceLocation,
  kind: PolicySource['kind'] = 'managed',
): { source: PolicySource; grants: Grants } {
  const text = arnText(resolver.resolve(arnValue));
  const policy = text !== undefined ? getManagedPolicy(text) : undefined;
  const name = policy?.name ?? (text !== undefined ? text.slice(text.lastIndexOf('/') + 1) : renderValue(arnValue));
  const source: PolicySource = { kind, name, arn: policy?.arn ?? arnValue, loc };
  if (!policy) {
    const reason =
      text === undefined
        ? `managed policy ${renderValue(arnValue)} cannot be resolved before deployment`
        : text.includes(':iam::aws:policy/') || !text.startsWith('arn:')
          ? `managed policy ${text} is not an AWS managed policy leash knows`
          : `customer managed policy ${text} is defined outside this stack`;
    return { source, grants: { statements: [], unknowns: [unknown(reason, loc, arnValue)] } };
  }
  const grants = documentStatements(policy.document as unknown as CfnValue, source, resolver, () => loc);
  return { source, grants };
}

/**
 * An ARN expression as `Fn::Sub` text when it only depends on pseudo parameters:
 * `arn:${AWS::Partition}:iam::aws:policy/X` from a string, an `Fn::Sub`, or an `Fn::Join` of
 * strings and `Ref`s. Undefined when it depends on anything else.
 */
export function arnText(value: CfnValue): string | undefined {
  if (typeof value === 'string') return value;
  if (!isPlainObject(value)) return undefined;
  if (typeof value['Fn::Sub'] === 'string') return value['Fn::Sub'];
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts: string[] = [];
    for (const part of join[1]) {
      if (typeof part === 'string') parts.push(part);
      else if (isPlainObject(part) && typeof part.Ref === 'string') parts.push(`\${${part.Ref}}`);
      else return undefined;
    }
    return parts.join(join[0]);
  }
  return undefined;
}
