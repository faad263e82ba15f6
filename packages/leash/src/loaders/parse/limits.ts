/** Real CloudFormation templates are at most 1 MB; anything far above is refused before parsing. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
/** Nodes materialised through aliases per document: a handful in real templates, billions in an alias bomb. */
export const MAX_ALIAS_NODES = 10_000;
/** Nesting deeper than this is not a template (and would exhaust the stack). */
export const MAX_DEPTH = 400;
