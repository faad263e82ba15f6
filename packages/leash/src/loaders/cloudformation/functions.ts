/** `AWS::Lambda::Function` resources → model functions, with their async config, URL and concurrency. */
import { isAbsolute, join, resolve } from 'node:path';
import { refusalDiagnostic, refusalReason, writtenPath } from '../../fs/confined.js';
import type { AsyncInvokeConfig, EnvironmentVariable, FunctionCode, FunctionUrl, LambdaFunction, ResourceRef, Trigger, VpcConfig } from '../../model/types.js';
import { isPlainObject, isUnknown, renderValue, unknown, type CfnValue, type Resolved } from '../../model/values.js';
import type { BuildContext } from './context.js';
import { referencedIds } from './intrinsics.js';
import type { RoleBuilder } from './roles.js';
import { destinationOf } from './triggers.js';
import type { TemplateResource } from './types.js';
import { MAX_ENVIRONMENT_CHARACTERS } from '../parse/limits.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The file @leash/shield looks for beside the function's code when no policy variable is set. */
const SHIELD_POLICY_FILE = 'leash.policy.json';
/** A policy is a few kilobytes; a file far above is not one the shield should load. */
const MAX_POLICY_FILE_BYTES = 1024 * 1024;
const SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure|ssm):/;

export function buildFunctions(ctx: BuildContext, roles: RoleBuilder, triggers: Map<string, Trigger[]>): LambdaFunction[] {
  const asyncConfigs = collectAsyncConfigs(ctx);
  const urls = collectUrls(ctx);
  const provisioned = collectProvisioned(ctx);
  const functions: LambdaFunction[] = [];
  for (const resource of ctx.ofType('AWS::Lambda::Function')) {
    const id = ctx.functionIds.get(resource.id) ?? resource.id;
    functions.push(buildFunction(ctx, resource, id, roles, triggers.get(resource.id) ?? [], asyncConfigs.get(resource.id), urls.get(resource.id), provisioned.get(resource.id)));
  }
  return functions;
}

function buildFunction(
  ctx: BuildContext,
  resource: TemplateResource,
  id: string,
  roles: RoleBuilder,
  triggers: Trigger[],
  asyncConfig: AsyncInvokeConfig | undefined,
  url: FunctionUrl | undefined,
  provisioned: Resolved<number> | undefined,
): LambdaFunction {
  const p = resource.properties;
  const r = ctx.resolver;
  const loc = ctx.at(resource.path);
  const fn: Mutable<LambdaFunction> = {
    id,
    logicalId: resource.id,
    loc,
    packageType: p.PackageType === 'Image' ? 'Image' : 'Zip',
    code: functionCode(ctx, resource, id),
    memorySize: r.number(p.MemorySize, ctx.loc(resource, 'MemorySize')) ?? 128,
    timeout: r.number(p.Timeout, ctx.loc(resource, 'Timeout')) ?? 3,
    architectures: architectures(ctx, resource),
    environment: environment(ctx, resource),
    triggers,
    asyncConfig: asyncConfig ?? {},
    roleId: roles.roleFor(p.Role, ctx.loc(resource, 'Role'), id),
    layers: ctx.listOf(p.Layers),
    suppressions: [],
    tags: {},
  };
  const name = r.string(p.FunctionName, ctx.loc(resource, 'FunctionName'));
  if (name !== undefined) fn.name = name;
  const runtime = r.string(p.Runtime, ctx.loc(resource, 'Runtime'));
  if (runtime !== undefined) fn.runtime = runtime;
  const handler = r.string(p.Handler, ctx.loc(resource, 'Handler'));
  if (handler !== undefined) fn.handler = handler;
  const reserved = r.number(p.ReservedConcurrentExecutions, ctx.loc(resource, 'ReservedConcurrentExecutions'));
  if (reserved !== undefined) fn.reservedConcurrency = reserved;
  if (provisioned !== undefined) fn.provisionedConcurrency = provisioned;
  const vpc = vpcConfig(ctx, resource);
  if (vpc) fn.vpc = vpc;
  if (url) fn.url = url;
  const tracing = isPlainObject(p.TracingConfig) ? r.string(p.TracingConfig.Mode, ctx.loc(resource, 'TracingConfig', 'Mode')) : undefined;
  if (tracing !== undefined) fn.tracing = tracing;
  if (p.KmsKeyArn !== undefined) fn.kmsKeyArn = r.resolve(p.KmsKeyArn);
  const recursive = r.string(p.RecursiveLoop, ctx.loc(resource, 'RecursiveLoop'));
  if (recursive !== undefined) fn.recursiveLoop = recursive;
  const deadLetter = isPlainObject(p.DeadLetterConfig) ? p.DeadLetterConfig.TargetArn : undefined;
  if (deadLetter !== undefined && !r.isNoValue(deadLetter)) {
    fn.asyncConfig = { ...fn.asyncConfig, deadLetter: destinationOf(ctx, deadLetter, ctx.loc(resource, 'DeadLetterConfig', 'TargetArn')) };
  }
  if (isPlainObject(resource.metadata) && typeof resource.metadata['aws:cdk:path'] === 'string') fn.tags = { cdkPath: resource.metadata['aws:cdk:path'] };
  return fn;
}

