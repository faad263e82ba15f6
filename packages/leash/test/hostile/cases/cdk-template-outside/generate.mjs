// A nested cloud assembly outside the app, whose manifest points at the outside template.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default (_root, { outside }) => {
  mkdirSync(join(outside, 'assembly'), { recursive: true });
  writeFileSync(join(outside, 'assembly', 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts: { Inner: { type: 'aws:cloudformation:stack', properties: { templateFile: '../template.yaml' } } } }));
};
