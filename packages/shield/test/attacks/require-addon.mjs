// require() of a .node file (Module._extensions['.node']).
import { createRequire } from 'node:module';
export const meta = { kind: 'addon', evidence: 'value', expect: 'loaded' };
export default function attack(ctx) {
  const required = createRequire(import.meta.url)(ctx.addonPath);
  return Object.keys(required).length > 0 ? 'loaded' : 'empty';
}
