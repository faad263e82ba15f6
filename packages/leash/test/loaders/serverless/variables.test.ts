import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfinedFs, writtenPath } from '../../../src/fs/confined.js';
import { isUnknown } from '../../../src/model/values.js';
import { parseTemplate } from '../../../src/loaders/parse/index.js';
import { MAX_VARIABLE_EXPANSION, MAX_VARIABLE_STEPS, findVariables, resolveVariables, type VariableContext } from '../../../src/loaders/serverless/variables.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * Resolves `yaml` as the serverless.yml of `<tmp>/root/app`, the scan root being `<tmp>/root`, with
 * `files` written under the root and `outside` under `<tmp>/outside` (what must never be read);
 * `setup` may add symlinks and FIFOs.
 */
function resolveYaml(yaml: string | ((outside: string) => string), ctx: Partial<VariableContext> = {}, files: Record<string, string> = {}, setup?: (dirs: { root: string; app: string; outside: string }) => void) {
  const base = mkdtempSync(join(tmpdir(), 'leash-vars-'));
  dirs.push(base);
  const root = join(base, 'root');
  const app = join(root, 'app');
  const outside = join(base, 'outside');
  mkdirSync(app, { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.yml'), 'token: OUTSIDE-SECRET\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(app, name, '..'), { recursive: true });
    writeFileSync(join(app, name), text);
  }
  setup?.({ root, app, outside });
  const fs = new ConfinedFs(root);
  const parsed = parseTemplate(typeof yaml === 'string' ? yaml : yaml(outside), 'serverless.yml');
  return resolveVariables(
    { value: parsed.value, locate: (p) => parsed.locate(p) },
    {
      serviceDir: app,
      options: {},
      readEnv: false,
      env: {},
      loadFile(abs) {
        const read = fs.readText(abs, 1024 * 1024);
        if (!read.ok) return read.refusal;
        const inner = parseTemplate(read.text, fs.rel(abs), { allowNonMapping: true });
        return { value: inner.value, locate: (p) => inner.locate(p) };
      },
      showPath: (written) => writtenPath(fs, written),
      ...ctx,
    },
  );
}

