// Climbing out of an allowed directory with "..".
import fs from 'node:fs';
import path from 'node:path';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => fs.readFileSync(ctx.allowedReadDir + '/../' + path.relative(path.dirname(ctx.allowedReadDir), ctx.secretFile), 'utf8');
