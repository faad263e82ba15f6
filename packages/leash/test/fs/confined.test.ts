/**
 * The confined reader: every input file leash reads goes through it. Each case lays out
 * `<tmp>/root` (the scan root) beside `<tmp>/outside` (what a pull request wants read) and checks
 * what is read, what is refused, and why.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfinedFs, refusalDiagnostic, writtenPath } from '../../src/fs/confined.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'leash-confined-')));
const root = join(base, 'root');
const outside = join(base, 'outside');
let socketServer: Server | undefined;

beforeAll(async () => {
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'template.yaml'), '\ufeffResources: {}\n');
  writeFileSync(join(root, 'src', 'deep', 'index.mjs'), 'export const handler = () => 1;\n');
  writeFileSync(join(outside, 'secret.txt'), 'OUTSIDE\n');
  mkdirSync(join(outside, 'code'));
  symlinkSync('../outside/secret.txt', join(root, 'relative-link.txt'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'absolute-link.txt'));
  symlinkSync(join(outside, 'code'), join(root, 'linked-dir'));
  symlinkSync('src/deep/index.mjs', join(root, 'inside-link.mjs'));
  symlinkSync('/dev/zero', join(root, 'zero.yml'));
  symlinkSync('loop-b', join(root, 'loop-a'));
  symlinkSync('loop-a', join(root, 'loop-b'));
  execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
  socketServer = createServer();
  await new Promise<void>((resolve) => socketServer!.listen(join(root, 'sock.yaml'), resolve));
});

afterAll(() => {
  socketServer?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('ConfinedFs', () => {
  const fs = () => new ConfinedFs(root);

  it('reads a regular file inside the root, as UTF-8 without its byte order mark', () => {
    const read = fs().readText(join(root, 'template.yaml'), 1024);
    expect(read).toEqual({ ok: true, text: 'Resources: {}\n', real: join(root, 'template.yaml'), size: 17 });
  });

  it('follows a symlink that stays inside the root, and reports the real path', () => {
    const read = fs().readText(join(root, 'inside-link.mjs'), 1024);
    expect(read.ok && read.real).toBe(join(root, 'src', 'deep', 'index.mjs'));
  });

  it('never reads outside the root: by .., by an absolute path, by a relative or absolute symlink, through a symlinked directory', () => {
    for (const path of [join(root, '..', 'outside', 'secret.txt'), join(outside, 'secret.txt'), join(root, 'relative-link.txt'), join(root, 'absolute-link.txt'), join(root, 'linked-dir', 'x.js'), '/etc/passwd']) {
      const read = fs().readText(path, 1024);
      expect(read, path).toEqual({ ok: false, refusal: { kind: 'outside' } });
    }
    // Outside is outside whether it exists or not: the runner's disk cannot be probed through "does not exist".
    for (const path of [join(outside, 'nope.txt'), join(root, 'linked-dir', 'nope.js'), '/no-such-dir/x']) expect(fs().inspect(path), path).toEqual({ kind: 'outside' });
    // A directory that only shares the root's name as a prefix is outside too.
    mkdirSync(`${root}-sibling`, { recursive: true });
    writeFileSync(`${root}-sibling/x.yaml`, 'x');
    expect(fs().readText(`${root}-sibling/x.yaml`, 1024)).toEqual({ ok: false, refusal: { kind: 'outside' } });
  });

  it('does not wait on a FIFO, read a device or open a socket: each is refused by what it is', () => {
    expect(fs().readText(join(root, 'pipe.yaml'), 1024)).toEqual({ ok: false, refusal: { kind: 'special', what: 'a FIFO' } });
    expect(fs().readHead(join(root, 'pipe.yaml'), 1024)).toEqual({ ok: false, refusal: { kind: 'special', what: 'a FIFO' } });
    expect(fs().readText(join(root, 'sock.yaml'), 1024)).toEqual({ ok: false, refusal: { kind: 'special', what: 'a socket' } });
    // /dev/zero is outside the root before it is a device.
    expect(fs().readText(join(root, 'zero.yml'), 1024)).toEqual({ ok: false, refusal: { kind: 'outside' } });
    expect(new ConfinedFs('/dev').readText('/dev/zero', 1024)).toEqual({ ok: false, refusal: { kind: 'special', what: 'a device' } });
  });

  it('refuses a file above the limit without reading it; readHead reads only the first bytes of any size', () => {
    writeFileSync(join(root, 'big.yml'), 'x'.repeat(5000));
    expect(fs().readText(join(root, 'big.yml'), 4096)).toEqual({ ok: false, refusal: { kind: 'too-large', size: 5000, limit: 4096 } });
    const head = fs().readHead(join(root, 'big.yml'), 10);
    expect(head.ok && [head.text, head.size]).toEqual(['xxxxxxxxxx', 5000]);
  });

  it('says missing, directory, or the system error (a symlink loop) without a path of the machine', () => {
    expect(fs().readText(join(root, 'nope.yaml'), 10)).toEqual({ ok: false, refusal: { kind: 'missing' } });
    expect(fs().readText(join(root, 'template.yaml', 'below'), 10)).toEqual({ ok: false, refusal: { kind: 'missing' } });
    expect(fs().readText(join(root, 'src'), 10)).toEqual({ ok: false, refusal: { kind: 'directory' } });
    expect(fs().readText(join(root, 'loop-a'), 10)).toEqual({ ok: false, refusal: { kind: 'unreadable', code: 'ELOOP' } });
  });

  it('inspects without opening, and lists a directory inside the root in name order', () => {
    expect(fs().inspect(join(root, 'src'))).toEqual({ kind: 'directory', real: join(root, 'src') });
    expect(fs().inspect(join(root, 'linked-dir'))).toEqual({ kind: 'outside' });
    expect(fs().inspect(join(root, 'pipe.yaml'))).toEqual({ kind: 'special', what: 'a FIFO' });
    const listed = fs().list(root);
    expect(listed.ok && listed.entries.map((e) => e.name).slice(0, 3)).toEqual(['absolute-link.txt', 'big.yml', 'inside-link.mjs']);
    expect(fs().list(join(root, 'linked-dir'))).toEqual({ ok: false, refusal: { kind: 'outside' } });
  });

  it('names paths relative to the root, and never prints an absolute path of the machine', () => {
    expect(fs().rel(join(root, 'src', 'deep', 'index.mjs'))).toBe('src/deep/index.mjs');
    expect(writtenPath(fs(), '../outside/secret.txt')).toBe('../outside/secret.txt');
    expect(writtenPath(fs(), join(root, 'src', 'x.yml'))).toBe('src/x.yml');
    expect(writtenPath(fs(), join(outside, '.npmrc'))).toBe('…/.npmrc');
    expect(fs().withoutRoot(`ENOENT: no such file or directory, open '${root}/src/x'`)).toBe("ENOENT: no such file or directory, open './src/x'");
  });

  it('turns a refusal into a diagnostic at the reference: warnings for outside and special files, errors for the rest', () => {
    const at = { file: 'serverless.yml', line: 4, column: 7 };
    expect(refusalDiagnostic({ kind: 'outside' }, '${file(../x)}', at)).toEqual({ severity: 'warning', code: 'WARN_LEASH_OUTSIDE_ROOT', message: '${file(../x)} leads outside the scan root; not read', ...at });
    expect(refusalDiagnostic({ kind: 'special', what: 'a FIFO' }, 'x.yml', at)).toMatchObject({ severity: 'warning', code: 'WARN_LEASH_NOT_A_FILE' });
    expect(refusalDiagnostic({ kind: 'too-large', size: 3 * 1024 * 1024, limit: 1024 * 1024 }, 'x.yml', at)).toMatchObject({ severity: 'error', code: 'ERR_LEASH_FILE_TOO_LARGE', message: 'x.yml is 3.0 MB, above the 1.0 MB limit; not read' });
    expect(refusalDiagnostic({ kind: 'missing' }, 'x.yml', { file: 'x.yml' })).toEqual({ severity: 'error', code: 'ERR_LEASH_FILE_NOT_FOUND', message: 'x.yml does not exist', file: 'x.yml', line: 1, column: 1 });
  });
});
