/**
 * The CLI layer in-process: argv parsing, exit codes, where the report and the errors go. The
 * loader and the rule set are replaced by hand-built models and the sample rules, so these tests
 * pin the CLI's behaviour independently of the loaders and rules (end-to-end.test.ts runs the real ones).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

vi.mock('../../src/rules/index.js', async () => ({ rules: (await import('../reporters/sample-rules.js')).sampleRules }));

vi.mock('../../src/loaders/index.js', async () => {
  const { at, fn, role, scanModel, stack } = await import('../engine/model-builders.js');
  const { relative, resolve } = await import('node:path');
  return {
    loadScan(target: string, options: { stage?: string; root?: string } = {}) {
      const root = options.root ?? resolve(target);
      if (options.stage === 'explode') throw new TypeError("Cannot read properties of undefined (reading 'Resources')");
      // As the real loaders do: files relative to the scan root (the git work tree holding the target).
      const inRoot = (file: string) => `${relative(root, resolve(target))}/${file}`;
      const source = { kind: 'inline' as const, name: 'Policies[0]', loc: at(13, 9) };
      switch (basename(target)) {
        case 'cli-clean':
          return { ...scanModel(stack({ functions: [fn('HelloFunction', 5)], roles: [role('HelloFunctionRole', 5)] })), root };
        case 'cli-findings':
          return {
            ...scanModel(
              stack({
                functions: [fn('Orders', 5, { runtime: 'nodejs16.x' })],
                roles: [role('OrdersRole', 5, { statements: [{ effect: 'Allow', action: ['s3:*'], resource: ['*'], source, loc: at(14, 13) }], policies: [source] })],
              }),
            ),
            root,
          };
        case 'cli-broken-yaml':
          return {
            root,
            stacks: [stack({ id: inRoot('good/template.yaml'), file: inRoot('good/template.yaml'), functions: [fn('GoodFunction', 4)], roles: [role('GoodFunctionRole', 4)] })],
            diagnostics: [{ severity: 'error', code: 'ERR_LEASH_PARSE', message: 'bad indentation of a mapping entry', file: inRoot('bad/template.yaml'), line: 8, column: 6 }],
          };
        default:
          return { root, stacks: [], diagnostics: [] };
      }
    },
  };
});

const fixtures = relative(process.cwd(), join(import.meta.dirname, '..', 'fixtures'));
const fixture = (name: string) => join(fixtures, name);

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(argv: string[], io: Partial<CliIo> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
    stdoutIsTTY: false,
    cwd: process.cwd(),
    ...io,
  });
  return { code, stdout, stderr };
}

const tmp: string[] = [];
afterAll(() => {
  for (const dir of tmp) rmSync(dir, { recursive: true, force: true });
});

describe('leash scan exit codes', () => {
  it('0 when nothing unsuppressed is at or above --fail-on', async () => {
    const r = await cli(['scan', fixture('cli-clean')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('no findings');
  });

  it('1 when a finding is at or above the default threshold (high)', async () => {
    const r = await cli(['scan', fixture('cli-findings')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('grants s3:*');
    expect(r.stderr).toBe('');
  });

  it('follows --fail-on', async () => {
    expect((await cli(['scan', fixture('cli-findings'), '--fail-on', 'critical'])).code).toBe(0);
    expect((await cli(['scan', fixture('cli-findings'), '--fail-on', 'none'])).code).toBe(0);
    expect((await cli(['scan', fixture('cli-findings'), '--fail-on', 'medium'])).code).toBe(1);
    expect((await cli(['scan', fixture('cli-clean'), '--fail-on', 'info'])).code).toBe(0);
  });

  it('2 on input errors, after scanning and reporting the rest', async () => {
    const r = await cli(['scan', fixture('cli-broken-yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`leash: ${fixture('cli-broken-yaml')}/bad/template.yaml:8:6: bad indentation of a mapping entry [ERR_LEASH_PARSE]\n`);
    const report = JSON.parse(r.stdout);
    expect(report.functions.map((f: { id: string }) => f.id)).toEqual(['GoodFunction']);
    expect(report.summary.errors).toBe(1);
  });

  it('2 when the path does not exist', async () => {
    const r = await cli(['scan', fixture('no-such-dir')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`leash: no such file or directory: ${fixture('no-such-dir')} [ERR_LEASH_FILE_NOT_FOUND]\n`);
  });

  it('2 when there is no app in the directory', async () => {
    const r = await cli(['scan', fixture('cli-empty')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leash: packages\/leash\/test\/fixtures\/cli-empty: no AWS app found: .* \[ERR_LEASH_NO_APP\]\n$/);
  });

  it('2 on usage errors, with one line on stderr', async () => {
    for (const argv of [['scan', '--format', 'xml'], ['scan', '--fail-on', 'severe'], ['scan', '--bogus'], ['frobnicate'], ['scan', 'a', 'b'], []]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      if (argv.length > 0) expect(r.stderr, argv.join(' ')).toMatch(/^leash: .*\[ERR_LEASH_USAGE\]\n$/);
    }
  });

  it('2 on an unexpected exception: one line, no stack trace unless LEASH_DEBUG=1', async () => {
    const r = await cli(['scan', fixture('cli-clean'), '--stage', 'explode']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("leash: internal error: Cannot read properties of undefined (reading 'Resources') (set LEASH_DEBUG=1 for details) [ERR_LEASH_INTERNAL]\n");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const debug = await cli(['scan', fixture('cli-clean'), '--stage', 'explode'], { env: { LEASH_DEBUG: '1' } });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});

describe('leash scan output', () => {
  it('prints each format to stdout', async () => {
    const json = await cli(['scan', fixture('cli-findings'), '--format', 'json']);
    expect(JSON.parse(json.stdout).version).toBe(1);
    const sarif = await cli(['scan', fixture('cli-findings'), '-f', 'sarif']);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leash-cli-'));
    tmp.push(dir);
    const file = join(dir, 'reports', 'leash.sarif');
    const r = await cli(['scan', fixture('cli-findings'), '--format', 'sarif', '--output', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
  });

  it('exits 2 when --output cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leash-cli-'));
    tmp.push(dir);
    const r = await cli(['scan', fixture('cli-clean'), '--output', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leash: cannot write the report to .* \[ERR_LEASH_USAGE\]\n$/);
  });

  it('colours the text report only on a terminal, and never under NO_COLOR or --no-color', async () => {
    const ansi = /\u001b\[/;
    expect((await cli(['scan', fixture('cli-findings')])).stdout).not.toMatch(ansi);
    expect((await cli(['scan', fixture('cli-findings')], { stdoutIsTTY: true })).stdout).toMatch(ansi);
    expect((await cli(['scan', fixture('cli-findings')], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
    expect((await cli(['scan', fixture('cli-findings'), '--no-color'], { stdoutIsTTY: true })).stdout).not.toMatch(ansi);
    expect((await cli(['scan', fixture('cli-findings')], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
  });

  it('lists suppressed findings only with --show-suppressed', async () => {
    // cli-findings has no suppression in the mocked model: the flag must be accepted and change nothing else.
    const plain = await cli(['scan', fixture('cli-findings')]);
    const shown = await cli(['scan', fixture('cli-findings'), '--show-suppressed']);
    expect(shown.code).toBe(plain.code);
    expect(shown.stdout).toBe(plain.stdout);
  });

  it('--version and --help exit 0 and print to stdout', async () => {
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await cli(['scan', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--format', '--output', '--fail-on', '--stage', '--root', '--show-suppressed', '--no-color']) expect(help.stdout).toContain(flag);
  });
});

describe('leash policy', () => {
  it('rejects an unknown policy format', async () => {
    const r = await cli(['policy', fixture('cli-clean'), '--format', 'terraform']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^leash: .*terraform.*\[ERR_LEASH_USAGE\]\n$/);
  });

  it("prints policy()'s input errors with the scan formatter (file:line:column) and exits 2", async () => {
    const r = await cli(['policy', fixture('cli-broken-yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`leash: ${fixture('cli-broken-yaml')}/bad/template.yaml:8:6: bad indentation of a mapping entry [ERR_LEASH_PARSE]`);
    expect(JSON.parse(r.stdout)).toHaveProperty('Version', '2012-10-17');
  });

  it('an unknown function id is one located-nowhere usage error, exit 2, nothing on stdout', async () => {
    const r = await cli(['policy', fixture('cli-clean'), '--function', 'Nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^leash: no function "Nope" in the app \(functions: HelloFunction\) \[ERR_LEASH_USAGE\]\n$/);
  });
});
