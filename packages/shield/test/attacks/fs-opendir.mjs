// Listing a directory outside fs.read.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value', expect: 'listed' };
export default async function attack(ctx) {
  const dir = await fs.promises.opendir(ctx.secretDir);
  const names = [];
  for await (const entry of dir) names.push(entry.name);
  return names.includes('secret.txt') ? 'listed' : names.join(',');
}
