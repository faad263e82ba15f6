import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ascii, payloads, samTemplate } from '../../payloads.mjs';

export default (root) => {
  const events = (kind) => Object.fromEntries(payloads().map(([name, p]) => [`E${name}`, { Type: kind, Properties: { Path: `/x-${name}${p}`, Method: 'get' } }]));
  mkdirSync(join(root, 'sam'));
  writeFileSync(join(root, 'sam', 'template.json'), samTemplate({ Rest: { Events: events('Api') }, Http: { Events: events('HttpApi') } }));
  mkdirSync(join(root, 'sls'));
  writeFileSync(join(root, 'sls', 'handler.js'), 'exports.hello = async () => ({});\n');
  const slsEvents = payloads().flatMap(([name, p]) => [{ http: { path: `/x-${name}${p}`, method: 'get' } }, { httpApi: { path: `/y-${name}${p}`, method: 'get' } }]);
  writeFileSync(join(root, 'sls', 'serverless.yml'), ascii({ service: 'svc', provider: { name: 'aws', runtime: 'nodejs22.x' }, functions: { hello: { handler: 'handler.hello', events: slsEvents } } }));
};
