/**
 * The attack matrix. Each file in test/attacks/ is a synthetic malicious package that tries to leak
 * a secret to a listener of this test (TCP, TLS, HTTP/2, UDP/DNS), start a process, load native
 * code, or read/write a file outside the policy. Every attack runs on Node 20, 22 and 24, in a
 * child process per attack, three ways:
 *   none  — no shield: the attack must SUCCEED (so no test passes because an attack is broken);
 *   block — blocked: no evidence, ERR_LEASH_DENIED observed, a violation line naming kind and package;
 *   alert — succeeds AND a violation line is printed.
 * `allowed-*` files are legitimate operations that must keep working in block mode.
 */
import { spawn } from 'node:child_process';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createH2Server } from 'node:http2';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const shieldDir = resolve(here, '..');
const repoRoot = resolve(shieldDir, '../..');
const registerFile = join(shieldDir, 'dist/register.js');
const attacksDir = join(here, 'attacks');

/** Node binaries: the running one (20) and the ones installed from the npm registry (22, 24). */
const NODE_BINARIES: Record<number, string> = {
  20: process.execPath,
  22: join(shieldDir, 'node-versions/node_modules/node22/bin/node'),
  24: join(shieldDir, 'node-versions/node_modules/node24/bin/node'),
};
const MODES = ['none', 'block', 'alert'] as const;
type RunMode = (typeof MODES)[number];

interface Meta {
  kind?: string;
  evidence?: 'tcp' | 'tls' | 'http2' | 'udp' | 'connection' | 'attempted' | 'file' | 'value';
  expect?: string;
  minNode?: number;
  noErrorCode?: boolean;
  package?: string | null;
  allowed?: boolean;
}
interface Attack {
  name: string;
  file: string;
  meta: Meta;
}
interface Outcome {
  ok: boolean;
  value?: string;
  code?: string | null;
  message?: string;
}
interface Run {
  outcome: Outcome | undefined;
  stdout: string;
  stderr: string;
  violations: Array<Record<string, unknown>>;
}

const attacks: Attack[] = [];
const received = { tcp: '', tls: '', http2: '', udp: '' };
const bindingConnections = new Map<string, number>();
const runs = new Map<string, Run>();
const closers: Array<() => void> = [];
let root = '';
let ports = { tcp: 0, tls: 0, h2: 0, udp: 0, allowed: 0 };
let fileSecret = '';
let addonPath = '';

function listen(server: NetServer): Promise<number> {
  return new Promise((resolvePort) => server.listen(0, '127.0.0.1', () => resolvePort((server.address() as { port: number }).port)));
}

function findAddon(): string {
  const candidates = [
    join(repoRoot, 'node_modules/@oxc-parser'),
    join(repoRoot, 'node_modules/@rolldown'),
    join(repoRoot, 'node_modules'),
  ];
  for (const dir of candidates) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const sub = join(dir, entry);
      try {
        for (const file of readdirSync(sub)) if (file.endsWith('.node')) return join(sub, file);
      } catch {
        // not a directory
      }
    }
  }
  throw new Error('no native addon (.node) found under node_modules for the dlopen attacks');
}

function runKey(major: number, mode: RunMode, name: string): string {
  return `${major}/${mode}/${name}`;
}

function secretFor(major: number, mode: RunMode, name: string): string {
  return `S3CR3T-n${major}-${mode}-${name}`;
}

