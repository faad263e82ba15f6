// A parameter default of 10,000 characters used 20,000 times in one Fn::Sub and one Fn::Join: each
// folds to a 200 MB string. On main the scan peaked at 890 MB of memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  const refs = Array.from({ length: 20_000 }, () => '{ Ref: P }').join(', ');
  writeFileSync(
    join(root, 'template.yaml'),
    `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  P:
    Type: String
    Default: "${'x'.repeat(10_000)}"
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Policies: [AdministratorAccess]
      Environment:
        Variables:
          SUB: !Sub "${'${P}'.repeat(20_000)}"
          JOIN: !Join ["", [${refs}]]
`,
  );
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
