// TypeScript and TSX handler code nested far deeper than any real code (generic type arguments,
// template literal types, JSX elements and attributes, `else if` chains): each file alone killed
// `leash scan` with a segfault in the native parser.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const N = 50_000;
const files = {
  'generics.ts': `type T = ${'Array<'.repeat(N)}string${'>'.repeat(N)};\nexport const handler = async (): Promise<T | undefined> => undefined;\n`,
  'literal.ts': `type L = ${'`${'.repeat(N)}string${'}`'.repeat(N)};\nexport const handler = async (x: L) => x;\n`,
  'page.tsx': `export const handler = async () => ${'<div title={'.repeat(N)}1${'} />'.repeat(N)};\n`,
  'router.ts': `export const handler = async (r: number) => {\n  if (r === 0) return 0;\n${Array.from({ length: N }, (_, i) => `  else if (r === ${i + 1}) return ${i};\n`).join('')}};\n`,
};

export default function generate(root) {
  mkdirSync(join(root, 'src'), { recursive: true });
  let template = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n';
  for (const [file, code] of Object.entries(files)) {
    writeFileSync(join(root, 'src', file), code);
    const name = file.split('.')[0];
    template += `  ${name[0].toUpperCase()}${name.slice(1)}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: ${name}.handler\n      CodeUri: src/\n`;
  }
  writeFileSync(join(root, 'src', 'admin.ts'), 'export const handler = async () => 1;\n');
  template += '  Admin:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: admin.handler\n      CodeUri: src/\n      Policies: [AdministratorAccess]\n';
  writeFileSync(join(root, 'template.yaml'), template);
}
