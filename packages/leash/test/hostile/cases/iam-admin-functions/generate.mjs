// 300 functions, each with its own role holding AdministratorAccess (`Action: "*"`, about 22,000
// actions). On main each role was expanded action by action for every rule and function: the scan
// did not end in 90 seconds (600 functions: a fatal out-of-memory abort at 4.3 GB).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  let template = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n';
  for (let i = 0; i < 300; i++) {
    template += `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies: [AdministratorAccess]\n`;
  }
  writeFileSync(join(root, 'template.yaml'), template);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
