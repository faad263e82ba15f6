// Bundles the register entry (src/register.ts and everything it imports) into one file,
// dist/register.js, after tsc: the ESM loader then reads one file at start instead of ~20, which is
// most of the shield's cold-start cost. The modules stay available unbundled for `import`.
// Without esbuild (a devDependency) the tsc output is kept as is, with a warning.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
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
// Built-ins are taken with `process.getBuiltinModule` (Node 20.16+/22.3+; createRequire before that)
// instead of `import ... from 'node:fs'`: an ESM import builds an ES module facade of every export of
// each built-in (fs alone has ~100), which was ~1.5 ms of the cold start for the ten the shield uses.
// Named imports become constants read once at load, before the shield patches anything (the shield's
// own code never wants the patched versions). Facades user code creates later are built from the
// patched exports, and syncBuiltinESMExports() still refreshes any made before the shield.
// The names the sources import from each built-in (`import { a, b as c } from 'node:x'`): only
// those are read. (Reading every export would run getters, some of which warn or load modules.)
// A name missing here makes esbuild fail the build, never a silent gap.
const importedNames = new Map();
const sourceFiles = readdirSync(join(packageDir, 'src'), { recursive: true }).filter((file) => file.endsWith('.ts'));
for (const file of sourceFiles) {
  const text = readFileSync(join(packageDir, 'src', file), 'utf8');
  for (const match of text.matchAll(/^import\s+(?!type\b)(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*'(node:[^']+)'/gm)) {
    const names = importedNames.get(match[2]) ?? new Set();
    for (const part of match[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
      if (name && !part.trim().startsWith('type ')) names.add(name);
    }
    importedNames.set(match[2], names);
  }
}
const builtinsWithoutFacades = {
  name: 'builtins-without-esm-facades',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => (isBuiltin(args.path) ? { path: args.path, namespace: 'leash-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'leash-builtin' }, (args) => ({
      contents: [
        `const builtin = __leashBuiltin(${JSON.stringify(args.path)});`,
        'export default builtin;',
        ...[...(importedNames.get(args.path) ?? [])].map((name) => `export const ${name} = builtin.${name};`),
      ].join('\n'),
      loader: 'js',
    }));
  },
};
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
  plugins: [builtinsWithoutFacades],
  banner: {
    js: [
      '// @leash/shield register entry, bundled from src/ by scripts/bundle.mjs',
      'import { createRequire as __leashCreateRequire } from "node:module";',
      'const __leashBuiltin = typeof process.getBuiltinModule === "function" ? (id) => process.getBuiltinModule(id) : __leashCreateRequire(import.meta.url);',
    ].join('\n'),
  },
});
