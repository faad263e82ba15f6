// new fs.ReadStream (the class, not the helper).
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    let data = '';
    new fs.ReadStream(ctx.secretFile, { encoding: 'utf8' }).on('data', (chunk) => (data += chunk)).on('error', reject).on('end', () => resolve(data));
  });
}
