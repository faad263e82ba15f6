// Builds dist-layer/leash-shield-layer.zip, a Lambda layer:
//   nodejs/node_modules/@leash/shield/{package.json,README.md,dist/**/*.js,bin/leash-exec-wrapper}
//   leash-exec-wrapper   (→ /opt/leash-exec-wrapper, for AWS_LAMBDA_EXEC_WRAPPER)
// Uses the system `zip` when present (LEASH_ZIP=node forces the built-in writer).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeZip } from './zip.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, 'dist-layer');
const outFile = join(outDir, 'leash-shield-layer.zip');
const prefix = 'nodejs/node_modules/@leash/shield';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

if (!existsSync(join(packageDir, 'dist/register.js'))) {
  console.error('leash: dist/ is missing: run `npm run build` first');
  process.exit(1);
}
const entries = [];
const add = (name, file, mode = 0o644) => entries.push({ name, file, mode });
add(`${prefix}/package.json`, join(packageDir, 'package.json'));
if (existsSync(join(packageDir, 'README.md'))) add(`${prefix}/README.md`, join(packageDir, 'README.md'));
for (const file of walk(join(packageDir, 'dist')).sort()) {
  if (file.endsWith('.js')) add(`${prefix}/${relative(packageDir, file)}`, file);
}
add(`${prefix}/bin/leash-exec-wrapper`, join(packageDir, 'bin/leash-exec-wrapper'), 0o755);
add('leash-exec-wrapper', join(packageDir, 'bin/leash-exec-wrapper'), 0o755);

mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });
let hasZip = false;
if (process.env.LEASH_ZIP !== 'node') {
  try {
    execFileSync('zip', ['-v'], { stdio: 'ignore' });
    hasZip = true;
  } catch {
    hasZip = false;
  }
}
if (hasZip) {
  const stage = mkdtempSync(join(tmpdir(), 'leash-layer-'));
  try {
    for (const entry of entries) {
      const target = join(stage, entry.name);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(entry.file, target);
      chmodSync(target, entry.mode);
    }
    execFileSync('zip', ['-q', '-r', '-X', outFile, '.'], { cwd: stage, stdio: 'inherit' });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
} else {
  writeFileSync(outFile, writeZip(entries.map((entry) => ({ name: entry.name, data: readFileSync(entry.file), mode: entry.mode }))));
}
console.log(`leash: wrote ${relative(process.cwd(), outFile)} (${entries.length} files, ${statSync(outFile).size} bytes, ${hasZip ? 'zip' : 'built-in zip writer'})`);
