// ESM named import of execSync (bound when imported: needs syncBuiltinESMExports).
import { execSync } from 'node:child_process';
export const meta = { kind: 'exec', evidence: 'file' };
export default function attack(ctx) {
  execSync(`echo ${ctx.secret} > ${ctx.marker}`);
  return 'ran';
}
