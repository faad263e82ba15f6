// Creates a symlink to a secret inside a writable directory, then reads through it.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default function attack(ctx) {
  const link = `${ctx.allowedWriteDir}/link-${process.pid}`;
  fs.symlinkSync(ctx.secretFile, link);
  return fs.readFileSync(link, 'utf8');
}
