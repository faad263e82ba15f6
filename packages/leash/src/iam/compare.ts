/**
 * Declared versus needed: given what the functions of a role need (from their code, triggers and
 * platform features; see `generate.ts`) and what the role grants (its model statements), which
 * needs are not granted (`missing`), which cannot be decided (`unknown`), and which grants nothing
 * needs (`unused`), with what those unused grants would let an attacker do (`risk.ts`).
 *
 * Platform permissions are never called unused: CloudWatch Logs, VPC network interfaces, X-Ray,
 * and the polling permissions of the functions' event sources, nor statements the platform added
 * (`implicit` sources) or that come from Lambda's own execution-role managed policies.
 */
import type { AppModel, LambdaFunction, PolicyStatement, Role } from '../model/types.js';
import type { CfnValue } from '../model/values.js';
import { isPlainObject, renderValue } from '../model/values.js';
import { matchRendered, renderResource, type ValueScope } from './resource-pattern.js';
import { actionInfo, expandActionPattern, wildcardRegExp } from './catalog.js';
import { type CompiledPolicy, compilePolicy, evaluateCompiled, scopeFromStack, toPolicyStatements } from './evaluator.js';
import { getManagedPolicy } from './managed-policies.js';
import { type Escalation, classifyAction, findEscalations } from './risk.js';
import { NOT_EXPANDED, type StatementActions, coversAction, spend, statementActions } from './statement-actions.js';
import type { RiskClass } from './types.js';
import { stackIndex } from '../engine/stack-index.js';

/** One permission a function needs (the shape of `generate.ts`'s `RequiredPermission`). */
export interface NeededPermission {
  readonly action: string;
  /** The resource, or `*` when it is not known (`reason` says why) or the action takes only `*`. */
  readonly resource: CfnValue | '*';
  readonly reason?: string;
  readonly source?: unknown;
}

export interface GrantedNeed<N extends NeededPermission = NeededPermission> {
  readonly need: N;
  /** The role's statements that grant it (empty when only a resource policy does). */
  readonly statements: PolicyStatement[];
  /** Granted by a resource policy of the stack instead: the trust policy of the role assumed (`sts:AssumeRole`). */
  readonly resourcePolicy?: { readonly kind: 'trust-policy'; readonly roleId: string };
}

export interface MissingNeed<N extends NeededPermission = NeededPermission> {
  readonly need: N;
  /** `denied` when an explicit Deny blocks it. */
  readonly decision: 'implicit-deny' | 'denied';
  readonly deniedBy: PolicyStatement[];
}

export interface UnknownNeed<N extends NeededPermission = NeededPermission> {
  readonly need: N;
  readonly reasons: string[];
  /** Statements that may grant it. */
  readonly statements: PolicyStatement[];
}

export interface UnusedGrant {
  readonly statement: PolicyStatement;
  /** Catalog actions the statement allows that no need uses through it (sorted; shared between roles: do not change). */
  readonly actions: readonly string[];
  /** True when no need at all goes through this statement. */
  readonly wholeStatement: boolean;
  /** Names in the statement that are no IAM action (they grant nothing; probably a typo). */
  readonly notActions: string[];
  /** Unused actions by risk class. */
  readonly risks: Partial<Record<RiskClass, readonly string[]>>;
  /** Set when the statement was not expanded (the stack's expansion limit): its unused actions are not known. */
  readonly notExpanded?: string;
}

export interface PermissionComparison<N extends NeededPermission = NeededPermission> {
  readonly granted: GrantedNeed<N>[];
  readonly missing: MissingNeed<N>[];
  readonly unknown: UnknownNeed<N>[];
  readonly unused: UnusedGrant[];
  /** Escalation paths the role allows where at least one step is an unused grant. */
  readonly escalations: Escalation[];
  /** Why the comparison itself is incomplete (role policies leash could not expand...). */
  readonly caveats: string[];
}

export interface CompareInput<N extends NeededPermission = NeededPermission> {
  readonly stack: AppModel;
  readonly role: Role;
  /** What every function using the role needs. */
  readonly needed: readonly N[];
  /** The functions using the role: their triggers and settings decide which platform permissions to keep. */
  readonly functions?: readonly LambdaFunction[];
}

