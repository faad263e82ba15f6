// 10 functions whose roles each hold 30 broad statements (`Action: "*"`, `NotAction`, `*:*3`,
// `ec2:*`...): every statement was expanded to ~22,000 actions for every rule, and the unused
// actions sorted by risk with a catalog lookup per comparison. On main: no end in a minute.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  let template = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n';
  for (let i = 0; i < 10; i++) {
    template += `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n`;
    for (let j = 0; j < 10; j++) {
      template += `        - Statement: [{ Effect: Allow, Action: "*", Resource: "*" }, { Effect: Allow, NotAction: "s3:Get${j}*", Resource: "*" }, { Effect: Allow, Action: ["*:*${j}", "s3:*", "ec2:*", "iam:*"], Resource: "arn:aws:s3:::b${j}/*" }]\n`;
    }
  }
  writeFileSync(join(root, 'template.yaml'), template);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
