/** The library API of leash. The CLI is a thin layer over it. */
export * from './model/index.js';
export * from './engine/types.js';
export * from './errors.js';
