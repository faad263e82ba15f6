/**
 * `discover(target)`: find the apps under a directory (or the one app a file is).
 *
 * An app is a CloudFormation / SAM template, a Serverless Framework `serverless.yml|yaml|json`, or a
 * CDK cloud assembly (`cdk.out/manifest.json`). Templates are recognised by name (`template.yaml`,
 * `*.template.json`) or by a cheap look at the text (`AWSTemplateFormatVersion`, the SAM transform,
 * or `Resources` with an `AWS::` type): no YAML is parsed here. Files a serverless.yml pulls in with
 * `${file(...)}` are part of that service, not apps of their own.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/source.js';
import { MAX_TEMPLATE_BYTES } from './parse/limits.js';
import { readSourceFile } from './parse/read-file.js';
import { rootRelative, toPosix } from './paths.js';

export type AppKind = 'cloudformation' | 'serverless' | 'cdk-assembly';

export interface DiscoveredApp {
  readonly kind: AppKind;
  /** The template, serverless.yml or manifest.json, relative to the root with `/` separators. */
  readonly file: string;
  readonly abs: string;
}

export interface Discovery {
  /** Absolute directory every `file` is relative to (the target, or the directory of a target file). */
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

function peek(abs: string): string | undefined {
  try {
    const fd = openSync(abs, 'r');
    try {
      const buffer = Buffer.alloc(PEEK_BYTES);
      const n = readSync(fd, buffer, 0, PEEK_BYTES, 0);
      return buffer.toString('utf8', 0, n);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function isAssemblyManifest(abs: string): boolean {
  const text = peek(abs);
  return text !== undefined && /"artifacts"\s*:/.test(text) && /"version"\s*:/.test(text);
}

/** Classify one file given on the command line. */
function classifyFile(abs: string): AppKind | 'serverless-code' | undefined {
  const name = basename(abs);
  if (SERVERLESS_CONFIG.test(name)) return 'serverless';
  if (SERVERLESS_CODE_CONFIG.test(name)) return 'serverless-code';
  if (name === 'manifest.json' && isAssemblyManifest(abs)) return 'cdk-assembly';
  const ext = extname(name).toLowerCase();
  if (TEMPLATE_NAMES.test(name) || TEMPLATE_SUFFIX.test(name)) return 'cloudformation';
  if (!DATA_EXT.has(ext) && ext !== '') return undefined;
  const text = peek(abs);
  if (text === undefined) return undefined;
  return looksLikeTemplate(text, ext === '.json' || text.trimStart().startsWith('{')) ? 'cloudformation' : undefined;
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

export function discover(target: string): Discovery {
  const abs = resolve(target);
  const diagnostics: Diagnostic[] = [];
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    return { root: abs, apps: [], diagnostics: [{ severity: 'error', code: 'ERR_LEASH_FILE_NOT_FOUND', message: `${target} does not exist`, file: toPosix(target), line: 1, column: 1 }] };
  }
  if (stat.isFile()) {
    const root = dirname(abs);
    const file = basename(abs);
    const kind = classifyFile(abs);
    if (kind === 'serverless-code') return { root, apps: [], diagnostics: [codeConfigDiagnostic(file)] };
    if (kind === undefined) {
      return { root, apps: [], diagnostics: [{ severity: 'error', code: 'ERR_LEASH_NO_APP', message: `${file} is not a CloudFormation/SAM template, a serverless.yml or a cdk.out/manifest.json`, file, line: 1, column: 1 }] };
    }
    return { root, apps: [{ kind, file, abs }], diagnostics };
  }

  const apps: DiscoveredApp[] = [];
  const cdkProjects: string[] = [];
  const assemblies: string[] = [];
  let entries = 0;
  let truncated = false;
  // `leash scan cdk.out`: the target itself is a cloud assembly.
  const ownManifest = join(abs, 'manifest.json');
  if (existsSync(ownManifest) && isAssemblyManifest(ownManifest)) {
    return { root: abs, apps: [{ kind: 'cdk-assembly', file: 'manifest.json', abs: ownManifest }], diagnostics };
  }
  const stack: string[] = [abs];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_UNREADABLE', message: `cannot list ${rootRelative(abs, dir) || '.'}: ${(error as Error).message}`, file: rootRelative(abs, dir) || '.' });
      continue;
    }
    entries += list.length;
    if (entries > MAX_ENTRIES) {
      truncated = true;
      break;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of list) {
      const path = join(dir, entry.name);
      const rel = rootRelative(abs, path);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
        const manifest = join(path, 'manifest.json');
        if (existsSync(manifest) && (entry.name === 'cdk.out' || isAssemblyManifest(manifest))) {
          // A cloud assembly: its templates are loaded through the manifest, never on their own.
          if (entry.name === 'cdk.out' || isAssemblyManifest(manifest)) {
            apps.push({ kind: 'cdk-assembly', file: `${rel}/manifest.json`, abs: manifest });
            assemblies.push(dir);
          }
          continue;
        }
        stack.push(path);
        continue;
      }
      if (!entry.isFile()) continue;
      const name = entry.name;
      if (name === 'cdk.json') cdkProjects.push(dir);
      if (SERVERLESS_CONFIG.test(name)) {
        apps.push({ kind: 'serverless', file: rel, abs: path });
        continue;
      }
      if (SERVERLESS_CODE_CONFIG.test(name)) {
        const hasYaml = list.some((e) => SERVERLESS_CONFIG.test(e.name));
        if (!hasYaml) diagnostics.push(codeConfigDiagnostic(rel));
        continue;
      }
      const ext = extname(name).toLowerCase();
      if (!DATA_EXT.has(ext) || NEVER_TEMPLATES.test(name)) continue;
      if (TEMPLATE_NAMES.test(name) || TEMPLATE_SUFFIX.test(name)) {
        apps.push({ kind: 'cloudformation', file: rel, abs: path });
        continue;
      }
      let size = 0;
      try {
        size = statSync(path).size;
      } catch {
        continue;
      }
      if (size > MAX_TEMPLATE_BYTES || size === 0) continue;
      const text = peek(path);
      if (text !== undefined && looksLikeTemplate(text, ext === '.json')) apps.push({ kind: 'cloudformation', file: rel, abs: path });
    }
  }
  if (truncated) {
    diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_TOO_MANY_FILES', message: `stopped searching after ${MAX_ENTRIES} files and directories; scan a smaller directory`, file: '.' });
  }

  const included = serverlessIncludes(apps);
  const result = apps.filter((app) => app.kind !== 'cloudformation' || !included.some((test) => test(app.abs)));
  for (const project of cdkProjects) {
    if (!assemblies.some((a) => a === project || a.startsWith(project + sep))) {
      const file = rootRelative(abs, join(project, 'cdk.json'));
      diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_CDK_NOT_SYNTHESIZED', message: `${file}: a CDK app without a cdk.out; run \`cdk synth\` first so leash can read the synthesized templates`, file, line: 1, column: 1 });
    }
  }
  result.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (result.length === 0) {
    const hint = diagnostics.some((d) => d.code === 'WARN_LEASH_UNSUPPORTED_CONFIG' || d.code === 'WARN_LEASH_CDK_NOT_SYNTHESIZED') ? ' (see the warnings above)' : '';
    diagnostics.push({
      severity: 'error',
      code: 'ERR_LEASH_NO_APP',
      message: `no serverless app found: expected a SAM/CloudFormation template (template.yaml, *.template.json), a serverless.yml or a CDK cdk.out directory${hint}`,
      file: '.',
    });
  }
  return { root: abs, apps: result, diagnostics };
}

/** Files pulled into a serverless.yml with `${file(...)}`: tests on absolute paths. */
function serverlessIncludes(apps: readonly DiscoveredApp[]): ((abs: string) => boolean)[] {
  const tests: ((abs: string) => boolean)[] = [];
  for (const app of apps) {
    if (app.kind !== 'serverless') continue;
    let text: string;
    try {
      text = readSourceFile(app.abs, app.file);
    } catch {
      continue; // the loader reports it when it reads the same file
    }
    const serviceDir = dirname(app.abs);
    for (const m of text.matchAll(/\$\{file\(\s*['"]?([^)'"]+?)['"]?\s*\)/g)) {
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