/** Lambda's own managed policies: what they grant is for the platform, not for the code. */
const PLATFORM_MANAGED_POLICIES = new Set(
  [
    'AWSLambdaBasicExecutionRole',
    'AWSLambdaVPCAccessExecutionRole',
    'AWSLambdaSQSQueueExecutionRole',
    'AWSLambdaDynamoDBExecutionRole',
    'AWSLambdaKinesisExecutionRole',
    'AWSLambdaMSKExecutionRole',
    'AWSLambdaENIManagementAccess',
    'AWSXRayDaemonWriteAccess',
    'AWSXrayWriteOnlyAccess',
    'AWSLambdaBasicDurableExecutionRolePolicy',
    'CloudWatchLambdaInsightsExecutionRolePolicy',
    'VPCAccessPolicy',
  ].map((n) => n.toLowerCase()),
);

const ALWAYS_PLATFORM = [
  // CloudWatch Logs (AWSLambdaBasicExecutionRole)
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  // VPC network interfaces (AWSLambdaVPCAccessExecutionRole, AWSLambdaENIManagementAccess)
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:DetachNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcs',
  // X-Ray (AWSXRayDaemonWriteAccess)
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
];

/** What Lambda's event source poller calls with the function's role, per trigger kind. */
const POLLER_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  sqs: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
  'dynamodb-stream': ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
  kinesis: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard'],
  kafka: ['kafka:DescribeCluster', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'secretsmanager:GetSecretValue', 'kms:Decrypt'],
  mq: ['mq:DescribeBroker', 'secretsmanager:GetSecretValue', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'],
};

/**
 * Amazon DocumentDB change streams (Lambda Developer Guide, "Using AWS Lambda with Amazon
 * DocumentDB", execution role permissions): the poller reads the cluster, its parameters and subnet
 * group, the credentials secret (and its KMS key), and runs in the cluster's VPC.
 */
const DOCUMENTDB_POLLER_ACTIONS = [
  'rds:DescribeDBClusters', 'rds:DescribeDBClusterParameters', 'rds:DescribeDBSubnetGroups',
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DeleteNetworkInterface', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
  'kms:Decrypt', 'secretsmanager:GetSecretValue',
];

/**
 * Durable functions (`DurableConfig`): the Lambda runtime checkpoints and reads the execution's
 * state with the function's role (AWSLambdaBasicDurableExecutionRolePolicy grants exactly these).
 */
const DURABLE_EXECUTION_ACTIONS = ['lambda:CheckpointDurableExecution', 'lambda:GetDurableExecutionState'];

/**
 * The AWS AppConfig Lambda extension, published by AWS as the layer `AWS-AppConfig-Extension`
 * (`-Arm64` for Graviton) in AWS-owned accounts: it fetches the configuration with the
 * function's role, so these calls are the layer's, not the handler's.
 */
const APPCONFIG_EXTENSION_LAYER = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:AWS-AppConfig-Extension(-Arm64)?(:\d+)?$/;
const APPCONFIG_EXTENSION_ACTIONS = ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'];

/** A DocumentDB event source: SAM's `DocumentDB` event or an event source mapping from a DocumentDB cluster. */
function isDocumentDbTrigger(trigger: LambdaFunction['triggers'][number], stack: AppModel | undefined): boolean {
  if (trigger.kind !== 'other' || trigger.invocation !== 'poll') return false;
  const p = trigger.properties;
  if (p.DocumentDBEventSourceConfig !== undefined || (p.DatabaseName !== undefined && p.CollectionName !== undefined)) return true;
  const source = trigger.source;
  if (source?.resourceId && stack) return stackIndex(stack).resourceById(source.resourceId)?.type === 'AWS::DocDB::DBCluster';
  return false;
}

/** The functions' `DurableConfig` (a property of `AWS::Lambda::Function` and SAM functions). */
function isDurable(fn: LambdaFunction, stack: AppModel | undefined): boolean {
  const resource = stack ? stackIndex(stack).resourceById(fn.id) : undefined;
  const config = resource?.properties.DurableConfig;
  return config !== undefined && config !== null;
}

/** Whether a layer value (ARN text, `!Sub` text, or a parameter whose default is one) is AWS's AppConfig extension. */
function isAppConfigExtensionLayer(layer: CfnValue, stack: AppModel | undefined): boolean {
  let value = layer;
  if (isPlainObject(value) && typeof value.Ref === 'string' && stack) {
    const name = value.Ref;
    value = stack.parameters.find((p) => p.name === name)?.default ?? value;
  }
  const text = typeof value === 'string' ? value : isPlainObject(value) && typeof value['Fn::Sub'] === 'string' ? value['Fn::Sub'].replace(/\$\{AWS::Partition\}/g, 'aws').replace(/\$\{AWS::Region\}/g, 'us-east-1') : undefined;
  return text !== undefined && APPCONFIG_EXTENSION_LAYER.test(text);
}

