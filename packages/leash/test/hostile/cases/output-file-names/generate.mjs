import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloads, samTemplate } from '../../payloads.mjs';

export default (root) => {
  for (const [name, p] of payloads()) {
    if (p.includes('\u0000')) continue;
    const dir = join(root, `app-${name}${p.replaceAll('/', '_')}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'template.json'), samTemplate({ Fn: {} }));
    writeFileSync(join(root, `${p.replaceAll('/', '_')}.template.json`), samTemplate({ Other: {} }));
  }
};
