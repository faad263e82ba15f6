/**
 * The hostile-input suite: `leash scan` run the way CI runs it on an attacker's pull request.
 *
 * Each case is a folder under `cases/` with a `case.json` (see {@link CaseSpec}) and its input:
 * `app/` (copied as is, `__OUTSIDE__` in text files replaced by the absolute path of the outside
 * folder) and/or `generate.mjs` (a default export `(root, ctx) => void | { secrets } | Promise<...>`
 * that writes what cannot be committed: big or deep files, symlinks, FIFOs, fake credentials, which
 * it may return as `secrets` never to be printed). For each case the test lays out
 *
 *   <tmp>/outside/   files an attacker wants read (`secret.txt`, `template.yaml`, `.npmrc`, code),
 *                    each holding OUTSIDE_MARKER
 *   <tmp>/root/      the case's app: the scan root (not in a git work tree, so the root is the path)
 *
 * and runs the built CLI from `<tmp>/root` in each format, with ENV_MARKER in an environment
 * variable of the process (as a CI secret would be). Every run must: end by itself (the hang guard
 * is a timeout, not a timed assertion) with the expected exit code, print no stack trace or internal
 * error, stay under the memory budget, print no control character, bidi override, line separator,
 * line starting with `::` or `##[` / `##vso[` command anywhere, and never print a marker, a
 * case's own secrets or the machine's absolute paths.
 *
 * `payloads.mjs` holds the hostile strings the output cases (`output-*`) put in every place leash
 * echoes. A case with `readEnv` runs the library's `main()` with `readEnv: true` (`read-env-main.mjs`)
 * instead of the CLI, which has no flag to read the environment.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const repoRoot = resolve(here, '..', '..', '..', '..');
const bin = join(repoRoot, 'packages', 'leash', 'bin', 'leash.js');
const measureRss = join(here, 'measure-rss.cjs');
const readEnvMain = join(here, 'read-env-main.mjs');
const casesDir = join(here, 'cases');

const OUTSIDE_MARKER = 'LEASH-OUTSIDE-MARKER-7f3a9c';
const ENV_MARKER = 'LEASH-ENV-MARKER-51d2e8';
/** The name of the CI secret's environment variable; cases may refer to it (`${env:LEASH_CI_SECRET}`). */
const ENV_NAME = 'LEASH_CI_SECRET';
const HANG_GUARD_MS = 60_000;
const RSS_BUDGET_KB = 512 * 1024;
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface CaseSpec {
  /** What the case attacks and what leash must do. */
  readonly description: string;
  /** Expected exit code in every format. */
  readonly exit: 0 | 1 | 2;
  /** Arguments after `scan`; default `["."]` (run from the root). `--format` is added by the suite. */
  readonly args?: readonly string[];
  /** Formats to run; default all three. */
  readonly formats?: readonly Format[];
  /** Regular expressions (source text) that must match stderr in every run. */
  readonly stderr?: readonly string[];
  /** Regular expressions that must match stdout in every run of the text format. */
  readonly text?: readonly string[];
  /** Regular expressions that must match stdout in the json format. */
  readonly json?: readonly string[];
  /** Extra environment variables for the run. */
  readonly env?: Readonly<Record<string, string>>;
  /** Run `main({ readEnv: true })` of the library instead of the CLI (`${env:}` is read). */
  readonly readEnv?: boolean;
  /** Strings of the case's own input that must never be printed (a NoEcho parameter's default...). */
  readonly secrets?: readonly string[];
}

interface GenerateContext {
  readonly outside: string;
  readonly marker: string;
}

interface Run {
  readonly format: Format;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly rssKb: number | undefined;
}

/** C0 controls but tab and newline, DEL, C1, bidi embeddings/overrides/isolates and marks, U+2028/2029, BOM, zero-width space, word joiner. */
const UNSAFE_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff]/u;
const WORKFLOW_COMMAND = /^\s*::/m;
/** GitHub's legacy `##[command]` and Azure Pipelines' `##vso[command]`, which both runners read anywhere in a line. */
const INLINE_COMMAND = /##(?:vso)?\[/;
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

const scratch = mkdtempSync(join(tmpdir(), 'leash-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function caseNames(): string[] {
  return readdirSync(casesDir).filter((name) => existsSync(join(casesDir, name, 'case.json'))).sort();
}

function writeOutside(outside: string): void {
  mkdirSync(join(outside, 'code'), { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), `${OUTSIDE_MARKER}\n`);
  writeFileSync(join(outside, '.npmrc'), `//registry.npmjs.org/:_authToken=${OUTSIDE_MARKER}\n`);
  writeFileSync(join(outside, 'secret.json'), JSON.stringify({ password: OUTSIDE_MARKER }));
  writeFileSync(
    join(outside, 'template.yaml'),
    `Resources:\n  ${OUTSIDE_MARKER.replace(/-/g, '')}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/${OUTSIDE_MARKER}\n      Code: { ZipFile: "${OUTSIDE_MARKER}" }\n`,
  );
  writeFileSync(join(outside, 'code', 'index.mjs'), `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nexport const handler = () => new S3Client({}).send(new GetObjectCommand({ Bucket: '${OUTSIDE_MARKER}', Key: 'k' }));\n`);
}

/** Copies `from` into `to`, replacing `__OUTSIDE__` in text files. */
function copyApp(from: string, to: string, outside: string): void {
  cpSync(from, to, { recursive: true });
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) {
        const text = readFileSync(path, 'utf8');
        if (text.includes('__OUTSIDE__')) writeFileSync(path, text.replaceAll('__OUTSIDE__', outside));
      }
    }
  };
  visit(to);
}

