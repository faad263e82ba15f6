import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATE = /^(template\.(ya?ml|json)|serverless\.(ya?ml|json))$/i;

/** Every template / serverless.yml under `dir` (the corpus scripts' inputs), sorted. */
export function corpusFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (TEMPLATE.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
