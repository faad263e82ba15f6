// promises.open with 'w', then FileHandle.writeFile.
import { open } from 'node:fs/promises';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default async function attack(ctx) {
  const handle = await open(ctx.marker, 'w');
  try { await handle.writeFile(ctx.secret); } finally { await handle.close(); }
  return 'written';
}
