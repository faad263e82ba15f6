export * from './source.js';
export * from './types.js';
export * from './values.js';
