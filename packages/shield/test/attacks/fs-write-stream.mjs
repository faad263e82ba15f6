// createWriteStream.
import fs from 'node:fs';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    const stream = fs.createWriteStream(ctx.marker);
    stream.on('error', reject);
    stream.end(ctx.secret, (error) => (error ? reject(error) : resolve('written')));
  });
}
