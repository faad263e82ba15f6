import { ConfinedFs } from '../../../src/fs/confined.js';
import { parseTemplate } from '../../../src/loaders/parse/index.js';
import { buildStack } from '../../../src/loaders/cloudformation/index.js';
import { buildTemplateStack } from '../../../src/loaders/sam/index.js';
import type { AppModel } from '../../../src/model/types.js';

export const ROOT = '/project';
/** A root that is not on disk: code folders under it do not exist, and nothing is read. */
const root = new ConfinedFs(ROOT);

/** Build a stack from template text, as plain CloudFormation. */
export function cfn(text: string, file = 'template.yaml'): AppModel {
  return buildStack(parseTemplate(text, file), { stackId: file, framework: 'cloudformation', baseDir: ROOT, root });
}

/** Build a stack from template text, SAM or CloudFormation as its Transform says. */
export function stack(text: string, file = 'template.yaml'): AppModel {
  return buildTemplateStack(parseTemplate(text, file), { stackId: file, baseDir: ROOT, root });
}

export function lines(...rows: string[]): string {
  return rows.join('\n') + '\n';
}
