// process.binding('fs'): the raw file system binding.
export const meta = { kind: 'fs-write', evidence: 'value', expect: 'bound' };
export default function attack() {
  const binding = process.binding('fs');
  return typeof binding.open === 'function' ? 'bound' : 'nothing';
}
