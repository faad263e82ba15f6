#!/usr/bin/env node
/**
 * Issue 8's cross-check of `leash policy` and the IAM rules on public apps nobody on the project
 * wrote (docs/crosscheck/real-apps.json). For every app already checked out under <apps dir>, run
 * the CLI as a user would (`leash policy <dir> --format json`, `leash scan <dir> --format json`),
 * read the library's per-function report for the calls and unknowns behind it, and compare with
 * the hand review (crosscheck-real-apps.expected.mjs): which actions the code really needs, and
 * whether each `iam/missing-permission` / `iam/unused-permission` finding is right. Writes the
 * numbers issue 8 asks for and the per-function table.
 *
 *   npm run build && node packages/leash/scripts/crosscheck-real-apps.mjs <apps dir> \
 *     [--json docs/crosscheck/real-apps.results.json] [--md docs/crosscheck/real-apps.table.md] [--only <app id>]
 *
 * It downloads and builds nothing: each app must have been checked out at its commit (and, for the
 * CDK apps, synthesized with the `prepare` commands of real-apps.json) beforehand; see
 * docs/crosscheck/real-apps.md. Only app and function names, actions and line numbers go into the
 * outputs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPECTED, FINDINGS } from './crosscheck-real-apps.expected.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const dist = join(here, '..', 'dist');
const bin = join(here, '..', 'bin', 'leash.js');
if (!existsSync(join(dist, 'policy.js'))) {
  process.stderr.write('crosscheck: build first (npm run build): dist/policy.js is missing\n');
  process.exit(2);
}
const { policy } = await import(join(dist, 'policy.js'));
const { loadScan } = await import(join(dist, 'loaders', 'index.js'));
const { functionAnalysis } = await import(join(dist, 'iam', 'role-usage.js'));

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const jsonOut = resolve(option('--json') ?? join(repoRoot, 'docs', 'crosscheck', 'real-apps.results.json'));
const mdOut = resolve(option('--md') ?? join(repoRoot, 'docs', 'crosscheck', 'real-apps.table.md'));
const only = option('--only');
const appsDir = args[0] ? resolve(args[0]) : undefined;
if (!appsDir || !existsSync(appsDir)) {
  process.stderr.write('usage: crosscheck-real-apps.mjs <apps dir> [--json out] [--md out] [--only app]\n');
  process.exit(2);
}
const { apps } = JSON.parse(readFileSync(join(repoRoot, 'docs', 'crosscheck', 'real-apps.json'), 'utf8'));

/** Run the CLI on a directory; stdout parsed as JSON when it is. */
function cli(command, dir) {
  const r = spawnSync(process.execPath, [bin, command, dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { exitCode: r.status, json, stderr: r.stderr };
}

/** Every action of a policy document's Allow statements. */
function actionsOf(doc) {
  const out = new Set();
  for (const s of doc?.Statement ?? []) {
    if (s.Effect !== 'Allow') continue;
    for (const a of [s.Action ?? []].flat()) out.add(a);
  }
  return out;
}

/** Whether an action pattern (`s3:Put*`) covers an action. */
const covers = (pattern, action) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);

/**
 * How far leash read a function's code, from its own unknowns: `not analysed` (handler or code not
 * found, code only in S3), `partial` (handler read, some imports or libraries not followed),
 * `analysed`.
 */
const NOT_ANALYSED = /code location unknown|handler export .* not found|handler file .* not found|no handler|does not exist|container image|not analysed/i;
const PARTIAL = /path alias|not followed|does not model|cannot follow|not resolved|dynamic (import|require)|does not parse|unparsed|not seen/i;
function analysisStatus(handlerFile, unknowns) {
  if (!handlerFile || unknowns.some((u) => NOT_ANALYSED.test(u.reason))) return 'not analysed';
  if (unknowns.some((u) => PARTIAL.test(u.reason))) return 'partial';
  return 'analysed';
}

const findingKey = (app, f) =>
  f.rule === 'iam/missing-permission'
    ? `${app}:${f.stack}#${f.resource}:missing:${f.properties?.action ?? '?'} on ${f.properties?.resource ?? '?'}`
    : `${app}:${f.stack}#${f.resource}:unused@${f.line}`;

function checkApp(app) {
  const dir = join(appsDir, app.scan);
  if (!existsSync(dir)) return { app: app.id, error: `not checked out: ${dir}` };
  const policyCli = cli('policy', dir);
  const scanCli = cli('scan', dir);
  const lib = policy({ path: dir });
  const model = loadScan(dir);
  const multiple = model.stacks.length > 1;
  const functions = [];
  for (const stack of model.stacks) {
    for (const fn of stack.functions) {
      const key = `${app.id}:${stack.id}#${fn.id}`;
      const expected = EXPECTED[key];
      const runtime = typeof fn.runtime === 'string' ? fn.runtime : stack.framework === 'serverless' && fn.runtime === undefined ? 'nodejs (framework default)' : String(fn.runtime ?? '?');
      const report = lib.report.find((r) => r.stack === stack.id && r.id === fn.id);
      const analysis = functionAnalysis(stack, fn, model.root);
      const unknowns = report?.unknown ?? [];
      // One function: the CLI prints its policy document; several: an object of documents by function.
      const generatedDoc = policyCli.json?.Statement ? policyCli.json : policyCli.json?.[multiple ? `${stack.id}#${fn.id}` : fn.id];
      const generated = [...actionsOf(generatedDoc)].sort();
      const needs = (expected?.needs ?? []).map(([action, where]) => ({ action, where, found: generated.some((g) => covers(g, action)) }));
      const codeCalls = (report?.calls ?? []).map((c) => `${c.action}@${c.file}:${c.line}`);
      const status = analysisStatus(analysis.handlerFile, unknowns);
      const codeUnknowns = unknowns.filter((u) => !/ on "\*": /.test(u.reason));
      // What `leash policy --function <this one>` would exit with: 0 claims the policy is complete.
      const aloneExit = policy({ path: dir, functionId: `${stack.id}#${fn.id}` }).exitCode;
      functions.push({
        key,
        app: app.id,
        stack: stack.id,
        function: fn.id,
        runtime,
        // A runtime leash cannot resolve (CDK's `!FindInMap` for its own providers) is read by hand.
        node: expected?.node ?? runtime.startsWith('nodejs'),
        handler: typeof fn.handler === 'string' ? fn.handler : undefined,
        code: expected?.code ?? (analysis.handlerFile ? 'present' : 'unknown'),
        packagedCopy: expected?.packagedCopy === true,
        status,
        statusByHand: expected?.status,
        calls: codeCalls,
        unknowns: unknowns.map((u) => `${u.file}:${u.line}: ${u.reason}`),
        codeUnknowns: codeUnknowns.length,
        policyExitAlone: aloneExit,
        generated,
        needs,
        note: expected?.note,
        reviewed: expected !== undefined,
      });
    }
  }
  const findings = (scanCli.json?.findings ?? [])
    .filter((f) => f.rule === 'iam/missing-permission' || f.rule === 'iam/unused-permission')
    .map((f) => {
      const key = findingKey(app.id, f);
      const verdict = FINDINGS[key];
      return { key, rule: f.rule, severity: f.severity, unknown: f.unknown, function: f.resource, stack: f.stack, line: f.line, message: f.message, actions: f.rule === 'iam/missing-permission' ? [f.properties?.action] : f.properties?.unusedActions ?? [], verdict };
    });
  return {
    app: app.id,
    policyExit: policyCli.exitCode,
    scanExit: scanCli.exitCode,
    scanSummary: scanCli.json?.summary,
    diagnostics: (scanCli.json?.diagnostics ?? []).map((d) => `${d.severity} ${d.code} ${d.file}:${d.line ?? ''}`),
    functions,
    findings,
  };
}

const results = apps.filter((a) => !only || a.id === only).map((a) => {
  process.stderr.write(`${a.id} ...\n`);
  return checkApp(a);
});

// ---- numbers -------------------------------------------------------------------------------
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
const ratio = (n, d) => `${n}/${d} (${pct(n, d)})`;
const isXray = (a) => a.startsWith('xray:');

function numbers(fns, finds) {
  const reviewed = fns.filter((f) => f.node && !f.packagedCopy);
  const present = reviewed.filter((f) => f.code === 'present');
  const needs = reviewed.flatMap((f) => f.needs);
  const needsNoXray = needs.filter((n) => !isXray(n.action));
  const callers = reviewed.filter((f) => f.needs.some((n) => !isXray(n.action)));
  const silent = callers.filter((f) => f.calls.length === 0 && f.unknowns.length === 0);
  const silentPartial = callers.filter((f) => f.needs.some((n) => !n.found) && f.codeUnknowns === 0 && !(f.calls.length === 0 && f.unknowns.length === 0));
  // The user-facing form of the same: a needed action (X-Ray aside) absent, and `leash policy --function` exits 0.
  const claimedComplete = callers.filter((f) => f.needs.some((n) => !n.found && !isXray(n.action)) && f.policyExitAlone === 0);
  // X-Ray alone: traces are dropped, the function still works.
  const xrayOnlyMissing = reviewed.filter((f) => f.needs.some((n) => !n.found) && f.needs.every((n) => n.found || isXray(n.action)));
  const by = (rule) => finds.filter((x) => x.rule === rule && !x.unknown);
  const precision = (rule) => {
    const xs = by(rule);
    const right = xs.filter((x) => x.verdict?.startsWith('right')).length;
    const wrong = xs.filter((x) => x.verdict?.startsWith('wrong')).length;
    return { findings: xs.length, right, wrong, unreviewed: xs.length - right - wrong };
  };
  return {
    functions: fns.length,
    nodeFunctions: reviewed.length,
    packagedCopies: fns.filter((f) => f.packagedCopy).length,
    codePresent: present.length,
    analysed: present.filter((f) => f.status === 'analysed').length,
    partial: present.filter((f) => f.status === 'partial').length,
    notAnalysed: present.filter((f) => f.status === 'not analysed').length,
    needs: needs.length,
    needsFound: needs.filter((n) => n.found).length,
    needsNoXray: needsNoXray.length,
    needsNoXrayFound: needsNoXray.filter((n) => n.found).length,
    callers: callers.length,
    silent: silent.map((f) => f.key),
    silentPartial: silentPartial.map((f) => f.key),
    claimedComplete: claimedComplete.map((f) => f.key),
    claimedCompleteActions: claimedComplete.reduce((n, f) => n + f.needs.filter((x) => !x.found && !isXray(x.action)).length, 0),
    xrayOnlyMissing: xrayOnlyMissing.map((f) => f.key),
    missing: precision('iam/missing-permission'),
    unused: precision('iam/unused-permission'),
    unknownFindings: finds.filter((x) => x.unknown).length,
  };
}

const allFns = results.flatMap((r) => r.functions ?? []);
const allFinds = results.flatMap((r) => r.findings ?? []);
const perApp = Object.fromEntries(results.filter((r) => !r.error).map((r) => [r.app, numbers(r.functions, r.findings)]));
const overall = numbers(allFns, allFinds);
const unreviewedFns = allFns.filter((f) => f.node && !f.reviewed).map((f) => f.key);
const unmatched = Object.keys(EXPECTED).filter((k) => !allFns.some((f) => f.key === k) && (!only || k.startsWith(`${only}:`)));
const unmatchedFindings = Object.keys(FINDINGS).filter((k) => !allFinds.some((f) => f.key === k) && (!only || k.startsWith(`${only}:`)));
if (unreviewedFns.length) process.stderr.write(`functions without a hand review: ${unreviewedFns.join(', ')}\n`);
if (unmatched.length) process.stderr.write(`reviews for functions not in the results: ${unmatched.join(', ')}\n`);
if (unmatchedFindings.length) process.stderr.write(`finding verdicts for findings not in the results: ${unmatchedFindings.join(' | ')}\n`);
const unreviewedFindings = allFinds.filter((f) => !f.unknown && !f.verdict).map((f) => f.key);
if (unreviewedFindings.length) process.stderr.write(`findings without a verdict:\n  ${unreviewedFindings.join('\n  ')}\n`);

writeFileSync(jsonOut, JSON.stringify({ overall, perApp, apps: results }, null, 2) + '\n');

// ---- table ---------------------------------------------------------------------------------
const esc = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const lines = [];
lines.push('<!-- Generated by packages/leash/scripts/crosscheck-real-apps.mjs; do not edit by hand. -->');
lines.push('');
lines.push('| app | policy exit | scan exit | Node.js fns (code present) | analysed / partial / not | needs found (all) | needs found (no X-Ray) | silent "no AWS call" | incomplete, exit 0 | missing-permission right/wrong | unused-permission right/wrong |');
lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  if (r.error) {
    lines.push(`| ${r.app} | ${esc(r.error)} ||||||||||`);
    continue;
  }
  const n = perApp[r.app];
  lines.push(`| ${r.app} | ${r.policyExit} | ${r.scanExit} | ${n.nodeFunctions} (${n.codePresent})${n.packagedCopies ? ` + ${n.packagedCopies} packaged copies` : ''} | ${n.analysed} / ${n.partial} / ${n.notAnalysed} | ${ratio(n.needsFound, n.needs)} | ${ratio(n.needsNoXrayFound, n.needsNoXray)} | ${n.silent.length} | ${n.claimedComplete.length} (${n.claimedCompleteActions} actions) | ${n.missing.right}/${n.missing.wrong} | ${n.unused.right}/${n.unused.wrong} |`);
}
const o = overall;
lines.push(`| **all** | | | ${o.nodeFunctions} (${o.codePresent})${o.packagedCopies ? ` + ${o.packagedCopies} packaged copies` : ''} | ${o.analysed} / ${o.partial} / ${o.notAnalysed} | ${ratio(o.needsFound, o.needs)} | ${ratio(o.needsNoXrayFound, o.needsNoXray)} | ${o.silent.length} | ${o.claimedComplete.length} (${o.claimedCompleteActions} actions) | ${o.missing.right}/${o.missing.wrong} | ${o.unused.right}/${o.unused.wrong} |`);
lines.push('');
lines.push('### Functions');
lines.push('');
lines.push('Columns: **status** = how far leash read the code (from its own unknowns); **needs** = actions the hand review says the code needs (✓ in the generated policy, ✗ not); **leash calls** = calls leash found in the code; **unknowns** = how many unknowns leash reported (code + resources).');
lines.push('');
lines.push('| app | function | code | status | needs | leash calls | unknowns | `policy --function` exit | note |');
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const f of allFns) {
  if (!f.node) continue;
  const needs = f.needs.map((n) => `${n.found ? '✓' : '✗'} ${n.action}`).join(', ');
  const calls = [...new Set(f.calls.map((c) => c.split('@')[0]))].join(', ');
  lines.push(`| ${esc(f.app)} | ${esc(`${f.stack}#${f.function}`)} | ${f.packagedCopy ? 'packaged copy' : f.code} | ${f.status} | ${esc(needs)} | ${esc(calls)} | ${f.unknowns.length || ''} | ${f.policyExitAlone} | ${esc(f.note)} |`);
}
lines.push('');
lines.push('### IAM findings (scan), classified by hand');
lines.push('');
lines.push('| app | function | rule | severity | actions | verdict |');
lines.push('|---|---|---|---|---|---|');
for (const x of allFinds) {
  if (x.unknown) continue;
  const actions = x.actions.length > 6 ? `${x.actions.slice(0, 6).join(', ')}, … (+${x.actions.length - 6})` : x.actions.join(', ');
  lines.push(`| ${esc(x.key.split(':')[0])} | ${esc(`${x.stack}#${x.function}`)} (line ${x.line}) | ${x.rule} | ${x.severity} | ${esc(actions)} | ${esc(x.verdict ?? 'not reviewed')} |`);
}
writeFileSync(mdOut, lines.join('\n') + '\n');
process.stderr.write(`${JSON.stringify({ ...overall, silent: overall.silent.length, silentPartial: overall.silentPartial.length, claimedComplete: overall.claimedComplete.length, xrayOnlyMissing: overall.xrayOnlyMissing.length })}\n`);
