/**
 * CDK cloud assembly (`cdk.out`) → one AppModel per stack.
 *
 * `manifest.json` lists artifacts: `aws:cloudformation:stack` (its `properties.templateFile`,
 * relative to the assembly directory) and `cdk:cloud-assembly` (a nested assembly, e.g. a Stage,
 * in `properties.directoryName`: read recursively). Function ids are construct paths (the
 * `aws:cdk:path` resource metadata, or the manifest's `aws:cdk:logicalId` metadata, without the
 * trailing `/Resource`); code is the `aws:asset:path` directory. Functions CDK itself adds
 * (BucketDeployment, LogRetention, custom resource providers) are tagged `cdkInternal: 'true'`
 * so rules can lower what they report about them.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isLeashError } from '../../errors.js';
import type { Diagnostic } from '../../model/source.js';
import type { AppModel, LambdaFunction } from '../../model/types.js';
import { isPlainObject } from '../../model/values.js';
import { buildTemplateStack } from '../sam/index.js';
import type { TemplateResource } from '../cloudformation/types.js';
import { loadTemplateFile, readSourceFile } from '../parse/index.js';
import type { ParsedFile } from '../parse/types.js';
import { rootRelative } from '../paths.js';

export interface LoadResult {
  readonly stacks: AppModel[];
  readonly diagnostics: Diagnostic[];
}

/** Nested assemblies deeper than this are not something `cdk synth` writes. */
const MAX_NESTING = 8;

/**
 * Construct paths of functions CDK adds on its own: BucketDeployment's handler, the LogRetention
 * singleton, custom resource provider frameworks, AwsCustomResource, bucket notification handlers,
 * the providers of CDK's own nested stacks (`@aws-cdk--aws-eks.ClusterResourceProvider`).
 */
const CDK_INTERNAL_PATH =
  /(Custom::|CDKBucketDeployment|LogRetention[0-9a-f]{32}|BucketNotificationsHandler[0-9a-f]{32}|AWS679f53fac002430cb0da5b7982bd2287|\/framework-(onEvent|isComplete|onTimeout)\b|\/waiter-state-machine|CustomResourceProvider\/Handler|@aws-cdk--)/;

export function isCdkInternalPath(path: string): boolean {
  return CDK_INTERNAL_PATH.test(path);
}

interface ManifestArtifact {
  readonly type?: unknown;
  readonly properties?: { templateFile?: unknown; directoryName?: unknown; [key: string]: unknown };
  readonly metadata?: Record<string, unknown>;
  readonly displayName?: unknown;
}

export function loadCdkAssembly(manifestAbs: string, rootDir: string): LoadResult {
  const stacks: AppModel[] = [];
  const diagnostics: Diagnostic[] = [];
  readAssembly(manifestAbs, rootDir, stacks, diagnostics, new Set(), 0);
  return { stacks, diagnostics };
}

