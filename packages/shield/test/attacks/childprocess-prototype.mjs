// Building a ChildProcess by hand and calling its spawn().
import { ChildProcess } from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const child = new ChildProcess();
    child.on('error', reject);
    child.on('exit', () => resolve('ran'));
    child.spawn({ file: '/bin/sh', args: ['/bin/sh', '-c', `echo ${ctx.secret} > ${ctx.marker}`], stdio: 'ignore', envPairs: [] });
  });
}
