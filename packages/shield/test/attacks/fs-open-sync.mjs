// openSync + readSync by descriptor.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default function attack(ctx) {
  const fd = fs.openSync(ctx.secretFile, fs.constants.O_RDONLY);
  try {
    const buffer = Buffer.alloc(256);
    const n = fs.readSync(fd, buffer, 0, 256, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally { fs.closeSync(fd); }
}