function runAttack(major: number, mode: RunMode, attack: Attack, bindingPort: number): Promise<void> {
  const scratch = join(root, `scratch-${major}-${mode}`);
  const outside = join(root, `outside-${major}-${mode}`);
  const ctx = {
    secret: secretFor(major, mode, attack.name),
    tcpPort: ports.tcp,
    tlsPort: ports.tls,
    h2Port: ports.h2,
    udpPort: ports.udp,
    allowedPort: ports.allowed,
    bindingPort,
    secretFile: join(root, 'secret/secret.txt'),
    secretDir: join(root, 'secret'),
    secretEnvFile: join(root, 'secret/secret.env'),
    allowedReadDir: join(root, 'public'),
    allowedWriteDir: scratch,
    plantedLink: join(root, 'public/planted-link'),
    marker: join(outside, `${attack.name}.txt`),
    addonPath,
  };
  const policy = {
    mode: mode === 'none' ? 'block' : mode,
    network: { allow: [`127.0.0.1:${ports.allowed}`, `localhost:${ports.allowed}`] },
    exec: { allow: ['/bin/echo'] },
    fs: { read: [join(root, 'app'), join(root, 'public'), scratch, dirname(addonPath)], write: [scratch] },
    addons: { allow: [] },
  };
  const args = mode === 'none' ? [] : ['--import', pathToFileURL(registerFile).href];
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
  if (mode !== 'none') env.LEASH_POLICY = JSON.stringify(policy);
  return new Promise((done) => {
    const child = spawn(NODE_BINARIES[major]!, [...args, join(root, 'app/runner.mjs'), attack.name, JSON.stringify(ctx)], {
      cwd: join(root, 'app'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', () => {
      clearTimeout(killer);
      const line = stdout.split('\n').find((l) => l.startsWith('{"attack"'));
      const violations = stderr
        .split('\n')
        .filter((l) => l.startsWith('{"leash":"violation"'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      runs.set(runKey(major, mode, attack.name), { outcome: line ? (JSON.parse(line) as Outcome) : undefined, stdout, stderr, violations });
      done();
    });
  });
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function evidence(major: number, mode: RunMode, attack: Attack): boolean {
  const secret = secretFor(major, mode, attack.name);
  const run = runs.get(runKey(major, mode, attack.name))!;
  switch (attack.meta.evidence) {
    case 'tcp':
      return received.tcp.includes(secret);
    case 'tls':
      return received.tls.includes(secret);
    case 'http2':
      return received.http2.includes(secret);
    case 'udp':
      return received.udp.toLowerCase().includes(secret.toLowerCase()); // DNS names may come back case-randomized
    case 'connection':
      return (bindingConnections.get(`${major}/${mode}`) ?? 0) > 0;
    case 'attempted':
      return run.outcome?.ok === true;
    case 'file':
      return existsSync(join(root, `outside-${major}-${mode}`, `${attack.name}.txt`));
    case 'value':
      return run.outcome?.ok === true && (attack.meta.expect !== undefined ? run.outcome.value === attack.meta.expect : (run.outcome.value ?? '').includes(fileSecret));
    default:
      throw new Error(`attack ${attack.name}: unknown evidence ${String(attack.meta.evidence)}`);
  }
}

const availableVersions = Object.keys(NODE_BINARIES).map(Number);

beforeAll(async () => {
  // Attack metadata.
  for (const file of readdirSync(attacksDir).sort()) {
    if (!/\.(mjs|cjs)$/.test(file)) continue;
    // Read `meta = {...}` from the source instead of importing attack code into the test process.
    const match = /meta = (\{.*\});/.exec(readFileSync(join(attacksDir, file), 'utf8'));
    if (!match) throw new Error(`attack ${file} has no meta`);
    attacks.push({ name: file.replace(/\.(mjs|cjs)$/, ''), file, meta: new Function(`return ${match[1]}`)() as Meta });
  }
  addonPath = findAddon();

  // Listeners.
  // Raw listeners record every byte; when they see the end of an HTTP request head they answer, so
  // HTTP clients finish on their own instead of waiting on timers.
  const answerHttp = (socket: { write(data: string): unknown; end(): unknown }, seen: string) => {
    if (seen.includes('\r\n\r\n')) {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      socket.end();
    }
  };
  const tcp = createNetServer((socket) => {
    let seen = '';
    socket.on('data', (d) => {
      received.tcp += d.toString('latin1');
      seen += d.toString('latin1');
      answerHttp(socket, seen);
    });
    socket.on('error', () => {});
  });
  ports.tcp = await listen(tcp);
  const tls = createTlsServer(
    { key: readFileSync(join(here, 'fixtures/tls-key.pem')), cert: readFileSync(join(here, 'fixtures/tls-cert.pem')) },
    (socket) => {
      let seen = '';
      socket.on('data', (d) => {
        received.tls += d.toString('latin1');
        seen += d.toString('latin1');
        answerHttp(socket, seen);
      });
      socket.on('error', () => {});
    },
  );
  ports.tls = await listen(tls);
  const h2 = createH2Server();
  h2.on('stream', (stream, headers) => {
    received.http2 += String(headers[':path']) + '\n';
    stream.respond({ ':status': 200 });
    stream.end('ok');
  });
  ports.h2 = await listen(h2 as unknown as NetServer);
  const udp = createSocket('udp4');
  udp.on('message', (msg) => (received.udp += msg.toString('latin1')));
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
  ports.udp = udp.address().port;
  const allowed = createHttpServer((_req, res) => res.end('ok'));
  ports.allowed = await listen(allowed as unknown as NetServer);
  closers.push(() => tcp.close(), () => tls.close(), () => h2.close(), () => udp.close(), () => allowed.close());

  // The app: a runner plus one fake package per attack in node_modules.
  root = mkdtempSync(join(tmpdir(), 'leash-attacks-'));
  mkdirSync(join(root, 'app/node_modules'), { recursive: true });
  copyFileSync(join(here, 'attack-runner.mjs'), join(root, 'app/runner.mjs'));
  writeFileSync(join(root, 'app/package.json'), JSON.stringify({ name: 'victim-app', private: true, type: 'module' }));
  for (const attack of attacks) {
    const dir = join(root, 'app/node_modules', `evil-${attack.name}`);
    mkdirSync(dir, { recursive: true });
    const cjs = attack.file.endsWith('.cjs');
    const main = cjs ? 'index.cjs' : 'index.mjs';
    copyFileSync(join(attacksDir, attack.file), join(dir, main));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `evil-${attack.name}`, version: '1.0.0', main, type: cjs ? 'commonjs' : 'module' }));
  }
  fileSecret = `TOPSECRET-FILE-${process.pid}`;
  mkdirSync(join(root, 'secret'));
  writeFileSync(join(root, 'secret/secret.txt'), fileSecret);
  writeFileSync(join(root, 'secret/secret.env'), `LEAKED_BY_ENV_FILE=${fileSecret}\n`);
  mkdirSync(join(root, 'public'));
  writeFileSync(join(root, 'public/public.txt'), 'public');
  symlinkSync(join(root, 'secret/secret.txt'), join(root, 'public/planted-link'));

  // Run everything: one process per (version, mode, attack), a few at a time.
  const jobs: Array<{ major: number; mode: RunMode; attack: Attack; bindingPort: number }> = [];
  for (const major of availableVersions) {
    if (!existsSync(NODE_BINARIES[major]!)) continue; // reported as a failure by the tests below
    for (const mode of MODES) {
      mkdirSync(join(root, `scratch-${major}-${mode}`));
      mkdirSync(join(root, `outside-${major}-${mode}`));
      const key = `${major}/${mode}`;
      const binding = createNetServer((socket) => {
        bindingConnections.set(key, (bindingConnections.get(key) ?? 0) + 1);
        socket.destroy();
      });
      const bindingPort = await listen(binding);
      closers.push(() => binding.close());
      for (const attack of attacks) {
        if (attack.meta.minNode !== undefined && major < attack.meta.minNode) continue;
        jobs.push({ major, mode, attack, bindingPort });
      }
    }
  }
  await pool(jobs, 4, (job) => runAttack(job.major, job.mode, job.attack, job.bindingPort));
  // Give late datagrams and TLS records a moment to land.
  await new Promise((r) => setTimeout(r, 300));
}, 600_000);

afterAll(() => {
  for (const close of closers) close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function describeRun(run: Run | undefined): string {
  if (!run) return 'did not run';
  return `outcome=${JSON.stringify(run.outcome)} violations=${JSON.stringify(run.violations)} stderr=${run.stderr.slice(0, 600)}`;
}

describe('attack matrix', () => {
  it('has Node 20, 22 and 24 available (installed by the root postinstall from the npm registry)', () => {
    for (const major of [20, 22, 24]) {
      const bin = NODE_BINARIES[major]!;
      expect(existsSync(bin), `Node ${major} binary missing at ${bin}: run npm ci (root postinstall installs packages/shield/node-versions)`).toBe(true);
    }
    expect(Number(process.versions.node.split('.')[0]), 'the test runner itself must be Node 20').toBe(20);
  });

  it('covers every route listed in the brief', () => {
    const names = attacks.map((a) => a.name);
    for (const required of ['net-connect', 'http-request', 'https-request', 'http2-connect', 'fetch', 'websocket', 'tls-connect', 'dgram-send', 'dgram-connect', 'dns-lookup', 'dns-promises-lookup', 'dns-resolver-custom', 'dns-promises-resolver', 'dns-module-resolve', 'exec', 'exec-sync', 'exec-file', 'exec-file-sync', 'spawn', 'spawn-sync', 'fork', 'worker-execargv', 'worker-env', 'binding-tcp', 'binding-spawn-sync', 'dlopen', 'fs-read-sync', 'fs-read-callback', 'fs-read-promises', 'fs-read-stream', 'fs-filehandle', 'fs-cp', 'fs-write-sync', 'fs-write-stream', 'handle-tcp', 'handle-udp', 'handle-process', 'binding-coerce', 'binding-inspector', 'inspector-session', 'fs-dotdot-symlink', 'handle-tcp-bound', 'handle-tcp-getter', 'handle-process-getter', 'handle-udp-getter', 'handle-tcp-listen-getter']) {
      expect(names).toContain(required);
    }
  });

  for (const major of [20, 22, 24]) {
    describe(`Node ${major}`, () => {
      it('without the shield, every attack succeeds (the attacks are real)', () => {
        expect(existsSync(NODE_BINARIES[major]!), `Node ${major} missing`).toBe(true);
        const failures: string[] = [];
        for (const attack of attacks) {
          if (attack.meta.minNode !== undefined && major < attack.meta.minNode) continue;
          const run = runs.get(runKey(major, 'none', attack.name));
          if (attack.meta.allowed) {
            if (run?.outcome?.ok !== true) failures.push(`${attack.name}: ${describeRun(run)}`);
            continue;
          }
          if (!evidence(major, 'none', attack)) failures.push(`${attack.name}: no evidence; ${describeRun(run)}`);
        }
        expect(failures).toEqual([]);
      });

      it('block mode stops every attack with ERR_LEASH_DENIED and a violation line; allowed operations work', () => {
        expect(existsSync(NODE_BINARIES[major]!), `Node ${major} missing`).toBe(true);
        const failures: string[] = [];
        for (const attack of attacks) {
          if (attack.meta.minNode !== undefined && major < attack.meta.minNode) continue;
          const run = runs.get(runKey(major, 'block', attack.name));
          if (attack.meta.allowed) {
            if (run?.outcome?.ok !== true || run.violations.length > 0) failures.push(`${attack.name} (allowed): ${describeRun(run)}`);
            continue;
          }
          if (evidence(major, 'block', attack)) failures.push(`${attack.name}: LEAKED; ${describeRun(run)}`);
          if (run?.outcome?.ok !== false) failures.push(`${attack.name}: attack did not fail; ${describeRun(run)}`);
          else if (!attack.meta.noErrorCode && run.outcome.code !== 'ERR_LEASH_DENIED') failures.push(`${attack.name}: code ${String(run.outcome.code)}; ${describeRun(run)}`);
          const pkg = attack.meta.package === undefined ? `evil-${attack.name}` : attack.meta.package;
          const line = run?.violations.find((v) => v.kind === attack.meta.kind && v.mode === 'block' && v.package === pkg);
          if (!line) failures.push(`${attack.name}: no violation line kind=${attack.meta.kind} package=${pkg}; ${describeRun(run)}`);
        }
        expect(failures).toEqual([]);
      });

      it('alert mode lets every attack through and prints a violation line', () => {
        expect(existsSync(NODE_BINARIES[major]!), `Node ${major} missing`).toBe(true);
        const failures: string[] = [];
        for (const attack of attacks) {
          if (attack.meta.minNode !== undefined && major < attack.meta.minNode) continue;
          const run = runs.get(runKey(major, 'alert', attack.name));
          if (attack.meta.allowed) {
            if (run?.outcome?.ok !== true || run.violations.length > 0) failures.push(`${attack.name} (allowed): ${describeRun(run)}`);
            continue;
          }
          if (!evidence(major, 'alert', attack)) failures.push(`${attack.name}: no evidence in alert mode; ${describeRun(run)}`);
          const pkg = attack.meta.package === undefined ? `evil-${attack.name}` : attack.meta.package;
          const line = run?.violations.find((v) => v.kind === attack.meta.kind && v.mode === 'alert' && v.package === pkg);
          if (!line) failures.push(`${attack.name}: no violation line kind=${attack.meta.kind} package=${pkg}; ${describeRun(run)}`);
        }
        expect(failures).toEqual([]);
      });
    });
  }
});

