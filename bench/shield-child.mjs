// One benchmark scenario in a fresh process, run by bench/shield.mjs with or without the shield
// preloaded. Prints one JSON line: { scenario, nsPerOp } or { scenario, ms }.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const [scenario, arg] = process.argv.slice(2);
const print = (value) => process.stdout.write(JSON.stringify({ scenario, ...value }) + '\n');

async function timeLoop(iterations, body) {
  for (let i = 0; i < Math.min(200, iterations / 10); i++) await body(); // warm up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await body();
  return ((performance.now() - start) * 1e6) / iterations;
}

if (scenario === 'cold') {
  // arg: none | import | lambda-none | lambda-import. `lambda-*` first loads what the Lambda Node
  // runtime loads in every process anyway (node:http, which brings net, stream...; node:dns), so
  // only the shield's own share is left. `import` times the import + install of the register
  // entry (policy from LEASH_POLICY; BENCH_REGISTER picks another build) inside the process.
  if (arg.startsWith('lambda-')) {
    await import('node:http');
    await import('node:dns');
  }
  const register = process.env.BENCH_REGISTER ?? new URL('../packages/shield/dist/register.js', import.meta.url).href;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  if (arg.endsWith('import')) await import(register);
  const cpu = process.cpuUsage(cpuStart);
  const total = process.cpuUsage();
  // CPU times count this process's threads only, so they move less than wall times on a busy machine.
  print({ ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, processCpuMs: (total.user + total.system) / 1000 });
} else if (scenario === 'readFileSync') {
  const file = arg;
  const iterations = 100_000;
  const start = performance.now();
  for (let i = 0; i < 2000; i++) fs.readFileSync(file);
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fs.readFileSync(file);
  print({ nsPerOp: ((performance.now() - t0) * 1e6) / iterations, warm: performance.now() - start });
} else if (scenario === 'connect') {
  const { default: net } = await import('node:net');
  const port = Number(arg);
  const nsPerOp = await timeLoop(2000, () => new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(); });
    socket.on('error', reject);
  }));
  print({ nsPerOp });
} else if (scenario === 'http') {
  const { default: http } = await import('node:http');
  const port = Number(arg);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const nsPerOp = await timeLoop(5000, () => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/item', agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
  }));
  agent.destroy();
  print({ nsPerOp });
}
