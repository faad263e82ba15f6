/**
 * `discover(target)`: find the apps under a directory (or the one app a file is).
 *
 * An app is a CloudFormation / SAM template, a Serverless Framework `serverless.yml|yaml|json`, or a
 * CDK cloud assembly (`cdk.out/manifest.json`). Templates are recognised by name (`template.yaml`,
 * `*.template.json`) or by a cheap look at the text (`AWSTemplateFormatVersion`, the SAM transform,
 * or `Resources` with an `AWS::` type): no YAML is parsed here. Files a serverless.yml pulls in with
 * `${file(...)}` are part of that service, not apps of their own.
 */
import type { Dirent } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { ConfinedFs, refusalDiagnostic, refusalReason, toPosix, withRealParent, type Refusal } from '../fs/confined.js';
import { findScanRoot } from '../fs/scan-root.js';
import type { Diagnostic } from '../model/source.js';
import { MAX_TEMPLATE_BYTES } from './parse/limits.js';

export type AppKind = 'cloudformation' | 'serverless' | 'cdk-assembly';

export interface DiscoveredApp {
  readonly kind: AppKind;
  /** The template, serverless.yml or manifest.json, relative to the root with `/` separators. */
  readonly file: string;
  readonly abs: string;
  /** Named on the command line as the input, not found by looking through a directory. */
  readonly explicit?: boolean;
}

export interface Discovery {
  /** The scan root (absolute, symbolic links resolved): every `file` is relative to it. */
  readonly root: string;
  readonly apps: DiscoveredApp[];
  readonly diagnostics: Diagnostic[];
}

/** Directories never searched: dependencies, VCS data, build output of other tools. */
const SKIPPED_DIRS = new Set(['node_modules', 'bower_components', '__pycache__', 'venv', 'target', 'vendor']);
/** Stop walking after this many entries: a scan of `/` is a mistake, not an app. */
const MAX_ENTRIES = 200_000;
/** How much of a file the cheap look reads. Templates say what they are near the top. */
const PEEK_BYTES = 256 * 1024;

const TEMPLATE_NAMES = /^template\.(ya?ml|json)$/i;
const TEMPLATE_SUFFIX = /\.template(\.json|\.ya?ml)?$/i;
const SERVERLESS_CONFIG = /^serverless\.(ya?ml|json)$/i;
const SERVERLESS_CODE_CONFIG = /^serverless\.(ts|js|mjs|cjs)$/i;
const DATA_EXT = new Set(['.yaml', '.yml', '.json', '.template']);
/** JSON/YAML files that are never templates, skipped without reading. */
const NEVER_TEMPLATES = /^(package(-lock)?\.json|tsconfig.*\.json|composer\.json|\.?eslintrc.*|cdk\.json|cdk\.context\.json|tree\.json|samconfig\.ya?ml|buildspec\.ya?ml|docker-compose\.ya?ml|pnpm-lock\.yaml|openapi\.(ya?ml|json)|swagger\.(ya?ml|json))$/i;

