/**
 * Hostile and broken input through the built CLI, as a user meets it: every case must end quickly
 * with a clear `leash: <file>:<line>:<col>: <message> [ERR_LEASH_*]` line (where the input has a
 * line), exit code 2 for input errors, never a stack trace or an internal error, and the rest of
 * the directory still scanned. Static cases live in `fixtures/bad-*`; the large, binary and deeply
 * nested files are generated into a temp directory at test time (never committed).
 */
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const bin = join('packages', 'leash', 'bin', 'leash.js');
const fixture = (name: string) => join('packages', 'leash', 'test', 'fixtures', name);
const STACK_LINE = /^\s+at /m;
/**
 * No timed assertions (speed is measured in bench/): a hang or a runaway blow-up is caught by
 * spawnSync's timeout instead, which leaves the exit code null and fails the exit-code checks.
 */
const HANG_GUARD_MS = 50_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function leash(args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: HANG_GUARD_MS, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  findings: { rule: string; severity: string; resource: string; file: string; line: number; message: string; unknown: boolean }[];
  diagnostics: { severity: string; code: string; file: string; line?: number; message: string }[];
  functions: { id: string; file: string }[];
}

function json(run: Run): Report {
  return JSON.parse(run.stdout) as Report;
}

/** No stack trace, no internal error, and it finished (a hang leaves `code` null): true of every run below. */
function expectClean(run: Run): void {
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stdout).not.toMatch(STACK_LINE);
  expect(run.stderr).not.toContain('ERR_LEASH_INTERNAL');
  expect(run.stdout).not.toContain('ERR_LEASH_INTERNAL');
  expect(run.code, 'the run finished (not killed by the hang guard)').not.toBeNull();
}

/** `leash: <dir>/<file>:<line>:<col>: <message matching> [<code>]` on stderr. */
function problemLine(dir: string, file: string, line: number, message: RegExp | string, code: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const text = typeof message === 'string' ? escape(message) : message.source;
  return new RegExp(`^leash: ${escape(`${dir}/${file}`)}:${line}:\\d+: .*${text}.* \\[${code}\\]$`, 'm');
}

beforeAll(() => {
  expect(existsSync(join(repoRoot, 'packages', 'leash', 'dist', 'cli', 'main.js')), 'run `npm run build` before these tests').toBe(true);
});

