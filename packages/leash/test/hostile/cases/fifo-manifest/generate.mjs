// FIFOs named like CDK cloud assembly manifests: at the scan root, in a folder, and in a cdk.out.
// Opening one for reading blocks until a writer comes: discovery must not hang on them.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export default (root) => {
  for (const dir of ['', 'infra', 'cdk.out']) {
    mkdirSync(join(root, dir), { recursive: true });
    execFileSync('mkfifo', [join(root, dir, 'manifest.json')]);
  }
};
