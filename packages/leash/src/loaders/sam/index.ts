/**
 * SAM templates: the transform (./transform.ts) then the CloudFormation stack builder. Also the
 * entry that picks SAM or plain CloudFormation for a parsed template.
 */
import type { AppModel } from '../../model/types.js';
import { isPlainObject, type CfnValue } from '../../model/values.js';
import { buildStack, createResolver, templateResources } from '../cloudformation/build-stack.js';
import { BuildContext } from '../cloudformation/context.js';
import type { BuildOptions } from '../cloudformation/types.js';
import type { ParsedFile } from '../parse/types.js';
import { SamTransformer } from './transform.js';

const SAM_TRANSFORM = /^AWS::Serverless-\d{4}-\d{2}-\d{2}$/;

/** True when the template declares the SAM transform (`Transform: AWS::Serverless-2016-10-31`, alone or in a list). */
function isSamTemplate(template: CfnValue): boolean {
  if (!isPlainObject(template)) return false;
  const transform = template.Transform;
  const list = Array.isArray(transform) ? transform : [transform];
  return list.some((t) => typeof t === 'string' && SAM_TRANSFORM.test(t));
}

/** Build a SAM template's stack: the transform's resources, triggers, role grants, APIs and code folders. */
function buildSamStack(parsed: ParsedFile, options: BuildOptions): AppModel {
  const template = parsed.value;
  if (!isPlainObject(template)) return buildStack(parsed, options);
  const ctx = new BuildContext(parsed, options);
  try {
    ctx.resolver = createResolver(ctx, template);
    const originals = templateResources(ctx, template);
    for (const resource of originals) ctx.resources.set(resource.id, resource);
    const result = new SamTransformer(ctx, template).transform(originals);
    const userRoleKind = options.roleKind;
    return buildStack(parsed, {
      ...options,
      roleKind: (roleId) => (result.implicitRoles.has(roleId) ? 'sam-implicit' : (userRoleKind?.(roleId) ?? 'cloudformation')),
      extras: {
        ...options.extras,
        resources: result.resources,
        triggers: result.triggers,
        rolePolicies: result.rolePolicies,
        apis: result.apis,
        code: result.code,
        diagnostics: ctx.diagnostics,
        resolver: ctx.resolver,
      },
    });
  } catch (error) {
    ctx.error('ERR_LEASH_INTERNAL', `leash could not apply the SAM transform: ${(error as Error)?.message ?? String(error)}`, ctx.at([]));
    return buildStack(parsed, { ...options, extras: { ...options.extras, diagnostics: ctx.diagnostics } });
  }
}

/** A parsed template (SAM or CloudFormation) to its stack. */
export function buildTemplateStack(parsed: ParsedFile, options: Omit<BuildOptions, 'framework'> & { framework?: BuildOptions['framework'] }): AppModel {
  const sam = isSamTemplate(parsed.value);
  const framework = options.framework ?? (sam ? 'sam' : 'cloudformation');
  return sam ? buildSamStack(parsed, { ...options, framework }) : buildStack(parsed, { ...options, framework });
}
