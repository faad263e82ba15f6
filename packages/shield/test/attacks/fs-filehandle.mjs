// FileHandle from fs.promises.open.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default async function attack(ctx) {
  const handle = await fs.promises.open(ctx.secretFile, 'r');
  try { return await handle.readFile('utf8'); } finally { await handle.close(); }
}
