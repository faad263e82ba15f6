// A worker with env: {} (drops a NODE_OPTIONS preload) and execArgv: [] runs a child process.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { execFileSync } from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
if (!isMainThread && workerData?.leashAttack === 'worker-env') {
  try {
    execFileSync('/bin/sh', ['-c', `echo ${workerData.secret} > ${workerData.marker}`]);
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ code: error.code });
  }
}
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { env: {}, execArgv: [], workerData: { ...ctx, leashAttack: 'worker-env' } });
    worker.on('message', (m) => { worker.terminate(); if (m.ok) resolve('ran'); else reject(Object.assign(new Error('worker failed'), { code: m.code })); });
    worker.on('error', reject);
  });
}
