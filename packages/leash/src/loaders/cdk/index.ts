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
import { dirname, join, resolve } from 'node:path';
import { refusalDiagnostic, writtenPath, type ConfinedFs } from '../../fs/confined.js';
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import type { AppModel, LambdaFunction } from '../../model/types.js';
import { isPlainObject } from '../../model/values.js';
import { buildTemplateStack } from '../sam/index.js';
import type { TemplateResource } from '../cloudformation/types.js';
import { loadTemplateFile } from '../parse/index.js';
import type { ParsedFile } from '../parse/types.js';

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

export function loadCdkAssembly(fs: ConfinedFs, manifestAbs: string): LoadResult {
  const stacks: AppModel[] = [];
  const diagnostics: Diagnostic[] = [];
  new AssemblyReader(fs, stacks, diagnostics).readAssembly(manifestAbs, 0);
  return { stacks, diagnostics };
}

/** Reads a cloud assembly and what its manifests and templates point at, inside the scan root only. */
class AssemblyReader {
  private readonly visited = new Set<string>();

  constructor(
    private readonly fs: ConfinedFs,
    private readonly stacks: AppModel[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  /**
   * True when `abs`, which the input writes as `written` at `at`, may be read: a reference out of
   * the root, or to a FIFO or device, is reported there (`what` names it) and not followed.
   */
  private mayRead(abs: string, written: string, what: string, at: SourceLocation): boolean {
    const seen = this.fs.inspect(abs);
    if (seen.kind !== 'outside' && seen.kind !== 'special') return true;
    this.diagnostics.push(refusalDiagnostic(seen, `${what} ${writtenPath(this.fs, written)}`, at));
    return false;
  }

  readAssembly(manifestAbs: string, depth: number): void {
    const file = this.fs.rel(manifestAbs);
    if (this.visited.has(manifestAbs)) return;
    this.visited.add(manifestAbs);
    if (depth > MAX_NESTING) {
      this.diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${file}: cloud assemblies nested more than ${MAX_NESTING} levels deep; not read`, file, line: 1, column: 1 });
      return;
    }
    const manifest = loadTemplateFile(this.fs, manifestAbs, file);
    this.diagnostics.push(...manifest.diagnostics);
    if (manifest.value === null) return;
    const artifacts = isPlainObject(manifest.value) && isPlainObject(manifest.value.artifacts) ? (manifest.value.artifacts as Record<string, ManifestArtifact>) : undefined;
    if (!artifacts) {
      this.diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${file} is not a CDK cloud assembly manifest (no "artifacts")`, file, line: 1, column: 1 });
      return;
    }
    const assemblyDir = dirname(manifestAbs);
    for (const [name, artifact] of Object.entries(artifacts)) {
      if (!isPlainObject(artifact)) continue;
      const properties = isPlainObject(artifact.properties) ? artifact.properties : {};
      const at = (key: string): SourceLocation => manifest.locate(['artifacts', name, 'properties', key]);
      if (artifact.type === 'aws:cloudformation:stack') {
        const templateFile = properties.templateFile;
        if (typeof templateFile !== 'string') {
          this.diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${file}: stack artifact ${name} has no templateFile`, file, line: 1, column: 1 });
          continue;
        }
        const templateAbs = resolve(assemblyDir, templateFile);
        if (this.mayRead(templateAbs, templateFile, `the templateFile of stack artifact ${name},`, at('templateFile'))) this.loadStackTree(templateAbs, assemblyDir, logicalIdPaths(artifact.metadata));
      } else if (artifact.type === 'cdk:cloud-assembly') {
        const directoryName = properties.directoryName;
        if (typeof directoryName !== 'string') continue;
        const nested = resolve(assemblyDir, directoryName);
        if (this.mayRead(nested, directoryName, `the directoryName of assembly artifact ${name},`, at('directoryName'))) this.readAssembly(join(nested, 'manifest.json'), depth + 1);
      }
    }
  }

  /**
   * A stack and the CDK nested stacks it deploys (`AWS::CloudFormation::Stack` resources whose
   * `aws:asset:path` metadata names a `*.nested.template.json` in the assembly).
   */
  private loadStackTree(templateAbs: string, assemblyDir: string, manifestPaths: Map<string, string>): void {
    if (this.visited.has(templateAbs)) return;
    this.visited.add(templateAbs);
    const file = this.fs.rel(templateAbs);
    const parsed = loadTemplateFile(this.fs, templateAbs, file);
    if (parsed.value === null) {
      this.diagnostics.push(...parsed.diagnostics);
      return;
    }
    this.stacks.push(buildCdkStack(parsed, assemblyDir, this.fs, manifestPaths));
    const resources = isPlainObject(parsed.value) && isPlainObject(parsed.value.Resources) ? parsed.value.Resources : {};
    for (const [id, resource] of Object.entries(resources)) {
      if (!isPlainObject(resource) || resource.Type !== 'AWS::CloudFormation::Stack' || !isPlainObject(resource.Metadata)) continue;
      const assetPath = resource.Metadata['aws:asset:path'];
      if (typeof assetPath !== 'string' || !/\.template\.json$/.test(assetPath)) continue;
      const nestedAbs = resolve(assemblyDir, assetPath);
      const at = parsed.locate(['Resources', id, 'Metadata', 'aws:asset:path']);
      if (this.mayRead(nestedAbs, assetPath, `the nested stack template of ${id},`, at)) this.loadStackTree(nestedAbs, assemblyDir, manifestPaths);
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

function buildCdkStack(parsed: ParsedFile, assemblyDir: string, root: ConfinedFs, manifestPaths: Map<string, string>): AppModel {
  const file = parsed.file;
  const constructPath = (logicalId: string, resource: TemplateResource): string | undefined => metadataString(resource, 'aws:cdk:path') ?? manifestPaths.get(logicalId);
  const stack = buildTemplateStack(parsed, {
    stackId: file,
    framework: 'cdk',
    baseDir: assemblyDir,
    root,
    functionId: (logicalId, resource) => constructPath(logicalId, resource)?.replace(/\/Resource$/, '') ?? logicalId,
    codeDir: (_logicalId, resource) => {
      const assetPath = metadataString(resource, 'aws:asset:path');
      if (assetPath === undefined) return undefined;
      // A directory, or something the stack builder must report (out of the root, a FIFO); a file or nothing means the code is in S3.
      const abs = resolve(assemblyDir, assetPath);
      const kind = root.inspect(abs).kind;
      return kind === 'missing' || kind === 'file' ? undefined : { dir: abs, written: assetPath };
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
