/**
 * Handler code is read inside the scan root only: an import, a handler file or a code folder that
 * leads out of it is not followed, and the analysis says which and where (its calls are unknown).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFunction } from '../../src/code/index.js';
import { loadScan } from '../../src/loaders/index.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'leash-code-confine-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const OUTSIDE_CALL = "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nexport const handler = () => new S3Client({}).send(new GetObjectCommand({ Bucket: 'outside-bucket', Key: 'k' }));\n";

function app(name: string, codeUri: string, files: Record<string, string>, links: Record<string, string> = {}) {
  const root = join(base, name, 'root');
  const outside = join(base, name, 'outside');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'index.mjs'), OUTSIDE_CALL);
  const template = `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: ${codeUri}\n`;
  for (const [file, text] of Object.entries({ 'template.yaml': template, ...files })) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  for (const [link, target] of Object.entries(links)) symlinkSync(target, join(root, link));
  const model = loadScan(root);
  const stack = model.stacks[0]!;
  return { model, analysis: analyzeFunction(stack, stack.functions[0]!, model.root) };
}

describe('code analysis inside the scan root', () => {
  it('does not follow an import out of the root: an unknown at the import, no call from there', () => {
    const { analysis } = app('import', 'src/', { 'src/index.mjs': "export { handler } from '../../outside/index.mjs';\n" });
    expect(analysis.calls).toEqual([]);
    expect(analysis.files).toEqual(['src/index.mjs']);
    expect(analysis.unknowns).toEqual([
      { reason: 'import "../../outside/index.mjs" leads outside the scan root; not read: calls in it are not seen', loc: { file: 'src/index.mjs', line: 1, column: 1 } },
      // The export it re-exports lives out there too.
      { reason: 'handler export "handler" not found in src/index.mjs', loc: { file: 'src/index.mjs', line: 1, column: 1 } },
    ]);
  });

  it('does not read a handler file that is a symlink out of the root', () => {
    const { model, analysis } = app('handler-link', 'src/', {}, { src: '../outside' });
    // The code folder itself is the symlink: the function's code is unknown, with a warning at CodeUri.
    expect(analysis.calls).toEqual([]);
    expect(analysis.unknowns[0]!.reason).toContain('the code src/ of Fn leads outside the scan root');
    expect(model.stacks[0]!.diagnostics).toContainEqual(expect.objectContaining({ code: 'WARN_LEASH_OUTSIDE_ROOT', file: 'template.yaml', line: 8 }));
    const file = app('handler-file-link', 'src/', { 'src/other.mjs': '' }, { 'src/index.mjs': '../../outside/index.mjs' });
    expect(file.analysis.calls).toEqual([]);
    expect(file.analysis.unknowns[0]!.reason).toBe('handler file src/index.mjs leads outside the scan root; not read: its calls are not known');
  });

  it('reads code inside the root as before', () => {
    const { analysis } = app('inside', 'src/', { 'src/index.mjs': "export { handler } from './lib/s3.mjs';\n", 'src/lib/s3.mjs': OUTSIDE_CALL });
    expect(analysis.calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['s3:GetObject']);
    expect(analysis.unknowns).toEqual([]);
  });
});
