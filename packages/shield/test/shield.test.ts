/**
 * Behaviour of the shield as a whole, each case in a child process: policy discovery and failure
 * at start, immutability, tamper resistance, the violation channel and rate limit, the Lambda
 * Runtime API exception, the CJS preload, and child `node` processes inheriting the shield.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

const shieldDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const registerUrl = pathToFileURL(join(shieldDir, 'dist/register.js')).href;
const indexUrl = pathToFileURL(join(shieldDir, 'dist/index.js')).href;
let dir = '';
let server: Server;
let port = 0;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
  violations: Array<Record<string, unknown>>;
}

/** Runs code in a child process (async: the test's own servers must keep answering meanwhile). */
async function run(code: string, options: { env?: NodeJS.ProcessEnv; preload?: 'import' | 'require' | 'none'; cwd?: string } = {}): Promise<Result> {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const preload = options.preload ?? 'import';
  const args = preload === 'import' ? ['--import', registerUrl] : preload === 'require' ? ['--require', join(shieldDir, 'dist/register.js')] : [];
  const child = spawn(process.execPath, [...args, file], { cwd: options.cwd ?? dir, env: { PATH: process.env.PATH, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  const violations = stderr
    .split('\n')
    .filter((l) => l.startsWith('{"leash":"violation"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status, stdout, stderr, violations };
}

const strict = (extra: object = {}) => JSON.stringify({ mode: 'block', network: { allow: [] }, exec: { allow: [] }, fs: { read: [dir], write: [] }, ...extra });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leash-shield-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  server = createServer((_req, res) => res.end('runtime-ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('starting', () => {
  it('the register bundle takes built-ins without ES module facades (cold start), and works without process.getBuiltinModule', async () => {
    const bundle = readFileSync(join(shieldDir, 'dist/register.js'), 'utf8');
    const esmBuiltinImports = [...bundle.matchAll(/from\s*["']node:([\w/]+)["']/g)].map((m) => m[1]);
    expect(esmBuiltinImports).toEqual(['module']);
    const file = join(dir, 'no-get-builtin-module.cjs');
    writeFileSync(file, 'delete process.getBuiltinModule;');
    const child = spawn(process.execPath, ['--require', file, '--import', registerUrl, '-e', "try { require('fs').readFileSync('/etc/hostname'); console.log('read'); } catch (e) { console.log(e.code); }"], { cwd: dir, env: { PATH: process.env.PATH, LEASH_POLICY: strict() } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    await new Promise((r) => child.on('close', r));
    expect(stdout.trim()).toBe('ERR_LEASH_DENIED');
  });

  it('stops the process with a clear message on an invalid policy, before user code runs', async () => {
    const result = await run("console.log('USER CODE RAN')", { env: { LEASH_POLICY: '{"mode":"block","netwrok":{}}' } });
    expect(result.status).toBe(78);
    expect(result.stdout).not.toContain('USER CODE RAN');
    expect(result.stderr).toContain('leash shield: cannot start (ERR_LEASH_POLICY): LEASH_POLICY: unknown key "netwrok"');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses to run without any policy', async () => {
    const result = await run("console.log('USER CODE RAN')", { env: {} });
    expect(result.status).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no policy');
  });

  it('reads LEASH_POLICY_FILE, then leash.policy.json in LAMBDA_TASK_ROOT, then in the working directory', async () => {
    const code = "import fs from 'node:fs'; try { fs.readFileSync('/etc/hostname'); console.log('read'); } catch (e) { console.log(e.code); }";
    const policyFile = join(dir, 'custom-policy.json');
    writeFileSync(policyFile, strict());
    expect((await run(code, { env: { LEASH_POLICY_FILE: policyFile } })).stdout.trim()).toBe('ERR_LEASH_DENIED');
    expect((await run(code, { env: { LEASH_POLICY_FILE: join(dir, 'missing.json') } })).status).toBe(78);
    const taskRoot = join(dir, 'task');
    mkdirSync(taskRoot, { recursive: true });
    writeFileSync(join(taskRoot, 'leash.policy.json'), strict());
    expect((await run(code, { env: { LAMBDA_TASK_ROOT: taskRoot } })).stdout.trim()).toBe('ERR_LEASH_DENIED');
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, 'leash.policy.json'), JSON.stringify({ mode: 'block', fs: { read: [dir] } }));
    expect((await run(code, { env: {}, cwd })).stdout.trim()).toBe('ERR_LEASH_DENIED');
  });

  it('works as a CommonJS preload (--require)', async () => {
    const result = await run("import fs from 'node:fs'; try { fs.readFileSync('/etc/hostname'); console.log('read'); } catch (e) { console.log(e.code); }", { preload: 'require', env: { LEASH_POLICY: strict() } });
    expect(result.stdout.trim()).toBe('ERR_LEASH_DENIED');
  });
});

describe('immutability and tamper resistance', () => {
  it('cannot be loosened by a second shield() call', async () => {
    const result = await run(
      `import { shield } from ${JSON.stringify(indexUrl)};
       shield(${strict()});
       try { shield(${JSON.stringify({ mode: 'alert' })}); console.log('loosened'); } catch (e) { console.log(e.code); }
       shield(${strict()}); console.log('same policy ok');`,
      { preload: 'none' },
    );
    expect(result.stdout).toContain('ERR_LEASH_POLICY');
    expect(result.stdout).toContain('same policy ok');
    expect(result.stdout).not.toContain('loosened');
  });

  it('takes a parsed policy as is but validates a forged Policy-shaped object from its canonical JSON', async () => {
    const result = await run(
      `import { shield, parsePolicy } from ${JSON.stringify(indexUrl)};
       const parsed = parsePolicy(${strict()});
       const forged = { ...parsed, mode: 'alert', canonical: JSON.stringify({ mode: 'block', network: { allow: ['not a host!'] } }) };
       try { shield(forged); console.log('forged accepted'); } catch (e) { console.log('forged', e.code); }
       console.log('parsed', shield(parsed).policy === parsed);`,
      { preload: 'none' },
    );
    expect(result.stdout).toContain('forged ERR_LEASH_POLICY');
    expect(result.stdout).toContain('parsed true');
  });

  it('keeps its wrappers and its own primordials when user code tampers with built-ins', async () => {
    const result = await run(
      `import fs from 'node:fs'; import path from 'node:path'; import net from 'node:net';
       const out = [];
       try { fs.readFileSync = () => 'fake'; out.push('assigned'); } catch { out.push('assign-refused'); }
       try { Object.defineProperty(fs, 'readFileSync', { value: () => 'fake' }); out.push('redefined'); } catch { out.push('redefine-refused'); }
       try { delete net.Socket.prototype.connect; out.push(typeof net.Socket.prototype.connect); } catch { out.push('delete-refused'); }
       String.prototype.startsWith = () => true;
       String.prototype.includes = () => true;
       path.resolve = () => ${JSON.stringify(dir)} + '/ok';
       Array.prototype.some = () => true;
       process.cwd = () => ${JSON.stringify(dir)};
       try { fs.readFileSync('/etc/hostname'); out.push('READ'); } catch (e) { out.push(e.code); }
       console.log(out.join(','));`,
      { env: { LEASH_POLICY: strict() } },
    );
    expect(result.stdout.trim()).toBe('assign-refused,redefine-refused,delete-refused,ERR_LEASH_DENIED');
  });

  it('decides with its own copies of String, RegExp and Array built-ins', async () => {
    const result = await run(
      `import fs from 'node:fs'; import net from 'node:net';
       const prefix = ${JSON.stringify(dir)};
       // A path whose character right after the allowed prefix's length is "/": a poisoned
       // startsWith would make it look like it lies under the prefix.
       const crafted = '/etc/' + 'a'.repeat(prefix.length - 5) + '/x';
       String.prototype.startsWith = () => true;
       String.prototype.endsWith = () => true;
       RegExp.prototype.test = () => true;
       Array.prototype[Symbol.iterator] = function* () { yield { type: 'any', raw: '*' }; };
       const out = [];
       try { fs.readFileSync(crafted); out.push('READ'); } catch (e) { out.push(e.code); }
       await new Promise((resolve) => { const s = net.connect(9, '203.0.113.9'); s.on('error', (e) => { out.push(e.code); resolve(); }); s.on('connect', () => { out.push('CONNECTED'); s.destroy(); resolve(); }); });
       console.log(out.join(','));`,
      { env: { LEASH_POLICY: strict() } },
    );
    expect(result.stdout.trim()).toBe('ERR_LEASH_DENIED,ERR_LEASH_DENIED');
  });

  it('does not remember decisions for writable places: a file swapped for a symlink is checked again', async () => {
    const scratch = join(dir, 'scratch-swap');
    mkdirSync(scratch, { recursive: true });
    const result = await run(
      `import fs from 'node:fs'; import { execFileSync } from 'node:child_process';
       const file = ${JSON.stringify(join(scratch, 'data.txt'))};
       fs.writeFileSync(file, 'public');
       const out = [fs.readFileSync(file, 'utf8')];
       // An allowed program (not JS) swaps the file for a symlink pointing outside fs.read.
       execFileSync('ln', ['-sf', '/etc/hostname', file]);
       try { out.push(fs.readFileSync(file, 'utf8')); } catch (e) { out.push(e.code); }
       console.log(out.join(','));`,
      { env: { LEASH_POLICY: JSON.stringify({ mode: 'block', exec: { allow: ['ln'] }, fs: { read: [dir], write: [scratch] } }) } },
    );
    expect(result.stdout.trim()).toBe('public,ERR_LEASH_DENIED');
    expect(result.stderr).toContain(`"kind":"fs-read","target":"${join(scratch, 'data.txt')}"`);
  });

  it('does not accept a replacement policy for workers through setEnvironmentData', async () => {
    const result = await run(
      `import { setEnvironmentData } from 'node:worker_threads';
       try { setEnvironmentData('leash:shield:policy', '{"mode":"alert"}'); console.log('replaced'); } catch (e) { console.log('refused'); }`,
      { env: { LEASH_POLICY: strict() } },
    );
    expect(result.stdout.trim()).toBe('refused');
  });
});

describe('reporting', () => {
  it('publishes every violation on diagnostics_channel leash:shield:violation', async () => {
    const result = await run(
      `import dc from 'node:diagnostics_channel'; import fs from 'node:fs';
       const seen = [];
       dc.subscribe('leash:shield:violation', (message) => seen.push(message.kind + ' ' + message.target));
       for (let i = 0; i < 3; i++) { try { fs.readFileSync('/etc/hostname'); } catch {} }
       console.log(JSON.stringify(seen));`,
      { env: { LEASH_POLICY: strict() } },
    );
    expect(JSON.parse(result.stdout)).toEqual(['fs-read /etc/hostname', 'fs-read /etc/hostname', 'fs-read /etc/hostname']);
    expect(result.violations).toHaveLength(1); // distinct (kind, target) once on stderr
  });

  it('caps the lines per second so a loop cannot flood the logs', async () => {
    const result = await run(
      `import fs from 'node:fs';
       for (let i = 0; i < 2000; i++) { try { fs.readFileSync('/etc/nothing-' + i); } catch {} }
       await new Promise((r) => setTimeout(r, 1100));
       try { fs.readFileSync('/etc/last-one'); } catch {}`,
      { env: { LEASH_POLICY: strict() } },
    );
    expect(result.violations.length).toBeLessThanOrEqual(21);
    expect(result.violations.length).toBeGreaterThanOrEqual(20);
    expect(result.stderr).toMatch(/\{"leash":"suppressed","count":19\d\d,"kinds":\{"fs-read":19\d\d\}/);
  });

  it('does not let a flood of decoys silence a real violation for good', async () => {
    const result = await run(
      `import fs from 'node:fs'; import net from 'node:net';
       const leak = () => { const s = net.connect(9, '192.0.2.1'); s.on('error', () => {}); };
       for (let i = 0; i < 50; i++) { try { fs.readFileSync('/etc/decoy-' + i); } catch {} }
       leak();
       await new Promise((r) => setTimeout(r, 1100));
       leak();`,
      { env: { LEASH_POLICY: strict() } },
    );
    expect(result.stderr).toMatch(/\{"leash":"suppressed","count":31,"kinds":\{"fs-read":30,"network":1\}/);
    expect(result.violations.filter((v) => v.kind === 'network')).toHaveLength(1);
  });

  it('names the package from the nearest node_modules frame, null for app code', async () => {
    mkdirSync(join(dir, 'node_modules/@scope/sneaky'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/@scope/sneaky/package.json'), '{"name":"@scope/sneaky","type":"module","main":"index.js"}');
    writeFileSync(join(dir, 'node_modules/@scope/sneaky/index.js'), "import fs from 'node:fs'; export const peek = (p) => { try { fs.readFileSync(p); } catch {} };");
    const result = await run(
      `import fs from 'node:fs'; import { peek } from '@scope/sneaky';
       peek('/etc/hostname');
       try { fs.readFileSync('/etc/passwd'); } catch {}`,
      { env: { LEASH_POLICY: strict() } },
    );
    expect(result.violations.map((v) => [v.target, v.package])).toEqual([
      ['/etc/hostname', '@scope/sneaky'],
      ['/etc/passwd', null],
    ]);
  });
});

describe('network semantics', () => {
  it('ignores a caller-supplied lookup for an allowed name (it could map the name anywhere)', async () => {
    const result = await run(
      `import net from 'node:net';
       const lookup = (_h, o, cb) => (o && o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4));
       const s = net.connect({ host: 'allowed.invalid', port: ${port}, lookup });
       s.on('connect', () => { console.log('CONNECTED'); s.destroy(); });
       s.on('error', (e) => console.log(e.code));`,
      { env: { LEASH_POLICY: JSON.stringify({ mode: 'block', network: { allow: [`allowed.invalid:${port}`] } }) } },
    );
    expect(result.stdout.trim()).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
  });

  it('allows a name through an IP/CIDR entry by its resolved address, and only then', async () => {
    const code = `import http from 'node:http';
      http.get('http://localhost:${port}/', (res) => { res.resume(); console.log(res.statusCode); }).on('error', (e) => console.log(e.code));`;
    const byCidr = await run(code, { env: { LEASH_POLICY: JSON.stringify({ mode: 'block', network: { allow: [`127.0.0.0/8:${port}`, `[::1]:${port}`] } }) } });
    expect(byCidr.stdout.trim()).toBe('200');
    const otherCidr = await run(code, { env: { LEASH_POLICY: JSON.stringify({ mode: 'block', network: { allow: [`10.0.0.0/8:${port}`] } }) } });
    expect(otherCidr.stdout.trim()).toBe('ERR_LEASH_DENIED');
  });
});

describe('Lambda and children', () => {
  it('allows the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API) and nothing else on loopback', async () => {
    const code = `import http from 'node:http';
      const get = (p) => new Promise((resolve) => http.get('http://127.0.0.1:' + p + '/2018-06-01/runtime/invocation/next', (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(b)); }).on('error', (e) => resolve(e.code)));
      console.log(await get(${port}), await get(${port + 1 === 65536 ? port - 1 : port + 1}));`;
    expect((await run(code, { env: { LEASH_POLICY: strict(), AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}` } })).stdout.trim()).toBe('runtime-ok ERR_LEASH_DENIED');
    expect((await run(code, { env: { LEASH_POLICY: strict() } })).stdout.trim()).toBe('ERR_LEASH_DENIED ERR_LEASH_DENIED');
  });

  it('puts the shield into child node processes, whatever env they are given', async () => {
    const result = await run(
      `import { execFileSync } from 'node:child_process';
       const out = execFileSync(process.execPath, ['-e', "try { require('fs').readFileSync('/etc/hostname'); console.log('CHILD READ') } catch (e) { console.log('child ' + e.code) }"], { env: {} });
       console.log(out.toString().trim());`,
      { env: { LEASH_POLICY: strict({ exec: { allow: [process.execPath] } }) } },
    );
    expect(result.stdout.trim()).toBe('child ERR_LEASH_DENIED');
  });
});

const repoNodeModules = resolve(shieldDir, '../../node_modules');
const sdkAvailable = (() => {
  try {
    return require.resolve('@aws-sdk/client-dynamodb', { paths: [repoNodeModules] }) !== '';
  } catch {
    return false;
  }
})();

describe.skipIf(!sdkAvailable)('AWS SDK v3 under the shield', () => {
  it('calls an allowed endpoint normally and gets ERR_LEASH_DENIED for a denied one', async () => {
    const dynamo = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        res.end(JSON.stringify({ TableNames: [`tables-for-${req.headers['x-amz-target']}`] }));
      });
    });
    await new Promise<void>((r) => dynamo.listen(0, '127.0.0.1', () => r()));
    const dynamoPort = (dynamo.address() as { port: number }).port;
    const sdkUrl = pathToFileURL(require.resolve('@aws-sdk/client-dynamodb', { paths: [repoNodeModules] })).href;
    const code = `import { DynamoDBClient, ListTablesCommand } from ${JSON.stringify(sdkUrl)};
      const make = (port) => new DynamoDBClient({ region: 'eu-west-1', endpoint: 'http://localhost:' + port, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
      const allowed = await make(${dynamoPort}).send(new ListTablesCommand({}));
      console.log(allowed.TableNames.join(','));
      try { await make(${dynamoPort === 65535 ? dynamoPort - 1 : dynamoPort + 1}).send(new ListTablesCommand({})); console.log('DENIED ENDPOINT REACHED'); }
      catch (e) { console.log(e.code ?? e.name); }`;
    const policy = { mode: 'block', network: { allow: [`localhost:${dynamoPort}`] }, exec: { allow: [] }, fs: { read: [dir, repoNodeModules], write: ['/tmp/cache'] } };
    try {
      const result = await run(code, { env: { LEASH_POLICY: JSON.stringify(policy), HOME: dir } });
      expect(result.stdout.trim().split('\n')).toEqual(['tables-for-DynamoDB_20120810.ListTables', 'ERR_LEASH_DENIED']);
      expect(result.violations.map((v) => v.kind)).toEqual(['network']);
    } finally {
      dynamo.close();
    }
  });
});

describe('a typical handler under a strict block policy', () => {
  it('runs a Lambda-style loop against the Runtime API: CJS deps, config reads, /tmp cache, allowed HTTPS-like call, zlib, crypto', async () => {
    // A fake Runtime API: one invocation, then records the response.
    let response = '';
    const runtime = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/2018-06-01/runtime/invocation/next') {
          res.setHeader('lambda-runtime-aws-request-id', 'req-1');
          res.end(JSON.stringify({ orderId: 42 }));
        } else {
          response = body;
          res.end('{}');
        }
      });
    });
    await new Promise<void>((r) => runtime.listen(0, '127.0.0.1', () => r()));
    const runtimePort = (runtime.address() as { port: number }).port;
    const task = join(dir, 'typical-task');
    mkdirSync(join(task, 'node_modules/tiny-dep'), { recursive: true });
    writeFileSync(join(task, 'node_modules/tiny-dep/package.json'), '{"name":"tiny-dep","main":"index.js"}');
    writeFileSync(join(task, 'node_modules/tiny-dep/index.js'), "const path = require('path'); module.exports = (x) => path.join('orders', String(x));");
    writeFileSync(join(task, 'config.json'), '{"table":"orders"}');
    writeFileSync(
      join(task, 'index.mjs'),
      `import { createRequire } from 'node:module'; import fs from 'node:fs'; import http from 'node:http'; import zlib from 'node:zlib'; import crypto from 'node:crypto';
       const require = createRequire(import.meta.url);
       const key = require('tiny-dep');
       const config = JSON.parse(fs.readFileSync(new URL('./config.json', import.meta.url), 'utf8'));
       const api = 'http://' + process.env.AWS_LAMBDA_RUNTIME_API + '/2018-06-01/runtime';
       const call = (url, body) => new Promise((resolve, reject) => {
         const req = http.request(url, { method: body ? 'POST' : 'GET' }, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve({ body: b, id: res.headers['lambda-runtime-aws-request-id'] })); });
         req.on('error', reject); req.end(body);
       });
       const next = await call(api + '/invocation/next');
       const event = JSON.parse(next.body);
       fs.mkdirSync('/tmp/cache-${process.pid}', { recursive: true });
       fs.writeFileSync('/tmp/cache-${process.pid}/last.json', next.body);
       const packed = zlib.gzipSync(next.body);
       const result = { key: key(event.orderId), table: config.table, hash: crypto.createHash('sha256').update(packed).digest('hex').slice(0, 8), cached: fs.readFileSync('/tmp/cache-${process.pid}/last.json', 'utf8') };
       await call(api + '/invocation/' + next.id + '/response', JSON.stringify(result));`,
    );
    const policy = { mode: 'block', network: { allow: [] }, exec: { allow: [] }, fs: { read: [task, `/tmp/cache-${process.pid}`], write: [`/tmp/cache-${process.pid}`] }, addons: { allow: [] } };
    try {
      const child = spawn(process.execPath, ['--import', registerUrl, join(task, 'index.mjs')], {
        env: { PATH: process.env.PATH, LEASH_POLICY: JSON.stringify(policy), AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${runtimePort}`, LAMBDA_TASK_ROOT: task },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const status = await new Promise<number | null>((r) => child.on('close', r));
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(JSON.parse(response)).toMatchObject({ key: 'orders/42', table: 'orders', cached: '{"orderId":42}' });
    } finally {
      runtime.close();
      rmSync(`/tmp/cache-${process.pid}`, { recursive: true, force: true });
    }
  });
});
