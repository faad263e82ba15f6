/**
 * Hand review of the disagreements `crosscheck-serverless-patterns.mjs` finds, keyed
 * `<pattern>#<function id>`. Classes: `template over-grants`, `template misses`,
 * `leash bug: <what>`, `platform/implicit`, `out of scope: <why>`; then a one-line explanation.
 */
export const REVIEWS = {
};