/** Platform actions for these functions, lower-case. */
export function platformActions(functions: readonly LambdaFunction[], stack?: AppModel): Set<string> {
  const set = new Set(ALWAYS_PLATFORM.map((a) => a.toLowerCase()));
  const add = (actions: readonly string[]): void => {
    for (const a of actions) set.add(a.toLowerCase());
  };
  for (const fn of functions) {
    for (const t of fn.triggers) {
      add(POLLER_ACTIONS[t.kind] ?? []);
      if (isDocumentDbTrigger(t, stack)) add(DOCUMENTDB_POLLER_ACTIONS);
    }
    if (isDurable(fn, stack)) add(DURABLE_EXECUTION_ACTIONS);
    if ((fn.layers ?? []).some((l) => isAppConfigExtensionLayer(l, stack))) add(APPCONFIG_EXTENSION_ACTIONS);
  }
  return set;
}

/** Whether a statement was put there for the platform (SAM's basic execution role, Lambda's managed policies). */
export function isPlatformStatement(statement: PolicyStatement): boolean {
  const source = statement.source;
  if (source.kind === 'implicit') return true;
  if (PLATFORM_MANAGED_POLICIES.has((source.name.split('/').pop() ?? source.name).toLowerCase())) return true;
  const arn = typeof source.arn === 'string' ? source.arn : undefined;
  const managed = arn ? getManagedPolicy(arn) : undefined;
  return managed !== undefined && PLATFORM_MANAGED_POLICIES.has(managed.name.toLowerCase());
}

/** The permissions boundary as statements, when leash knows the managed policy it names. */
function boundaryStatements(role: Role): { statements?: PolicyStatement[]; caveat?: string } {
  const boundary = role.permissionsBoundary;
  if (boundary === undefined) return {};
  const text = typeof boundary === 'string' ? boundary : typeof boundary === 'object' && boundary !== null && !Array.isArray(boundary) && typeof boundary['Fn::Sub'] === 'string' ? boundary['Fn::Sub'] : undefined;
  const policy = text ? getManagedPolicy(text) : undefined;
  if (!policy) return { caveat: `the role's permissions boundary ${renderValue(boundary)} is not a policy leash knows: what it allows could not be checked` };
  const doc = policy.document;
  const raw = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return { statements: toPolicyStatements(raw, { kind: 'managed', name: policy.name, arn: policy.arn, loc: role.loc }, role.loc) };
}

/** Compares what the functions of a role need with what the role grants. */
export function comparePermissions<N extends NeededPermission>(input: CompareInput<N>): PermissionComparison<N> {
  const { stack, role } = input;
  const scope = scopeFromStack(stack);
  const policy = compilePolicy(role.statements, { scope });
  const boundary = boundaryStatements(role);
  const boundaryPolicy = boundary.statements ? compilePolicy(boundary.statements, { scope }) : undefined;
  const caveats: string[] = role.unknowns.map((u) => `the role has policies leash could not expand: ${u.reason}`);
  if (boundary.caveat) caveats.push(boundary.caveat);
  const roleIncomplete = role.kind === 'external' || role.unknowns.length > 0;

  const granted: GrantedNeed<N>[] = [];
  const missing: MissingNeed<N>[] = [];
  const unknown: UnknownNeed<N>[] = [];
  for (const need of dedupe(input.needed)) {
    const result = decide(policy, boundaryPolicy, need, boundary.caveat);
    const trusted = result.decision === 'implicit-deny' || result.decision === 'conditional' ? trustPolicyGrant(stack, role, need, scope, boundaryPolicy, boundary.caveat) : undefined;
    if (trusted?.decision === 'allowed') granted.push({ need, statements: [], resourcePolicy: { kind: 'trust-policy', roleId: trusted.roleId } });
    else if (trusted?.decision === 'conditional' && result.decision === 'implicit-deny') unknown.push({ need, reasons: trusted.reasons, statements: [] });
    else if (result.decision === 'allowed') granted.push({ need, statements: result.matched });
    else if (result.decision === 'conditional') unknown.push({ need, reasons: result.reasons, statements: result.matched });
    else if (roleIncomplete) {
      unknown.push({ need, reasons: [role.kind === 'external' ? 'the role is defined outside the stack: its policies are unknown' : caveats[0]!], statements: [] });
    } else missing.push({ need, decision: result.decision, deniedBy: result.matched });
  }

  const unused = findUnused(stack, role, input.needed, input.functions ?? [], scope);
  // Escalation steps are a few dozen actions: ask the statements about each rather than list every action they grant.
  const isUnused = (action: string): boolean => unused.some((u) => listsUnused(u, action));
  const allows = (action: string): boolean => role.statements.some((s) => s.effect === 'Allow' && grantsExpanded(s, stack, action));
  const escalations = findEscalations(allows).filter((e) => e.actions.some(isUnused));
  return { granted, missing, unknown, unused, escalations, caveats };
}

