// infra/ is a committed symlink to the folder outside the app, and CI scans `infra`.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default (root, { outside }) => symlinkSync(outside, join(root, 'infra'));
