import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfinedFs } from '../../src/fs/confined.js';
import { discover, looksLikeTemplate } from '../../src/loaders/discover.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const repoRoot = resolve(import.meta.dirname, '..', '..', '..', '..');
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** The mixed fixture plus a node_modules copy (git ignores node_modules, so it is made here). */
function mixedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leash-discover-'));
  temps.push(dir);
  cpSync(join(fixtures, 'discover-mixed'), dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'pkg', 'template.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
  return dir;
}

describe('discover', () => {
  it('finds templates, serverless services and skips dependencies, build output and fragments', () => {
    const found = discover(mixedCopy());
    expect(found.apps.map((a) => `${a.kind} ${a.file}`)).toEqual([
      'serverless api/serverless.yml',
      'cloudformation broken/template.yaml',
      'cloudformation infra/fragment.yml',
      'cloudformation infra/network.yaml',
      'cloudformation infra/queue.template.json',
      'serverless svc/serverless.yaml',
      'cloudformation template.yaml',
    ]);
    const codes = found.diagnostics.map((d) => `${d.code} ${d.file}`);
    expect(codes).toContain('WARN_LEASH_UNSUPPORTED_CONFIG legacy/serverless.ts');
    expect(codes).toContain('WARN_LEASH_CDK_NOT_SYNTHESIZED cdkapp/cdk.json');
    expect(found.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('reports ERR_LEASH_NO_APP for a directory without an app', () => {
    const found = discover(join(fixtures, 'discover-empty'));
    expect(found.apps).toEqual([]);
    expect(found.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_NO_APP' })]);
    expect(found.diagnostics[0]!.message).toMatch(/template\.yaml.*serverless\.yml.*cdk\.out/);
  });

  it('accepts a single file, named relative to the scan root (the git work tree holding it, or the given root)', () => {
    const file = join(fixtures, 'discover-mixed', 'infra', 'network.yaml');
    const found = discover(file);
    expect(found.root).toBe(repoRoot);
    expect(found.apps).toEqual([expect.objectContaining({ kind: 'cloudformation', file: relative(repoRoot, file), explicit: true })]);
    const rooted = discover(file, new ConfinedFs(join(fixtures, 'discover-mixed')));
    expect(rooted.apps).toEqual([expect.objectContaining({ file: 'infra/network.yaml' })]);
    const notApp = discover(join(fixtures, 'discover-mixed', 'docs', 'config.yaml'));
    expect(notApp.apps).toEqual([]);
    expect(notApp.diagnostics[0]!.code).toBe('ERR_LEASH_NO_APP');
  });

  it('reads nothing of a target outside the root it is given (`--root`), and says so', () => {
    const found = discover(join(fixtures, 'discover-mixed'), new ConfinedFs(join(fixtures, 'discover-empty')));
    expect(found.apps).toEqual([]);
    expect(found.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['WARN_LEASH_OUTSIDE_ROOT ../discover-mixed', 'ERR_LEASH_NO_APP ../discover-mixed']);
  });

  it('reports a missing target', () => {
    const found = discover(join(fixtures, 'no-such-dir'));
    expect(found.diagnostics[0]!.code).toBe('ERR_LEASH_FILE_NOT_FOUND');
  });

  it('recognises templates by a cheap look at the text', () => {
    expect(looksLikeTemplate('AWSTemplateFormatVersion: "2010-09-09"\n', false)).toBe(true);
    expect(looksLikeTemplate('Transform: AWS::Serverless-2016-10-31\nResources: {}\n', false)).toBe(true);
    expect(looksLikeTemplate('Resources:\n  X:\n    Type: "AWS::S3::Bucket"\n', false)).toBe(true);
    expect(looksLikeTemplate('version: 2\nservices:\n  web:\n    image: x\n', false)).toBe(false);
    expect(looksLikeTemplate('{"Resources": {"X": {"Type": "AWS::S3::Bucket"}}}', true)).toBe(true);
    expect(looksLikeTemplate('{"name": "x", "Type": "AWS::S3::Bucket"}', true)).toBe(false);
  });
});
