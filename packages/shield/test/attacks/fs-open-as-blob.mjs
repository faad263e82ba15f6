// fs.openAsBlob (CVE-2023-30583 in the permission model).
import fs from 'node:fs';
export const meta = { kind: 'fs-read', evidence: 'value' };
export default async (ctx) => (await fs.openAsBlob(ctx.secretFile)).text();
