import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloads, samTemplate } from '../../payloads.mjs';

export default (root) => {
  const parameters = {};
  const functions = {};
  payloads().forEach(([name, p], i) => {
    parameters[`Runtime${name}${p}`] = { Type: 'String' };
    parameters[`Default${i}`] = { Type: 'String', Default: `${name}${p}` };
    functions[`Fn${i}`] = {
      Runtime: { Ref: `Runtime${name}${p}` },
      Timeout: { Ref: `Default${i}` },
      Policies: [{ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: { 'Fn::Sub': `arn:aws:s3:::\${Default${i}}/*` } }] }],
    };
  });
  writeFileSync(join(root, 'template.json'), samTemplate(functions, { Parameters: parameters }));
};
