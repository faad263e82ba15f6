/**
 * Shared reading of a function's role for the IAM rules: which role a function runs with, its
 * Allow statements, where each grant came from, and whether a statement's resource is "every
 * resource" (`*`, `table/*`, `arn:aws:s3:::*`, a SAM policy template given `'*'`).
 */
import { SEVERITIES, severityRank, type RuleContext, type Severity } from '../engine/types.js';
import type { AppModel, LambdaFunction, PolicySource, PolicyStatement, Role } from '../model/types.js';
import type { CfnValue } from '../model/values.js';
import { isPlainObject, isUnknown, renderValue } from '../model/values.js';
import { riskyActions } from './risk.js';
import { NOT_EXPANDED, type StatementActions, spend, statementActions } from './statement-actions.js';
import { stackIndex } from '../engine/stack-index.js';

export interface FunctionWithRole {
  readonly fn: LambdaFunction;
  /** Undefined when the model lost the role (reported as unknown by the rules). */
  readonly role: Role | undefined;
}

/** Every function of the stack with the role it runs with. */
export function functionsWithRoles(stack: AppModel): FunctionWithRole[] {
  const byId = new Map(stack.roles.map((r) => [r.id, r] as const));
  return stack.functions.map((fn) => ({ fn, role: byId.get(fn.roleId) }));
}

export function allowStatements(role: Role): PolicyStatement[] {
  return role.statements.filter((s) => s.effect === 'Allow');
}

/**
 * AWS managed policies made for the Lambda platform itself (logs, X-Ray, VPC ENIs, event source
 * polling). They use `*` because the platform needs it; the user cannot scope them.
 */
const PLATFORM_MANAGED_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaBasicDurableExecutionRolePolicy',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaENIManagementAccess',
  'AWSXRayDaemonWriteAccess',
  'AWSXrayWriteOnlyAccess',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'CloudWatchLambdaInsightsExecutionRolePolicy',
]);

/**
 * True when the statement was added by the platform (SAM's basic execution role, Serverless
 * Framework's log statements, event source pollers) or comes from one of the Lambda execution
 * managed policies: `iam/wildcard-resource` and `iam/dangerous-action` leave those alone.
 */
export function isPlatformGrant(statement: PolicyStatement): boolean {
  if (statement.source.kind === 'implicit') return true;
  if (statement.source.kind !== 'managed') return false;
  const name = statement.source.name.split('/').pop() ?? statement.source.name;
  return PLATFORM_MANAGED_POLICIES.has(name);
}

/** `managed policy AmazonS3FullAccess`, `SAM policy template DynamoDBCrudPolicy`, `inline policy Policies[1]`. */
export function describeSource(source: PolicySource): string {
  switch (source.kind) {
    case 'managed':
      return `managed policy ${source.name}`;
    case 'sam-policy-template':
      return `SAM policy template ${source.name}`;
    case 'inline':
      return `inline policy ${source.name}`;
    case 'implicit':
      return `platform policy ${source.name}`;
    case 'attached':
      return `attached policy ${source.name}`;
  }
}

/** Machine-readable form of a statement's origin, for finding properties. */
export function sourceProperties(statement: PolicyStatement): Record<string, unknown> {
  const out: Record<string, unknown> = { sourceKind: statement.source.kind, sourceName: statement.source.name };
  if (statement.sid !== undefined) out.sid = statement.sid;
  if (statement.source.arn !== undefined) out.sourceArn = renderValue(statement.source.arn);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Resource wildcards

/** Placeholder for a part of an expression whose value depends on the stack (a Ref, a GetAtt, a pseudo parameter). */
const DYNAMIC = '${}';

/**
 * The resource as a string where the stack's literal parts are known: `Fn::Sub` variables given
 * literally (SAM policy templates) are substituted, parameters with a literal default are read,
 * every other reference becomes `${}`. Returns undefined for a value of no known shape.
 */
export function flattenResource(value: CfnValue, stack: AppModel): string | undefined {
  if (typeof value === 'string') return value;
  if (!isPlainObject(value) || isUnknown(value)) return undefined;
  if (typeof value.Ref === 'string') {
    const param = stackIndex(stack).parameterByName(value.Ref);
    if (param && typeof param.default === 'string') return param.default;
    return DYNAMIC;
  }
  if (value['Fn::GetAtt'] !== undefined || value['Fn::ImportValue'] !== undefined) return DYNAMIC;
  const sub = value['Fn::Sub'];
  if (sub !== undefined) {
    const [template, vars] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
    if (typeof template !== 'string') return undefined;
    return template.replace(/\$\{([^}!]+)\}/g, (_whole, name: string) => {
      const given = isPlainObject(vars) ? vars[name] : undefined;
      if (given !== undefined) return flattenResource(given, stack) ?? DYNAMIC;
      if (!name.includes('.') && !name.startsWith('AWS::')) return flattenResource({ Ref: name }, stack) ?? DYNAMIC;
      return DYNAMIC;
    });
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map((p) => flattenResource(p, stack) ?? DYNAMIC);
    return parts.join(join[0]);
  }
  return undefined;
}

