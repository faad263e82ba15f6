import { describe, expect, it } from 'vitest';
import { loadApp } from '../rules/rule-tester.js';

const template = (codeUri: string, handler = 'app.handler', runtime = 'nodejs22.x') => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ${codeUri}
      Handler: ${handler}
      Runtime: ${runtime}
`;

const diagnostics = (app: Parameters<typeof loadApp>[0]) => loadApp(app).stacks.flatMap((s) => s.diagnostics).filter((d) => /HANDLER|CODE_NOT_FOUND/.test(d.code));

describe('handler files', () => {
  it('a handler missing from an existing code directory is an input error at the function', () => {
    expect(diagnostics({ 'template.yaml': template('src/'), 'src/other.js': 'export const handler = () => {};\n' })).toEqual([
      expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_HANDLER_NOT_FOUND', file: 'template.yaml', line: 3 }),
    ]);
  });

  it('a handler that exists, as JavaScript or as TypeScript source, is fine', () => {
    expect(diagnostics({ 'template.yaml': template('src/'), 'src/app.mjs': 'export const handler = () => {};\n' })).toEqual([]);
    expect(diagnostics({ 'template.yaml': template('src/', 'dist/app.handler'), 'src/app.ts': 'export const handler = () => {};\n' })).toEqual([]);
  });

  it('a code directory that does not exist (not built yet) is only a warning', () => {
    expect(diagnostics({ 'template.yaml': template('build/') })).toEqual([expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_CODE_NOT_FOUND' })]);
  });

  it('other runtimes are not checked', () => {
    expect(diagnostics({ 'template.yaml': template('src/', 'app.lambda_handler', 'python3.12'), 'src/x.py': '' })).toEqual([]);
  });

  it('records leash.policy.json beside the code on the function (the shield reads it there; rules read only the model)', () => {
    const code = (app: Parameters<typeof loadApp>[0]) => loadApp(app).stacks[0]!.functions[0]!.code;
    expect(code({ 'template.yaml': template('src/'), 'src/app.mjs': '', 'src/leash.policy.json': '{}' }).hasPolicyFile).toBe(true);
    expect(code({ 'template.yaml': template('src/'), 'src/app.mjs': '' }).hasPolicyFile).toBeUndefined();
  });
});