function readAssembly(manifestAbs: string, rootDir: string, stacks: AppModel[], diagnostics: Diagnostic[], visited: Set<string>, depth: number): void {
  const file = rootRelative(rootDir, manifestAbs);
  if (visited.has(manifestAbs)) return;
  visited.add(manifestAbs);
  if (depth > MAX_NESTING) {
    diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${file}: cloud assemblies nested more than ${MAX_NESTING} levels deep; not read`, file, line: 1, column: 1 });
    return;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readSourceFile(manifestAbs, file));
  } catch (error) {
    if (isLeashError(error)) diagnostics.push({ severity: 'error', code: error.code, message: error.message, file, line: error.line ?? 1, column: error.column ?? 1 });
    else diagnostics.push({ severity: 'error', code: 'ERR_LEASH_PARSE', message: `${file} is not valid JSON: ${(error as Error).message}`, file, line: 1, column: 1 });
    return;
  }
  const artifacts = isPlainObject(manifest) && isPlainObject(manifest.artifacts) ? (manifest.artifacts as Record<string, ManifestArtifact>) : undefined;
  if (!artifacts) {
    diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${file} is not a CDK cloud assembly manifest (no "artifacts")`, file, line: 1, column: 1 });
    return;
  }
  const assemblyDir = dirname(manifestAbs);
  for (const [name, artifact] of Object.entries(artifacts)) {
    if (!isPlainObject(artifact)) continue;
    const properties = isPlainObject(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'aws:cloudformation:stack') {
      const templateFile = properties.templateFile;
      if (typeof templateFile !== 'string') {
        diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${file}: stack artifact ${name} has no templateFile`, file, line: 1, column: 1 });
        continue;
      }
      loadStackTree(resolve(assemblyDir, templateFile), assemblyDir, rootDir, logicalIdPaths(artifact.metadata), stacks, diagnostics, visited);
    } else if (artifact.type === 'cdk:cloud-assembly') {
      const directoryName = properties.directoryName;
      if (typeof directoryName !== 'string') continue;
      readAssembly(resolve(assemblyDir, directoryName, 'manifest.json'), rootDir, stacks, diagnostics, visited, depth + 1);
    }
  }
}

/** The manifest's `aws:cdk:logicalId` entries: logical id → construct path. */
function logicalIdPaths(metadata: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isPlainObject(metadata)) return out;
  for (const [path, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isPlainObject(entry) && entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') out.set(entry.data, path.replace(/^\//, ''));
    }
  }
  return out;
}

function metadataString(resource: TemplateResource, key: string): string | undefined {
  const metadata = resource.metadata;
  if (!isPlainObject(metadata)) return undefined;
  const value = metadata[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A stack and the CDK nested stacks it deploys (`AWS::CloudFormation::Stack` resources whose
 * `aws:asset:path` metadata names a `*.nested.template.json` in the assembly).
 */
function loadStackTree(templateAbs: string, assemblyDir: string, rootDir: string, manifestPaths: Map<string, string>, stacks: AppModel[], diagnostics: Diagnostic[], visited: Set<string>): void {
  if (visited.has(templateAbs)) return;
  visited.add(templateAbs);
  const file = rootRelative(rootDir, templateAbs);
  const parsed = loadTemplateFile(templateAbs, file);
  if (parsed.value === null) {
    diagnostics.push(...parsed.diagnostics);
    return;
  }
  stacks.push(buildCdkStack(parsed, assemblyDir, rootDir, manifestPaths));
  const resources = isPlainObject(parsed.value) && isPlainObject(parsed.value.Resources) ? parsed.value.Resources : {};
  for (const resource of Object.values(resources)) {
    if (!isPlainObject(resource) || resource.Type !== 'AWS::CloudFormation::Stack' || !isPlainObject(resource.Metadata)) continue;
    const assetPath = resource.Metadata['aws:asset:path'];
    if (typeof assetPath !== 'string' || !/\.template\.json$/.test(assetPath)) continue;
    loadStackTree(resolve(assemblyDir, assetPath), assemblyDir, rootDir, manifestPaths, stacks, diagnostics, visited);
  }
}

function buildCdkStack(parsed: ParsedFile, assemblyDir: string, rootDir: string, manifestPaths: Map<string, string>): AppModel {
  const file = parsed.file;
  const constructPath = (logicalId: string, resource: TemplateResource): string | undefined => metadataString(resource, 'aws:cdk:path') ?? manifestPaths.get(logicalId);
  const stack = buildTemplateStack(parsed, {
    stackId: file,
    framework: 'cdk',
    baseDir: assemblyDir,
    rootDir,
    functionId: (logicalId, resource) => constructPath(logicalId, resource)?.replace(/\/Resource$/, '') ?? logicalId,
    codeDir: (_logicalId, resource) => {
      const assetPath = metadataString(resource, 'aws:asset:path');
      if (assetPath === undefined) return undefined;
      const abs = resolve(assemblyDir, assetPath);
      try {
        return statSync(abs).isDirectory() ? abs : undefined;
      } catch {
        return undefined;
      }
    },
  });
  return { ...stack, functions: stack.functions.map(tagFunction) };
}

function tagFunction(fn: LambdaFunction): LambdaFunction {
  // The function id is the construct path whenever CDK recorded one.
  const path = fn.id !== fn.logicalId ? fn.id : undefined;
  const tags: Record<string, string> = { ...fn.tags };
  if (path !== undefined) tags.cdkPath = path;
  if (isCdkInternalPath(path ?? fn.logicalId)) tags.cdkInternal = 'true';
  return { ...fn, tags };
}
