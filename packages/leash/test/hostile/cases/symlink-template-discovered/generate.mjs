// Beside a real app, other.template.yaml and stacks/ are committed symlinks to a template and a folder outside the app.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default (root, { outside }) => {
  symlinkSync('../outside/template.yaml', join(root, 'other.template.yaml'));
  symlinkSync(outside, join(root, 'stacks'));
};