/**
 * True when the resource pattern names every resource of its kind: `*`, an ARN whose resource
 * part is `*`, or whose first name segment after the resource type is `*` (`table/*`,
 * `function:*`, `arn:aws:s3:::*`, the object ARN of every bucket). A scoped prefix (`my-bucket/*`,
 * `table/Orders/index/*`, `table/app-*`) is not a wildcard.
 */
export function isWildcardPattern(resource: string): boolean {
  if (resource === '*') return true;
  if (!resource.startsWith('arn:')) return false;
  const parts = resource.split(':');
  if (parts.length < 6) return false;
  const service = parts[2] ?? '';
  const rest = parts.slice(5).join(':');
  if (rest === '*' || rest === '') return true;
  const segments = rest.split(/[/:]/);
  const allStars = (segment: string | undefined): boolean => segment !== undefined && /^\*+$/.test(segment);
  if (allStars(segments[0])) return true;
  // S3 ARNs have no resource type: the first segment is already the bucket name.
  if (service === 's3') return false;
  // `table/*`, `function:*`: a literal resource type, then `*`. (`${ApiId}/*` is one API's paths, not a type.)
  return segments.length >= 2 && /^[A-Za-z][A-Za-z0-9_-]*$/.test(segments[0]!) && allStars(segments[1]);
}

export type ResourceScope = { readonly wildcard: boolean; readonly rendered: string };

/** Each resource of an Allow statement with whether it is a wildcard. `NotResource` counts as a wildcard. */
export function resourceScopes(statement: PolicyStatement, stack: AppModel): ResourceScope[] {
  if (statement.notResource !== undefined) {
    return [{ wildcard: true, rendered: `NotResource ${statement.notResource.map((r) => renderValue(r)).join(', ')}` }];
  }
  const resources = statement.resource ?? ['*'];
  return resources.map((r) => {
    const flat = flattenResource(r, stack);
    return { wildcard: flat !== undefined && isWildcardPattern(flat), rendered: flat ?? renderValue(r) };
  });
}

export function hasWildcardResource(statement: PolicyStatement, stack: AppModel): boolean {
  return resourceScopes(statement, stack).some((s) => s.wildcard);
}

// ---------------------------------------------------------------------------------------------
// Action wildcards

export type ActionWildcard = 'all' | 'service' | 'partial';

/** `*` → all, `s3:*` → service, `s3:*Object` / `s3:Get*` → partial, `s3:GetObject` → undefined. */
export function actionWildcard(action: string): ActionWildcard | undefined {
  if (action === '*' || action === '*:*') return 'all';
  if (!action.includes('*') && !action.includes('?')) return undefined;
  const colon = action.indexOf(':');
  if (colon < 0) return 'all';
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  if (service.includes('*')) return 'all';
  return name === '*' ? 'service' : 'partial';
}

// ---------------------------------------------------------------------------------------------
// Effective grants

/** One concrete action a role allows, and the statement that allows it. */
export interface Grant {
  /** Catalog casing (`s3:GetObject`), or as written when the catalog does not know it. */
  readonly action: string;
  readonly statement: PolicyStatement;
  /** True when this statement grants it on every resource (see {@link isWildcardPattern}). */
  readonly wildcardResource: boolean;
}

