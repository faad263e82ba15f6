/**
 * `npm run build:layer`: the layer zip (built here with the built-in zip writer, so the fallback
 * path is the one tested) unpacks to a working /opt: the exec wrapper at its root finds the shield
 * under nodejs/node_modules and runs a function under it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const shieldDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let opt = '';

interface ZipEntry {
  name: string;
  mode: number;
  data: Buffer;
}

/** Reads a zip's central directory and inflates each entry (enough for our own archives). */
function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = (zip.readUInt32LE(at + 38) >>> 16) & 0o777;
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(start, start + compressedSize);
    if (!name.endsWith('/')) entries.push({ name, mode, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(shieldDir, 'scripts/build-layer.mjs')], { env: { ...process.env, LEASH_ZIP: 'node' }, stdio: 'pipe' });
  opt = mkdtempSync(join(tmpdir(), 'leash-opt-'));
});
afterAll(() => rmSync(opt, { recursive: true, force: true }));

describe('Lambda layer', () => {
  it('holds the package under nodejs/node_modules and an executable wrapper at its root', () => {
    const entries = readZip(readFileSync(join(shieldDir, 'dist-layer/leash-shield-layer.zip')));
    const names = entries.map((e) => e.name);
    expect(names).toContain('nodejs/node_modules/@leash/shield/package.json');
    expect(names).toContain('nodejs/node_modules/@leash/shield/dist/register.js');
    expect(names).toContain('nodejs/node_modules/@leash/shield/dist/index.js');
    expect(names).toContain('nodejs/node_modules/@leash/shield/dist/permission-cli.js');
    expect(entries.find((e) => e.name === 'leash-exec-wrapper')!.mode).toBe(0o755);
    expect(names.some((n) => n.endsWith('.map') || n.endsWith('.ts'))).toBe(false);
    for (const entry of entries) {
      const target = join(opt, entry.name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.data);
      chmodSync(target, entry.mode);
    }
  });

  it('runs a function under the shield from the unpacked layer through the exec wrapper', () => {
    const task = join(opt, 'task');
    mkdirSync(task, { recursive: true });
    writeFileSync(join(task, 'index.mjs'), "import fs from 'node:fs'; try { fs.readFileSync('/etc/hostname'); console.log('read'); } catch (e) { console.log(e.code); }");
    writeFileSync(join(task, 'leash.policy.json'), JSON.stringify({ mode: 'block', fs: { read: [task], write: [] } }));
    const result = spawnSync(join(opt, 'leash-exec-wrapper'), [process.execPath, join(task, 'index.mjs')], {
      env: { PATH: process.env.PATH, LAMBDA_TASK_ROOT: task },
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('ERR_LEASH_DENIED');
    expect(result.status).toBe(0);
  });
});
