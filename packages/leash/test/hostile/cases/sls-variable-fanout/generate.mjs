// Serverless variables that double at each level: a string (2^28 characters from 28 lines) and an
// object shared twice per level (cheap to build, 2^24 nodes to read). On main the scan reached
// 1.1 GB of memory, or died on an invalid string length; a few more levels and it never ends.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  const lines = ['service: fanout', 'provider:', '  name: aws', '  runtime: nodejs22.x', '  iam:', '    role:', '      statements:', '        - { Effect: Allow, Action: "*", Resource: "*" }', 'custom:'];
  for (let i = 0; i < 28; i++) lines.push(`  s${i}: \${self:custom.s${i + 1}}\${self:custom.s${i + 1}}`);
  lines.push('  s28: x');
  for (let i = 0; i < 24; i++) lines.push(`  o${i}:`, `    a: \${self:custom.o${i + 1}}`, `    b: \${self:custom.o${i + 1}}`);
  lines.push('  o24: { leaf: x }');
  lines.push('functions:', '  api:', '    handler: src/index.handler', '    environment:', '      LONG: ${self:custom.s0}', '      WIDE: ${self:custom.o0}');
  writeFileSync(join(root, 'serverless.yml'), `${lines.join('\n')}\n`);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
