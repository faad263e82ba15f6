/** The scan root: the git work tree holding the scanned path (found without running git), else the path itself; `--root` sets it. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLeashError } from '../../src/errors.js';
import { findScanRoot } from '../../src/fs/scan-root.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'leash-root-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function layout(name: string, dirs: string[], files: string[] = []): string {
  const top = join(base, name);
  for (const dir of dirs) mkdirSync(join(top, dir), { recursive: true });
  for (const file of files) writeFileSync(join(top, file), 'x');
  return top;
}

function thrown(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (error) {
    return isLeashError(error) ? { code: error.code, message: error.message } : { message: String(error) };
  }
  return {};
}

describe('findScanRoot', () => {
  it('is the git work tree holding the path: a .git directory, or a .git file (worktrees, submodules)', () => {
    const repo = layout('repo', ['.git', 'services/api/src'], ['services/api/template.yaml']);
    expect(findScanRoot(join(repo, 'services', 'api'))).toBe(repo);
    expect(findScanRoot(join(repo, 'services', 'api', 'template.yaml'))).toBe(repo);
    expect(findScanRoot(repo)).toBe(repo);
    const worktree = layout('worktree', ['app'], ['.git']);
    expect(findScanRoot(join(worktree, 'app'))).toBe(worktree);
  });

  it('is the nearest work tree: a submodule inside a repository is a root of its own', () => {
    const outer = layout('outer', ['.git', 'vendor/lib/app']);
    writeFileSync(join(outer, 'vendor', 'lib', '.git'), 'gitdir: ../../.git/modules/lib\n');
    expect(findScanRoot(join(outer, 'vendor', 'lib', 'app'))).toBe(join(outer, 'vendor', 'lib'));
  });

  it('outside git, is the scanned directory itself, or a scanned file’s directory', () => {
    const plain = layout('plain', ['app/src'], ['app/template.yaml']);
    expect(findScanRoot(join(plain, 'app'))).toBe(join(plain, 'app'));
    expect(findScanRoot(join(plain, 'app', 'template.yaml'))).toBe(join(plain, 'app'));
  });

  it('starts from the path as written: a symlink to elsewhere does not move the root there', () => {
    const repo = layout('linked', ['.git', 'app']);
    const elsewhere = layout('elsewhere', ['.git', 'stack']);
    symlinkSync(join(elsewhere, 'stack'), join(repo, 'app', 'stack'));
    expect(findScanRoot(join(repo, 'app', 'stack'))).toBe(repo);
  });

  it('--root sets it (symlinks resolved); a root that is not a directory is a usage error', () => {
    const repo = layout('explicit', ['.git', 'a/b']);
    expect(findScanRoot(join(repo, 'a', 'b'), join(repo, 'a'))).toBe(join(repo, 'a'));
    symlinkSync(join(repo, 'a'), join(base, 'root-link'));
    expect(findScanRoot(join(repo, 'a', 'b'), join(base, 'root-link'))).toBe(join(repo, 'a'));
    expect(thrown(() => findScanRoot(repo, join(repo, 'nope')))).toEqual({ code: 'ERR_LEASH_USAGE', message: `--root ${join(repo, 'nope')} does not exist` });
    writeFileSync(join(repo, 'file'), 'x');
    expect(thrown(() => findScanRoot(repo, join(repo, 'file'))).code).toBe('ERR_LEASH_USAGE');
  });

  it('a path that does not exist is ERR_LEASH_FILE_NOT_FOUND, named as written', () => {
    expect(thrown(() => findScanRoot('no/such/app'))).toEqual({ code: 'ERR_LEASH_FILE_NOT_FOUND', message: 'no such file or directory: no/such/app' });
  });
});
