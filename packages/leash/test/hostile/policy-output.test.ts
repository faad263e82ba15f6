/**
 * `leash policy` on an attacker's app, in every output format: function ids, table names (in the
 * generated policies' resources), and an unknown `--function` value carry every payload of
 * `payloads.mjs`; nothing unsafe reaches stdout or stderr. In-process (the CLI's run() with a
 * captured io): the scan side is covered by hostile.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { POLICY_FORMATS } from '../../src/iam/format.js';
import { payloads, samTemplate } from './payloads.mjs';

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff]/u;
const COMMAND = /^\s*::|##(?:vso)?\[/m;

const app = mkdtempSync(join(tmpdir(), 'leash-policy-output-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

const hostile = (payloads as () => [string, string][])();
mkdirSync(join(app, 'src'));
writeFileSync(
  join(app, 'src', 'index.mjs'),
  `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = () => db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: {} }));\nexport const unknown = (e) => db.send(new GetItemCommand({ TableName: e.table, Key: {} }));\n`,
);
const functions: Record<string, unknown> = {};
hostile.forEach(([name, p], i) => {
  functions[p] = { CodeUri: 'src/', InlineCode: undefined, Handler: i % 2 ? 'index.handler' : 'index.unknown', Environment: { Variables: { TABLE: `table-${name}${p}` } } };
});
writeFileSync(join(app, 'template.json'), (samTemplate as (f: unknown) => string)(functions));

async function policyRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['policy', app, ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: {}, stdoutIsTTY: false, cwd: process.cwd() });
  return { code, stdout, stderr };
}

describe('leash policy on hostile names', () => {
  it.each(POLICY_FORMATS)('--format %s: escaped, never raw', async (format) => {
    const r = await policyRun(['--format', format]);
    expect(r.stdout).toContain('table-title');
    for (const text of [r.stdout, r.stderr]) {
      expect(text).not.toMatch(UNSAFE);
      expect(text).not.toMatch(COMMAND);
    }
  });

  it('an unknown --function value is echoed escaped', async () => {
    const r = await policyRun(['--function', `x${hostile.map(([, p]) => p).join('')}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no function "x\\x1b[2J');
    expect(r.stderr).not.toMatch(UNSAFE);
    expect(r.stderr).not.toMatch(COMMAND);
  });
});