async function prepare(name: string): Promise<{ spec: CaseSpec; root: string; base: string }> {
  const source = join(casesDir, name);
  const spec = JSON.parse(readFileSync(join(source, 'case.json'), 'utf8')) as CaseSpec;
  const base = join(scratch, name);
  const outside = join(base, 'outside');
  const root = join(base, 'root');
  writeOutside(outside);
  mkdirSync(root, { recursive: true });
  if (existsSync(join(source, 'app'))) copyApp(join(source, 'app'), root, outside);
  let generated: { secrets?: string[] } | undefined;
  if (existsSync(join(source, 'generate.mjs'))) {
    const generate = (await import(pathToFileURL(join(source, 'generate.mjs')).href)) as { default: (root: string, ctx: GenerateContext) => unknown };
    generated = (await generate.default(root, { outside, marker: OUTSIDE_MARKER })) as typeof generated;
  }
  return { spec: { ...spec, secrets: [...(spec.secrets ?? []), ...(generated?.secrets ?? [])] }, root, base };
}

function runLeash(spec: CaseSpec, root: string, format: Format): Run {
  const rssFile = join(root, '..', `rss-${format}`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: join(root, '..', 'outside'),
    [ENV_NAME]: ENV_MARKER,
    LEASH_TEST_RSS_FILE: rssFile,
    ...spec.env,
  };
  const entry = spec.readEnv === true ? [readEnvMain] : [bin, 'scan'];
  const r = spawnSync(process.execPath, ['--require', measureRss, ...entry, ...(spec.args ?? ['.']), '--format', format], {
    cwd: root,
    encoding: 'utf8',
    env,
    timeout: HANG_GUARD_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined;
  return { format, code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, rssKb };
}

function firstUnsafe(text: string): string | undefined {
  const match = UNSAFE_CHARACTER.exec(text);
  if (!match) return undefined;
  const at = match.index;
  return `U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`;
}

function expectHarmless(run: Run, base: string, spec: CaseSpec): void {
  const label = `${run.format}:`;
  expect(run.signal, `${label} killed by ${run.signal} (a crash, or the hang guard)`).toBeNull();
  expect(run.code, `${label} exit code; stderr: ${run.stderr.slice(0, 2000)}`).toBe(spec.exit);
  for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    expect(text, `${label} ${stream} has a stack trace`).not.toMatch(STACK_LINE);
    expect(text, `${label} ${stream} reports an internal error`).not.toContain('ERR_LEASH_INTERNAL');
    expect(text, `${label} ${stream} shows content from outside the root`).not.toContain(OUTSIDE_MARKER);
    expect(text, `${label} ${stream} shows a value of the CI environment`).not.toContain(ENV_MARKER);
    expect(text, `${label} ${stream} shows an absolute path of this machine`).not.toContain(base);
    expect(firstUnsafe(text), `${label} ${stream} has an unsafe character`).toBeUndefined();
    expect(text, `${label} ${stream} has a line GitHub Actions would run as a workflow command`).not.toMatch(WORKFLOW_COMMAND);
    expect(text, `${label} ${stream} has a command GitHub Actions or Azure Pipelines would run`).not.toMatch(INLINE_COMMAND);
    for (const secret of spec.secrets ?? []) expect(text, `${label} ${stream} shows a secret of the input`).not.toContain(secret);
  }
  expect(run.rssKb, `${label} peak RSS not recorded (the process did not exit normally)`).toBeDefined();
  expect(run.rssKb!, `${label} peak RSS in kB`).toBeLessThan(RSS_BUDGET_KB);
  for (const pattern of spec.stderr ?? []) expect(run.stderr, `${label} stderr`).toMatch(new RegExp(pattern, 'm'));
  if (run.format === 'text') for (const pattern of spec.text ?? []) expect(run.stdout, 'text report').toMatch(new RegExp(pattern, 'm'));
  if (run.format === 'json') {
    expect(() => JSON.parse(run.stdout), 'the JSON report parses').not.toThrow();
    for (const pattern of spec.json ?? []) expect(run.stdout, 'json report').toMatch(new RegExp(pattern, 'm'));
  }
  if (run.format === 'sarif') expect(() => JSON.parse(run.stdout), 'the SARIF report parses').not.toThrow();
}

describe('hostile input: leash scan on an attacker’s pull request', () => {
  it('has cases', () => expect(caseNames().length).toBeGreaterThan(0));
  for (const name of caseNames()) {
    it(name, async () => {
      const { spec, root, base } = await prepare(name);
      for (const format of spec.formats ?? FORMATS) {
        expectHarmless(runLeash(spec, root, format), base, spec);
      }
    });
  }
});
