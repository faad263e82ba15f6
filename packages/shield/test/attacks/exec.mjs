// child_process.exec: a shell command that writes a marker file.
import cp from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    cp.exec(`echo ${ctx.secret} > ${ctx.marker}`, (error) => (error ? reject(error) : resolve('ran')));
  });
}
