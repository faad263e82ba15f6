/**
 * Fallback for YAML the `yaml` package rejects but CloudFormation (and js-yaml) accept, such as
 * some flow collections found in real templates. No positions come out of js-yaml, so locations
 * are found by a rough text search for the keys of a path.
 */
import { CORE_SCHEMA, defineMappingTag, defineScalarTag, defineSequenceTag, load } from 'js-yaml';
import type { TagDefinition } from 'js-yaml';
import type { CfnValue } from '../../model/values.js';
import { CFN_TAG_FUNCTIONS, toLongForm } from './cfn-tags.js';
import { MAX_DEPTH } from './limits.js';
import type { ValuePath } from './types.js';

const loadOnly = (): boolean => false;

function tagsFor(name: string): TagDefinition[] {
  const tag = `!${name}`;
  return [
    defineScalarTag<CfnValue>(tag, { resolve: (source) => toLongForm(tag, source, true), identify: loadOnly }),
    defineSequenceTag<CfnValue[], CfnValue>(tag, {
      create: () => [],
      addItem: (carrier, item) => {
        carrier.push(item as CfnValue);
      },
      finalize: (carrier) => toLongForm(tag, carrier, false),
      identify: loadOnly,
    }),
    defineMappingTag<Record<string, CfnValue>, CfnValue>(tag, {
      create: () => ({}),
      addPair: (carrier, key, value) => {
        const name = String(key);
        if (name === '__proto__') Object.defineProperty(carrier, name, { value, enumerable: true, writable: true, configurable: true });
        else carrier[name] = value as CfnValue;
        return '';
      },
      has: (carrier, key) => Object.hasOwn(carrier, String(key)),
      keys: (result) => (typeof result === 'object' && result !== null ? Object.keys(result) : []),
      get: (result, key) => (result as Record<string, CfnValue>)[String(key)],
      finalize: (carrier) => toLongForm(tag, carrier, false),
      identify: loadOnly,
    }),
  ];
}

const SCHEMA = CORE_SCHEMA.withTags(CFN_TAG_FUNCTIONS.flatMap(tagsFor));

export interface FallbackError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export function loadWithJsYaml(text: string): { value: CfnValue } | { error: FallbackError } {
  try {
    const value = load(text, { schema: SCHEMA, json: true, maxAliases: 100, maxDepth: MAX_DEPTH }) as CfnValue;
    return { value: value ?? null };
  } catch (error) {
    const mark = (error as { mark?: { line?: number; column?: number } }).mark;
    const message = String((error as Error).message ?? error).split('\n')[0]!;
    return {
      error: {
        message,
        ...(mark?.line !== undefined ? { line: mark.line + 1 } : {}),
        ...(mark?.column !== undefined ? { column: mark.column + 1 } : {}),
      },
    };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rough location of `path` by walking key lines: each string segment is looked for as `key:` at a
 * deeper indentation than its parent, below the parent's line. Numeric segments stop the walk.
 */
export function roughLocate(lines: readonly string[], path: ValuePath): { line: number; column: number } {
  let lineIndex = 0;
  let column = 1;
  let parentIndent = -1;
  let searchFrom = 0;
  for (const segment of path) {
    if (typeof segment !== 'string') break;
    const pattern = new RegExp(`^(\\s*)(?:-\\s+)?(["']?)${escapeRegExp(segment)}\\2\\s*:`);
    let found = -1;
    for (let i = searchFrom; i < lines.length; i++) {
      const line = lines[i]!;
      const indent = line.length - line.trimStart().length;
      const trimmed = line.trimStart();
      if (i > searchFrom && trimmed !== '' && !trimmed.startsWith('#') && indent <= parentIndent) break;
      const match = pattern.exec(line);
      if (match && match[1]!.length > parentIndent) {
        found = i;
        parentIndent = match[1]!.length;
        column = parentIndent + 1;
        break;
      }
    }
    if (found < 0) break;
    lineIndex = found;
    searchFrom = found + 1;
  }
  return { line: lineIndex + 1, column };
}
