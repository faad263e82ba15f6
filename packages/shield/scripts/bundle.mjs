// Bundles the register entry (src/register.ts and everything it imports) into one file,
// dist/register.js, after tsc: the ESM loader then reads one file at start instead of ~20, which is
// most of the shield's cold-start cost. The modules stay available unbundled for `import`.
// Without esbuild (a devDependency) the tsc output is kept as is, with a warning.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('leash shield: esbuild not installed; dist/register.js stays unbundled (slower cold start)');
  process.exit(0);
}
await esbuild.build({
  entryPoints: [join(packageDir, 'src/register.ts')],
  outfile: join(packageDir, 'dist/register.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // Smaller source to read and parse at every cold start (~30 KB instead of ~60 KB). Names do not
  // matter: wrappers take their names from the originals, errors set theirs explicitly.
  minify: true,
  logLevel: 'warning',
  banner: { js: '// @leash/shield register entry, bundled from src/ by scripts/bundle.mjs' },
});