describe('broken files exit 2 with file:line:col and the ERR_LEASH code', () => {
  const cases: { name: string; file: string; line: number; message: RegExp | string; code: string }[] = [
    { name: 'bad-yaml', file: 'template.yaml', line: 8, message: 'invalid YAML', code: 'ERR_LEASH_PARSE' },
    { name: 'bad-json', file: 'template.json', line: 9, message: 'invalid JSON', code: 'ERR_LEASH_PARSE' },
    { name: 'bad-sls-yaml', file: 'serverless.yml', line: 10, message: 'invalid YAML', code: 'ERR_LEASH_PARSE' },
    { name: 'bad-unknown-tag', file: 'template.yaml', line: 8, message: '!Bogus', code: 'ERR_LEASH_UNKNOWN_TAG' },
    { name: 'bad-alias-bomb', file: 'template.yaml', line: 6, message: 'alias bomb', code: 'ERR_LEASH_ALIAS_LIMIT' },
    { name: 'bad-condition-cycle', file: 'template.yaml', line: 4, message: 'A → B → A', code: 'ERR_LEASH_CIRCULAR_REFERENCE' },
    { name: 'bad-depends-on-cycle', file: 'template.yaml', line: 4, message: 'Fn → Other → Fn', code: 'ERR_LEASH_CIRCULAR_REFERENCE' },
    { name: 'bad-sub-self', file: 'template.yaml', line: 8, message: 'resource Fn refers to itself', code: 'ERR_LEASH_CIRCULAR_REFERENCE' },
    { name: 'bad-sls-cycle', file: 'serverless.yml', line: 3, message: 'refers back to itself', code: 'ERR_LEASH_CIRCULAR_REFERENCE' },
    { name: 'bad-resources-string', file: 'template.yaml', line: 2, message: 'Resources must be a mapping', code: 'ERR_LEASH_INVALID_TEMPLATE' },
    { name: 'bad-no-type', file: 'template.yaml', line: 4, message: 'resource Fn has no Type', code: 'ERR_LEASH_INVALID_TEMPLATE' },
    { name: 'bad-properties-list', file: 'template.yaml', line: 6, message: 'Properties of resource Fn must be a mapping', code: 'ERR_LEASH_INVALID_TEMPLATE' },
    { name: 'bad-events', file: 'template.yaml', line: 18, message: 'event Api of Fn2 has no Type', code: 'ERR_LEASH_INVALID_TEMPLATE' },
    { name: 'bad-sls-garbage', file: 'serverless.yml', line: 16, message: 'functions[1] is not a mapping', code: 'ERR_LEASH_INVALID_TEMPLATE' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code} at ${c.file}:${c.line}`, () => {
      const run = leash(['scan', fixture(c.name), '--format', 'json']);
      expectClean(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(problemLine(fixture(c.name), c.file, c.line, c.message, c.code));
      // The report is still written, and carries the same problem (its file relative to the scan root: the repository).
      const report = json(run);
      expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: c.code, file: `${fixture(c.name)}/${c.file}`, line: c.line }));
    });
  }

  it('every malformed SAM event is reported at its own line, and the other functions are still scanned', () => {
    const run = leash(['scan', fixture('bad-events'), '--format', 'json']);
    const lines = json(run).diagnostics.filter((d) => d.severity === 'error').map((d) => d.line);
    expect(lines).toEqual([18, 19, 22]);
    // `Events:` left empty (null) is no event at all, not an error.
    expect(json(run).functions.map((f) => f.id).sort()).toEqual(['Fn', 'Fn2']);
  });

  it('a template with a resource without Type still reports the good resources', () => {
    const report = json(leash(['scan', fixture('bad-no-type'), '--format', 'json']));
    expect(report.functions.map((f) => f.id)).toEqual(['Good']);
  });

  it('a directory with one broken template among good apps: exit 2, the good apps are scanned and reported', () => {
    const run = leash(['scan', fixture('bad-mixed'), '--format', 'json']);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(problemLine(fixture('bad-mixed'), 'broken/template.yaml', 8, 'invalid YAML', 'ERR_LEASH_PARSE'));
    const report = json(run);
    expect(report.functions.map((f) => `${f.file}#${f.id}`).sort()).toEqual([`${fixture('bad-mixed')}/orders/template.yaml#OrdersFunction`, `${fixture('bad-mixed')}/reports/serverless.yml#report`]);
    expect(report.findings.some((f) => f.rule === 'iam/wildcard-action' && f.resource === 'OrdersFunction')).toBe(true);
    // The text report shows the findings too, with the error on stderr.
    const text = leash(['scan', fixture('bad-mixed')]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('OrdersFunction');
    expect(text.stderr).toContain('ERR_LEASH_PARSE');
  });

  it('a template.yaml with a list or a string at the top is not a template: noted and skipped, and with nothing else to scan, exit 2', () => {
    for (const [name, shape] of [['bad-top-list', 'a list'], ['bad-top-scalar', 'a string']] as const) {
      const run = leash(['scan', fixture(name), '--format', 'json']);
      expectClean(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/\[ERR_LEASH_NO_APP\]/);
      expect(json(run).diagnostics).toContainEqual(
        expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_NOT_A_TEMPLATE', file: `${fixture(name)}/template.yaml`, message: expect.stringContaining(`it is ${shape}`) }),
      );
      // Named as the input, the same file is an error of its own.
      const explicit = leash(['scan', join(fixture(name), 'template.yaml')]);
      expect(explicit.code).toBe(2);
      expect(explicit.stderr).toMatch(problemLine(fixture(name), 'template.yaml', 1, `it is ${shape}`, 'ERR_LEASH_NOT_A_TEMPLATE'));
    }
  });

  it('a single broken template given as a file', () => {
    const run = leash(['scan', join(fixture('bad-yaml'), 'template.yaml')]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^leash: \S*template\.yaml:8:\d+: invalid YAML.* \[ERR_LEASH_PARSE\]$/m);
  });

  it('SARIF output of a broken scan is still valid JSON', () => {
    const run = leash(['scan', fixture('bad-mixed'), '--format', 'sarif']);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});

describe('paths that hold no app', () => {
  it('a directory without an app', () => {
    const run = leash(['scan', fixture('bad-no-app')]);
    expectClean(run);
    expect(run.code).toBe(2);
    // The directory is named once, as the location (it used to be repeated as an absolute path).
    expect(run.stderr).toMatch(/^leash: packages\/leash\/test\/fixtures\/bad-no-app: no serverless app found: expected .* \[ERR_LEASH_NO_APP\]$/m);
    expect(run.stderr).not.toContain(repoRoot);
  });

  it('a path that does not exist', () => {
    const run = leash(['scan', fixture('bad-does-not-exist')]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^leash: .*bad-does-not-exist.* \[ERR_LEASH_FILE_NOT_FOUND\]$/m);
  });

  it('a file that is not a template', () => {
    const run = leash(['scan', join(fixture('bad-no-app'), 'README.md')]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/README\.md.*\[ERR_LEASH_NO_APP\]/);
  });
});

describe('input that is valid YAML but odd: read as AWS does, reported, never a crash', () => {
  it('duplicate keys: a warning at the second key, and the last value wins as in CloudFormation', () => {
    // CloudFormation accepts duplicate keys (last one wins), so this is no input error: the
    // findings follow the value AWS deploys (AdministratorAccess, the second Policies).
    const run = leash(['scan', fixture('bad-duplicate-keys'), '--format', 'json']);
    expectClean(run);
    const report = json(run);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_DUPLICATE_KEY', file: `${fixture('bad-duplicate-keys')}/template.yaml`, line: 12 }));
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'iam/wildcard-action', resource: 'Fn', severity: 'critical' }));
    expect(run.code).toBe(1);
  });

  it('garbage Policies: unknown with file and line, never "every action" for a statement without Action', () => {
    const run = leash(['scan', fixture('bad-policies'), '--format', 'json']);
    expectClean(run);
    const report = json(run);
    const fnUnknowns = report.findings.filter((f) => f.resource === 'Fn' && f.unknown && f.rule === 'iam/wildcard-resource');
    expect(fnUnknowns).toHaveLength(1);
    expect(fnUnknowns[0]!.message).toContain('neither Action nor NotAction');
    expect(fnUnknowns[0]!.line).toBeGreaterThan(0);
    // Before the fix, `- Effect: Allow` alone read as "allowed every action on *" (high).
    expect(report.findings.filter((f) => f.resource === 'Fn' && !f.unknown && f.rule.startsWith('iam/wildcard'))).toEqual([]);
    const fn2 = report.findings.find((f) => f.resource === 'Fn2' && f.rule === 'iam/wildcard-action');
    expect(fn2).toEqual(expect.objectContaining({ unknown: true, line: 31 }));
    expect(fn2!.message).toContain('policy 17 cannot be read');
  });

  it('a Serverless statements value that is not a list is an unknown grant, not silently nothing', () => {
    const report = json(leash(['scan', fixture('bad-sls-garbage'), '--format', 'json']));
    const unknown = report.findings.find((f) => f.rule === 'iam/wildcard-action' && f.resource === 'hello');
    expect(unknown).toEqual(expect.objectContaining({ unknown: true, file: `${fixture('bad-sls-garbage')}/serverless.yml`, line: 7 }));
    expect(unknown!.message).toContain('(nope)');
  });

  it('a missing handler file: the scan goes on, naming the function and where leash looked', () => {
    const run = leash(['scan', fixture('bad-missing-handler'), '--format', 'json']);
    expectClean(run);
    const report = json(run);
    expect(report.functions.map((f) => f.id)).toEqual(['Fn']);
    const note = report.findings.find((f) => f.message.includes('handler file not found'));
    expect(note).toEqual(expect.objectContaining({ resource: 'Fn', file: `${fixture('bad-missing-handler')}/template.yaml`, line: 4 }));
    expect(note!.message).toContain('src/app.js');
  });
});

