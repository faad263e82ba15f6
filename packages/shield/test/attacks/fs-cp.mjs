// cpSync a secret file out of a denied place into another one.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'file' };
export default function attack(ctx) {
  fs.cpSync(ctx.secretFile, ctx.marker);
  return 'copied';
}
