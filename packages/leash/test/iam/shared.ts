/** Locates the read-only reference material (`../shared` next to the repo root), for oracle tests that skip without it. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const repoRoot = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const SHARED_DIR = join(repoRoot, '..', 'shared');
export const ORACLES_DIR = join(SHARED_DIR, 'oracles');
export const hasOracles = existsSync(ORACLES_DIR);