/**
 * The resource AWS evaluates for a need. CloudWatch Logs authorizes the function's log writes on
 * log-stream ARNs (`log-group:NAME:log-stream:STREAM`; that is why policies end group ARNs with
 * `:*`), so a need on a group written as `log-group:NAME:*` is compared as
 * `log-group:NAME:log-stream:*`. A policy's `NAME:*`, `NAME*:*:*` (the Serverless Framework's
 * form) and `/aws/lambda/*:*:*` cover that; a bare `log-group:NAME` does not, as in AWS.
 */
const LOG_WRITE_ACTIONS = new Set(['logs:createloggroup', 'logs:createlogstream', 'logs:putlogevents']);

export function evaluatedResource(action: string, resource: CfnValue | '*'): CfnValue {
  if (!LOG_WRITE_ACTIONS.has(action.toLowerCase())) return resource;
  const streams = (text: string): string => (/:log-group:[^:]*:\*$/.test(text) ? `${text.slice(0, -1)}log-stream:*` : text);
  if (typeof resource === 'string') return streams(resource);
  if (resource && typeof resource === 'object' && !Array.isArray(resource)) {
    const sub = resource['Fn::Sub'];
    if (typeof sub === 'string') return { 'Fn::Sub': streams(sub) };
    if (Array.isArray(sub) && typeof sub[0] === 'string') return { 'Fn::Sub': [streams(sub[0]), ...sub.slice(1)] };
  }
  return resource;
}

function decide(policy: CompiledPolicy, boundary: CompiledPolicy | undefined, need: NeededPermission, boundaryCaveat: string | undefined) {
  const request = { action: need.action, resource: evaluatedResource(need.action, need.resource) };
  const result = evaluateCompiled(policy, request);
  if (need.resource === '*' && need.reason && result.decision === 'implicit-deny' && !isWildcardOnly(need.action)) {
    // The code's resource is not known: the role may still grant the action on the right resource.
    const some = policy.statements.filter((c) => c.statement.effect === 'Allow' && grantsAction(c.statement, need.action));
    if (some.length) return { decision: 'conditional' as const, matched: some.map((c) => c.statement), reasons: [`the resource is not known (${need.reason}); the role grants ${need.action} on some resources`] };
  }
  if (result.decision !== 'allowed') return result;
  if (boundaryCaveat) return { decision: 'conditional' as const, matched: result.matched, reasons: [boundaryCaveat] };
  if (!boundary) return result;
  const bounded = evaluateCompiled(boundary, request);
  if (bounded.decision === 'allowed') return result;
  if (bounded.decision === 'conditional') return { ...bounded, matched: result.matched };
  return { decision: bounded.decision, matched: bounded.matched, reasons: [] };
}

/**
 * `sts:AssumeRole` on a role of the stack whose trust policy names the calling role's ARN.
 *
 * A role's trust policy is a resource-based policy. Within one account IAM allows a request when
 * the identity policy *or* a resource-based policy allows it, but role trust policies (like KMS key
 * policies) are an exception: a trust policy that names only the account (`arn:aws:iam::ACCOUNT:root`)
 * delegates to the identity policies, which must then allow `sts:AssumeRole`; one that names the
 * calling role's ARN allows the call by itself, still limited by that role's permissions boundary.
 * Sources: IAM User Guide, "Policy evaluation logic", sections "Identity-based policies with
 * resource-based policies" and "Determining whether a request is allowed or denied within an account"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), and
 * "How to use trust policies with IAM roles" (AWS Security Blog). The simulator iam-simulate does
 * the same (identity policies are consulted for STS only on an account-level principal match).
 * An account-root principal, a wildcard, or a value leash cannot compare is never taken as naming the role.
 */
