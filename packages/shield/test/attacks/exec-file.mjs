// execFile of /bin/sh.
import { execFile } from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', `echo ${ctx.secret} > ${ctx.marker}`], (error) => (error ? reject(error) : resolve('ran')));
  });
}
