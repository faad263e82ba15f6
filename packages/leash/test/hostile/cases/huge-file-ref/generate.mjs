// big.yml (in the app) and huge.yml (outside it) are 64 MB each: above the read limit.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

function writeBig(path, marker) {
  const fd = openSync(path, 'w');
  const line = Buffer.from(`key: ${marker}\n${'# padding '.repeat(100)}\n`);
  try {
    for (let written = 0; written < 64 * 1024 * 1024; written += line.length) writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

export default (root, { outside, marker }) => {
  writeBig(join(root, 'big.yml'), 'inside');
  writeBig(join(outside, 'huge.yml'), marker);
};
