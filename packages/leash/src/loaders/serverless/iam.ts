/**
 * Serverless Framework IAM → CloudFormation roles, as `serverless package` writes them.
 *
 * - By default ONE role, `IamRoleLambdaExecution`, shared by every function without its own role:
 *   `provider.iam.role.statements` (legacy `provider.iamRoleStatements`), `managedPolicies`
 *   (legacy `iamManagedPolicies`), `permissionsBoundary`, plus what Serverless adds itself (log
 *   statements, poller permissions for sqs/stream events, DLQ/destination publishing, X-Ray, the
 *   VPC access managed policy). Those additions are not written into the synthetic role: the
 *   loader hands them to the stack builder as grants of kind `implicit`.
 * - Per-function roles `<Fn>IamRoleLambdaExecution`: v4 `functions.X.iam.role`, `provider.iam.role.mode:
 *   perFunction`, and the serverless-iam-roles-per-function plugin (`iamRoleStatements`,
 *   `iamRoleStatementsInherit`, `custom.serverless-iam-roles-per-function.defaultInherit`).
 * - `provider.iam.role: <arn | logical id>` / function `role:` → that role, no statements added.
 */
import type { RoleKind } from '../../model/types.js';
import { isUnknown, type CfnValue, type Unknown } from '../../model/values.js';
import type { ImplicitStatement } from './events.js';
import { isSet, list, obj, type Obj, type Path } from './shape.js';
import type { SourceMap } from './source-map.js';

export const DEFAULT_ROLE_ID = 'IamRoleLambdaExecution';

export interface StatementSource {
  readonly statement: unknown;
  readonly ymlPath: Path;
}

export interface RolePlan {
  readonly id: string;
  readonly kind: RoleKind;
  readonly ymlPath: Path;
  readonly statements: StatementSource[];
  readonly implicit: ImplicitStatement[];
  readonly managedPolicies: StatementSource[];
  readonly permissionsBoundary?: StatementSource;
  readonly roleName?: CfnValue;
  /** Statement or policy lists that could not be resolved (`statements: ${file(./missing.yml)}`). */
  readonly unknowns: Unknown[];
}

/** How a function gets its role. */
export type RoleChoice = { readonly kind: 'own'; readonly plan: RolePlan } | { readonly kind: 'default' } | { readonly kind: 'custom'; readonly value: CfnValue; readonly ymlPath: Path };

export interface ProviderIam {
  /** `provider.iam.role` / `provider.role` as an ARN, logical id or intrinsic. */
  readonly customRole?: { value: CfnValue; ymlPath: Path };
  readonly statements: StatementSource[];
  readonly managedPolicies: StatementSource[];
  readonly permissionsBoundary?: StatementSource;
  readonly perFunction: boolean;
  readonly ymlPath: Path;
  readonly unknowns: Unknown[];
}

/** Lists that are Unknown as a whole: the role's grants cannot be known. */
function unknownLists(...values: unknown[]): Unknown[] {
  return values.filter((v): v is Unknown => isUnknown(v));
}

function sources(value: unknown, ymlPath: Path): StatementSource[] {
  // A single value where a list belongs (`statements: "nope"`) is kept as the one entry, so it is
  // reported as a statement or policy leash cannot read, never silently dropped.
  if (isSet(value) && !Array.isArray(value) && !isUnknown(value)) return [{ statement: value, ymlPath }];
  return list(value).map((statement, i) => ({ statement, ymlPath: [...ymlPath, i] }));
}

/** A role reference as Serverless reads it: an ARN, an intrinsic, or the logical id of a role in `resources`. */
function roleReference(value: unknown): CfnValue {
  if (typeof value === 'string' && !value.startsWith('arn:')) return { 'Fn::GetAtt': [value, 'Arn'] };
  return value as CfnValue;
}

