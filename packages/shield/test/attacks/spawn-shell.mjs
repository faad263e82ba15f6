// spawn with shell: true (the executable is the shell, not the command).
import cp from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const child = cp.spawn(`echo ${ctx.secret} > ${ctx.marker}`, { shell: true, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve('ran'));
  });
}
