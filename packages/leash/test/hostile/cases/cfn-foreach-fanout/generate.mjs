// Fn::ForEach loops nested six deep over 20 items whose body always makes the same resource name:
// 64 million expansions that never reach the resource limit (the name repeats). On main: no end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function generate(root) {
  const list = Array.from({ length: 20 }, (_, i) => `"i${i}"`).join(', ');
  let body = '{"Same": {"Type": "AWS::SNS::Topic"}}';
  for (let d = 5; d >= 1; d--) body = `{"Fn::ForEach::L${d}": ["V${d}", [${list}], ${body}]}`;
  writeFileSync(
    join(root, 'template.json'),
    `{"AWSTemplateFormatVersion": "2010-09-09", "Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"], "Resources": {
  "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "nodejs22.x", "Handler": "index.handler", "CodeUri": "src/", "Policies": ["AdministratorAccess"]}},
  "Fn::ForEach::Top": ["V0", [${list}], ${body}]}}\n`,
  );
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
}
