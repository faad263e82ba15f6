/**
 * The built CLI, as a user runs it: `node packages/leash/bin/leash.js` (after `npm run build`), on
 * fixture apps, through the real loaders and rules. Checks exit codes, where output goes, that no
 * stack trace ever reaches the user, and that no format prints a secret in full.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifValidator } from '../reporters/sarif-schema.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const bin = join('packages', 'leash', 'bin', 'leash.js');
const fixture = (name: string) => join('packages', 'leash', 'test', 'fixtures', name);
const STACK_LINE = /^\s+at /m;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function leash(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp: string[] = [];
afterAll(() => {
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

describe('the built CLI (node packages/leash/bin/leash.js)', () => {
  beforeAll(() => {
    expect(existsSync(join(repoRoot, 'packages', 'leash', 'dist', 'cli', 'main.js')), 'run `npm run build` before these tests').toBe(true);
  });

  it('exits 2 on broken YAML, naming file:line on stderr, without a stack trace, and still reports the rest', () => {
    const r = leash(['scan', fixture('cli-broken-yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leash: packages\/leash\/test\/fixtures\/cli-broken-yaml\/bad\/template\.yaml:\d+(:\d+)?: .+ \[ERR_LEASH_[A-Z_]+\]$/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const report = JSON.parse(r.stdout);
    expect(report.functions.map((f: { id: string }) => f.id)).toContain('GoodFunction');
    // Paths are relative to the scan root: the git work tree holding the scanned directory.
    expect(report.target).toBe('packages/leash/test/fixtures/cli-broken-yaml');
    expect(report.diagnostics.some((d: { severity: string; file: string }) => d.severity === 'error' && d.file === 'packages/leash/test/fixtures/cli-broken-yaml/bad/template.yaml')).toBe(true);
  });

  it('exits 2 on a path that does not exist, with one line on stderr and nothing on stdout', () => {
    const r = leash(['scan', fixture('does-not-exist')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^leash: .*does-not-exist.* \[ERR_LEASH_FILE_NOT_FOUND\]\n$/);
  });

  it('names files relative to the scan root when the target is absolute too: no absolute path of the machine', () => {
    const r = leash(['scan', join(repoRoot, fixture('cli-broken-yaml'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`leash: ${fixture('cli-broken-yaml')}/bad/template.yaml:`);
    expect(r.stderr).not.toContain(repoRoot);
  });

  it('--root sets the scan root: the base of every path, and the limit of what is read', () => {
    const r = leash(['scan', fixture('cli-broken-yaml'), '--root', fixture('cli-broken-yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leash: bad\/template\.yaml:\d+:\d+: .+ \[ERR_LEASH_PARSE\]$/m);
    expect(JSON.parse(r.stdout).target).toBe('.');
    const missing = leash(['scan', fixture('cli-clean'), '--root', fixture('does-not-exist')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^leash: --root .*does-not-exist does not exist \[ERR_LEASH_USAGE\]$/m);
  });

  it('exits 2 on a usage error', () => {
    const r = leash(['scan', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[ERR_LEASH_USAGE\]/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 1 on a high finding, 0 with --fail-on none', () => {
    const failing = leash(['scan', fixture('cli-findings')]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toBe('');
    expect(failing.stdout).toContain('AdminFunction');
    expect(leash(['scan', fixture('cli-findings'), '--fail-on', 'none']).code).toBe(0);
  });

  it('exits 0 on an app with nothing high or critical', () => {
    const r = leash(['scan', fixture('cli-clean'), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'high' || f.severity === 'critical')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('writes --output, keeps stdout empty, and prints no colours to a file or a pipe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leash-e2e-'));
    tmp.push(dir);
    const file = join(dir, 'report.txt');
    const r = leash(['scan', fixture('cli-findings'), '--output', file], { FORCE_COLOR: '1' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('AdminFunction');
    expect(written).not.toMatch(/\u001b\[/);
    expect(leash(['scan', fixture('cli-findings')]).stdout).not.toMatch(/\u001b\[/);
  });

  it('scans a single template given as a file, with locations relative to the scan root', () => {
    const r = leash(['scan', join(fixture('cli-findings'), 'template.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('packages/leash/test/fixtures/cli-findings/template.yaml (sam)');
  });

  it('writes SARIF that the SARIF 2.1.0 schema accepts, for real findings', () => {
    const validate = sarifValidator();
    for (const name of ['cli-findings', 'cli-secret', 'cli-broken-yaml']) {
      const log = JSON.parse(leash(['scan', fixture(name), '--format', 'sarif']).stdout);
      expect(validate(log) ? [] : validate.errors, name).toEqual([]);
      expect(log.runs[0].results.length, name).toBeGreaterThan(0);
    }
  });

  it('adds the code analysis to the JSON report: calls and the generated policy of each function', () => {
    const report = JSON.parse(leash(['scan', fixture('cli-clean'), '--format', 'json']).stdout);
    const hello = report.functions.find((f: { id: string }) => f.id === 'HelloFunction');
    expect(hello.calls).toEqual([]);
    expect(hello.policy.generated.Statement.length).toBeGreaterThan(0);
  });

  it('gives byte-identical JSON and SARIF on two runs', () => {
    for (const format of ['json', 'sarif']) {
      const first = leash(['scan', 'examples/demo-app', '--format', format]).stdout;
      expect(first.length).toBeGreaterThan(1000);
      expect(leash(['scan', 'examples/demo-app', '--format', format]).stdout).toBe(first);
    }
  });

  it('--version prints the version', () => {
    const r = leash(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'packages', 'leash', 'package.json'), 'utf8')).version);
  });
});

describe('suppressions through the whole pipeline (Metadata.leash.suppress)', () => {
  const suppressed = join(fixture('cli-suppressed'), 'suppressed.yaml');
  const reasonless = join(fixture('cli-suppressed'), 'reasonless.yaml');

  it('a suppression with a reason keeps the finding out of the exit code and the default text report', () => {
    const r = leash(['scan', suppressed]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('public function URL');
    expect(r.stdout).toContain('1 suppressed');
    const shown = leash(['scan', suppressed, '--show-suppressed']);
    expect(shown.stdout).toContain('public function URL');
    expect(shown.stdout).toContain('Stripe webhook; every request is verified against the signing secret');
  });

  it('JSON and SARIF keep the suppressed finding, marked with its reason', () => {
    const json = JSON.parse(leash(['scan', suppressed, '--format', 'json']).stdout);
    const finding = json.findings.find((f: { rule: string }) => f.rule === 'exposure/function-url-public');
    expect(finding.suppressed).toMatchObject({ kind: 'inSource', source: 'metadata', reason: 'Stripe webhook; every request is verified against the signing secret' });
    const sarif = JSON.parse(leash(['scan', suppressed, '--format', 'sarif']).stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'exposure/function-url-public');
    expect(result.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'Stripe webhook; every request is verified against the signing secret' }]);
  });

  it('a suppression without a reason is ignored, with a warning at its line', () => {
    const r = leash(['scan', reasonless, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.find((f: { rule: string }) => f.rule === 'exposure/function-url-public').suppressed).toBeNull();
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_SUPPRESSION_NO_REASON', file: `${fixture('cli-suppressed')}/reasonless.yaml`, line: 10 }));
  });
});

describe('leash policy (built CLI)', () => {
  it('prints the generated policy as IAM JSON and exits 0 when everything is known', () => {
    const r = leash(['policy', fixture('cli-clean'), '--format', 'iam']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.Version).toBe('2012-10-17');
    expect(doc.Statement.flatMap((s: { Action: string | string[] }) => s.Action)).toContain('logs:PutLogEvents');
  });

  it('exits 2 on broken input, naming file:line in the CLI format', () => {
    const r = leash(['policy', fixture('cli-broken-yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leash: packages\/leash\/test\/fixtures\/cli-broken-yaml\/bad\/template\.yaml:\d+:\d+: .+ \[ERR_LEASH_PARSE\]$/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 2 on a path that does not exist', () => {
    const r = leash(['policy', fixture('does-not-exist')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leash: .*\[ERR_LEASH_FILE_NOT_FOUND\]\n$/);
  });
});

describe('no format prints a secret in full', () => {
  const accessKeyId = 'AKIAQ7Z3L5K2WJX4NB6R';
  const secretAccessKey = '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';

  it('finds the credentials (so the check below means something)', () => {
    const report = JSON.parse(leash(['scan', fixture('cli-secret'), '--format', 'json']).stdout);
    const secretFindings = report.findings.filter((f: { rule: string }) => f.rule.startsWith('secrets/'));
    expect(secretFindings.map((f: { resource: string }) => f.resource)).toContain('UploaderFunction');
    expect(secretFindings.length).toBeGreaterThanOrEqual(2);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`${format}: neither the access key id nor the secret key appears`, () => {
      const r = leash(['scan', fixture('cli-secret'), '--format', format, '--show-suppressed']);
      expect(r.code).not.toBeNull();
      for (const output of [r.stdout, r.stderr]) {
        expect(output).not.toContain(accessKeyId);
        expect(output).not.toContain(secretAccessKey);
        // Nor a large piece of either (a redaction that keeps most of the value is no redaction).
        expect(output).not.toContain(accessKeyId.slice(0, 12));
        expect(output).not.toContain(secretAccessKey.slice(0, 12));
      }
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }
});
