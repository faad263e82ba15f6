import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloads, samTemplate } from '../../payloads.mjs';

export default (root) => {
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({});\n');
  writeFileSync(join(root, 'template.json'), samTemplate(Object.fromEntries(payloads().map(([name, p], i) => [`Fn${i}`, { CodeUri: 'src/', InlineCode: undefined, Handler: `index${name}${p}.handler` }]))));
};
