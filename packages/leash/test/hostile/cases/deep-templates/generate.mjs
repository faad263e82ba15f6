// Templates nested deep: YAML flow collections 4.5 million levels deep (9 MB, under the 10 MB
// limit), `- - - ...` 4 million levels on one line, a JSON template and a serverless.yml 100,000
// levels deep. On main the YAML parser built its whole syntax tree before the depth check: a
// fatal out-of-memory abort at 4.3 GB after 65 s, and 2.3 GB for the compact one (the smaller
// ones were already refused).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const N = 100_000;
const FUNCTION = '    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      InlineCode: "exports.handler = async () => 1"\n';

export default function generate(root) {
  for (const dir of ['yaml', 'compact', 'json', 'sls', 'ok']) mkdirSync(join(root, dir));
  const deep = 4_500_000;
  writeFileSync(join(root, 'yaml', 'template.yaml'), `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n${FUNCTION}      Tags: { T: ${'['.repeat(deep)}${']'.repeat(deep)} }\n`);
  // Block sequences written compactly on one line: each `- ` is a level (4 million of them, 8 MB).
  writeFileSync(join(root, 'compact', 'template.yaml'), `Resources:\n  Fn:\n${FUNCTION}      Tags:\n        ${'- '.repeat(4_000_000)}x\n`);
  writeFileSync(join(root, 'json', 'template.json'), `{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Tags": ${'['.repeat(N)}${']'.repeat(N)}}}}}\n`);
  writeFileSync(join(root, 'sls', 'serverless.yml'), `service: deep\nprovider:\n  name: aws\n  runtime: nodejs22.x\ncustom:\n  deep: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\nfunctions:\n  f:\n    handler: index.handler\n`);
  writeFileSync(join(root, 'ok', 'template.yaml'), `Transform: AWS::Serverless-2016-10-31\nResources:\n  Admin:\n${FUNCTION}      Policies: [AdministratorAccess]\n`);
}
