// serverless.yml is a FIFO, named on the command line.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default (root) => execFileSync('mkfifo', [join(root, 'serverless.yml')]);