/**
 * Where the code is, and whether the shield's policy file is beside it (every loader's functions
 * pass here). Code that lies outside the scan root (a CodeUri, asset path or symlink out of the
 * app), or is a FIFO or device, is not read: the function's code becomes unknown, with a warning.
 */
function functionCode(ctx: BuildContext, resource: TemplateResource, id: string): FunctionCode {
  const code = codeLocation(ctx, resource);
  if (code.dir === undefined) return code;
  const root = ctx.options.root;
  const seen = root.inspect(code.dir);
  if (seen.kind === 'outside' || seen.kind === 'special' || seen.kind === 'unreadable') {
    const shown = `the code ${code.written !== undefined ? writtenPath(root, code.written) : root.rel(code.dir)} of ${id}`;
    ctx.diagnostics.push(refusalDiagnostic(seen, shown, code.loc));
    return { unknown: unknown(`${shown} ${refusalReason(seen)}`, code.loc), loc: code.loc };
  }
  return hasPolicyFile(ctx, join(code.dir, SHIELD_POLICY_FILE), id, code.loc) ? { ...code, hasPolicyFile: true } : code;
}

/** A policy file counts when it is a regular file inside the root, of a policy's size; one that is there but does not count is reported. */
function hasPolicyFile(ctx: BuildContext, path: string, id: string, loc: FunctionCode['loc']): boolean {
  const root = ctx.options.root;
  const seen = root.inspect(path);
  if (seen.kind === 'missing' || seen.kind === 'directory') return false;
  if (seen.kind === 'file' && seen.size <= MAX_POLICY_FILE_BYTES) return true;
  const refusal = seen.kind === 'file' ? { kind: 'too-large' as const, size: seen.size, limit: MAX_POLICY_FILE_BYTES } : seen;
  ctx.diagnostics.push(refusalDiagnostic(refusal, `the shield policy file ${root.rel(path)} of ${id}`, loc));
  return false;
}

