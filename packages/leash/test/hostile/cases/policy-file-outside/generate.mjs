// The function's leash.policy.json is a committed symlink to a file outside the app.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default (root) => symlinkSync('../../outside/secret.json', join(root, 'src', 'leash.policy.json'));
