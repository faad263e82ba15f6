// fs.appendFile (callback).
import fs from 'node:fs';
export const meta = { kind: 'fs-write', evidence: 'file' };
export default (ctx) => new Promise((resolve, reject) => fs.appendFile(ctx.marker, ctx.secret, (error) => (error ? reject(error) : resolve('written'))));
