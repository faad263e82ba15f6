// writeFileSync outside fs.write.
import fs from 'node:fs';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default (ctx) => { fs.writeFileSync(ctx.marker, ctx.secret); return 'written'; };
