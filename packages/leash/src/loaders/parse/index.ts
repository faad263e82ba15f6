export { parseTemplate, loadTemplateFile, type ParseOptions } from './parse-template.js';
export { MAX_TEMPLATE_BYTES, MAX_ALIAS_NODES, MAX_DEPTH } from './limits.js';
export { CFN_TAG_FUNCTIONS, toLongForm } from './cfn-tags.js';
export { scanComments } from './comments.js';
export type { ParsedFile, SourceComment, ValuePath } from './types.js';
