export { buildStack, createResolver, readParameters, templateResources } from './build-stack.js';
export { BuildContext } from './context.js';
export { IntrinsicResolver, PSEUDO_PARAMETERS, referencedIds, type ParameterInfo, type ResolverInput } from './intrinsics.js';
export { arnText, documentStatements, managedPolicyGrants, toStatement } from './policies.js';
export { kindOfArn, nameProperty, resourceArn, resourceKind } from './resource-kinds.js';
export { destinationOf, mappingConfig, restAuth } from './triggers.js';
export { fromSecretStore } from './functions.js';
export { metadataSuppressions, commentSuppressions } from './suppressions.js';
export type { BuildExtras, BuildHooks, BuildOptions, RoleGrants, TemplateResource } from './types.js';
