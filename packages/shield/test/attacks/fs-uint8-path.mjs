// A plain Uint8Array path.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => fs.readFileSync(new TextEncoder().encode(ctx.secretFile), 'utf8');
