// A nested stack template outside the app, for the Nested resource's aws:asset:path.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

export default (_root, { outside }) => copyFileSync(join(outside, 'template.yaml'), join(outside, 'stolen.nested.template.json'));
