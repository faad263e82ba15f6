// A file: URL path.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default (ctx) => fs.readFileSync(pathToFileURL(ctx.secretFile), 'utf8');
