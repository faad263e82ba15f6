// Writes in an allowed directory, then renames the file out of it.
import fs from 'node:fs';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default function attack(ctx) {
  const staged = `${ctx.allowedWriteDir}/staged-${process.pid}.txt`;
  fs.writeFileSync(staged, ctx.secret);
  fs.renameSync(staged, ctx.marker);
  return 'moved';
}
