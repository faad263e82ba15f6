/**
 * The result of reading one template (CloudFormation / SAM YAML or JSON): its value with every
 * intrinsic in the long `Fn::` form, a way back from a path to the source position, the comments
 * (for `# leash-ignore`) and the input problems met.
 */
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import type { CfnValue } from '../../model/values.js';

export type ValuePath = readonly (string | number)[];

export interface SourceComment {
  /** 1-based line of the comment. */
  readonly line: number;
  /** The comment text after `#`, trimmed. */
  readonly text: string;
  /** True when the comment is alone on its line (not after a value). */
  readonly fullLine: boolean;
}

export interface ParsedFile {
  /** The path used in every location and diagnostic (relative to the scan root, `/` separators). */
  readonly file: string;
  /** The whole document; `null` when the file could not be parsed (see `diagnostics`). */
  readonly value: CfnValue;
  /**
   * Where the value at `path` was written: the key line for a mapping entry, the item for a
   * sequence entry. A path that goes deeper than the document gives the deepest existing node.
   */
  locate(path: ValuePath): SourceLocation;
  readonly comments: SourceComment[];
  readonly diagnostics: Diagnostic[];
  /** The source text as read (BOM removed), for consumers that need its lines (comment attachment): the file is read once. */
  readonly text: string;
}
