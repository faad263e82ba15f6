// 20 functions sharing one role: AdministratorAccess and 50 inline statements of service-wildcard
// patterns (`*:*7*`, `*`), each expanding to thousands of actions, were expanded again for every
// function and every rule. On main the scan of 20 such functions did not end in a minute.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  const statements = Array.from({ length: 50 }, (_, j) => `{ Effect: Allow, Action: ["*:*${j}*", "*"], Resource: "*" }`).join(', ');
  let template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      Policies:
        - PolicyName: broad
          PolicyDocument: { Statement: [${statements}] }
`;
  for (let i = 0; i < 20; i++) {
    template += `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Role: !GetAtt AdminRole.Arn\n`;
  }
  writeFileSync(join(root, 'template.yaml'), template);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
