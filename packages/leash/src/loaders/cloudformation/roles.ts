/** Roles of the stack: `AWS::IAM::Role` with inline, managed and attached policies; external roles by ARN. */
import type { PolicySource, PolicyStatement, Role } from '../../model/types.js';
import { renderValue, unknown, type CfnValue, type Unknown } from '../../model/values.js';
import type { BuildContext } from './context.js';
import { documentStatements, managedPolicyGrants } from './policies.js';
import type { TemplateResource } from './types.js';

interface MutableRole {
  id: string;
  kind: Role['kind'];
  loc: Role['loc'];
  arn?: CfnValue;
  statements: PolicyStatement[];
  policies: PolicySource[];
  permissionsBoundary?: CfnValue;
  assumeRolePolicy?: CfnValue;
  unknowns: Unknown[];
  suppressions: Role['suppressions'];
}

export class RoleBuilder {
  readonly roles = new Map<string, MutableRole>();
  private readonly externalByArn = new Map<string, string>();

  constructor(private readonly ctx: BuildContext) {}

  buildStackRoles(): void {
    const { ctx } = this;
    for (const resource of ctx.ofType('AWS::IAM::Role')) {
      const p = resource.properties;
      const role: MutableRole = {
        id: resource.id,
        kind: ctx.options.roleKind?.(resource.id) ?? 'cloudformation',
        loc: ctx.at(resource.path),
        arn: { 'Fn::GetAtt': [resource.id, 'Arn'] },
        statements: [],
        policies: [],
        unknowns: [],
        suppressions: [],
      };
      if (p.PermissionsBoundary !== undefined) role.permissionsBoundary = ctx.resolver.resolve(p.PermissionsBoundary);
      if (p.AssumeRolePolicyDocument !== undefined) role.assumeRolePolicy = ctx.resolver.resolve(p.AssumeRolePolicyDocument);
      this.roles.set(role.id, role);
      ctx.listOf(p.Policies).forEach((policy, index) => {
        const entry = ctx.resolver.resolve(policy);
        const name = typeof entry === 'object' && entry !== null && !Array.isArray(entry) && typeof entry.PolicyName === 'string' ? entry.PolicyName : `Policies[${index}]`;
        const loc = ctx.loc(resource, 'Policies', index);
        const source: PolicySource = { kind: 'inline', name, loc };
        const document = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? entry.PolicyDocument : undefined;
        this.grant(role, source, documentStatements(document, source, ctx.resolver, (i) => ctx.loc(resource, 'Policies', index, 'PolicyDocument', 'Statement', i)));
      });
      ctx.listOf(p.ManagedPolicyArns).forEach((arn, index) => this.attachManaged(role, arn, ctx.loc(resource, 'ManagedPolicyArns', index), 'managed'));
    }
    for (const policy of ctx.ofType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')) this.attachPolicyResource(policy);
    for (const [roleId, grants] of ctx.options.extras?.rolePolicies ?? []) {
      const role = this.roles.get(roleId);
      if (!role) continue;
      role.policies.push(...grants.policies);
      role.statements.push(...grants.statements);
      role.unknowns.push(...grants.unknowns);
    }
  }

  private grant(role: MutableRole, source: PolicySource, grants: { statements: PolicyStatement[]; unknowns: Unknown[] }): void {
    role.policies.push(source);
    role.statements.push(...grants.statements);
    role.unknowns.push(...grants.unknowns);
  }

  private attachManaged(role: MutableRole, arn: CfnValue, loc: Role['loc'], kind: PolicySource['kind']): void {
    const local = this.ctx.target(arn, 'AWS::IAM::ManagedPolicy');
    if (local) {
      // Attached through the role's ManagedPolicyArns: the policy resource's own statements.
      const source: PolicySource = { kind: 'attached', name: local.id, arn: { Ref: local.id }, loc };
      this.grant(role, source, documentStatements(local.properties.PolicyDocument, source, this.ctx.resolver, (i) => this.ctx.loc(local, 'PolicyDocument', 'Statement', i)));
      return;
    }
    const { source, grants } = managedPolicyGrants(arn, this.ctx.resolver, loc, kind);
    this.grant(role, source, grants);
  }

  /** `AWS::IAM::Policy` / `ManagedPolicy` with `Roles:` attach their statements to those roles. */
  private attachPolicyResource(policy: TemplateResource): void {
    const { ctx } = this;
    const roles = ctx.listOf(policy.properties.Roles);
    roles.forEach((roleRef, index) => {
      const target = ctx.target(roleRef, 'AWS::IAM::Role');
      if (!target) {
        // A role outside the stack (name or import): nothing of the stack to attach to.
        return;
      }
      const role = this.roles.get(target.id);
      if (!role) return;
      if (policy.type === 'AWS::IAM::ManagedPolicy') {
        // Also listed in the role's ManagedPolicyArns? Then it is already attached.
        if (role.policies.some((s) => s.kind === 'attached' && s.name === policy.id)) return;
      }
      const name = typeof policy.properties.PolicyName === 'string' ? policy.properties.PolicyName : policy.id;
      const source: PolicySource = { kind: 'attached', name: policy.type === 'AWS::IAM::Policy' ? policy.id : name, loc: ctx.loc(policy, 'Roles', index) };
      if (policy.type === 'AWS::IAM::ManagedPolicy') (source as { arn?: CfnValue }).arn = { Ref: policy.id };
      this.grant(role, source, documentStatements(policy.properties.PolicyDocument, source, ctx.resolver, (i) => ctx.loc(policy, 'PolicyDocument', 'Statement', i)));
    });
  }

  /**
   * The model role of a function's `Role` value: a stack role, or an `external` role (one per
   * distinct ARN expression, so functions sharing an external role share the model role).
   */
  roleFor(value: CfnValue | undefined, loc: Role['loc'], functionId: string): string {
    const { ctx } = this;
    const target = value === undefined ? undefined : ctx.target(value, 'AWS::IAM::Role');
    if (target && this.roles.has(target.id)) return target.id;
    const folded = value === undefined ? undefined : ctx.resolver.resolve(value);
    const key = folded === undefined ? `missing:${functionId}` : JSON.stringify(folded);
    const existing = this.externalByArn.get(key);
    if (existing) return existing;
    const label = folded === undefined ? `${functionId}:missing-role` : typeof folded === 'string' ? folded : renderValue(folded);
    const id = `external:${label}`;
    const reason =
      folded === undefined
        ? `function ${functionId} has no Role: its permissions are unknown`
        : `role ${label} is defined outside this stack: its policies are unknown`;
    this.roles.set(id, {
      id,
      kind: 'external',
      loc,
      ...(folded !== undefined ? { arn: folded } : {}),
      statements: [],
      policies: [],
      unknowns: [unknown(reason, loc, value ?? null)],
      suppressions: [],
    });
    this.externalByArn.set(key, id);
    return id;
  }
}
