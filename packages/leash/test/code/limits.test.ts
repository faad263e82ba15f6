/**
 * Code too deep to analyse is an input error with its file and line, never a crash, and the
 * function using it is reported as not analysed; deep-but-parseable trees are indexed without
 * recursing on the machine stack.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/code/parse.js';
import { buildModule } from '../../src/code/scope.js';
import { scan } from '../../src/scan.js';

const scratch = mkdtempSync(join(tmpdir(), 'leash-code-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function app(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const FUNCTION = (id: string, extra: string) => `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n${extra}`;

describe('code limits', () => {
  it('indexes a 15,000-level call chain (the parser accepts it) without a stack overflow', () => {
    const module = buildModule(parseSource('chain.mjs', `export const handler = () => x${'(y)'.repeat(15_000)};\n`));
    expect(module.file.error).toBeUndefined();
    expect(module.sites).toHaveLength(15_000);
  });

  it('reports code above the nesting limit as ERR_LEASH_LIMIT at its file and line, and the function as not analysed', () => {
    const dir = app('deep-file', {
      'template.yaml': `Transform: AWS::Serverless-2016-10-31\nResources:\n${FUNCTION('Deep', '      Handler: deep.handler\n      CodeUri: src/\n')}${FUNCTION('Shallow', '      Handler: ok.handler\n      CodeUri: src/\n')}`,
      'src/deep.mjs': `// header\nexport const handler = () =>\n  ${'['.repeat(5000)}${']'.repeat(5000)};\n`,
      'src/ok.mjs': `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nexport const handler = () => new S3Client({}).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));\n`,
    });
    const result = scan({ path: dir });
    const limit = result.diagnostics.filter((d) => d.code === 'ERR_LEASH_LIMIT');
    expect(limit).toHaveLength(1);
    expect(limit[0]).toMatchObject({ severity: 'error', file: 'src/deep.mjs', line: 3 });
    expect(limit[0]!.message).toMatch(/code nested more than 1000 levels deep.*MAX_CODE_NESTING/);
    const notAnalysed = result.findings.find((f) => f.rule === 'iam/missing-permission' && f.resource === 'Deep' && f.unknown);
    expect(notAnalysed?.message).toContain('code nested more than 1000 levels deep');
    // The other function's code is analysed as usual.
    expect(result.findings.some((f) => f.resource === 'Shallow' && f.message.includes('s3:GetObject'))).toBe(true);
  });

  it('places a limit in inline code in the template, counting lines from the Code property', () => {
    const dir = app('deep-inline', {
      'template.yaml': `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n${FUNCTION('Inline', `      Handler: index.handler\n      Role: !GetAtt Role.Arn\n      Code:\n        ZipFile: |\n          exports.handler = async () => 1;\n          const x = ${'('.repeat(3000)}1${')'.repeat(3000)};\n`).replace('AWS::Serverless::Function', 'AWS::Lambda::Function')}`,
    });
    const result = scan({ path: dir });
    const limit = result.diagnostics.find((d) => d.code === 'ERR_LEASH_LIMIT');
    expect(limit?.file).toBe('template.yaml');
    // Inline code lines count from the function's Code property (line 12); the deep line is the code's second.
    expect(limit?.line).toBe(14);
  });
});
