/** Code analysis: AWS SDK calls in Lambda handler code. */
export * from './types.js';
export { analyzeFunction, CodeAnalyzer, MAX_FILES, MAX_IMPORT_DEPTH } from './analyze.js';
export { ParseCache, parseSource } from './parse.js';
export { findHandlerFile, handlerCandidates, splitHandler } from './resolve.js';
