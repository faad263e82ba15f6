// template.yaml is a committed symlink to a template outside the app, named on the command line.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';

export default (root) => symlinkSync('../outside/template.yaml', join(root, 'template.yaml'));
