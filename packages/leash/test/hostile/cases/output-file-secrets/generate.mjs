import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Fake credentials, joined here so that no scanner takes the repository for a leak.
const NPM = ['npm_', 'Xq7Lr2Vt9Kp4Wm8Zs3Bn6Hd1Fg5Jc0Ya2Eu7'].join('');
const GITHUB = ['ghp_', 'Rt5Yu8Io1Pa4Sd7Fg0Hj3Kl6Zx9Cv2Bn5Mq8W'].join('');
const SLACK = ['xoxb-', '2948571036-5738291046-Qw8Er7Ty6Ui5Op4As3Df2Gh1'].join('');
const PASSWORD = ['Tr0ub4dor', '&3-horse'].join('');

export default (root) => {
  const config = {
    npm: NPM,
    github: GITHUB,
    slack: SLACK,
    password: PASSWORD,
    npmrc: `//registry.npmjs.org/:_authToken=${NPM}`,
    dotenv: `PASSWORD=${PASSWORD}`,
    json: JSON.stringify({ password: PASSWORD }),
  };
  writeFileSync(join(root, 'config.json'), JSON.stringify(config, null, 2));
  return { secrets: [NPM, GITHUB, SLACK, PASSWORD] };
};
