// process.dlopen of a native addon (native code escapes every JS check).
export const meta = { kind: 'addon', evidence: 'value', expect: 'loaded' };
export default function attack(ctx) {
  const module = { exports: {} };
  process.dlopen(module, ctx.addonPath);
  return Object.keys(module.exports).length > 0 ? 'loaded' : 'empty';
}
