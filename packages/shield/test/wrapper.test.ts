/**
 * The AWS_LAMBDA_EXEC_WRAPPER script: preloads the shield and adds permission-model flags derived
 * from the policy, on Node 20 (--experimental-permission), 22 and 24 (--permission).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionFlags } from '../src/permission-flags.js';
import { parsePolicy } from '../src/policy.js';

const shieldDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wrapper = join(shieldDir, 'bin/leash-exec-wrapper');
const NODES: Record<number, string> = {
  20: process.execPath,
  22: join(shieldDir, 'node-versions/node_modules/node22/bin/node'),
  24: join(shieldDir, 'node-versions/node_modules/node24/bin/node'),
};
let dir = '';

function runWrapper(node: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(wrapper, [node, '--max-http-header-size', '81920', join(dir, 'probe.mjs')], { env: { PATH: process.env.PATH, ...env }, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.on('close', (status) => r({ status, stdout, stderr })));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leash-wrapper-'));
  writeFileSync(
    join(dir, 'probe.mjs'),
    `import fs from 'node:fs';
     const out = { execArgv: process.execArgv, pmWrite: process.permission?.has('fs.write', ${JSON.stringify(join(dir, 'x'))}) ?? null, pmChild: process.permission?.has('child') ?? null };
     try { fs.writeFileSync(${JSON.stringify(join(dir, 'x'))}, 'x'); out.write = 'ok'; } catch (e) { out.write = e.code; }
     console.log(JSON.stringify(out));`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('permission flags from a policy', () => {
  it('maps fs lists to one flag per path, exec and addons to their switches', () => {
    const policy = parsePolicy({ mode: 'block', fs: { read: ['/var/task'], write: ['/tmp/cache'] }, exec: { allow: [] } });
    expect(permissionFlags(policy, { nodeMajor: 22, runtimeReadPaths: ['/var/runtime', '/var/task'], needsAddons: true })).toEqual([
      '--permission', '--allow-fs-read=/var/task', '--allow-fs-read=/var/runtime', '--allow-fs-write=/tmp/cache', '--allow-worker', '--allow-addons',
    ]);
    expect(permissionFlags(policy, { nodeMajor: 20, runtimeReadPaths: [], needsAddons: false })[0]).toBe('--experimental-permission');
    expect(permissionFlags(parsePolicy({ mode: 'block' }), { nodeMajor: 24, runtimeReadPaths: [], needsAddons: false })).toEqual([
      '--permission', '--allow-fs-read=*', '--allow-fs-write=*', '--allow-child-process', '--allow-worker', '--allow-addons',
    ]);
    expect(permissionFlags(parsePolicy({ mode: 'block', addons: { allow: [] } }), { nodeMajor: 24, runtimeReadPaths: [], needsAddons: false })).not.toContain('--allow-addons');
    expect(permissionFlags(parsePolicy({ mode: 'alert', fs: { read: [] } }), { nodeMajor: 24, runtimeReadPaths: [], needsAddons: true })).toEqual([]);
  });
});

describe('bin/leash-exec-wrapper', () => {
  for (const major of [20, 22, 24]) {
    it(`on Node ${major}: preloads the shield and turns on the permission model`, async () => {
      expect(existsSync(NODES[major]!), `Node ${major} missing`).toBe(true);
      const policy = JSON.stringify({ mode: 'block', fs: { read: [dir], write: [] }, exec: { allow: [] } });
      const result = await runWrapper(NODES[major]!, { LEASH_POLICY: policy });
      expect(result.status).toBe(0);
      const out = JSON.parse(result.stdout) as { execArgv: string[]; pmWrite: boolean; pmChild: boolean; write: string };
      expect(out.execArgv).toContain(major >= 22 ? '--permission' : '--experimental-permission');
      expect(out.execArgv).toContain('--max-http-header-size'); // the bootstrap's own flags are kept
      expect(out.pmWrite).toBe(false);
      expect(out.pmChild).toBe(false);
      expect(out.write).toBe('ERR_LEASH_DENIED'); // the JS shield answers first
    });
  }

  it('stops with exit 78 on an invalid policy before the function runs', async () => {
    const result = await runWrapper(process.execPath, { LEASH_POLICY: '{"mode":"blok"}' });
    expect(result.status).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('mode must be "block" or "alert"');
  });

  it('leaves the permission model off with LEASH_PERMISSION_MODEL=off (the JS shield stays)', async () => {
    const result = await runWrapper(process.execPath, { LEASH_POLICY: JSON.stringify({ mode: 'block', fs: { read: [dir], write: [] } }), LEASH_PERMISSION_MODEL: 'off' });
    const out = JSON.parse(result.stdout) as { execArgv: string[]; pmWrite: boolean | null; write: string };
    expect(out.execArgv.some((flag) => flag.includes('permission'))).toBe(false);
    expect(out.write).toBe('ERR_LEASH_DENIED');
  });
});
