// random.yml is a committed symlink to /dev/urandom; the template's CodeUri is /dev/zero.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default (root) => {
  symlinkSync('/dev/urandom', join(root, 'random.yml'));
  mkdirSync(join(root, 'sam'), { recursive: true });
  writeFileSync(
    join(root, 'sam', 'template.yaml'),
    "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: /dev/zero\n      ReservedConcurrentExecutions: 5\n",
  );
};
