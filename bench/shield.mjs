// @leash/shield overhead against the same code without the shield, measured in the same run.
// Each scenario runs in fresh processes, alternating baseline / shield, and reports medians:
//   cold start   import + install of the shield (ms), and whole-process wall time with --import
//   connect      one outbound TCP connection to an allowed local server
//   readFileSync one small file (sync), path checked and realpath'd (cached for read-only dirs)
//   http         keep-alive HTTP GET loop to an allowed local server
// Goals: < 5 ms cold start, < 3 % on the HTTP loop, < 10 % on small sync reads.
// Usage: npm run build && node bench/shield.mjs [rounds]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const rounds = Number(process.argv[2] ?? 9);
const child = fileURLToPath(new URL('./shield-child.mjs', import.meta.url));
const register = pathToFileURL(fileURLToPath(new URL('../packages/shield/dist/register.js', import.meta.url))).href;
const dir = mkdtempSync(join(tmpdir(), 'leash-bench-'));
const smallFile = join(dir, 'small.json');
writeFileSync(smallFile, JSON.stringify({ hello: 'world', n: 42 }));

const server = createServer((_req, res) => res.end('{"ok":true}'));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;

const policy = JSON.stringify({
  mode: 'block',
  network: { allow: [`127.0.0.1:${port}`, '*.amazonaws.com:443'] },
  exec: { allow: [] },
  fs: { read: [dir, fileURLToPath(new URL('..', import.meta.url))], write: [join(dir, 'cache')] },
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function compare(scenario, arg, field) {
  const base = [];
  const shielded = [];
  for (let i = 0; i < rounds; i++) {
    base.push(await runAsync(false, scenario, arg));
    shielded.push(await runAsync(true, scenario, arg));
  }
  // Medians, and minimums (the run least disturbed by other load on the machine).
  const b = median(base.map((r) => r[field]));
  const s = median(shielded.map((r) => r[field]));
  const bMin = Math.min(...base.map((r) => r[field]));
  const sMin = Math.min(...shielded.map((r) => r[field]));
  return { base: b, shield: s, added: s - b, percent: ((s - b) / b) * 100, minPercent: ((sMin - bMin) / bMin) * 100 };
}

function runAsync(withShield, scenario, arg) {
  const args = withShield ? ['--import', register] : [];
  const start = performance.now();
  const proc = spawn(process.execPath, [...args, child, scenario, arg], {
    env: { ...process.env, LEASH_POLICY: policy, BENCH_POLICY: policy },
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${scenario}: ${err}`));
      resolve({ ...JSON.parse(out.trim().split('\n').pop()), wall: performance.now() - start });
    }),
  );
}

const coldInstall = await (async () => {
  const base = [];
  const shielded = [];
  for (let i = 0; i < rounds * 2; i++) {
    base.push((await runAsync(false, 'cold', 'none')).ms);
    shielded.push((await runAsync(false, 'cold', 'import')).ms);
  }
  return { base: median(base), shield: median(shielded) };
})();
const coldWall = await (async () => {
  const base = [];
  const shielded = [];
  for (let i = 0; i < rounds * 2; i++) {
    base.push((await runAsync(false, 'cold', 'none')).wall);
    shielded.push((await runAsync(true, 'cold', 'none')).wall);
  }
  return { base: median(base), shield: median(shielded) };
})();
const read = await compare('readFileSync', smallFile, 'nsPerOp');
const connect = await compare('connect', String(port), 'nsPerOp');
const httpLoop = await compare('http', String(port), 'nsPerOp');
server.close();
rmSync(dir, { recursive: true, force: true });

const fmt = (n, digits = 1) => n.toFixed(digits);
const signed = (n) => `${n >= 0 ? '+' : ''}${fmt(n)} %`;
const pct = (r) => `${signed(r.percent)} (min-to-min ${signed(r.minPercent)})`;
const rows = [
  ['cold start: import + install of register.js (in process)', `${fmt(coldInstall.base, 2)} ms`, `${fmt(coldInstall.shield, 2)} ms`, `+${fmt(coldInstall.shield - coldInstall.base, 2)} ms`, 'goal < 5 ms'],
  ['cold start: process wall time with --import', `${fmt(coldWall.base)} ms`, `${fmt(coldWall.shield)} ms`, `+${fmt(coldWall.shield - coldWall.base)} ms`, 'node --import register vs plain node, empty script'],
  ['readFileSync (small file)', `${fmt(read.base / 1000, 2)} µs`, `${fmt(read.shield / 1000, 2)} µs`, pct(read), 'goal < 10 %'],
  ['outbound connection (allowed, local)', `${fmt(connect.base / 1000)} µs`, `${fmt(connect.shield / 1000)} µs`, pct(connect), ''],
  ['HTTP keep-alive request loop (allowed)', `${fmt(httpLoop.base / 1000)} µs`, `${fmt(httpLoop.shield / 1000)} µs`, pct(httpLoop), 'goal < 3 %'],
];
console.log(`@leash/shield overhead, Node ${process.version}, ${rounds} rounds alternating baseline/shield (medians; min-to-min compares the least disturbed runs)\n`);
console.log(['scenario', 'without', 'with shield', 'added', 'note'].join(' | '));
for (const row of rows) console.log(row.join(' | '));
