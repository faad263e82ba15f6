import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloads, samTemplate } from '../../payloads.mjs';

export default (root) =>
  writeFileSync(join(root, 'template.json'), samTemplate({ Fn: { Tags: Object.fromEntries(payloads().map(([name, p]) => [`tag-${name}${p}`, `value-${name}${p}`])) } }));
