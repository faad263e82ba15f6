// A mapping of 10,000 entries looked up 4,000 times with a key known only at deploy time: each
// lookup compared every entry (as JSON) to see whether they agree. On main: 87 s.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  let template = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nMappings:\n  M:\n';
  for (let i = 0; i < 10_000; i++) template += `    R${i}: { K: "${'v'.repeat(100)}" }\n`;
  template += 'Resources:\n';
  for (let i = 0; i < 200; i++) {
    template += `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Environment:\n        Variables:\n`;
    for (let j = 0; j < 20; j++) template += `          V${j}: !FindInMap [M, !Ref AWS::Region, K]\n`;
  }
  writeFileSync(join(root, 'template.yaml'), template);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
