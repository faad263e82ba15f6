import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ascii, payloads } from '../../payloads.mjs';

export default (root) => {
  payloads().forEach(([name, p], i) => {
    const dir = join(root, `svc${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'handler.js'), 'exports.hello = async () => ({});\n');
    const config = {
      service: `svc-${name}${p}`,
      provider: { name: 'aws', runtime: 'nodejs22.x' },
      functions: { [`hello-${name}${p}`]: { handler: 'handler.hello', reservedConcurrency: 5 } },
    };
    writeFileSync(join(dir, 'serverless.yml'), ascii(config));
  });
};
