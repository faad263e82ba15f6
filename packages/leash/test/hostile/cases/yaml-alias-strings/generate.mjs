// YAML aliases of a 1 MB string, joined in pairs over nine levels (fewer than 10,000 alias nodes,
// so the alias-bomb limit did not apply): 512 MB of string. On main: 29 s and 3 GB of memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  let variables = `          L0: &l0 "${'y'.repeat(1_000_000)}"\n`;
  for (let i = 1; i <= 9; i++) variables += `          L${i}: &l${i} !Join ["", [*l${i - 1}, *l${i - 1}]]\n`;
  writeFileSync(
    join(root, 'template.yaml'),
    `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Environment:
        Variables:
${variables}`,
  );
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
