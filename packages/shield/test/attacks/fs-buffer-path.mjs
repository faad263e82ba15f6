// A Buffer path.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => fs.readFileSync(Buffer.from(ctx.secretFile), 'utf8');
