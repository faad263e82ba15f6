import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { payloads, samTemplate } from '../../payloads.mjs';

// A fake token, joined here so that no scanner takes the repository for a leak.
const GITHUB = ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');

export default (root) => {
  const variables = {};
  for (const [name, p] of payloads()) {
    variables[`NAME_${name}${p}`] = `value-${name}${p}`;
    variables[`API_KEY_${name}${p}`] = `q8Zr2LmX7vT4pW9nK3sB6dF1${p}`;
    variables[`DB_PASSWORD_${name}`] = `hunter22${p}`;
    variables[`TOKEN_${name}`] = `${GITHUB}${p}`;
  }
  writeFileSync(join(root, 'template.json'), samTemplate({ Fn: { Environment: { Variables: variables } } }));
};
