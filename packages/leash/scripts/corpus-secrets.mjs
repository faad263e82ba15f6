#!/usr/bin/env node
/**
 * Secret detection and redaction on the shared corpus (`../shared/corpus` from the repo root, or
 * the folder given as the first argument), to count false alarms: real public templates hold
 * almost no live credential, so nearly every hit is one (the script lists them to be checked).
 *
 * - findings: what `secrets/plaintext-env` reports, scanning each template and serverless.yml;
 * - values: every `key: "string"` pair of those files (properties, tags, policies, mapping
 *   templates, inline code...) given to `detectSecret(key, value)` as if it were an environment
 *   variable: many more values than environment variables, to measure the false alarms;
 * - redactions: lines of those files that `redactKnownSecrets` changes (what the last line of
 *   defence would cut out of a message quoting them).
 *
 *   npm run build && node packages/leash/scripts/corpus-secrets.mjs [corpusDir] [--dist other/dist] [--list]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { corpusFiles } from './corpus-files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const list = args.includes('--list') ? args.splice(args.indexOf('--list'), 1) && true : false;
const dist = resolve(option('--dist') ?? join(here, '..', 'dist'));
const corpus = resolve(args[0] ?? join(repoRoot, '..', 'shared', 'corpus'));
for (const needed of [join(dist, 'scan.js'), corpus]) {
  if (!existsSync(needed)) {
    process.stderr.write(`corpus-secrets: ${needed} does not exist (build first: npm run build)\n`);
    process.exit(2);
  }
}
const { scan } = await import(pathToFileURL(join(dist, 'scan.js')).href);
const { redactKnownSecrets } = await import(pathToFileURL(join(dist, 'engine', 'redact.js')).href);
const rule = (await import(pathToFileURL(join(dist, 'rules', 'secrets', 'plaintext-env.js')).href)).default;
const { detectSecret } = await import(pathToFileURL(join(dist, 'secrets', 'detect.js')).href);
const { loadTemplateFile } = await import(pathToFileURL(join(dist, 'loaders', 'parse', 'index.js')).href);

/** Every `[key, string]` pair of a parsed document. */
function* pairs(node, key = '') {
  if (typeof node === 'string') yield [key, node];
  else if (Array.isArray(node)) for (const item of node) yield* pairs(item, key);
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) yield* pairs(v, k);
}

const files = corpusFiles(corpus);
const findings = [];
const redactions = [];
const values = [];
let valueCount = 0;
for (const abs of files) {
  const file = relative(corpus, abs);
  for (const [key, value] of pairs(loadTemplateFile(abs, file).value)) {
    valueCount++;
    const found = detectSecret(key, value);
    if (found) values.push(`${file}: ${found.kind} ${key}: ${value.slice(0, 100)}`);
  }
  for (const f of scan({ path: abs, rules: [rule] }).findings) findings.push(`${file}:${f.line}: ${f.properties?.kind ?? f.messageId ?? 'unknown'} ${f.properties?.variable ?? ''} ${f.properties?.preview ?? ''}${f.unknown ? ' [unknown]' : ''}`);
  readFileSync(abs, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const redacted = redactKnownSecrets(line);
      if (redacted !== line) redactions.push(`${file}:${i + 1}: ${redacted.trim().slice(0, 160)}`);
    });
}
process.stdout.write(
  `corpus-secrets: ${files.length} files; plaintext-env findings ${findings.length} (${findings.filter((f) => f.endsWith('[unknown]')).length} unknown); values taken for secrets ${values.length} of ${valueCount}; lines redacted ${redactions.length}\n`,
);
if (list) for (const line of [...findings.map((f) => `finding ${f}`), ...values.map((v) => `value ${v}`), ...redactions.map((r) => `redacted ${r}`)]) process.stdout.write(`${line}\n`);
