// The handler file is a committed symbolic link (relative, as git stores it) to code outside the app.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default (root) => symlinkSync('../../outside/code/index.mjs', join(root, 'src', 'index.mjs'));