function codeLocation(ctx: BuildContext, resource: TemplateResource): FunctionCode {
  const fromExtras = ctx.options.extras?.code?.get(resource.id);
  if (fromExtras) return fromExtras;
  const loc = ctx.loc(resource, 'Code');
  const dir = ctx.options.codeDir?.(resource.id, resource);
  if (dir !== undefined) return { ...dir, loc };
  const code = resource.properties.Code;
  if (isPlainObject(code)) {
    if (code.ZipFile !== undefined) {
      const text = ctx.resolver.string(code.ZipFile, loc);
      if (typeof text === 'string') return { inline: text, loc };
      return { unknown: isUnknown(text) ? text : unknown('inline code cannot be resolved', loc, code.ZipFile), loc };
    }
    if (code.ImageUri !== undefined) return { unknown: unknown(`the code is a container image (${renderValue(ctx.resolver.resolve(code.ImageUri))})`, loc, code.ImageUri), loc };
    if (code.S3Bucket !== undefined || code.S3Key !== undefined) {
      return { unknown: unknown(`the code is in S3 (s3://${renderValue(ctx.resolver.resolve(code.S3Bucket ?? '?'))}/${renderValue(ctx.resolver.resolve(code.S3Key ?? '?'))})`, loc, code), loc };
    }
  }
  if (typeof code === 'string') {
    // Before `aws cloudformation package`, Code may be a local path (relative to the template).
    if (/^s3:\/\//i.test(code)) return { unknown: unknown(`the code is in S3 (${code})`, loc, code), loc };
    return { dir: isAbsolute(code) ? code : resolve(ctx.options.baseDir, code), written: code, loc };
  }
  return { unknown: unknown('the function has no Code', loc), loc };
}

function architectures(ctx: BuildContext, resource: TemplateResource): Resolved<string[]> {
  const value = resource.properties.Architectures;
  if (value === undefined) return ['x86_64'];
  const list = ctx.resolver.list(value, ctx.loc(resource, 'Architectures'));
  if (list === undefined) return ['x86_64'];
  if (isUnknown(list)) return list;
  const out: string[] = [];
  for (const item of list) {
    const text = ctx.resolver.string(item);
    if (typeof text !== 'string') return unknown('an architecture cannot be resolved', ctx.loc(resource, 'Architectures'), value);
    out.push(text);
  }
  return out;
}

const environmentLimitReported = new WeakSet<BuildContext>();

function environment(ctx: BuildContext, resource: TemplateResource): EnvironmentVariable[] {
  const env = resource.properties.Environment;
  if (!isPlainObject(env)) return [];
  const variables = ctx.resolver.resolve(env.Variables ?? null);
  if (!isPlainObject(variables)) return [];
  const out: EnvironmentVariable[] = [];
  const raw = isPlainObject(env.Variables) ? env.Variables : variables;
  let size = 0;
  for (const name of Object.keys(variables)) {
    const value = raw[name] ?? variables[name]!;
    size += name.length + (typeof value === 'string' ? value.length : JSON.stringify(value).length);
    if (size > MAX_ENVIRONMENT_CHARACTERS) {
      if (!environmentLimitReported.has(ctx)) {
        environmentLimitReported.add(ctx);
        ctx.error('ERR_LEASH_LIMIT', `the environment variables of ${resource.id} pass ${MAX_ENVIRONMENT_CHARACTERS} characters (Lambda takes 4 KB; limit MAX_ENVIRONMENT_CHARACTERS): those from ${name} on are not read, here and in any other function past it`, ctx.loc(resource, 'Environment', 'Variables', name));
      }
      break;
    }
    const variable: Mutable<EnvironmentVariable> = {
      name,
      value,
      fromSecretStore: fromSecretStore(ctx, value),
      loc: ctx.loc(resource, 'Environment', 'Variables', name),
    };
    const target = referencedIds(value).find((refId) => ctx.resources.has(refId));
    if (target) variable.resourceId = target;
    out.push(variable);
  }
  return out;
}

/** A NoEcho or SSM-typed parameter, or a `{{resolve:...}}` dynamic reference. */
export function fromSecretStore(ctx: BuildContext, value: CfnValue): boolean {
  const text = JSON.stringify(value);
  if (SECRET_REFERENCE.test(text)) return true;
  const params = ctx.parsed.value !== null && isPlainObject(ctx.parsed.value) ? ctx.parsed.value.Parameters : undefined;
  if (!isPlainObject(params)) return false;
  for (const refId of referencedIds(value)) {
    const param = params[refId];
    if (!isPlainObject(param)) continue;
    if (param.NoEcho === true || param.NoEcho === 'true') return true;
    if (typeof param.Type === 'string' && param.Type.startsWith('AWS::SSM::Parameter::Value')) return true;
    const folded = ctx.resolver.parameterValue(refId);
    if (typeof folded === 'string' && SECRET_REFERENCE.test(folded)) return true;
  }
  return false;
}

function vpcConfig(ctx: BuildContext, resource: TemplateResource): VpcConfig | undefined {
  const vpc = resource.properties.VpcConfig;
  if (vpc === undefined || ctx.resolver.isNoValue(vpc)) return undefined;
  const folded = ctx.resolver.resolve(vpc);
  if (!isPlainObject(folded)) return { subnets: [], securityGroups: [], loc: ctx.loc(resource, 'VpcConfig') };
  const raw = isPlainObject(vpc) ? vpc : folded;
  const refs = (key: string, type: string): ResourceRef[] => {
    const value = raw[key];
    if (value === undefined) return [];
    const items = Array.isArray(value) ? value : ctx.listOf(value);
    return items.map((item, index) => ctx.resourceRef(item, ctx.loc(resource, 'VpcConfig', key, Array.isArray(value) ? index : 0), type));
  };
  const subnets = refs('SubnetIds', 'AWS::EC2::Subnet');
  const securityGroups = refs('SecurityGroupIds', 'AWS::EC2::SecurityGroup');
  if (subnets.length === 0 && securityGroups.length === 0 && Object.keys(folded).length === 0) return undefined;
  return { subnets, securityGroups, loc: ctx.loc(resource, 'VpcConfig') };
}

function collectAsyncConfigs(ctx: BuildContext): Map<string, AsyncInvokeConfig> {
  const out = new Map<string, AsyncInvokeConfig>();
  for (const config of ctx.ofType('AWS::Lambda::EventInvokeConfig')) {
    const p = config.properties;
    const fn = ctx.functionTarget(p.FunctionName);
    if (!fn) continue;
    const result: Mutable<AsyncInvokeConfig> = { loc: ctx.at(config.path) };
    const retries = ctx.resolver.number(p.MaximumRetryAttempts, ctx.loc(config, 'MaximumRetryAttempts'));
    if (retries !== undefined) result.maximumRetryAttempts = retries;
    const age = ctx.resolver.number(p.MaximumEventAgeInSeconds, ctx.loc(config, 'MaximumEventAgeInSeconds'));
    if (age !== undefined) result.maximumEventAgeInSeconds = age;
    const destinations = ctx.props(config, 'DestinationConfig');
    for (const [key, field] of [
      ['OnFailure', 'onFailure'],
      ['OnSuccess', 'onSuccess'],
    ] as const) {
      const entry = destinations?.[key];
      if (isPlainObject(entry) && entry.Destination !== undefined && !ctx.resolver.isNoValue(entry.Destination)) {
        result[field] = destinationOf(ctx, entry.Destination, ctx.loc(config, 'DestinationConfig', key, 'Destination'), typeof entry.Type === 'string' ? entry.Type : undefined);
      }
    }
    out.set(fn.id, { ...out.get(fn.id), ...result });
  }
  return out;
}

function collectUrls(ctx: BuildContext): Map<string, FunctionUrl> {
  const out = new Map<string, FunctionUrl>();
  for (const url of ctx.ofType('AWS::Lambda::Url')) {
    const p = url.properties;
    const fn = ctx.functionTarget(p.TargetFunctionArn);
    if (!fn) continue;
    const loc = ctx.loc(url, 'AuthType');
    const authType = ctx.resolver.string(p.AuthType, loc) ?? unknown('the function URL has no AuthType', loc);
    out.set(fn.id, { authType, ...(p.Cors !== undefined ? { cors: ctx.resolver.resolve(p.Cors) } : {}), resourceId: url.id, loc: ctx.at(url.path) });
  }
  return out;
}

/** Provisioned concurrency lives on an alias or version of the function. */
function collectProvisioned(ctx: BuildContext): Map<string, Resolved<number>> {
  const out = new Map<string, Resolved<number>>();
  for (const holder of ctx.ofType('AWS::Lambda::Alias', 'AWS::Lambda::Version')) {
    const config = holder.properties.ProvisionedConcurrencyConfig;
    if (!isPlainObject(config)) continue;
    const fn = ctx.functionTarget(holder.properties.FunctionName);
    if (!fn) continue;
    const value = ctx.resolver.number(config.ProvisionedConcurrentExecutions, ctx.loc(holder, 'ProvisionedConcurrencyConfig'));
    if (value !== undefined) out.set(fn.id, value);
  }
  return out;
}
