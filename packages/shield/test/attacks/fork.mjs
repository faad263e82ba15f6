// fork a node process (this very file) that writes the marker.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export const meta = { kind: 'exec', evidence: 'file' };
if (process.argv[2] === 'leash-fork-child') writeFileSync(process.argv[3], process.argv[4]);
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['leash-fork-child', ctx.marker, ctx.secret], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve('ran'));
  });
}
