// fs.watch on a directory outside fs.read.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value', expect: 'watching' };
export default function attack(ctx) {
  const watcher = fs.watch(ctx.secretDir);
  watcher.close();
  return 'watching';
}
