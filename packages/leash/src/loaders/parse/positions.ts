/**
 * A path → source span index built while a YAML/JSON document is converted to a value. Spans are
 * keyed by the converted container objects, so `locate` walks the value and the index side by
 * side: no second parse, no string search.
 */
import type { LineCounter } from 'yaml';
import type { SourceLocation } from '../../model/source.js';
import type { ValuePath } from './types.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

interface ContainerSpans {
  readonly children: Map<string | number, Span>;
}

export class PositionIndex {
  private readonly containers = new WeakMap<object, ContainerSpans>();
  rootSpan: Span = { start: 0, end: 0 };

  children(container: object): Map<string | number, Span> {
    let entry = this.containers.get(container);
    if (!entry) {
      entry = { children: new Map() };
      this.containers.set(container, entry);
    }
    return entry.children;
  }

  /** The span of the deepest node of `path` that exists in `root`. */
  find(root: unknown, path: ValuePath): Span {
    let span = this.rootSpan;
    let current: unknown = root;
    for (const segment of path) {
      if (typeof current !== 'object' || current === null) break;
      const childSpan = this.containers.get(current)?.children.get(segment);
      if (!childSpan) break;
      span = childSpan;
      current = (current as Record<string | number, unknown>)[segment];
    }
    return span;
  }
}

export function spanToLocation(file: string, span: Span, lineCounter: LineCounter): SourceLocation {
  const start = lineCounter.linePos(span.start);
  const end = lineCounter.linePos(span.end);
  return { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}
