/**
 * JSON templates (CDK output, `cloudformation-template-update-stack.json`) through a small
 * position-keeping JSON reader: an order of magnitude faster than going through the YAML parser,
 * with the same spans and duplicate-key warnings. Anything it does not accept (comments, trailing
 * commas, a syntax error) goes back to the YAML parser, which reports it properly.
 */
import { LineCounter } from 'yaml';
import type { Diagnostic } from '../../model/source.js';
import type { CfnValue } from '../../model/values.js';
import { MAX_DEPTH } from './limits.js';
import { PositionIndex, type Span } from './positions.js';

class NotJson extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export interface JsonParseResult {
  readonly value: CfnValue;
  readonly index: PositionIndex;
  readonly lineCounter: LineCounter;
  readonly diagnostics: Diagnostic[];
}

export function looksLikeJson(text: string): boolean {
  const first = /\S/.exec(text);
  return first !== null && first[0] === '{';
}

/** The template as JSON, or undefined when the text is not strict JSON. */
export function parseJson(text: string, file: string): JsonParseResult | undefined {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  const index = new PositionIndex();
  const diagnostics: Diagnostic[] = [];
  let pos = 0;

  const skip = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
  };
  const string = (): string => {
    const start = pos;
    pos++; // opening quote
    let escaped = false;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        pos += 2;
        continue;
      }
      if (c < 32) throw new NotJson();
      pos++;
    }
    if (pos >= text.length) throw new NotJson();
    pos++;
    if (!escaped) return text.slice(start + 1, pos - 1);
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      throw new NotJson();
    }
  };
  const value = (depth: number): CfnValue => {
    if (depth > MAX_DEPTH) throw new NotJson();
    skip();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const out: Record<string, CfnValue> = {};
      const children = index.children(out);
      skip();
      if (text[pos] === '}') {
        pos++;
        return out;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') throw new NotJson();
        const keyStart = pos;
        const key = string();
        skip();
        if (text[pos] !== ':') throw new NotJson();
        pos++;
        skip();
        const item = value(depth + 1);
        const span: Span = { start: keyStart, end: pos };
        if (Object.hasOwn(out, key)) {
          const first = children.get(key);
          const at = lineCounter.linePos(keyStart);
          diagnostics.push({
            severity: 'warning',
            code: 'WARN_LEASH_DUPLICATE_KEY',
            message: `duplicate key "${key}"${first ? ` (first at line ${lineCounter.linePos(first.start).line})` : ''}: the last one wins, the earlier value is ignored`,
            file,
            line: at.line,
            column: at.col,
          });
        }
        if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
        else out[key] = item;
        children.set(key, span);
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return out;
        }
        throw new NotJson();
      }
    }
    if (c === '[') {
      pos++;
      const out: CfnValue[] = [];
      const children = index.children(out);
      skip();
      if (text[pos] === ']') {
        pos++;
        return out;
      }
      for (;;) {
        skip();
        const start = pos;
        out.push(value(depth + 1));
        children.set(out.length - 1, { start, end: pos });
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return out;
        }
        throw new NotJson();
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith('false', pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith('null', pos)) {
      pos += 4;
      return null;
    }
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) throw new NotJson();
    pos += match[0].length;
    return Number(match[0]);
  };

  try {
    skip();
    const start = pos;
    const result = value(0);
    index.rootSpan = { start, end: pos };
    skip();
    if (pos !== text.length) return undefined;
    return { value: result, index, lineCounter, diagnostics };
  } catch (error) {
    if (error instanceof NotJson || error instanceof RangeError) return undefined;
    throw error;
  }
}
