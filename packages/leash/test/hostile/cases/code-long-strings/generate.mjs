// A handler joining a 4 MB string literal into bucket names and keys (32 MB each): on main every
// report printed them, 48 MB of text output and 660 MB of memory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  mkdirSync(join(root, 'src'));
  writeFileSync(
    join(root, 'src', 'index.mjs'),
    `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nconst k = '${'x'.repeat(4_000_000)}';\nexport const handler = async () => s3.send(new GetObjectCommand({ Bucket: k + k + k + k, Key: \`\${k}\${k}\${k}\${k}\${k}\${k}\${k}\${k}\` }));\n`,
  );
  writeFileSync(
    join(root, 'template.yaml'),
    'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n',
  );
}
