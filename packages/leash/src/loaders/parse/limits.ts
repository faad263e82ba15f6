/** Real CloudFormation templates are at most 1 MB; anything far above is refused before parsing. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
/** Nodes materialised through aliases per document: a handful in real templates, billions in an alias bomb. */
export const MAX_ALIAS_NODES = 10_000;
/** Characters of strings repeated through aliases per document: as much again as the largest template. */
export const MAX_ALIAS_CHARACTERS = 10_000_000;
/** Nesting deeper than this is not a template (and would exhaust the stack). */
export const MAX_DEPTH = 400;
/**
 * Characters of environment variables (names and values) read per function. Lambda takes 4 KB in
 * all; a template can give thousands of functions the same megabyte of variables (SAM Globals, a
 * Serverless provider), which the model would then hold, and every rule read, once per function.
 */
export const MAX_ENVIRONMENT_CHARACTERS = 64 * 1024;

/**
 * Resources read from one template. CloudFormation allows 500 per stack; a template far above that
 * cannot be deployed, and scanning tens of thousands of them (a 10 MB file holds 50,000 small
 * functions) would take minutes, so the rest is not read (and that is reported as an error).
 */
export const MAX_RESOURCES = 2_000;
