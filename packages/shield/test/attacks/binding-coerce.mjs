// process.binding with an object whose toString() names 'fs': Node coerces the name itself, so a
// check that only looks at string arguments lets it through.
export const meta = { kind: 'fs-write', evidence: 'value', expect: 'bound' };
export default function attack() {
  const binding = process.binding({ toString: () => 'fs' });
  return typeof binding.open === 'function' ? 'bound' : 'nothing';
}
