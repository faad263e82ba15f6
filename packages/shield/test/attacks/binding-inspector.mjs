// process.binding('inspector'): the raw inspector connection evaluates code in this isolate and
// reads closures (the shield wrappers' originals).
export const meta = { kind: 'worker', evidence: 'value', expect: 'bound' };
export default function attack() {
  const binding = process.binding('inspector');
  return typeof binding.Connection === 'function' ? 'bound' : 'nothing';
}