function trustPolicyGrant(stack: AppModel, caller: Role, need: NeededPermission, scope: ValueScope, boundary: CompiledPolicy | undefined, boundaryCaveat: string | undefined): { decision: 'allowed' | 'conditional'; roleId: string; reasons: string[] } | undefined {
  if (need.action.toLowerCase() !== 'sts:assumerole' || need.resource === '*' || caller.kind === 'external') return undefined;
  const requested = renderResource(need.resource, scope);
  const roleArn = (r: Role): CfnValue => r.arn ?? { 'Fn::GetAtt': [r.id, 'Arn'] };
  const target = stack.roles.find((r) => r.kind !== 'external' && r.assumeRolePolicy !== undefined && matchRendered(renderResource(roleArn(r), scope), requested) === 'yes' && matchRendered(requested, renderResource(roleArn(r), scope)) === 'yes');
  if (!target || !isPlainObject(target.assumeRolePolicy)) return undefined;
  const callerArn = renderResource(roleArn(caller), scope);
  const rawStatements = target.assumeRolePolicy.Statement;
  const statements = (Array.isArray(rawStatements) ? rawStatements : [rawStatements]).filter(isPlainObject);
  const assumes = (s: Record<string, CfnValue>): boolean => {
    const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
    return actions.some((a) => typeof a === 'string' && wildcardRegExp(a.trim()).test('sts:AssumeRole'));
  };
  const namesCaller = (s: Record<string, CfnValue>): boolean => {
    const principal = s.Principal;
    if (!isPlainObject(principal)) return false;
    const values = Array.isArray(principal.AWS) ? principal.AWS : principal.AWS === undefined ? [] : [principal.AWS];
    return values.some((v) => !(typeof v === 'string' && /[*?]|:root$/.test(v)) && matchRendered(renderResource(v, scope), callerArn) === 'yes' && matchRendered(callerArn, renderResource(v, scope)) === 'yes');
  };
  // A Deny in the trust policy (for anyone, or naming the caller) is not a grant.
  if (statements.some((s) => s.Effect === 'Deny' && assumes(s))) return undefined;
  const allowing = statements.filter((s) => s.Effect === 'Allow' && assumes(s) && namesCaller(s));
  if (allowing.length === 0) return undefined;
  const reasons: string[] = [];
  if (allowing.every((s) => s.Condition !== undefined)) reasons.push(`the trust policy of ${target.id} names this role under a condition leash does not evaluate`);
  if (boundaryCaveat) reasons.push(boundaryCaveat);
  else if (boundary) {
    const bounded = evaluateCompiled(boundary, { action: need.action, resource: need.resource });
    if (bounded.decision === 'implicit-deny' || bounded.decision === 'denied') return undefined;
    if (bounded.decision === 'conditional') reasons.push(...bounded.reasons);
  }
  return { decision: reasons.length ? 'conditional' : 'allowed', roleId: target.id, reasons };
}

/**
 * An action that takes only `Resource: "*"` (`kinesis:ListStreams`): `*` is its exact resource even
 * when the need carries a reason, so only a statement on `*` grants it and the need is decided.
 */
function isWildcardOnly(action: string): boolean {
  return actionInfo(action)?.wildcardOnly === true;
}

function grantsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.action) return statement.action.some((p) => wildcardRegExp(p.trim()).test(action));
  if (statement.notAction) return !statement.notAction.some((p) => wildcardRegExp(p.trim()).test(action));
  return false;
}

