// fs.readFile (callback).
import { readFile } from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => new Promise((resolve, reject) => readFile(ctx.secretFile, 'utf8', (error, data) => (error ? reject(error) : resolve(data))));
