// An eval worker (no file) with execArgv: [] and env: {} writes a file.
import { Worker } from 'node:worker_threads';
export const meta = { kind: 'fs-write', evidence: 'file', package: null };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const code = `const { parentPort, workerData } = require('node:worker_threads');
      try { require('node:fs').writeFileSync(workerData.marker, workerData.secret); parentPort.postMessage({ ok: true }); }
      catch (error) { parentPort.postMessage({ code: error.code }); }`;
    const worker = new Worker(code, { eval: true, env: {}, execArgv: [], workerData: ctx });
    worker.on('message', (m) => { worker.terminate(); if (m.ok) resolve('written'); else reject(Object.assign(new Error('worker failed'), { code: m.code })); });
    worker.on('error', reject);
  });
}
