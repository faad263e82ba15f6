// `..` after a symlink: the kernel follows `link` first, then goes to the parent of its target.
// A link in the writable directory to the readable one, then `<write>/link/../secret/secret.txt`,
// looks like a path inside the write directory when `..` is dropped lexically.
import fs from 'node:fs';
import path from 'node:path';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => {
  const link = path.join(ctx.allowedWriteDir, 'dotdot-link');
  fs.symlinkSync(ctx.allowedReadDir, link);
  return fs.readFileSync(`${link}/../${path.basename(ctx.secretDir)}/secret.txt`, 'utf8');
};
