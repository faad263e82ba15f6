// One role with 5,000 distinct service-wildcard patterns (`*:A0*`, `*:B1*`...), each of which
// reads the whole action catalog, and 50 NotAction statements of 22,000 actions each. On main the
// scan took 46 s with 3,000 patterns and more than a minute with 5,000; now the stack's expansion
// budget stops it, with the limit named.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  const patterns = Array.from({ length: 5000 }, (_, i) => `"*:${String.fromCharCode(65 + (i % 26))}${i}*"`).join(', ');
  let template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Policies:
        - Statement: [{ Effect: Allow, Action: [${patterns}], Resource: "*" }]
`;
  for (let j = 0; j < 50; j++) template += `        - Statement: [{ Effect: Allow, NotAction: ["${String.fromCharCode(97 + (j % 26))}${j}:*"], Resource: "*" }]\n`;
  writeFileSync(join(root, 'template.yaml'), template);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
