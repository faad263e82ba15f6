// Allowed reads and writes keep working.
import fs from 'node:fs';
export const meta = { allowed: true };
export default async function attack(ctx) {
  fs.writeFileSync(`${ctx.allowedWriteDir}/ok-${process.pid}.txt`, 'ok');
  const a = fs.readFileSync(`${ctx.allowedReadDir}/public.txt`, 'utf8');
  const b = await fs.promises.readFile(`${ctx.allowedWriteDir}/ok-${process.pid}.txt`, 'utf8');
  return a + b;
}
