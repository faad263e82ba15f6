// FIFOs named like templates and a serverless.yml, beside a real app.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export default (root) => {
  mkdirSync(join(root, 'svc'), { recursive: true });
  for (const file of ['svc/serverless.yml', 'other.template.yaml', 'svc/template.yaml', 'stack.yaml']) execFileSync('mkfifo', [join(root, file)]);
};