describe('serverless variables', () => {
  it('tells Serverless variables from Fn::Sub placeholders', () => {
    expect(findVariables('${self:service}-${AWS::Region}-${Table.Arn}-${MyParam}').map((s) => s.inner)).toEqual(['self:service']);
    expect(findVariables("${file(./config.${opt:stage, 'dev'}.yml):x}").map((s) => s.inner)).toEqual(["file(./config.${opt:stage, 'dev'}.yml):x"]);
  });

  it('resolves self, nested self, sls:stage and opt defaults', () => {
    const r = resolveYaml(`
service: shop
custom:
  stage: \${opt:stage, 'dev'}
  tables:
    dev: shop-dev-table
    prod: shop-prod-table
  table: \${self:custom.tables.\${self:custom.stage}}
provider:
  name: aws
  stage: \${opt:stage, "dev"}
  region: \${opt:region, self:custom.region, 'eu-west-1'}
  memorySize: \${self:custom.memory, 512}
functions:
  hello:
    environment:
      TABLE: \${self:custom.table}
      NAME: \${self:service}-\${sls:stage}
      REGION: \${aws:region}
`);
    const v = r.value as any;
    expect(v.custom.table).toBe('shop-dev-table');
    expect(v.provider.region).toBe('eu-west-1');
    expect(v.provider.memorySize).toBe(512);
    expect(v.functions.hello.environment.NAME).toBe('shop-dev');
    expect(v.functions.hello.environment.REGION).toBe('eu-west-1');
    expect(r.stage).toBe('dev');
    expect(r.diagnostics).toEqual([]);
  });

  it('uses --stage when given', () => {
    const r = resolveYaml(`
service: s
custom:
  tables: { dev: a, prod: b }
provider:
  stage: \${opt:stage, 'dev'}
  environment:
    T: \${self:custom.tables.\${sls:stage}}
`, { stage: 'prod' });
    expect((r.value as any).provider.environment.T).toBe('b');
  });

  it('keeps env unresolved unless readEnv, using fallbacks as an empty environment would', () => {
    const yaml = `
a: \${env:TOKEN}
b: \${env:STAGE, 'dev'}
`;
    const off = resolveYaml(yaml, { env: { TOKEN: 't0k' } });
    expect(isUnknown((off.value as any).a)).toBe(true);
    expect((off.value as any).a.reason).toMatch(/not read/);
    expect((off.value as any).b).toBe('dev');
    const on = resolveYaml(yaml, { readEnv: true, env: { TOKEN: 't0k', STAGE: 'qa' } });
    expect((on.value as any).a).toBe('t0k');
    expect((on.value as any).b).toBe('qa');
  });

  it('marks every value it reads from the environment (reports never print them), none without readEnv', () => {
    const yaml = `
a: \${env:TOKEN}
b: prefix-\${env:OTHER}-suffix
c: \${env:MISSING, 'fallback'}
`;
    expect(resolveYaml(yaml, { readEnv: true, env: { TOKEN: 't0k3n', OTHER: 'v4lue' } }).environmentValues.sort()).toEqual(['t0k3n', 'v4lue']);
    expect(resolveYaml(yaml, { env: { TOKEN: 't0k3n', OTHER: 'v4lue' } }).environmentValues).toEqual([]);
  });

  it('reads ${file()} YAML and JSON, with a key and a variable path', () => {
    const r = resolveYaml(
      `
custom:
  config: \${file(./config/\${opt:stage, 'dev'}.yml)}
  key: \${file(./secrets.json):API_URL}
  missing: \${file(./nope.yml):x, 'fallback'}
`,
      {},
      { 'config/dev.yml': 'memory: 256\nname: ${self:custom.key}\n', 'secrets.json': '{"API_URL": "https://example.com"}' },
    );
    const custom = (r.value as any).custom;
    expect(custom.config).toEqual({ memory: 256, name: 'https://example.com' });
    expect(custom.key).toBe('https://example.com');
    expect(custom.missing).toBe('fallback');
  });

  it('keeps ssm, cf, param and JS files as Unknown values with the reason and line', () => {
    const r = resolveYaml(`service: s
provider:
  environment:
    DB_PASSWORD: \${ssm:/app/db/password}
    OTHER: \${cf:other-stack.Output}
    P: \${param:AppName}
    J: \${file(./config.js):value}
    MIXED: prefix-\${ssm:/x}-suffix
`);
    const env = (r.value as any).provider.environment;
    for (const key of ['DB_PASSWORD', 'OTHER', 'P', 'J', 'MIXED']) expect(isUnknown(env[key]), key).toBe(true);
    expect(env.DB_PASSWORD.reason).toMatch(/SSM parameter/);
    expect(env.DB_PASSWORD.loc).toMatchObject({ file: 'serverless.yml', line: 4 });
    expect(env.MIXED.expr).toBe('prefix-${ssm:/x}-suffix');
    expect(r.unresolved.length).toBe(5);
  });

  it('reports a cycle once per member with ERR_LEASH_CIRCULAR_REFERENCE and keeps going', () => {
    const r = resolveYaml(`
custom:
  a: \${self:custom.b}
  b: \${self:custom.a}
  ok: fine
`);
    const custom = (r.value as any).custom;
    expect(isUnknown(custom.a)).toBe(true);
    expect(custom.a.reason).toMatch(/circular/);
    expect(custom.ok).toBe('fine');
    expect(r.diagnostics.some((d) => d.code === 'ERR_LEASH_CIRCULAR_REFERENCE')).toBe(true);
  });

  it('stops a self-referencing chain that grows without bound', () => {
    const r = resolveYaml(`
custom:
  a: x\${self:custom.a}
`);
    expect(isUnknown((r.value as any).custom.a)).toBe(true);
  });

  it('turns ${aws:accountId} into the AWS::AccountId pseudo parameter', () => {
    const r = resolveYaml(`
a: \${aws:accountId}
b: arn:aws:sqs:eu-west-1:\${aws:accountId}:queue-\${sls:stage}
c:
  Fn::Sub: arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${aws:accountId}:q
d: x-\${Literal}-\${aws:accountId}
`);
    const v = r.value as any;
    expect(v.a).toEqual({ Ref: 'AWS::AccountId' });
    expect(v.b).toEqual({ 'Fn::Sub': 'arn:aws:sqs:eu-west-1:${AWS::AccountId}:queue-dev' });
    expect(v.c).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q' });
    expect(v.d).toEqual({ 'Fn::Sub': 'x-${!Literal}-${AWS::AccountId}' });
    expect(r.unresolved).toEqual([]);
  });

  it('reads ${param:} from the params block by stage, then default', () => {
    const yaml = `
params:
  default: { App: music, Size: 128 }
  prod: { Size: 2048 }
a: \${param:App}
b: \${param:Size}
c: \${param:Missing}
`;
    const dev = resolveYaml(yaml).value as any;
    expect([dev.a, dev.b]).toEqual(['music', 128]);
    expect(isUnknown(dev.c)).toBe(true);
    expect(dev.c.reason).toMatch(/Dashboard/);
    const prod = resolveYaml(yaml, { stage: 'prod' }).value as any;
    expect([prod.a, prod.b]).toEqual(['music', 2048]);
    const v4 = resolveYaml('stages:\n  default: { params: { App: v4app } }\na: ${param:App}\n').value as any;
    expect(v4.a).toBe('v4app');
  });

  it('never reads a ${file()} outside the scan root: relative, absolute, home, or through a symlink; a warning names the reference', () => {
    const r = resolveYaml(
      (outside) => `
custom:
  up: \${file(../../outside/secret.yml):token}
  abs: \${file(${outside}/secret.yml):token}
  home: \${file(~/secret.yml):token, 'fallback'}
  linked: \${file(./linked.yml):token}
  inside: \${file(./ok.yml):token}
  mixed: a-\${file(${outside}/secret.yml):token}-b
`,
      {},
      { 'ok.yml': 'token: fine\n' },
      ({ app, outside }) => symlinkSync(join(outside, 'secret.yml'), join(app, 'linked.yml')),
    );
    const custom = (r.value as any).custom;
    expect(custom.inside).toBe('fine');
    for (const key of ['up', 'abs', 'home', 'linked', 'mixed']) {
      expect(isUnknown(custom[key]), key).toBe(true);
      expect(JSON.stringify(custom[key]), key).not.toContain('OUTSIDE-SECRET');
      expect(JSON.stringify(custom[key]), key).not.toContain(tmpdir());
    }
    // The home directory is never read, not even for its fallback: the value is unknown.
    expect(custom.home.reason).toBe('${file(~/secret.yml):token}: ~/secret.yml leads outside the scan root; not read');
    // An absolute path is shown by its last part only: no path of the machine in a report.
    expect(custom.mixed.expr).toBe('a-${file(…/secret.yml):token}-b');
    const warnings = r.diagnostics.map((d) => `${d.code} ${d.line}: ${d.message}`);
    expect(warnings).toEqual([
      'WARN_LEASH_OUTSIDE_ROOT 3: ${file(../../outside/secret.yml):token} leads outside the scan root; not read',
      'WARN_LEASH_OUTSIDE_ROOT 4: ${file(…/secret.yml):token} leads outside the scan root; not read',
      'WARN_LEASH_OUTSIDE_ROOT 5: ${file(~/secret.yml):token} leads outside the scan root; not read',
      'WARN_LEASH_OUTSIDE_ROOT 6: ${file(./linked.yml):token} leads outside the scan root; not read',
      'WARN_LEASH_OUTSIDE_ROOT 8: ${file(…/secret.yml):token} leads outside the scan root; not read',
    ]);
    // Reported as outside the root: not a second time as an unresolved variable.
    expect(r.unresolved).toEqual([]);
  });

  it('reads no FIFO, device or oversized file for ${file()}: each is named in a warning, the value unknown', () => {
    const r = resolveYaml(
      `
custom:
  fifo: \${file(./pipe.yml)}
  device: \${file(./random.yml)}
  big: \${file(./big.yml):key}
  missing: \${file(./nope.yml):x, 'fallback'}
`,
      {},
      { 'big.yml': `key: x\n${'#'.repeat(2 * 1024 * 1024)}\n` },
      ({ app }) => {
        execFileSync('mkfifo', [join(app, 'pipe.yml')]);
        symlinkSync('/dev/urandom', join(app, 'random.yml'));
      },
    );
    const custom = (r.value as any).custom;
    for (const key of ['fifo', 'device', 'big']) expect(isUnknown(custom[key]), key).toBe(true);
    expect(custom.missing).toBe('fallback');
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}: ${d.message}`)).toEqual([
      'WARN_LEASH_NOT_A_FILE 3: ${file(./pipe.yml)} is a FIFO, not a regular file; not read',
      'WARN_LEASH_OUTSIDE_ROOT 4: ${file(./random.yml)} leads outside the scan root; not read',
      'WARN_LEASH_SLS_FILE 5: ${file(./big.yml):key}: ./big.yml is 2.0 MB, above the 1.0 MB limit; not read',
    ]);
  });
});

describe('serverless variables: bounded work', () => {
  const limitDiagnostics = (r: ReturnType<typeof resolveYaml>) => r.diagnostics.filter((d) => d.code === 'ERR_LEASH_LIMIT');

  it('stops strings that double at each level (2^31 characters) at MAX_VARIABLE_EXPANSION, once', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `  v${i}: \${self:custom.v${i + 1}}\${self:custom.v${i + 1}}`);
    const r = resolveYaml(`custom:\n${lines.join('\n')}\n  v30: xy\n`);
    const custom = (r.value as any).custom;
    expect(custom.v29).toBe('xyxy');
    expect(isUnknown(custom.v0)).toBe(true);
    expect(custom.v0.reason).toContain(`more than ${MAX_VARIABLE_EXPANSION} characters and values (limit MAX_VARIABLE_EXPANSION)`);
    const limits = limitDiagnostics(r);
    expect(limits).toHaveLength(1);
    expect(limits[0]!.severity).toBe('error');
    expect(limits[0]!.line).toBeGreaterThan(1);
  });

  it('stops objects that double at each level (shared, so cheap to build, but huge to read)', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `  v${i}:\n    a: \${self:custom.v${i + 1}}\n    b: \${self:custom.v${i + 1}}`);
    const r = resolveYaml(`custom:\n${lines.join('\n')}\n  v30: { x: 1 }\n`);
    expect(isUnknown((r.value as any).custom.v0.a)).toBe(true);
    expect(limitDiagnostics(r).map((d) => d.message)).toEqual([expect.stringContaining('MAX_VARIABLE_EXPANSION')]);
  });

  it('stops a long string of variables while it is built', () => {
    const r = resolveYaml(`custom:\n  big: ${'x'.repeat(10_000)}\n  all: "${'\${self:custom.big}'.repeat(2_000)}"\n`);
    expect(isUnknown((r.value as any).custom.all)).toBe(true);
    expect(limitDiagnostics(r)).toHaveLength(1);
  });

  it('stops thousands of ${self:} (each copies the file) at MAX_VARIABLE_STEPS', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `  v${i}: \${self:}`);
    const r = resolveYaml(`custom:\n${lines.join('\n')}\n`);
    expect(limitDiagnostics(r).map((d) => d.message)).toEqual([expect.stringContaining(`more than ${MAX_VARIABLE_STEPS} steps (limit MAX_VARIABLE_STEPS)`)]);
    expect(isUnknown((r.value as any).custom.v4999)).toBe(true);
  });

  it('stops a value that would nest the document deeper than the parser allows', () => {
    const deep = (n: number, leaf: string) => `${'{ a: '.repeat(n)}${leaf}${' }'.repeat(n)}`;
    const r = resolveYaml(`custom:\n  inner: ${deep(300, '1')}\n  outer: ${deep(300, '"\${self:custom.inner}"')}\n`);
    const limits = limitDiagnostics(r);
    expect(limits).toHaveLength(1);
    expect(limits[0]!.message).toContain('deeper than 400 levels (limit MAX_DEPTH)');
  });
});
