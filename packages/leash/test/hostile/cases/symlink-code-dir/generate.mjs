// A committed symbolic link to a directory outside the app, used as the function's CodeUri.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default (root, { outside }) => symlinkSync(join(outside, 'code'), join(root, 'code'));
