// @leash/shield overhead against the same code without the shield, measured in the same run.
// Each scenario runs in fresh processes, alternating baseline / shield, and reports medians:
//   cold start   import + install of the shield (ms), and whole-process wall time with --import
//   connect      one outbound TCP connection to an allowed local server
//   readFileSync one small file (sync), path checked and realpath'd (cached for read-only dirs)
//   http         keep-alive HTTP GET loop to an allowed local server
// Cold start is measured twice: plain, and "Lambda-like", where the script (with and without the
// shield) first loads what the Lambda Node runtime loads in every process anyway (node:http, node:dns),
// so only the shield's own share is left. With --before <register.js> (e.g. a build of an older
// commit) the cold-start rows also show that build, measured in the same run, alternating.
// Goals: < 5 ms cold start, < 3 % on the HTTP loop, < 10 % on small sync reads.
// Usage: npm run build && node bench/shield.mjs [rounds] [--before path/to/register.js]
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const cli = process.argv.slice(2);
const beforeAt = cli.indexOf('--before');
const beforeFile = beforeAt >= 0 ? cli.splice(beforeAt, 2)[1] : undefined;
const rounds = Number(cli[0] ?? 9);
const child = fileURLToPath(new URL('./shield-child.mjs', import.meta.url));
const register = pathToFileURL(fileURLToPath(new URL('../packages/shield/dist/register.js', import.meta.url))).href;
const before = beforeFile === undefined ? undefined : pathToFileURL(beforeFile).href;
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

/** withShield: false, true (this build), or the URL of another register build to preload. */
function runAsync(withShield, scenario, arg, extraEnv = {}) {
  const args = withShield === false ? [] : ['--import', withShield === true ? register : withShield];
  const start = performance.now();
  const proc = spawn(process.execPath, [...args, child, scenario, arg], {
    env: { ...process.env, LEASH_POLICY: policy, BENCH_POLICY: policy, ...extraEnv },
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

/**
 * Cold start, alternating baseline / this build / the --before build. `lambda` first loads what the
 * Lambda runtime loads anyway. Per build: the import + install inside the process (wall and CPU),
 * and the whole process (wall from spawn to exit, and the process's own CPU time).
 */
async function coldStart(lambda) {
  const prefix = lambda ? 'lambda-' : '';
  const builds = { base: [], after: [], before: [] };
  for (let i = 0; i < rounds * 2; i++) {
    builds.base.push(await runAsync(false, 'cold', `${prefix}none`));
    builds.after.push(await runAsync(false, 'cold', `${prefix}import`));
    builds.after.at(-1).process = await runAsync(true, 'cold', `${prefix}none`);
    if (before) {
      builds.before.push(await runAsync(false, 'cold', `${prefix}import`, { BENCH_REGISTER: before }));
      builds.before.at(-1).process = await runAsync(before, 'cold', `${prefix}none`);
    }
  }
  const stats = (values) => ({ median: values.length ? median(values) : NaN, min: values.length ? Math.min(...values) : NaN });
  const summary = (runs, isBase) => ({
    ms: stats(runs.map((r) => r.ms)),
    cpuMs: stats(runs.map((r) => r.cpuMs)),
    wall: stats(runs.map((r) => (isBase ? r : r.process).wall)),
    processCpuMs: stats(runs.map((r) => (isBase ? r : r.process).processCpuMs)),
  });
  return { base: summary(builds.base, true), after: summary(builds.after, false), before: before ? summary(builds.before, false) : undefined };
}

const coldPlain = await coldStart(false);
const coldLambda = await coldStart(true);
const read = await compare('readFileSync', smallFile, 'nsPerOp');
const connect = await compare('connect', String(port), 'nsPerOp');
const httpLoop = await compare('http', String(port), 'nsPerOp');
server.close();
rmSync(dir, { recursive: true, force: true });

const fmt = (n, digits = 1) => n.toFixed(digits);
const signed = (n) => `${n >= 0 ? '+' : ''}${fmt(n)} %`;
const pct = (r) => `${signed(r.percent)} (min-to-min ${signed(r.minPercent)})`;
const ms = (n) => `${fmt(n)} ms`;
const plusMs = (n) => `${n >= 0 ? '+' : ''}${fmt(n)} ms`;
const added = (with_, without) => `${plusMs(with_.median - without.median)} (min-to-min ${plusMs(with_.min - without.min)})`;
const coldRows = [];
for (const [label, cold] of [['', coldPlain], ['Lambda-like (http, dns loaded anyway), ', coldLambda]]) {
  const builds = before ? [['before', cold.before], ['after', cold.after]] : [['', cold.after]];
  for (const [build, s] of builds) {
    const tag = build ? ` [${build}]` : '';
    const zero = { median: 0, min: 0 };
    coldRows.push([`cold start: ${label}import + install in process, wall${tag}`, '—', ms(s.ms.median), added(s.ms, zero), 'goal < 5 ms']);
    coldRows.push([`cold start: ${label}import + install in process, CPU${tag}`, '—', ms(s.cpuMs.median), added(s.cpuMs, zero), '']);
    coldRows.push([`cold start: ${label}whole process with --import, wall${tag}`, ms(cold.base.wall.median), ms(s.wall.median), added(s.wall, cold.base.wall), 'spawn to exit']);
    coldRows.push([`cold start: ${label}whole process with --import, CPU${tag}`, ms(cold.base.processCpuMs.median), ms(s.processCpuMs.median), added(s.processCpuMs, cold.base.processCpuMs), 'process.cpuUsage at exit']);
  }
}
const rows = [
  ...coldRows,
  ['readFileSync (small file)', `${fmt(read.base / 1000, 2)} µs`, `${fmt(read.shield / 1000, 2)} µs`, pct(read), 'goal < 10 %'],
  ['outbound connection (allowed, local)', `${fmt(connect.base / 1000)} µs`, `${fmt(connect.shield / 1000)} µs`, pct(connect), ''],
  ['HTTP keep-alive request loop (allowed)', `${fmt(httpLoop.base / 1000)} µs`, `${fmt(httpLoop.shield / 1000)} µs`, pct(httpLoop), 'goal < 3 %'],
];
console.log(`@leash/shield overhead, Node ${process.version}, ${rounds} rounds alternating baseline/shield (medians; min-to-min compares the least disturbed runs)\n`);
console.log(['scenario', 'without', 'with shield', 'added', 'note'].join(' | '));
for (const row of rows) console.log(row.join(' | '));
