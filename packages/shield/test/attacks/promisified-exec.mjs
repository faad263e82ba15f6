// util.promisify(exec) uses exec's promisify.custom: must not reach the unwrapped original.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
export const meta = { kind: 'exec', evidence: 'file' };
export default async function attack(ctx) {
  const { stdout } = await promisify(exec)(`echo ${ctx.secret} > ${ctx.marker}; echo done`);
  return stdout.trim();
}
