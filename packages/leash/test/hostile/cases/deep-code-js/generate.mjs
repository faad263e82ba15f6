// Handler code nested far deeper than any real code: each file alone killed `leash scan` with a
// segfault (the native parser overflows the machine stack). 100,000 levels, about 200 KB a file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const N = 100_000;
const files = {
  'parens.mjs': `export const handler = () => ${'('.repeat(N)}1${')'.repeat(N)};\n`,
  'ifs.mjs': `export const handler = (a) => {\n${'if (a)\n'.repeat(N)}  return 1;\n};\n`,
  'sum.mjs': `export const handler = (a) => ${'a + '.repeat(N)}1;\n`,
  'data.js': `const table = ${'{"a":['.repeat(N / 2)}1${']}'.repeat(N / 2)};\nexports.handler = async () => table;\n`,
};

export default function generate(root) {
  mkdirSync(join(root, 'src'), { recursive: true });
  let template = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n';
  for (const [file, code] of Object.entries(files)) {
    writeFileSync(join(root, 'src', file), code);
    const id = file.split('.')[0].replace(/^./, (c) => c.toUpperCase());
    template += `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: ${file.split('.')[0]}.handler\n      CodeUri: src/\n`;
  }
  // The rest of the app is still scanned: an administrator role elsewhere is reported.
  writeFileSync(join(root, 'src', 'admin.mjs'), 'export const handler = async () => 1;\n');
  template += '  Admin:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: admin.handler\n      CodeUri: src/\n      Policies: [AdministratorAccess]\n';
  writeFileSync(join(root, 'template.yaml'), template);
}
