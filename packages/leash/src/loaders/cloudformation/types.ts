/**
 * Inputs of the stack builder. `buildStack(parsed, options)` reads a plain CloudFormation
 * template; the SAM loader and the Serverless Framework / CDK loaders reuse it through the hooks
 * and, for SAM, the `extras` (resources and triggers the transform generates).
 */
import type { ConfinedFs } from '../../fs/confined.js';
import type { Diagnostic, Framework, SourceLocation } from '../../model/source.js';
import type { PolicySource, PolicyStatement, RoleKind, Trigger, Api } from '../../model/types.js';
import type { CfnValue, Unknown } from '../../model/values.js';
import type { ValuePath } from '../parse/types.js';
import type { IntrinsicResolver } from './intrinsics.js';

/** A resource as the builder sees it: a CloudFormation type, its properties, and where it came from. */
export interface TemplateResource {
  readonly id: string;
  readonly type: string;
  /** The type as written when it differs (`AWS::Serverless::Function`). */
  readonly declaredType?: string;
  readonly properties: Record<string, CfnValue>;
  readonly condition?: string;
  readonly metadata?: CfnValue;
  readonly generated: boolean;
  /** Path of the resource in the parsed file (`['Resources', id]`); for generated ones, what generated them. */
  readonly path: ValuePath;
  /** Path of the properties object in the parsed file, when property paths map one to one onto it. */
  readonly propertiesPath?: ValuePath;
  /** Where some top-level properties really come from (SAM Globals), by property name. */
  readonly propertyPaths?: Readonly<Record<string, ValuePath>>;
  /** Where merged defaults come from (SAM `['Globals', 'Function']`): a property path missing from the resource is looked up there. */
  readonly defaultsPath?: ValuePath;
}

export interface BuildHooks {
  /** Model id of a function (default: its logical id). */
  functionId?(logicalId: string, resource: TemplateResource): string;
  /** Absolute directory of a function's code, when on disk, and the path as the input writes it. */
  codeDir?(logicalId: string, resource: TemplateResource): { readonly dir: string; readonly written?: string } | undefined;
  /** Kind of a role of the stack (default `cloudformation`). */
  roleKind?(roleLogicalId: string): RoleKind;
}

/** What a transform adds on top of the resources (SAM: policy templates, event triggers with auth). */
export interface BuildExtras {
  /** Replaces the template's own resources (the SAM transform output). */
  readonly resources?: readonly TemplateResource[];
  /** Triggers wired by the transform, by function logical id. */
  readonly triggers?: ReadonlyMap<string, readonly Trigger[]>;
  /** Statements and sources a transform grants a role, by role logical id. */
  readonly rolePolicies?: ReadonlyMap<string, RoleGrants>;
  /** APIs whose settings the transform knows better than the generated resources (SAM Auth). */
  readonly apis?: readonly Api[];
  /** Code locations decided by the transform (CodeUri), by function logical id. */
  readonly code?: ReadonlyMap<string, { dir?: string; written?: string; inline?: string; unknown?: Unknown; loc: SourceLocation }>;
  readonly diagnostics?: readonly Diagnostic[];
  /** A resolver already set up for this template (the transform's), so conditions are evaluated once. */
  readonly resolver?: IntrinsicResolver;
}

export interface RoleGrants {
  readonly policies: PolicySource[];
  readonly statements: PolicyStatement[];
  readonly unknowns: Unknown[];
}

export interface BuildOptions extends BuildHooks {
  /** Stack id (the template path relative to the root). */
  readonly stackId: string;
  readonly framework: Framework;
  /** Absolute directory relative code paths are resolved against. */
  readonly baseDir: string;
  /** The scan root, through which code directories are looked at; `loc.file` is relative to it. */
  readonly root: ConfinedFs;
  /** Parameter values to use instead of the defaults. */
  readonly parameterOverrides?: Readonly<Record<string, CfnValue>>;
  readonly extras?: BuildExtras;
}
