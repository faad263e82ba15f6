#!/usr/bin/env node
/**
 * Load every template of the shared corpus (`../shared/corpus` from the repo root, or the folder
 * given as the first argument) through the built `loadScan`, one file at a time, and report how
 * many loaded, how many were rejected, and why (grouped by diagnostic code).
 *
 *   npm run build && node packages/leash/scripts/corpus-report.mjs [corpusDir] [--json out.json]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFiles } from './corpus-files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const dist = join(here, '..', 'dist', 'loaders', 'index.js');
if (!existsSync(dist)) {
  process.stderr.write('corpus-report: build first (npm run build): dist/loaders/index.js is missing\n');
  process.exit(2);
}
const { loadScan } = await import(dist);

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
const corpus = resolve(args[0] ?? join(repoRoot, '..', 'shared', 'corpus'));
if (!existsSync(corpus)) {
  process.stderr.write(`corpus-report: ${corpus} does not exist\n`);
  process.exit(2);
}

const files = corpusFiles(corpus);
const started = performance.now();
const results = [];
for (const file of files) {
  const rel = relative(corpus, file);
  let scan;
  try {
    scan = loadScan(file);
  } catch (error) {
    results.push({ file: rel, status: 'threw', error: String(error?.stack ?? error) });
    continue;
  }
  const diagnostics = [...scan.diagnostics, ...scan.stacks.flatMap((s) => s.diagnostics)];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const status = scan.stacks.length === 0 ? 'rejected' : errors.length > 0 ? 'loaded-with-errors' : 'loaded';
  results.push({
    file: rel,
    status,
    framework: scan.stacks[0]?.framework,
    functions: scan.stacks.reduce((n, s) => n + s.functions.length, 0),
    errors: errors.map((d) => ({ code: d.code, line: d.line, message: d.message })),
    warnings: diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code),
  });
}
const seconds = (performance.now() - started) / 1000;

const count = (status) => results.filter((r) => r.status === status).length;
const byCode = new Map();
for (const r of results) {
  for (const e of r.errors ?? []) {
    const entry = byCode.get(e.code) ?? { files: new Set(), example: `${r.file}:${e.line ?? 1} ${e.message}` };
    entry.files.add(r.file);
    byCode.set(e.code, entry);
  }
}
const rejectedBy = new Map();
for (const r of results.filter((x) => x.status === 'rejected')) {
  // Non-AWS Serverless providers are rejected with a warning, not an error.
  const code = r.errors[0]?.code ?? (r.warnings.includes('WARN_LEASH_UNSUPPORTED_CONFIG') ? 'WARN_LEASH_UNSUPPORTED_CONFIG (not an AWS provider)' : r.warnings[0] ?? 'none');
  rejectedBy.set(code, (rejectedBy.get(code) ?? 0) + 1);
}
const warnings = new Map();
for (const r of results) for (const code of new Set(r.warnings ?? [])) warnings.set(code, (warnings.get(code) ?? 0) + 1);
const frameworks = new Map();
for (const r of results) if (r.framework) frameworks.set(r.framework, (frameworks.get(r.framework) ?? 0) + 1);

const lines = [
  `corpus: ${files.length} files in ${relative(process.cwd(), corpus) || '.'} (${seconds.toFixed(2)} s, ${(files.length / seconds).toFixed(0)} files/s)`,
  `loaded: ${count('loaded')} clean, ${count('loaded-with-errors')} with error diagnostics; rejected: ${count('rejected')}; threw: ${count('threw')}`,
  `stacks by framework: ${[...frameworks].map(([k, v]) => `${k} ${v}`).join(', ')}; functions: ${results.reduce((n, r) => n + (r.functions ?? 0), 0)}`,
  'errors by code (files, example):',
  ...[...byCode].sort((a, b) => b[1].files.size - a[1].files.size).map(([code, e]) => `  ${code} (${e.files.size}): ${e.example.slice(0, 200)}`),
  `rejected by reason: ${[...rejectedBy].map(([k, v]) => `${k} ${v}`).join(', ')}`,
  'files with warnings, by code:',
  ...[...warnings].sort((a, b) => b[1] - a[1]).map(([code, n]) => `  ${code}: ${n}`),
];
for (const r of results.filter((x) => x.status === 'threw')) lines.push(`THREW ${r.file}: ${r.error.split('\n')[0]}`);
process.stdout.write(lines.join('\n') + '\n');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ corpus, seconds, results }, null, 1));
process.exitCode = count('threw') > 0 ? 1 : 0;
