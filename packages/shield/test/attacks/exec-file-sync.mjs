// execFileSync (module-local spawnSync inside Node: missed by prototype-only patches).
import { execFileSync } from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  execFileSync('sh', ['-c', `echo ${ctx.secret} > ${ctx.marker}`]);
  return 'ran';
}