/** A risky action and the statements that grant it, by their index in the role's statements. */
export interface GrantEntry {
  /** Catalog casing. */
  readonly action: string;
  readonly at: readonly number[];
}

/**
 * The grants of every role with the same statements, as far as grants go (each statement's actions,
 * effect, resource wildcard and platform origin): computed once and shared. A stack of 2,000
 * functions each with AdministratorAccess has 2,000 roles and one such shape.
 */
export interface SharedGrants {
  /** Lower-case action → the statements granting it. Only actions with a risk (`risk.ts`) are listed. */
  readonly byAction: ReadonlyMap<string, GrantEntry>;
  /** Per statement index: grants on every resource (see {@link isWildcardPattern}), comes from the platform (see {@link isPlatformGrant}). */
  readonly wildcardResource: readonly boolean[];
  readonly platform: readonly boolean[];
  /** Statements not expanded (the stack's expansion limit): what they grant is not known action by action. */
  readonly unexpanded: readonly number[];
}

export interface RoleGrants {
  readonly role: Role;
  readonly shared: SharedGrants;
  /** The statements that grant `action` (any case), none when it has no risk class. */
  get(action: string): readonly Grant[] | undefined;
  has(action: string): boolean;
  readonly unexpanded: readonly PolicyStatement[];
}

const grantCache = new WeakMap<Role, RoleGrants>();
const sharedCache = new WeakMap<AppModel, Map<string, SharedGrants>>();
const shapeIds = new WeakMap<object, number>();
let nextShapeId = 0;

/**
 * The risky actions the role allows (those `risk.ts` classes, escalation steps included), with each
 * statement that allows it. An unconditional `Deny` on every resource removes the actions it names;
 * conditional or scoped denies and permissions boundaries are not subtracted (leash over-reports
 * rather than guess). Only risky actions: the rules that read grants look for nothing else, and a
 * role of `Action: "*"` statements would otherwise list 22,000 actions per statement.
 */
export function roleGrants(role: Role, stack: AppModel): RoleGrants {
  const cached = grantCache.get(role);
  if (cached) return cached;
  const covered = role.statements.map((s) => statementActions(s, stack));
  const wildcardResource = role.statements.map((s) => s.effect === 'Allow' && hasWildcardResource(s, stack));
  const platform = role.statements.map(isPlatformGrant);
  const denies = role.statements.map((s) => s.effect === 'Deny' && s.condition === undefined && s.notResource === undefined && s.action !== undefined && resourceScopes(s, stack).some((r) => r.rendered === '*'));
  const key = role.statements.map((s, i) => `${covered[i] ? idOf(covered[i]) : 'x'}:${s.effect}:${+wildcardResource[i]!}${+platform[i]!}${+denies[i]!}`).join(' ');
  let byKey = sharedCache.get(stack);
  if (!byKey) sharedCache.set(stack, (byKey = new Map()));
  let shared = byKey.get(key);
  if (!shared) {
    shared = sharedGrants(role, stack, covered, denies, wildcardResource, platform);
    byKey.set(key, shared);
  }
  const entries = shared.byAction;
  const grantsOf = (entry: GrantEntry): Grant[] => entry.at.map((i) => ({ action: entry.action, statement: role.statements[i]!, wildcardResource: shared.wildcardResource[i]! }));
  const grants: RoleGrants = {
    role,
    shared,
    get: (action) => {
      const entry = entries.get(action.toLowerCase());
      return entry && grantsOf(entry);
    },
    has: (action) => entries.has(action.toLowerCase()),
    unexpanded: shared.unexpanded.map((i) => role.statements[i]!),
  };
  grantCache.set(role, grants);
  return grants;
}

function idOf(shape: object): number {
  let id = shapeIds.get(shape);
  if (id === undefined) shapeIds.set(shape, (id = nextShapeId++));
  return id;
}

