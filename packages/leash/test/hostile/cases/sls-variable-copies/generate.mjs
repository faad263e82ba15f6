// 20,000 variables that each copy the whole serverless.yml (`${self:}`): each copy walks the
// entries before it, so the work grows with the square of the file. On main the scan never ended.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  const lines = ['service: copies', 'provider:', '  name: aws', '  runtime: nodejs22.x', '  iam:', '    role:', '      statements:', '        - { Effect: Allow, Action: "*", Resource: "*" }', 'functions:', '  api:', '    handler: src/index.handler', 'custom:'];
  for (let i = 0; i < 20_000; i++) lines.push(`  v${i}: \${self:}`);
  writeFileSync(join(root, 'serverless.yml'), `${lines.join('\n')}\n`);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