describe('generated hostile files (temp directory, never committed)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leash-bad-input-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function app(name: string, file: string, content: string | Buffer): string {
    const appDir = join(dir, name);
    mkdirSync(appDir, { recursive: true });
    writeFileSync(join(appDir, file), content);
    return appDir;
  }

  it('a 50 MB template is refused before parsing, quickly', () => {
    const topic = (i: number) => `  Topic${i}:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: topic-${i}-${'x'.repeat(60)}\n`;
    const parts = ["AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"];
    let size = parts[0]!.length;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const part = topic(i);
      parts.push(part);
      size += part.length;
    }
    const appDir = app('big', 'template.yaml', parts.join(''));
    const run = leash(['scan', appDir]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/template\.yaml:1:1: .*50\.0 MB, above the 10\.0 MB limit.* \[ERR_LEASH_FILE_TOO_LARGE\]/);
  });

  it('a template far above CloudFormation\'s 500 resources: the first 2000 are read, the rest reported, quickly', () => {
    // Within the 10 MB limit a template can hold 50,000 small functions: before the cap a 9 MB one ran for minutes.
    const parts = ["AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"];
    for (let i = 0; i < 2500; i++) {
      parts.push(`  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: python3.13\n      InlineCode: x\n`);
    }
    const run = leash(['scan', app('many-resources', 'template.yaml', parts.join('')), '--format', 'json']);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/template\.yaml:3:1: Resources has 2500 entries, far above CloudFormation's limit of 500 per stack: only the first 2000 are read \[ERR_LEASH_INVALID_TEMPLATE\]/);
    expect(json(run).functions).toHaveLength(2000);
  });

  it('a serverless.yml with 2500 functions: the first 2000 are read, quickly', () => {
    const functions = Array.from({ length: 2500 }, (_, i) => `  f${i}:\n    handler: h.f${i}\n`).join('');
    const appDir = app('many-functions', 'serverless.yml', `service: many\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n${functions}`);
    writeFileSync(join(appDir, 'h.js'), 'module.exports = {};\n'); // the handler file exists: only the cap is an error
    const run = leash(['scan', appDir, '--format', 'json']);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/serverless\.yml:5:1: 2500 functions, far above what one CloudFormation stack can hold.* \[ERR_LEASH_INVALID_TEMPLATE\]/);
    // Capped once, on the functions: every function read keeps its role.
    expect(run.stderr.split('\n').filter((l) => l.includes('ERR_LEASH'))).toHaveLength(1);
    expect(json(run).functions).toHaveLength(2000);
  });

  it('a binary file named template.yaml', () => {
    const bytes = Buffer.alloc(4096);
    randomFillSync(bytes);
    bytes[10] = 0; // at least one NUL, as in any real binary
    // on line 1: a random line break before it made the test fail in about 1 run in 25
    for (let i = 0; i < 10; i++) if (bytes[i] === 0x0a || bytes[i] === 0x0d) bytes[i] = 0x20;
    const run = leash(['scan', app('binary', 'template.yaml', bytes)]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/template\.yaml:1:\d+: this is a binary file, not a YAML or JSON template \[ERR_LEASH_PARSE\]/);
  });

  it('a binary serverless.yml', () => {
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
    const run = leash(['scan', app('binary-sls', 'serverless.yml', bytes)]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/serverless\.yml:\d+:\d+: this is a binary file.* \[ERR_LEASH_PARSE\]/);
  });

  const head = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Role: arn:aws:iam::123456789012:role/x\n      Environment: ";
  for (const depth of [500, 5_000, 100_000]) {
    it(`YAML flow sequences nested ${depth} deep`, () => {
      const run = leash(['scan', app(`deep-yaml-${depth}`, 'template.yaml', `${head}${'['.repeat(depth)}${']'.repeat(depth)}\n`)]);
      expectClean(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/template\.yaml:9:\d+: (nesting deeper than 400 levels|the document is nested too deeply to be read) \[ERR_LEASH_PARSE\]/);
    });
  }

  it('JSON nested 100000 deep', () => {
    const depth = 100_000;
    const text = `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"X":{"Type":"AWS::SNS::Topic","Properties":${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
    const run = leash(['scan', app('deep-json', 'template.json', text)]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/template\.json:1:\d+: (nesting deeper than 400 levels|the document is nested too deeply to be read) \[ERR_LEASH_PARSE\]/);
  });

  it('a wide alias bomb (one anchor, many aliases, each big)', () => {
    const items = Array.from({ length: 2000 }, () => '*big').join(', ');
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nbig: &big [${Array.from({ length: 200 }, (_, i) => `v${i}`).join(', ')}]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: [${items}]\n`;
    const run = leash(['scan', app('wide-bomb', 'template.yaml', text)]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/template\.yaml:7:\d+: .*alias bomb.* \[ERR_LEASH_ALIAS_LIMIT\]/);
  });
});
