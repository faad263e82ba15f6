// The handler file is a committed symbolic link (relative, as git stores it) to code outside the app.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default (root) => {
  mkdirSync(join(root, 'src'), { recursive: true });
  symlinkSync('../../outside/code/index.mjs', join(root, 'src', 'index.mjs'));
};
