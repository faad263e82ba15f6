#!/usr/bin/env node
/**
 * Corpus throughput: every template / serverless.yml of `../shared/corpus` loaded through the
 * built `loadScan` (discovery, parse, variables, SAM/Serverless semantics, model), against a
 * baseline measured in the same run: reading the same files and `yaml.parse` on them (no model).
 * Target: the whole corpus in under 10 s on a 2-core machine.
 *
 *   npm run build && node bench/corpus.mjs [corpusDir] [--rounds 3]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repoRoot, 'packages', 'leash', 'dist', 'loaders', 'index.js');
if (!existsSync(dist)) {
  process.stderr.write('bench/corpus: build first (npm run build)\n');
  process.exit(2);
}
const { loadScan } = await import(dist);

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 3;
const corpus = resolve(args[0] ?? join(repoRoot, '..', 'shared', 'corpus'));
if (!existsSync(corpus)) {
  process.stdout.write(`bench/corpus: skipped, ${corpus} does not exist\n`);
  process.exit(0);
}
const TEMPLATE = /^(template\.(ya?ml|json)|serverless\.(ya?ml|json))$/i;
const files = [];
(function walk(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (TEMPLATE.test(entry.name)) files.push(p);
  }
})(corpus);
files.sort();

function baseline() {
  let nodes = 0;
  for (const file of files) {
    try {
      const value = parseYaml(readFileSync(file, 'utf8'), { logLevel: 'silent', uniqueKeys: false, strict: false });
      if (value && typeof value === 'object') nodes++;
    } catch {
      // invalid YAML: the baseline just moves on
    }
  }
  return nodes;
}

function leash() {
  let stacks = 0;
  for (const file of files) stacks += loadScan(file).stacks.length;
  return stacks;
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

// Warm-up (JIT, module loading), then best of N rounds for each, interleaved.
baseline();
leash();
const base = [];
const ours = [];
let stacks = 0;
for (let i = 0; i < rounds; i++) {
  base.push(time(baseline).ms);
  const t = time(leash);
  ours.push(t.ms);
  stacks = t.result;
}
const best = (xs) => Math.min(...xs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const leashMs = median(ours);
const baseMs = median(base);
const lines = [
  `corpus: ${files.length} files, ${stacks} stacks loaded; ${cpus().length} CPUs; ${rounds} rounds (median, best)`,
  `baseline read + yaml.parse: ${baseMs.toFixed(0)} ms, best ${best(base).toFixed(0)} ms (${((files.length / baseMs) * 1000).toFixed(0)} files/s)`,
  `leash loadScan per file:    ${leashMs.toFixed(0)} ms, best ${best(ours).toFixed(0)} ms (${((files.length / leashMs) * 1000).toFixed(0)} templates/s)`,
  `ratio leash / baseline: ${(leashMs / baseMs).toFixed(2)}x; target whole corpus < 10 s: ${leashMs < 10_000 ? 'met' : 'MISSED'}`,
];
process.stdout.write(lines.join('\n') + '\n');
