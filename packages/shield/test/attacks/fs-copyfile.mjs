// copyFile from an allowed file to a denied destination.
import fs from 'node:fs';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default async function attack(ctx) {
  const staged = `${ctx.allowedWriteDir}/copy-${process.pid}.txt`;
  fs.writeFileSync(staged, ctx.secret);
  await fs.promises.copyFile(staged, ctx.marker);
  return 'copied';
}