function dedupe<N extends NeededPermission>(needs: readonly N[]): N[] {
  const seen = new Set<string>();
  return needs.filter((n) => {
    const key = `${n.action.toLowerCase()} ${JSON.stringify(n.resource)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether `statement` allows `action` by its Action / NotAction (false when it was not expanded). */
function grantsExpanded(statement: PolicyStatement, stack: AppModel, action: string): boolean {
  const covered = statementActions(statement, stack);
  return covered !== undefined && coversAction(covered, action);
}

function findUnused(stack: AppModel, role: Role, needed: readonly NeededPermission[], functions: readonly LambdaFunction[], scope: ReturnType<typeof scopeFromStack>): UnusedGrant[] {
  const platform = platformActions(functions, stack);
  const needsByAction = new Map<string, NeededPermission[]>();
  for (const n of dedupe(needed)) {
    const key = n.action.toLowerCase();
    needsByAction.set(key, [...(needsByAction.get(key) ?? []), n]);
  }
  const out: UnusedGrant[] = [];
  for (const statement of role.statements) {
    if (statement.effect !== 'Allow' || isPlatformStatement(statement)) continue;
    const covered = statementActions(statement, stack);
    if (covered === undefined) {
      out.push({ statement, actions: [], wholeStatement: false, notActions: [], risks: {}, notExpanded: NOT_EXPANDED });
      continue;
    }
    // Non-actions in a SAM template or managed policy (SQSPollerPolicy's `sqs:DeleteMessageBatch`) are not the user's to fix.
    const notActions = statement.source.kind === 'inline' || statement.source.kind === 'attached' ? [...covered.notActions] : [];
    const single = compilePolicy([statement], { scope });
    // The needed actions the statement covers and a need uses (the statement allows, or may allow, it): a few, not the thousands it may cover.
    const used: string[] = [];
    for (const [action, needs] of needsByAction) {
      if (!coversAction(covered, action)) continue;
      if (needs.some((n) => evaluateCompiled(single, { action: n.action, resource: evaluatedResource(n.action, n.resource) }).decision !== 'implicit-deny' || (n.resource === '*' && n.reason !== undefined && !isWildcardOnly(n.action)))) used.push(action);
    }
    const platformCovered = [...platform].filter((a) => coversAction(covered, a));
    const rest = unusedRest(covered, [...used, ...platformCovered], stack, statement);
    if (rest === undefined) {
      out.push({ statement, actions: [], wholeStatement: false, notActions, risks: {}, notExpanded: NOT_EXPANDED });
      continue;
    }
    if (rest.actions.length === 0 && notActions.length === 0) continue;
    out.push({ statement, actions: rest.actions, wholeStatement: used.length === 0 && platformCovered.length === 0, notActions, risks: rest.risks });
  }
  return out;
}

interface UnusedRest {
  readonly covered: StatementActions;
  readonly actions: readonly string[];
  /** The lower-case actions taken out, for {@link unusedCovers}. */
  readonly excluded: ReadonlySet<string>;
  readonly risks: Partial<Record<RiskClass, readonly string[]>>;
}

/**
 * The statement's actions but the `excluded` ones (lower-case; used or platform), with their risks.
 * Shared by every role whose statement has the same shape and the same exclusions (a managed policy
 * attached to many functions with the same code); a new one is charged to the stack's budget.
 */
const restCache = new WeakMap<StatementActions, Map<string, UnusedRest>>();
const restOf = new WeakMap<readonly string[], UnusedRest>();

function unusedRest(covered: StatementActions, excludedActions: readonly string[], stack: AppModel, statement: PolicyStatement): UnusedRest | undefined {
  const excluded = new Set(excludedActions.map((a) => a.toLowerCase()));
  const key = [...excluded].sort().join(' ');
  let byKey = restCache.get(covered);
  if (!byKey) restCache.set(covered, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  if (!spend(stack, covered.actions.length, statement)) return undefined;
  const actions = excluded.size === 0 ? covered.actions : Object.freeze(covered.actions.filter((a) => !excluded.has(a.toLowerCase())));
  const risks: Partial<Record<RiskClass, string[]>> = {};
  for (const a of actions) for (const c of classifyAction(a)) (risks[c] ??= []).push(a);
  const rest = { covered, actions, excluded, risks };
  byKey.set(key, rest);
  restOf.set(actions, rest);
  return rest;
}

/** Whether an unused grant lists `action` (any case), without a search through its thousands of actions. */
export function listsUnused(grant: UnusedGrant, action: string): boolean {
  const rest = restOf.get(grant.actions);
  if (rest === undefined) return grant.actions.some((a) => a.toLowerCase() === action.toLowerCase());
  return coversAction(rest.covered, action) && !rest.excluded.has(action.toLowerCase());
}

/** Risk classes, riskiest first. */
export const RISK_ORDER: readonly RiskClass[] = ['privilege-escalation', 'credential-exposure', 'resource-exposure', 'exfiltration', 'data-access', 'compute-abuse'];
const ACCESS_RANK: Readonly<Record<string, number>> = { 'Permissions management': 0, Write: 1, Tagging: 2, Read: 3, List: 4 };

/** Riskiest first: risk class, then access level, then name. */
const byRiskThenName = (a: string, b: string): number => riskKey(a) - riskKey(b) || a.localeCompare(b);
const riskKey = (action: string): number => {
  const classes = classifyAction(action);
  const risk = classes.length ? Math.min(...classes.map((c) => RISK_ORDER.indexOf(c))) : RISK_ORDER.length;
  return risk * 10 + (ACCESS_RANK[actionInfo(action)?.accessLevel ?? ''] ?? 5);
};

let catalogByRisk: Map<string, number> | undefined;
/** Every catalog action's place in {@link byRiskThenName} order: sorted once, not per grant. */
function riskPlaces(): Map<string, number> {
  catalogByRisk ??= new Map([...expandActionPattern('*')].sort(byRiskThenName).map((a, i) => [a, i]));
  return catalogByRisk;
}

/** Sorted lists by the list sorted: grants share their action lists between roles. */
const sortedByRisk = new WeakMap<readonly string[], readonly string[]>();

/** A grant's unused actions, riskiest first (risk class, then access level), for lists cut short. */
export function unusedByRisk(grant: UnusedGrant): readonly string[] {
  const cached = sortedByRisk.get(grant.actions);
  if (cached) return cached;
  const places = riskPlaces();
  const known = grant.actions.every((a) => places.has(a));
  const sorted = Object.freeze([...grant.actions].sort(known ? (a, b) => places.get(a)! - places.get(b)! : byRiskThenName));
  sortedByRisk.set(grant.actions, sorted);
  return sorted;
}

/** Unused actions listed per function (`leash policy`, the JSON report), riskiest first: a role with `Action: "*"` has 22,000. */
const MAX_UNUSED_LISTED = 20;

/**
 * The per-function comparison `leash policy` asks for (`src/policy-compare.ts` loads this as
 * `compare`): the needs of one function against its role. When other functions share the role,
 * their needs are not known here, so no grant is called unused (the `iam/unused-permission` rule
 * looks at every function of the role); `caveats` says so.
 */
export function compare(input: { stack: AppModel; fn: LambdaFunction; role: Role; required: readonly NeededPermission[] }): {
  missing: { action: string; resource: CfnValue | '*'; reason?: string; decision: 'implicit-deny' | 'denied' }[];
  unknown: { action: string; resource: CfnValue | '*'; reasons: string[] }[];
  unused: { action: string; resource?: CfnValue; source: string; risks: RiskClass[] }[];
  escalations: Escalation[];
  caveats: string[];
} {
  const { stack, fn, role } = input;
  const result = comparePermissions({ stack, role, needed: input.required, functions: [fn] });
  const others = stackIndex(stack).functionsOfRole(role.id).filter((f) => f.id !== fn.id).map((f) => f.id);
  const caveats = [...result.caveats];
  if (others.length) caveats.push(`the role is shared with ${others.join(', ')}: unused grants are not computed for one function`);
  const unused: { action: string; resource?: CfnValue; source: string; risks: RiskClass[] }[] = [];
  let unlisted = 0;
  for (const u of others.length ? [] : result.unused) {
    if (u.notExpanded !== undefined) caveats.push(`${u.statement.source.kind} ${u.statement.source.name} (line ${u.statement.loc.line}): ${u.notExpanded}`);
    const room = Math.max(0, MAX_UNUSED_LISTED - unused.length);
    // All of a small grant in its order; the riskiest of a large one.
    const listed = u.actions.length <= room ? u.actions : unusedByRisk(u).slice(0, room);
    unlisted += u.actions.length - listed.length;
    const resource = u.statement.resource ?? u.statement.notResource;
    for (const action of listed) {
      const entry: { action: string; resource?: CfnValue; source: string; risks: RiskClass[] } = { action, source: `${u.statement.source.kind} ${u.statement.source.name}`, risks: [...classifyAction(action)] };
      if (resource) entry.resource = resource.length === 1 ? resource[0]! : resource;
      unused.push(entry);
    }
  }
  if (unlisted > 0) caveats.push(`${unlisted} more unused actions are not listed (at most ${MAX_UNUSED_LISTED} a function)`);
  return {
    missing: result.missing.map((m) => ({ action: m.need.action, resource: m.need.resource, ...(m.need.reason ? { reason: m.need.reason } : {}), decision: m.decision })),
    unknown: result.unknown.map((u) => ({ action: u.need.action, resource: u.need.resource, reasons: u.reasons })),
    unused,
    escalations: others.length ? [] : result.escalations,
    caveats,
  };
}