/** The cheap look: does this text read like a CloudFormation / SAM template? */
export function looksLikeTemplate(text: string, json: boolean): boolean {
  if (json) {
    if (/"AWSTemplateFormatVersion"\s*:/.test(text)) return true;
    return /"Resources"\s*:/.test(text) && /"Type"\s*:\s*"AWS::/.test(text);
  }
  if (/^AWSTemplateFormatVersion\s*:/m.test(text)) return true;
  if (/^Transform\s*:/m.test(text) && /AWS::Serverless-2016-10-31/.test(text)) return true;
  return /^Resources\s*:/m.test(text) && /^\s+Type\s*:\s*['"]?AWS::/m.test(text);
}

function isAssemblyManifest(fs: ConfinedFs, abs: string): boolean {
  const head = fs.readHead(abs, PEEK_BYTES);
  return head.ok && /"artifacts"\s*:/.test(head.text) && /"version"\s*:/.test(head.text);
}

/** Names discovery would read: a FIFO or device by such a name is noted, anything else ignored. */
function isAppLikeName(name: string): boolean {
  return SERVERLESS_CONFIG.test(name) || name === 'manifest.json' || (DATA_EXT.has(extname(name).toLowerCase()) && !NEVER_TEMPLATES.test(name));
}

/** Classify one file given on the command line. */
function classifyFile(fs: ConfinedFs, abs: string): AppKind | 'serverless-code' | Refusal | undefined {
  const name = basename(abs);
  if (SERVERLESS_CONFIG.test(name)) return 'serverless';
  if (SERVERLESS_CODE_CONFIG.test(name)) return 'serverless-code';
  if (name === 'manifest.json' && isAssemblyManifest(fs, abs)) return 'cdk-assembly';
  const ext = extname(name).toLowerCase();
  if (TEMPLATE_NAMES.test(name) || TEMPLATE_SUFFIX.test(name)) return 'cloudformation';
  if (!DATA_EXT.has(ext) && ext !== '') return undefined;
  const head = fs.readHead(abs, PEEK_BYTES);
  if (!head.ok) return head.refusal;
  return looksLikeTemplate(head.text, ext === '.json' || head.text.trimStart().startsWith('{')) ? 'cloudformation' : undefined;
}

function codeConfigDiagnostic(file: string): Diagnostic {
  return {
    severity: 'warning',
    code: 'WARN_LEASH_UNSUPPORTED_CONFIG',
    message: `${file} is a JavaScript/TypeScript Serverless Framework configuration: leash does not run code to read it. Write the resolved configuration with \`serverless print > serverless.yml\` (or scan the template \`serverless package\` writes to .serverless/) instead`,
    file,
    line: 1,
    column: 1,
  };
}

/** No app in `file` (the target, relative to the root). */
function noApp(file: string, diagnostics: readonly Diagnostic[]): Diagnostic {
  const hint = diagnostics.some((d) => d.severity === 'warning') ? ' (see the warnings above)' : '';
  return {
    severity: 'error',
    code: 'ERR_LEASH_NO_APP',
    message: `no serverless app found: expected a SAM/CloudFormation template (template.yaml, *.template.json), a serverless.yml or a CDK cdk.out directory${hint}`,
    file,
  };
}

/**
 * Find the apps under `target` (a directory, or the one app a file is), reading through `fs`: only
 * inside its root. Without `fs`, the root is found from `target` (see ../fs/scan-root.ts).
 */
export function discover(target: string, fs?: ConfinedFs): Discovery {
  const abs = withRealParent(resolve(target));
  if (fs === undefined) {
    try {
      fs = new ConfinedFs(findScanRoot(target));
    } catch {
      return { root: abs, apps: [], diagnostics: [{ severity: 'error', code: 'ERR_LEASH_FILE_NOT_FOUND', message: `${target} does not exist`, file: toPosix(target), line: 1, column: 1 }] };
    }
  }
  const shown = fs.rel(abs) || '.';
  const seen = fs.inspect(abs);
  const diagnostics: Diagnostic[] = [];
  let apps: DiscoveredApp[];
  if (seen.kind === 'file') apps = discoverFile(fs, abs, shown, diagnostics);
  else if (seen.kind === 'directory') apps = new DirectoryWalk(fs, diagnostics).run(seen.real, shown);
  else {
    diagnostics.push(seen.kind === 'missing' ? { severity: 'error', code: 'ERR_LEASH_FILE_NOT_FOUND', message: `${shown} does not exist`, file: shown, line: 1, column: 1 } : refusalDiagnostic(seen, shown, { file: shown }));
    apps = [];
  }
  if (apps.length === 0 && !diagnostics.some((d) => d.code === 'ERR_LEASH_NO_APP' || d.code === 'ERR_LEASH_FILE_NOT_FOUND')) diagnostics.push(noApp(shown, diagnostics));
  return { root: fs.root, apps, diagnostics };
}

/** The one app a file named on the command line is. */
function discoverFile(fs: ConfinedFs, abs: string, file: string, diagnostics: Diagnostic[]): DiscoveredApp[] {
  const kind = classifyFile(fs, abs);
  if (kind === 'serverless-code') {
    diagnostics.push(codeConfigDiagnostic(file));
    return [];
  }
  if (kind === undefined) {
    diagnostics.push({ severity: 'error', code: 'ERR_LEASH_NO_APP', message: `${file} is not a CloudFormation/SAM template, a serverless.yml or a cdk.out/manifest.json`, file, line: 1, column: 1 });
    return [];
  }
  if (typeof kind === 'object') {
    diagnostics.push(refusalDiagnostic(kind, file, { file }));
    return [];
  }
  return [{ kind, file, abs, explicit: true }];
}

/** A walk through a directory inside the root (real paths only: symlinked directories are not entered, so it cannot loop). */
class DirectoryWalk {
  private readonly apps: DiscoveredApp[] = [];
  private readonly cdkProjects: string[] = [];
  private readonly assemblies: string[] = [];

  constructor(
    private readonly fs: ConfinedFs,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** The apps under `start` (a real directory), which reports call `shown`. */
  run(start: string, shown: string): DiscoveredApp[] {
    // `leash scan cdk.out`: the target itself is a cloud assembly.
    const ownManifest = join(start, 'manifest.json');
    if (this.fs.inspect(ownManifest).kind === 'file' && isAssemblyManifest(this.fs, ownManifest)) {
      return [{ kind: 'cdk-assembly', file: this.fs.rel(ownManifest), abs: ownManifest }];
    }
    this.walk(start, shown);
    const included = serverlessIncludes(this.fs, this.apps);
    const result = this.apps.filter((app) => app.kind !== 'cloudformation' || !included.some((test) => test(app.abs)));
    for (const project of this.cdkProjects) {
      if (!this.assemblies.some((a) => a === project || a.startsWith(project + sep))) {
        const file = this.fs.rel(join(project, 'cdk.json'));
        this.diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_CDK_NOT_SYNTHESIZED', message: `${file}: a CDK app without a cdk.out; run \`cdk synth\` first so leash can read the synthesized templates`, file, line: 1, column: 1 });
      }
    }
    return result.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  private walk(start: string, shown: string): void {
    let entries = 0;
    const stack: string[] = [start];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      const listed = this.fs.list(dir);
      if (!listed.ok) {
        const shown = this.fs.rel(dir) || '.';
        this.diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_UNREADABLE', message: `cannot list ${shown}: it ${refusalReason(listed.refusal)}`, file: shown });
        continue;
      }
      entries += listed.entries.length;
      if (entries > MAX_ENTRIES) {
        this.diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_TOO_MANY_FILES', message: `stopped searching after ${MAX_ENTRIES} files and directories; scan a smaller directory`, file: shown });
        return;
      }
      // Pushed in reverse so that directories are walked in name order.
      const subdirs: string[] = [];
      for (const entry of listed.entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (this.isWalked(entry.name, path)) subdirs.push(path);
        } else if (entry.isFile()) {
          this.file(entry.name, path, listed.entries);
        } else if (entry.isSymbolicLink()) {
          this.symlink(entry.name, path);
        } else if (isAppLikeName(entry.name)) {
          const seen = this.fs.inspect(path);
          if (seen.kind === 'special') this.note(seen, path);
        }
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    }
  }

  /** Whether to walk into a directory; a cloud assembly is an app of its own, read through its manifest. */
  private isWalked(name: string, path: string): boolean {
    if (name.startsWith('.') || SKIPPED_DIRS.has(name)) return false;
    const manifest = join(path, 'manifest.json');
    const seen = this.fs.inspect(manifest);
    if (seen.kind === 'file' && (name === 'cdk.out' || isAssemblyManifest(this.fs, manifest))) {
      this.apps.push({ kind: 'cdk-assembly', file: this.fs.rel(manifest), abs: manifest });
      this.assemblies.push(dirname(path));
      return false;
    }
    return true;
  }

  /**
   * A symbolic link is not an app of its own: what it leads to inside the root is scanned where it
   * lies (when that is under the target), so nothing is scanned twice and the walk cannot loop. One
   * that leads out of the root, or to a FIFO or device, is named in a warning: a pull request that
   * commits `template.yaml -> ~/.aws/credentials` is told, not obeyed.
   */
  private symlink(name: string, path: string): void {
    if (name.startsWith('.')) return;
    const seen = this.fs.inspect(path);
    if (seen.kind === 'outside' || (seen.kind === 'special' && isAppLikeName(name))) this.note(seen, path);
  }

  private note(refusal: Refusal, path: string): void {
    const file = this.fs.rel(path);
    this.diagnostics.push(refusalDiagnostic(refusal, file, { file }));
  }

  private file(name: string, path: string, siblings: readonly Dirent[]): void {
    const rel = this.fs.rel(path);
    if (name === 'cdk.json') this.cdkProjects.push(dirname(path));
    if (SERVERLESS_CONFIG.test(name)) {
      this.apps.push({ kind: 'serverless', file: rel, abs: path });
      return;
    }
    if (SERVERLESS_CODE_CONFIG.test(name)) {
      if (!siblings.some((e) => SERVERLESS_CONFIG.test(e.name))) this.diagnostics.push(codeConfigDiagnostic(rel));
      return;
    }
    const ext = extname(name).toLowerCase();
    if (!DATA_EXT.has(ext) || NEVER_TEMPLATES.test(name)) return;
    if (TEMPLATE_NAMES.test(name) || TEMPLATE_SUFFIX.test(name)) {
      this.apps.push({ kind: 'cloudformation', file: rel, abs: path });
      return;
    }
    const head = this.fs.readHead(path, PEEK_BYTES);
    if (!head.ok) {
      if (head.refusal.kind === 'special' || head.refusal.kind === 'outside') this.note(head.refusal, path);
      return;
    }
    if (head.size > MAX_TEMPLATE_BYTES || head.size === 0) return;
    if (looksLikeTemplate(head.text, ext === '.json')) this.apps.push({ kind: 'cloudformation', file: rel, abs: path });
  }
}

/** Files pulled into a serverless.yml with `${file(...)}`: tests on absolute paths. */
function serverlessIncludes(fs: ConfinedFs, apps: readonly DiscoveredApp[]): ((abs: string) => boolean)[] {
  const tests: ((abs: string) => boolean)[] = [];
  for (const app of apps) {
    if (app.kind !== 'serverless') continue;
    const read = fs.readText(app.abs, MAX_TEMPLATE_BYTES);
    if (!read.ok) continue; // the loader reports it when it reads the same file
    const serviceDir = dirname(app.abs);
    for (const m of read.text.matchAll(/\$\{file\(\s*['"]?([^)'"]+?)['"]?\s*\)/g)) {
      const raw = m[1]!;
      if (!raw.includes('${')) {
        const target = resolve(serviceDir, raw);
        tests.push((abs) => abs === target);
        continue;
      }
      // `./config/${self:provider.stage}.yml`: any value in place of each variable.
      const pattern = resolve(serviceDir, raw.replace(/\$\{[^}]*\}/g, '\u0000'))
        .split('\u0000')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/\\\\]*');
      const regex = new RegExp(`^${pattern}$`);
      tests.push((abs) => regex.test(abs));
    }
  }
  return tests;
}
