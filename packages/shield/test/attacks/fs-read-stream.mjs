// createReadStream.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default function attack(ctx) {
  return new Promise((resolve, reject) => {
    let data = '';
    fs.createReadStream(ctx.secretFile, 'utf8').on('data', (chunk) => (data += chunk)).on('error', reject).on('end', () => resolve(data));
  });
}
