/**
 * `buildStack(parsed, options)`: one CloudFormation template (or the output of a transform, via
 * `options.extras`) to the AppModel every rule reads.
 */
import type { AppModel, Parameter, Resource, Suppression } from '../../model/types.js';
import { isPlainObject, type CfnValue } from '../../model/values.js';
import { MAX_RESOURCES } from '../parse/limits.js';
import type { ParsedFile } from '../parse/types.js';
import { buildApis, buildPermissions } from './apis.js';
import { BuildContext } from './context.js';
import { buildFunctions } from './functions.js';
import { IntrinsicResolver, type ParameterInfo } from './intrinsics.js';
import { buildNetwork } from './network.js';
import { expandForEach, type ForEachProblem } from './for-each.js';
import { nameProperty, resourceArn, resourceKind } from './resource-kinds.js';
import { checkReferences } from './references.js';
import { RoleBuilder } from './roles.js';
import { commentSuppressions, metadataSuppressions } from './suppressions.js';
import { TriggerCollector } from './triggers.js';
import type { BuildOptions, TemplateResource } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function emptyStack(ctx: BuildContext, options: BuildOptions): AppModel {
  return {
    id: options.stackId,
    framework: options.framework,
    file: ctx.file,
    baseDir: options.baseDir,
    functions: [],
    roles: [],
    resources: [],
    permissions: [],
    apis: [],
    network: { vpcs: [], subnets: [], routeTables: [] },
    parameters: [],
    suppressions: [],
    diagnostics: [...ctx.parsed.diagnostics, ...(options.extras?.diagnostics ?? []), ...ctx.diagnostics],
  };
}

/** The resources as written in `Resources`, each checked for a `Type`. */
export function templateResources(ctx: BuildContext, template: Record<string, CfnValue>): TemplateResource[] {
  const resources = template.Resources;
  if (resources === undefined || resources === null) return [];
  if (!isPlainObject(resources)) {
    ctx.error('ERR_LEASH_INVALID_TEMPLATE', 'Resources must be a mapping of logical ids to resources', ctx.at(['Resources']));
    return [];
  }
  const problems: ForEachProblem[] = [];
  const origins = new Map<string, string>();
  let expanded = expandForEach(resources, ctx.resolver, problems, origins);
  const count = Object.keys(expanded).length;
  // A Serverless service is capped on its functions before translation (./serverless/translate.ts).
  if (count > MAX_RESOURCES && ctx.options.framework !== 'serverless') {
    ctx.error(
      'ERR_LEASH_INVALID_TEMPLATE',
      `Resources has ${count} entries, far above CloudFormation's limit of 500 per stack: only the first ${MAX_RESOURCES} are read`,
      ctx.at(['Resources']),
    );
    expanded = Object.fromEntries(Object.entries(expanded).slice(0, MAX_RESOURCES));
  }
  for (const problem of problems) {
    if (problem.limit) ctx.error('ERR_LEASH_LIMIT', problem.message, ctx.at(['Resources', problem.key]));
    else ctx.warn('WARN_LEASH_FOREACH', problem.message, ctx.at(['Resources', problem.key]));
  }
  const out: TemplateResource[] = [];
  for (const [id, body] of Object.entries(expanded)) {
    // Resources from a loop have no path of their own: they point at the loop.
    const loopKey = origins.get(id);
    const path = loopKey ? ['Resources', loopKey] : ['Resources', id];
    if (!isPlainObject(body) || typeof body.Type !== 'string') {
      ctx.error('ERR_LEASH_INVALID_TEMPLATE', `resource ${id} has no Type`, ctx.at(path));
      continue;
    }
    const properties = body.Properties === undefined || body.Properties === null ? {} : body.Properties;
    if (!isPlainObject(properties)) {
      ctx.error('ERR_LEASH_INVALID_TEMPLATE', `Properties of resource ${id} must be a mapping`, ctx.at([...path, 'Properties']));
      continue;
    }
    out.push({
      id,
      type: body.Type,
      properties,
      ...(typeof body.Condition === 'string' ? { condition: body.Condition } : {}),
      ...(body.Metadata !== undefined ? { metadata: body.Metadata } : {}),
      generated: false,
      path,
      ...(loopKey ? {} : { propertiesPath: [...path, 'Properties'] }),
    });
  }
  return out;
}

export function readParameters(template: Record<string, CfnValue>): Map<string, ParameterInfo> {
  const out = new Map<string, ParameterInfo>();
  if (!isPlainObject(template.Parameters)) return out;
  for (const [name, body] of Object.entries(template.Parameters)) {
    if (!isPlainObject(body)) continue;
    out.set(name, {
      type: typeof body.Type === 'string' ? body.Type : 'String',
      ...(body.Default !== undefined ? { default: body.Default } : {}),
      noEcho: body.NoEcho === true || body.NoEcho === 'true',
    });
  }
  return out;
}

/** Set up the context's resolver from the template's Parameters, Conditions and Mappings. */
export function createResolver(ctx: BuildContext, template: Record<string, CfnValue>): IntrinsicResolver {
  return new IntrinsicResolver({
    parameters: readParameters(template),
    ...(ctx.options.parameterOverrides ? { parameterOverrides: ctx.options.parameterOverrides } : {}),
    conditions: isPlainObject(template.Conditions) ? template.Conditions : {},
    mappings: isPlainObject(template.Mappings) ? template.Mappings : {},
    conditionLoc: (name) => ctx.at(['Conditions', name]),
    limitLoc: ctx.at([]),
    diagnostics: ctx.diagnostics,
  });
}