export function readProviderIam(provider: Obj): ProviderIam {
  const iam = obj(provider.iam);
  const roleValue = iam?.role;
  if (isSet(roleValue) && obj(roleValue) === undefined) {
    return { customRole: { value: roleReference(roleValue), ymlPath: ['provider', 'iam', 'role'] }, statements: [], managedPolicies: [], perFunction: false, ymlPath: ['provider', 'iam', 'role'], unknowns: [] };
  }
  const role = obj(roleValue);
  // An intrinsic (`Fn::GetAtt`, `Fn::ImportValue`) is a custom role too.
  if (role && Object.keys(role).length === 1 && /^(Fn::|Ref$)/.test(Object.keys(role)[0]!)) {
    return { customRole: { value: role as CfnValue, ymlPath: ['provider', 'iam', 'role'] }, statements: [], managedPolicies: [], perFunction: false, ymlPath: ['provider', 'iam', 'role'], unknowns: [] };
  }
  if (isSet(provider.role)) {
    return { customRole: { value: roleReference(provider.role), ymlPath: ['provider', 'role'] }, statements: [], managedPolicies: [], perFunction: false, ymlPath: ['provider', 'role'], unknowns: [] };
  }
  const statements = [...sources(role?.statements, ['provider', 'iam', 'role', 'statements']), ...sources(provider.iamRoleStatements, ['provider', 'iamRoleStatements'])];
  const managedPolicies = [...sources(role?.managedPolicies, ['provider', 'iam', 'role', 'managedPolicies']), ...sources(provider.iamManagedPolicies, ['provider', 'iamManagedPolicies'])];
  const boundary = isSet(role?.permissionsBoundary)
    ? { statement: role!.permissionsBoundary, ymlPath: ['provider', 'iam', 'role', 'permissionsBoundary'] }
    : isSet(provider.rolePermissionsBoundary)
      ? { statement: provider.rolePermissionsBoundary, ymlPath: ['provider', 'rolePermissionsBoundary'] }
      : undefined;
  return {
    statements,
    managedPolicies,
    ...(boundary ? { permissionsBoundary: boundary } : {}),
    perFunction: role?.mode === 'perFunction',
    ymlPath: role ? ['provider', 'iam', 'role'] : ['provider'],
    unknowns: unknownLists(iam?.role, role?.statements, role?.managedPolicies, provider.iamRoleStatements, provider.iamManagedPolicies),
  };
}

/** Which role a function uses, creating its own role plan when it has one. */
export function chooseRole(fnKey: string, fn: Obj, normalized: string, provider: ProviderIam, config: Obj): RoleChoice {
  const ymlPath: Path = ['functions', fnKey];
  if (isSet(fn.role)) return { kind: 'custom', value: roleReference(fn.role), ymlPath: [...ymlPath, 'role'] };
  const fnRole = obj(obj(fn.iam)?.role);
  const pluginStatements = fn.iamRoleStatements;
  const pluginDefaultInherit = obj(obj(config.custom)?.['serverless-iam-roles-per-function'])?.defaultInherit === true;
  const ownStatements: StatementSource[] = [];
  const ownManaged: StatementSource[] = [];
  let inherit = false;
  let own = false;
  if (fnRole) {
    own = true;
    ownStatements.push(...sources(fnRole.statements, [...ymlPath, 'iam', 'role', 'statements']));
    ownManaged.push(...sources(fnRole.managedPolicies, [...ymlPath, 'iam', 'role', 'managedPolicies']));
    inherit = obj(fn.iam)?.inheritStatements === true;
  }
  if (isSet(pluginStatements)) {
    own = true;
    ownStatements.push(...sources(pluginStatements, [...ymlPath, 'iamRoleStatements']));
    inherit = inherit || fn.iamRoleStatementsInherit === true || (pluginDefaultInherit && fn.iamRoleStatementsInherit !== false);
  }
  if (!own && provider.perFunction) {
    own = true;
    inherit = true;
  }
  if (!own && provider.customRole) return { kind: 'custom', value: provider.customRole.value, ymlPath: provider.customRole.ymlPath };
  if (!own) return { kind: 'default' };
  return {
    kind: 'own',
    plan: {
      id: `${normalized}IamRoleLambdaExecution`,
      kind: 'serverless-function',
      ymlPath: fnRole ? [...ymlPath, 'iam', 'role'] : isSet(pluginStatements) ? [...ymlPath, 'iamRoleStatements'] : ymlPath,
      statements: [...(inherit ? provider.statements : []), ...ownStatements],
      implicit: [],
      managedPolicies: [...(inherit ? provider.managedPolicies : []), ...ownManaged],
      ...(fnRole && isSet(fnRole.permissionsBoundary) ? { permissionsBoundary: { statement: fnRole.permissionsBoundary, ymlPath: [...ymlPath, 'iam', 'role', 'permissionsBoundary'] } } : provider.permissionsBoundary ? { permissionsBoundary: provider.permissionsBoundary } : {}),
      ...(fnRole && isSet(fnRole.name) ? { roleName: fnRole.name as CfnValue } : {}),
      unknowns: [...(inherit ? provider.unknowns : []), ...unknownLists(fn.iam, fnRole?.statements, fnRole?.managedPolicies, pluginStatements)],
    },
  };
}

