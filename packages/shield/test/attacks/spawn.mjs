// spawn with an 'error' listener.
import { spawn } from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `echo ${ctx.secret} > ${ctx.marker}`], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve('ran'));
  });
}
