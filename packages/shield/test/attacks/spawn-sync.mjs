// spawnSync reports failure in result.error.
import cp from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  const result = cp.spawnSync('/bin/sh', ['-c', `echo ${ctx.secret} > ${ctx.marker}`]);
  if (result.error) throw result.error;
  return 'ran';
}
