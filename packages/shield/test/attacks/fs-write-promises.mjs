// fs/promises writeFile.
import { writeFile } from 'node:fs/promises';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default async (ctx) => { await writeFile(ctx.marker, ctx.secret); return 'written'; };