function sharedGrants(role: Role, stack: AppModel, covered: readonly (StatementActions | undefined)[], denies: readonly boolean[], wildcardResource: boolean[], platform: boolean[]): SharedGrants {
  const unexpanded: number[] = [];
  const risky = (i: number): readonly string[] | undefined => {
    const actions = covered[i] && riskyActions(covered[i]);
    if (actions === undefined || !spend(stack, actions.length, role.statements[i]!)) {
      unexpanded.push(i);
      return undefined;
    }
    return actions;
  };
  const denied = new Set<string>();
  role.statements.forEach((_, i) => {
    if (denies[i]) for (const action of risky(i) ?? []) denied.add(action.toLowerCase());
  });
  const byAction = new Map<string, { action: string; at: number[] }>();
  role.statements.forEach((statement, i) => {
    if (statement.effect !== 'Allow') return;
    for (const action of risky(i) ?? []) {
      const key = action.toLowerCase();
      if (denied.has(key)) continue;
      const entry = byAction.get(key);
      if (entry) entry.at.push(i);
      else byAction.set(key, { action, at: [i] });
    }
  });
  return { byAction, wildcardResource, platform, unexpanded };
}

/** `s3:GetObject (managed policy AmazonS3FullAccess)` for a grant list, one per distinct source. */
export function grantedBy(grants: readonly Grant[]): string {
  return [...new Set(grants.map((g) => describeSource(g.statement.source)))].join(', ');
}

// ---------------------------------------------------------------------------------------------
// Severity

export function lowerSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.min(severityRank(severity) + 1, SEVERITIES.length - 1)]!;
}

/** True for functions CDK creates itself (BucketDeployment, LogRetention, custom-resource providers). */
export function isCdkInternal(fn: LambdaFunction): boolean {
  return fn.tags.cdkInternal === 'true';
}

/**
 * CDK-internal functions get one level lower: their role is written by aws-cdk-lib, the fix is a
 * library upgrade or a construct option, not an edit (cdk-nag#1076, aws-cdk#27210).
 */
export function severityFor(fn: LambdaFunction, severity: Severity): Severity {
  return isCdkInternal(fn) ? lowerSeverity(severity) : severity;
}

// ---------------------------------------------------------------------------------------------
// Unknowns

/**
 * Report, once per function, what leash could not read of its role: a managed policy it does not
 * know, an unresolvable SAM template parameter, an external role. `what` says which check could
 * not be made (`wildcard actions`).
 */
export function reportRoleUnknowns(context: RuleContext, fn: LambdaFunction, role: Role | undefined, what: string, severity: Severity = 'low'): void {
  if (role === undefined) {
    context.report({
      messageId: 'unknownRole',
      data: { function: fn.id, role: fn.roleId, what, reason: `the role ${fn.roleId} is not in the model` },
      resource: fn.id,
      loc: fn.loc,
      severity,
      unknown: true,
      properties: { role: fn.roleId, reasons: [`role ${fn.roleId} not found`] },
    });
    return;
  }
  if (role.unknowns.length === 0) return;
  const reasons = role.unknowns.map((u) => u.reason);
  context.report({
    messageId: 'unknownRole',
    data: { function: fn.id, role: role.id, what, reason: reasons.join('; ') },
    resource: fn.id,
    loc: role.unknowns[0]!.loc ?? role.loc,
    severity,
    unknown: true,
    properties: { role: role.id, roleKind: role.kind, reasons },
  });
}

/**
 * Report, once per function, the statements of its role that were not expanded (the stack's
 * expansion limit): `what` could not be checked in them.
 */
export function reportUnexpanded(context: RuleContext, fn: LambdaFunction, role: Role, statements: readonly PolicyStatement[], what: string): void {
  if (statements.length === 0) return;
  const lines = [...new Set(statements.map((s) => s.loc.line))];
  context.report({
    messageId: 'unknownRole',
    data: { function: fn.id, role: role.id, what, reason: `${NOT_EXPANDED} (${statements.length === 1 ? 'line' : 'lines'} ${listShort(lines.map(String), 5)})` },
    resource: fn.id,
    loc: statements[0]!.loc,
    severity: 'low',
    unknown: true,
    properties: { role: role.id, reasons: [NOT_EXPANDED], lines },
  });
}

/** The message template every IAM rule uses for {@link reportRoleUnknowns}. */
export const UNKNOWN_ROLE_MESSAGE = 'Could not check {{function}} for {{what}}: {{reason}}.';

/** `a, b, c and 4 more`. */
export function listShort(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