export function buildStack(parsed: ParsedFile, options: BuildOptions): AppModel {
  const ctx = new BuildContext(parsed, options);
  const template = parsed.value;
  if (!isPlainObject(template)) return emptyStack(ctx, options);
  try {
    return build(ctx, template, options);
  } catch (error) {
    // A bug of leash must not stop the scan of the other stacks.
    ctx.error('ERR_LEASH_INTERNAL', `leash could not build this stack: ${(error as Error)?.message ?? String(error)}`, ctx.at([]));
    return emptyStack(ctx, options);
  }
}

function build(ctx: BuildContext, template: Record<string, CfnValue>, options: BuildOptions): AppModel {
  ctx.resolver = options.extras?.resolver ?? createResolver(ctx, template);
  const resources = options.extras?.resources ?? templateResources(ctx, template);
  for (const resource of resources) ctx.resources.set(resource.id, resource);
  for (const fn of ctx.ofType('AWS::Lambda::Function')) ctx.functionIds.set(fn.id, options.functionId?.(fn.id, fn) ?? fn.id);

  const roles = new RoleBuilder(ctx);
  roles.buildStackRoles();
  const triggers = new TriggerCollector(ctx).collect();
  const functions = buildFunctions(ctx, roles, triggers);
  const permissions = buildPermissions(ctx);
  const apis = buildApis(ctx);
  const network = buildNetwork(ctx);
  const parameters = buildParameters(ctx, template);
  const modelResources = [...ctx.resources.values()].map((resource) => buildResource(ctx, resource));
  checkReferences(ctx, template);

  // Suppressions: keyed by the declaring resource (a generated resource shares its source's).
  const comments = commentSuppressions(
    ctx,
    resources.filter((r) => !r.generated && r.path[0] === 'Resources').map((r) => r.id),
  );
  const declared = new Map<string, Suppression[]>();
  for (const resource of resources) {
    if (resource.generated) continue;
    const list = [...metadataSuppressions(ctx, resource.metadata, [...resource.path, 'Metadata']), ...(comments.byResource.get(resource.id) ?? [])];
    if (list.length > 0) declared.set(resource.id, list);
  }
  const suppressionsOf = (logicalId: string): Suppression[] => {
    const resource = ctx.resources.get(logicalId);
    const owner = resource && resource.path[0] === 'Resources' && typeof resource.path[1] === 'string' ? resource.path[1] : logicalId;
    return declared.get(owner) ?? [];
  };
  for (const node of modelResources) (node as Mutable<Resource>).suppressions = suppressionsOf(node.id);
  for (const fn of functions) (fn as { suppressions: Suppression[] }).suppressions = suppressionsOf(fn.logicalId);
  for (const role of roles.roles.values()) role.suppressions = suppressionsOf(role.id);
  for (const permission of permissions) (permission as { suppressions: Suppression[] }).suppressions = suppressionsOf(permission.id);
  for (const api of apis) if (api.suppressions.length === 0) (api as { suppressions: Suppression[] }).suppressions = suppressionsOf(api.id);

  const templateMetadata = isPlainObject(template.Metadata) ? template.Metadata : undefined;
  return {
    id: options.stackId,
    framework: options.framework,
    file: ctx.file,
    baseDir: options.baseDir,
    functions,
    roles: [...roles.roles.values()],
    resources: modelResources,
    permissions,
    apis,
    network,
    parameters,
    suppressions: [...metadataSuppressions(ctx, templateMetadata, ['Metadata']), ...comments.template],
    diagnostics: [...ctx.parsed.diagnostics, ...(options.extras?.diagnostics ?? []), ...ctx.diagnostics],
  };
}

function buildParameters(ctx: BuildContext, template: Record<string, CfnValue>): Parameter[] {
  if (!isPlainObject(template.Parameters)) return [];
  const out: Parameter[] = [];
  for (const [name, body] of Object.entries(template.Parameters)) {
    if (!isPlainObject(body)) continue;
    out.push({
      name,
      type: typeof body.Type === 'string' ? body.Type : 'String',
      ...(body.Default !== undefined ? { default: body.Default } : {}),
      noEcho: body.NoEcho === true || body.NoEcho === 'true',
      loc: ctx.at(['Parameters', name]),
    });
  }
  return out;
}

function buildResource(ctx: BuildContext, resource: TemplateResource): Resource {
  const model: Mutable<Resource> = {
    id: resource.id,
    type: resource.type,
    kind: resourceKind(resource.type),
    loc: ctx.at(resource.path),
    properties: ctx.resolver.resolve(resource.properties) as Record<string, CfnValue>,
    generated: resource.generated,
    suppressions: [],
  };
  if (resource.declaredType !== undefined && resource.declaredType !== resource.type) model.declaredType = resource.declaredType;
  const arn = resourceArn(resource.type, resource.id);
  if (arn !== undefined) model.arn = arn;
  const nameKey = nameProperty(resource.type);
  if (nameKey && resource.properties[nameKey] !== undefined) {
    const name = ctx.resolver.string(resource.properties[nameKey], ctx.loc(resource, nameKey));
    if (name !== undefined) model.name = name;
  }
  if (resource.condition !== undefined) model.condition = resource.condition;
  if (resource.metadata !== undefined) model.metadata = resource.metadata;
  return model;
}
