// fs/promises readFile (missed by naive preloads).
import { readFile } from 'node:fs/promises';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => readFile(ctx.secretFile, 'utf8');
