// A relative path, after poisoning process.cwd() (the shield must use the real working directory).
import fs from 'node:fs';
import path from 'node:path';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default function attack(ctx) {
  const relative = path.relative(process.cwd(), ctx.secretFile);
  process.cwd = () => ctx.allowedReadDir;
  return fs.readFileSync(relative, 'utf8');
}
