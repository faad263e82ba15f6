// A symlink inside an allowed directory that points outside it.
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => fs.readFileSync(ctx.plantedLink, 'utf8');
