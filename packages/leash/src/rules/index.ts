/** Every rule, sorted by id. A test checks that each rule file is listed here and has its doc and tests. */
import type { Rule } from '../engine/types.js';

export const rules: readonly Rule[] = [];
