// A Serverless provider with 1 MB of environment variables and 2,000 functions: every function got
// a copy, the model held two thousand megabytes' worth of references, and every rule read them once
// per function. On main: 40 s and 750 MB of memory (Lambda takes 4 KB of variables per function).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  const lines = ['service: env', 'provider:', '  name: aws', '  runtime: nodejs22.x', '  environment:'];
  for (let i = 0; i < 500; i++) lines.push(`    VAR_${i}: "${'v'.repeat(2_000)}"`);
  lines.push('functions:');
  for (let i = 0; i < 2_000; i++) lines.push(`  f${i}:`, '    handler: src/index.handler');
  writeFileSync(join(root, 'serverless.yml'), `${lines.join('\n')}\n`);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
