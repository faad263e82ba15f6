#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli (built by `npm run build`, which `npm ci` runs through `prepare`).
let run;
try {
  ({ run } = await import('../dist/cli/main.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write('leash: the CLI is not built yet: run `npm run build` (or `npm ci`, which builds it) in the repository root [ERR_LEASH_NOT_BUILT]\n');
  process.exit(2);
}
process.exitCode = await run(process.argv.slice(2));
