/**
 * The serverless.yml is translated into a CloudFormation template (what `serverless package`
 * would write). This map sends every path of that synthetic template back to the serverless.yml
 * path it came from, so each model node points at the line the user wrote.
 */
import type { SourceLocation } from '../../model/source.js';
import type { Locate, Path } from './shape.js';

interface Mapping {
  readonly yml: Path;
  /** The synthetic subtree is a copy of the yml subtree: deeper paths map to deeper yml paths. */
  readonly copy: boolean;
}

export class SourceMap {
  private readonly mappings = new Map<string, Mapping>();

  constructor(private readonly ymlLocate: Locate) {}

  /** `synthetic` (a template path) was written at `yml`; `copy` when the subtree below is the same. */
  map(synthetic: Path, yml: Path, copy = false): void {
    this.mappings.set(key(synthetic), { yml, copy });
  }

  ymlPath(synthetic: Path): Path {
    for (let i = synthetic.length; i >= 0; i--) {
      const mapping = this.mappings.get(key(synthetic.slice(0, i)));
      if (mapping) return mapping.copy ? [...mapping.yml, ...synthetic.slice(i)] : mapping.yml;
    }
    return [];
  }

  locate(synthetic: Path): SourceLocation {
    return this.ymlLocate(this.ymlPath(synthetic));
  }
}

function key(path: Path): string {
  return path.join('\u0000');
}
