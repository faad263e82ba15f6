// A worker with execArgv: [] (drops a CLI --import preload) leaks over TCP.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import net from 'node:net';
export const meta = { kind: 'network', evidence: 'tcp' };
if (!isMainThread && workerData?.leashAttack === 'worker-execargv') {
  const socket = net.connect(workerData.tcpPort, '127.0.0.1', () => socket.end(workerData.secret));
  socket.on('error', (error) => parentPort.postMessage({ code: error.code }));
  socket.on('close', () => parentPort.postMessage({ ok: true }));
}
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { execArgv: [], workerData: { ...ctx, leashAttack: 'worker-execargv' } });
    worker.on('message', (m) => { worker.terminate(); if (m.ok) resolve('sent'); else reject(Object.assign(new Error('worker failed'), { code: m.code })); });
    worker.on('error', reject);
  });
}