/**
 * The log statements Serverless puts in every role it creates, scoped to the functions' log
 * groups: `<service>-<stage>*` for functions named the default way, and the exact group of each
 * function whose `name:` does not start with that prefix (`{ exact: name }`).
 */
export function logStatements(logGroups: readonly (string | { readonly exact: string })[], ymlPath: Path): ImplicitStatement[] {
  const arn = (suffix: string): CfnValue[] =>
    logGroups.map((group) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${typeof group === 'string' ? `${group}*` : group.exact}${suffix}`,
    }));
  return [
    { name: 'Serverless Framework: CloudWatch Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'], Resource: arn(':*'), ymlPath },
    { name: 'Serverless Framework: CloudWatch Logs', Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: arn(':*:*'), ymlPath },
  ];
}

/** Write a role plan into the synthetic template, mapping every statement back to the yml. */
export function emitRole(plan: RolePlan, resources: Record<string, Obj>, map: SourceMap, policyName: CfnValue, vpcPolicy: { needed: boolean; ymlPath: Path }): void {
  const base: Path = ['Resources', plan.id];
  map.map(base, plan.ymlPath);
  const policies: Obj[] = [];
  if (plan.statements.length > 0) {
    const index = policies.length;
    policies.push({ PolicyName: policyName, PolicyDocument: { Version: '2012-10-17', Statement: plan.statements.map((s) => s.statement as CfnValue) } });
    map.map([...base, 'Properties', 'Policies', index], plan.ymlPath);
    plan.statements.forEach((s, i) => map.map([...base, 'Properties', 'Policies', index, 'PolicyDocument', 'Statement', i], s.ymlPath, true));
  }
  const managed: CfnValue[] = plan.managedPolicies.map((m) => m.statement as CfnValue);
  plan.managedPolicies.forEach((m, i) => map.map([...base, 'Properties', 'ManagedPolicyArns', i], m.ymlPath, true));
  if (vpcPolicy.needed) {
    map.map([...base, 'Properties', 'ManagedPolicyArns', managed.length], vpcPolicy.ymlPath);
    managed.push('arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole');
  }
  const properties: Obj = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    },
    Path: '/',
    Policies: policies,
  };
  if (managed.length > 0) properties.ManagedPolicyArns = managed;
  if (plan.permissionsBoundary) {
    properties.PermissionsBoundary = plan.permissionsBoundary.statement as CfnValue;
    map.map([...base, 'Properties', 'PermissionsBoundary'], plan.permissionsBoundary.ymlPath, true);
  }
  if (plan.roleName !== undefined) properties.RoleName = plan.roleName;
  resources[plan.id] = { Type: 'AWS::IAM::Role', Properties: properties };
}
