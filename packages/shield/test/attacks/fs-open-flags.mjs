// openSync with numeric O_CREAT|O_WRONLY flags.
import fs from 'node:fs';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default function attack(ctx) {
  const { O_CREAT, O_WRONLY } = fs.constants;
  const fd = fs.openSync(ctx.marker, O_CREAT | O_WRONLY, 0o644);
  fs.writeSync(fd, ctx.secret);
  fs.closeSync(fd);
  return 'written';
}
