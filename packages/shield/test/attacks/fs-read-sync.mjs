// readFileSync of a file outside fs.read.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => fs.readFileSync(ctx.secretFile, 'utf8');
