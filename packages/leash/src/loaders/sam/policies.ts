/**
 * SAM `Policies` (and the policies the transform adds on its own) → a role's sources and
 * statements: AWS managed policy names or ARNs, SAM policy templates with their parameters,
 * inline documents (a list of statements, or a single document).
 */
import { expandSamPolicyTemplate } from '../../iam/sam-policy-templates.js';
import type { SourceLocation } from '../../model/source.js';
import type { PolicySource } from '../../model/types.js';
import { intrinsicName, isPlainObject, renderValue, unknown, type CfnValue } from '../../model/values.js';
import type { BuildContext } from '../cloudformation/context.js';
import { documentStatements, managedPolicyGrants, toStatement } from '../cloudformation/policies.js';
import type { RoleGrants } from '../cloudformation/types.js';
import type { ValuePath } from '../parse/types.js';

export class GrantList implements RoleGrants {
  readonly policies: RoleGrants['policies'] = [];
  readonly statements: RoleGrants['statements'] = [];
  readonly unknowns: RoleGrants['unknowns'] = [];

  add(source: PolicySource, grants: { statements: RoleGrants['statements']; unknowns: RoleGrants['unknowns'] }): void {
    this.policies.push(source);
    this.statements.push(...grants.statements);
    this.unknowns.push(...grants.unknowns);
  }

  /** A managed policy SAM attaches by itself (basic execution, VPC access, queue pollers). */
  implicitManaged(ctx: BuildContext, name: string, loc: SourceLocation): void {
    const { source, grants } = managedPolicyGrants(name, ctx.resolver, loc, 'implicit');
    this.add(source, grants);
  }

  /** An inline statement SAM adds by itself (DLQ, destinations, MQ). */
  implicitStatement(ctx: BuildContext, name: string, actions: string[], resource: CfnValue, loc: SourceLocation): void {
    const source: PolicySource = { kind: 'implicit', name, loc };
    const unknowns: RoleGrants['unknowns'] = [];
    const statement = toStatement({ Effect: 'Allow', Action: actions, Resource: resource }, source, ctx.resolver, loc, unknowns);
    this.add(source, { statements: statement ? [statement] : [], unknowns });
  }
}

/** Expand a `Policies` value into `grants`. */
export function expandPolicies(ctx: BuildContext, value: CfnValue | undefined, path: ValuePath, grants: GrantList): void {
  if (value === undefined || value === null) return;
  const folded = ctx.resolver.resolve(value);
  // A single inline document with a Statement list is one policy, not a list.
  if (isPlainObject(folded) && folded.Statement !== undefined) {
    inlineDocument(ctx, folded, path, 'Policies', grants);
    return;
  }
  const entries = Array.isArray(folded) ? folded : [folded];
  entries.forEach((entry, index) => expandEntry(ctx, entry, Array.isArray(folded) ? [...path, index] : path, index, grants));
}

function inlineDocument(ctx: BuildContext, document: Record<string, CfnValue>, path: ValuePath, name: string, grants: GrantList): void {
  const loc = ctx.at(path);
  const source: PolicySource = { kind: 'inline', name, loc };
  grants.add(source, documentStatements(document, source, ctx.resolver, (i) => ctx.at([...path, 'Statement', i])));
}

function expandEntry(ctx: BuildContext, entry: CfnValue, path: ValuePath, index: number, grants: GrantList): void {
  const loc = ctx.at(path);
  if (typeof entry === 'string' || intrinsicName(entry) !== undefined) {
    const local = ctx.target(entry, 'AWS::IAM::ManagedPolicy');
    if (local) {
      const source: PolicySource = { kind: 'attached', name: local.id, arn: { Ref: local.id }, loc };
      grants.add(source, documentStatements(local.properties.PolicyDocument, source, ctx.resolver, (i) => ctx.loc(local, 'PolicyDocument', 'Statement', i)));
      return;
    }
    const { source, grants: managed } = managedPolicyGrants(entry, ctx.resolver, loc, 'managed');
    grants.add(source, managed);
    return;
  }
  if (!isPlainObject(entry)) {
    grants.add({ kind: 'inline', name: `Policies[${index}]`, loc }, { statements: [], unknowns: [unknown(`policy ${renderValue(entry)} cannot be read`, loc, entry)] });
    return;
  }
  if (entry.Statement !== undefined) {
    inlineDocument(ctx, entry, path, `Policies[${index}]`, grants);
    return;
  }
  const keys = Object.keys(entry);
  if (keys.length === 1) {
    const name = keys[0]!;
    const rawParameters = entry[name];
    const parameters = isPlainObject(rawParameters) ? rawParameters : {};
    const expanded = expandSamPolicyTemplate(name, parameters);
    const source: PolicySource = { kind: 'sam-policy-template', name, parameters, loc };
    if (expanded === undefined) {
      grants.add(source, { statements: [], unknowns: [unknown(`${name} is not a SAM policy template leash knows`, loc, entry)] });
      return;
    }
    if ('error' in expanded) {
      grants.add(source, { statements: [], unknowns: [unknown(expanded.error, loc, entry)] });
      return;
    }
    const unknowns: RoleGrants['unknowns'] = [];
    const statements = expanded.statements.flatMap((statement) => {
      const converted = toStatement(statement, source, ctx.resolver, loc, unknowns);
      return converted ? [converted] : [];
    });
    grants.add(source, { statements, unknowns });
    return;
  }
  grants.add({ kind: 'inline', name: `Policies[${index}]`, loc }, { statements: [], unknowns: [unknown('a policy entry is neither a managed policy, a SAM policy template nor a policy document', loc, entry)] });
}
