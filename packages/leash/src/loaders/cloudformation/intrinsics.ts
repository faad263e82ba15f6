/**
 * The intrinsic function resolver: folds what a template fixes by itself (parameter defaults,
 * conditions, mappings, `Fn::Sub`/`Join`/`Select`/`Split`/`If`) and leaves the rest symbolic.
 *
 * - `Ref` to a pseudo parameter (`AWS::Region`...) or a resource, and `Fn::GetAtt`, stay as written;
 * - `Ref` to a parameter gives its default (or the override); without one the expression stays;
 * - `Fn::ImportValue`, `Fn::GetAZs` and a choice that depends on an unknown condition or key
 *   cannot be resolved: {@link IntrinsicResolver.resolve} keeps the expression, and the typed
 *   helpers (`string`, `number`, `boolean`) return an `Unknown` with the reason;
 * - conditions that refer to each other in a cycle give one `ERR_LEASH_CIRCULAR_REFERENCE`
 *   diagnostic and an unknown result, never a hang.
 */
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import { isPlainObject, renderValue, unknown, type CfnValue, type Resolved, type Unknown } from '../../model/values.js';

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** Marker for `Ref: AWS::NoValue`: the property is removed. */
const NO_VALUE = Symbol('AWS::NoValue');
type Folded = CfnValue | typeof NO_VALUE;

export interface ParameterInfo {
  readonly type: string;
  readonly default?: CfnValue;
  readonly noEcho: boolean;
}

export interface ResolverInput {
  readonly parameters: ReadonlyMap<string, ParameterInfo>;
  readonly parameterOverrides?: Readonly<Record<string, CfnValue>>;
  readonly conditions: Readonly<Record<string, CfnValue>>;
  readonly mappings: Readonly<Record<string, CfnValue>>;
  /** Where a condition is declared (for the circular-reference diagnostic). */
  readonly conditionLoc: (name: string) => SourceLocation;
  /** Where to report a limit hit while folding (the template: the expression is named in the message). */
  readonly limitLoc: SourceLocation;
  readonly diagnostics: Diagnostic[];
}

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

/**
 * Characters an `Fn::Sub` or `Fn::Join` may fold to. A parameter default of a few kilobytes used
 * thousands of times in one `Fn::Sub` (or joins of joins through YAML aliases) would otherwise build
 * hundreds of megabytes from a small template; past it the expression stays unresolved.
 */
export const MAX_FOLDED_STRING = 1_000_000;

export class IntrinsicResolver {
  private readonly conditionValues = new Map<string, boolean | undefined>();
  private readonly evaluating = new Set<string>();
  private readonly reportedCycles = new Set<string>();
  /** `Fn::FindInMap` with a top-level key known only at deploy time: whether every entry agrees, by map and second key. */
  private readonly agreedEntries = new Map<string, CfnValue | undefined>();
  private limitReported = false;

  constructor(private readonly input: ResolverInput) {}

  /** The parameter's value as the stack would see it: override, else default, else undefined. */
  parameterValue(name: string): CfnValue | undefined {
    const override = this.input.parameterOverrides?.[name];
    if (override !== undefined) return override;
    return this.input.parameters.get(name)?.default;
  }

  /** Fold every intrinsic that can be folded, everywhere in `value`; `AWS::NoValue` entries disappear. */
  resolve(value: CfnValue): CfnValue {
    const folded = this.fold(value, 0);
    return folded === NO_VALUE ? null : folded;
  }

  /** True when `value` is `AWS::NoValue` (a property that CloudFormation removes), possibly through `Fn::If`. */
  isNoValue(value: CfnValue | undefined): boolean {
    return value !== undefined && this.fold(value, 0) === NO_VALUE;
  }

  /** Evaluate a named condition: true, false, or undefined when it depends on something unknown. */
  condition(name: string): boolean | undefined {
    if (this.conditionValues.has(name)) return this.conditionValues.get(name);
    if (this.evaluating.has(name)) {
      if (!this.reportedCycles.has(name)) {
        this.reportedCycles.add(name);
        const loc = this.input.conditionLoc(name);
        this.input.diagnostics.push({
          severity: 'error',
          code: 'ERR_LEASH_CIRCULAR_REFERENCE',
          message: `condition ${name} refers to itself through ${[...this.evaluating].join(' → ')} → ${name}; it is treated as unknown`,
          file: loc.file,
          line: loc.line,
          column: loc.column,
        });
      }
      return undefined;
    }
    const definition = this.input.conditions[name];
    if (definition === undefined) return undefined;
    this.evaluating.add(name);
    let result: boolean | undefined;
    try {
      result = this.evaluate(definition, 0);
    } finally {
      this.evaluating.delete(name);
    }
    this.conditionValues.set(name, result);
    return result;
  }

  /** A string value, or an Unknown saying why not. */
  string(value: CfnValue | undefined, loc?: SourceLocation): Resolved<string> | undefined {
    if (value === undefined) return undefined;
    const folded = this.fold(value, 0);
    if (folded === NO_VALUE || folded === null) return undefined;
    if (typeof folded === 'string') return folded;
    if (typeof folded === 'number' || typeof folded === 'boolean') return String(folded);
    return this.unknownFor(value, folded, loc);
  }

  number(value: CfnValue | undefined, loc?: SourceLocation): Resolved<number> | undefined {
    if (value === undefined) return undefined;
    const folded = this.fold(value, 0);
    if (folded === NO_VALUE || folded === null) return undefined;
    if (typeof folded === 'number') return folded;
    if (typeof folded === 'string' && folded.trim() !== '' && Number.isFinite(Number(folded))) return Number(folded);
    if (typeof folded === 'string') return unknown(`"${folded}" is not a number`, loc, value);
    return this.unknownFor(value, folded, loc);
  }

  boolean(value: CfnValue | undefined, loc?: SourceLocation): Resolved<boolean> | undefined {
    if (value === undefined) return undefined;
    const folded = this.fold(value, 0);
    if (folded === NO_VALUE || folded === null) return undefined;
    if (typeof folded === 'boolean') return folded;
    if (folded === 'true' || folded === 'True') return true;
    if (folded === 'false' || folded === 'False') return false;
    return this.unknownFor(value, folded, loc);
  }

  /** A list of values (`Fn::Split` and parameter lists folded); an Unknown when it is not a list. */
  list(value: CfnValue | undefined, loc?: SourceLocation): Resolved<CfnValue[]> | undefined {
    if (value === undefined) return undefined;
    const folded = this.fold(value, 0);
    if (folded === NO_VALUE || folded === null) return undefined;
    if (Array.isArray(folded)) return folded;
    if (typeof folded === 'string' && isPlainObject(value) && typeof value.Ref === 'string') {
      const type = this.input.parameters.get(value.Ref)?.type ?? '';
      if (type.startsWith('List<') || type === 'CommaDelimitedList') return folded.split(',').map((s) => s.trim());
    }
    return this.unknownFor(value, folded, loc);
  }

  /** Why `folded` (the folded form of `value`) is not a plain value. */
  unknownFor(value: CfnValue, folded: CfnValue, loc?: SourceLocation): Unknown {
    return unknown(this.reason(folded), loc, value);
  }

  private reason(folded: CfnValue): string {
    if (!isPlainObject(folded)) return `${renderValue(folded)} is not a single value`;
    const keys = Object.keys(folded);
    if (keys.length === 1) {
      const name = keys[0]!;
      const arg = folded[name]!;
      if (name === 'Ref' && typeof arg === 'string') {
        if (PSEUDO_PARAMETERS.has(arg)) return `depends on ${arg}, known only at deploy time`;
        if (this.input.parameters.has(arg)) return `parameter ${arg} has no default value`;
        return `is the runtime value of resource ${arg}`;
      }
      if (name === 'Fn::ImportValue') return `imported from another stack (${renderValue(arg)})`;
      if (name === 'Fn::GetAZs') return 'depends on the availability zones of the region';
      if (name === 'Fn::GetAtt') return `is an attribute of resource ${renderValue(arg)}, known only at deploy time`;
      if (name === 'Fn::If') return `depends on condition ${Array.isArray(arg) ? renderValue(arg[0]) : renderValue(arg)}, which leash cannot evaluate`;
      if (name === 'Fn::FindInMap') return `depends on a mapping key known only at deploy time (${renderValue(folded)})`;
      if (name === 'Fn::Sub' || name === 'Fn::Join') return `depends on values known only at deploy time (${renderValue(folded)})`;
    }
    return `${renderValue(folded)} cannot be resolved before deployment`;
  }

  private fold(value: CfnValue, depth: number): Folded {
    if (depth > 200 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let changed = false;
      const out: CfnValue[] = [];
      for (const item of value) {
        const folded = this.fold(item, depth + 1);
        if (folded !== item) changed = true;
        if (folded !== NO_VALUE) out.push(folded);
      }
      return changed ? out : value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0]!;
      if (key === 'Ref' || key.startsWith('Fn::')) return this.foldIntrinsic(key, value[key]!, value, depth);
    }
    let changed = false;
    const out: Record<string, CfnValue> = {};
    for (const key of keys) {
      const item = value[key]!;
      const folded = this.fold(item, depth + 1);
      if (folded !== item) changed = true;
      if (folded !== NO_VALUE) out[key] = folded;
    }
    return changed ? out : value;
  }

  private foldIntrinsic(name: string, arg: CfnValue, whole: CfnValue, depth: number): Folded {
    switch (name) {
      case 'Ref': {
        if (typeof arg !== 'string') return whole;
        if (arg === 'AWS::NoValue') return NO_VALUE;
        if (this.input.parameters.has(arg)) {
          const value = this.parameterValue(arg);
          return value === undefined ? whole : value;
        }
        return whole;
      }
      case 'Fn::Sub':
        return this.foldSub(arg, whole, depth);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return whole;
        const delimiter = this.fold(arg[0]!, depth + 1);
        const parts = this.fold(arg[1]!, depth + 1);
        if (typeof delimiter === 'string' && Array.isArray(parts) && parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
          const length = parts.reduce<number>((n, p) => n + String(p).length, delimiter.length * Math.max(0, parts.length - 1));
          if (length <= MAX_FOLDED_STRING) return parts.map(String).join(delimiter);
          this.tooLong('Fn::Join', whole);
        }
        return { 'Fn::Join': [delimiter === NO_VALUE ? '' : delimiter, parts === NO_VALUE ? [] : parts] };
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return whole;
        const index = this.fold(arg[0]!, depth + 1);
        const list = this.fold(arg[1]!, depth + 1);
        const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : undefined;
        if (i !== undefined && Array.isArray(list) && i < list.length) return list[i]!;
        return { 'Fn::Select': [index === NO_VALUE ? null : index, list === NO_VALUE ? null : list] };
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return whole;
        const delimiter = this.fold(arg[0]!, depth + 1);
        const source = this.fold(arg[1]!, depth + 1);
        if (typeof delimiter === 'string' && delimiter !== '' && typeof source === 'string') return source.split(delimiter);
        return { 'Fn::Split': [delimiter === NO_VALUE ? '' : delimiter, source === NO_VALUE ? '' : source] };
      }
      case 'Fn::FindInMap':
        return this.foldFindInMap(arg, whole, depth);
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return whole;
        const chosen = this.condition(arg[0]);
        if (chosen === undefined) {
          const then = this.fold(arg[1]!, depth + 1);
          const otherwise = this.fold(arg[2]!, depth + 1);
          return { 'Fn::If': [arg[0], then === NO_VALUE ? { Ref: 'AWS::NoValue' } : then, otherwise === NO_VALUE ? { Ref: 'AWS::NoValue' } : otherwise] };
        }
        return this.fold(chosen ? arg[1]! : arg[2]!, depth + 1);
      }
      default:
        return whole;
    }
  }

  private foldSub(arg: CfnValue, whole: CfnValue, depth: number): Folded {
    let text: CfnValue;
    let variables: Record<string, CfnValue> = {};
    if (typeof arg === 'string') text = arg;
    else if (Array.isArray(arg) && typeof arg[0] === 'string' && (arg.length === 1 || isPlainObject(arg[1]))) {
      text = arg[0];
      if (arg.length === 2) variables = arg[1] as Record<string, CfnValue>;
    } else return whole;
    const kept: Record<string, CfnValue> = {};
    let unresolved = false;
    // The length so far: past the limit, no more values are put in (and the expression is kept as written).
    let length = (text as string).length;
    const put = (value: string): string => {
      length += value.length;
      return length > MAX_FOLDED_STRING ? '' : value;
    };
    const out = (text as string).replace(SUB_VARIABLE, (match, rawName: string) => {
      const name = rawName.trim();
      if (Object.hasOwn(variables, name)) {
        const folded = this.fold(variables[name]!, depth + 1);
        if (typeof folded === 'string' || typeof folded === 'number' || typeof folded === 'boolean') return put(String(folded));
        kept[name] = folded === NO_VALUE ? '' : folded;
        unresolved = true;
        return match;
      }
      if (!name.includes('.') && this.input.parameters.has(name)) {
        const value = this.parameterValue(name);
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return put(String(value));
      }
      unresolved = true;
      return match;
    });
    if (length > MAX_FOLDED_STRING) {
      this.tooLong('Fn::Sub', whole);
      return whole;
    }
    if (!unresolved) return out.replace(/\$\{!/g, '${');
    return Object.keys(kept).length > 0 ? { 'Fn::Sub': [out, kept] } : { 'Fn::Sub': out };
  }

  private foldFindInMap(arg: CfnValue, whole: CfnValue, depth: number): Folded {
    if (!Array.isArray(arg) || arg.length < 3) return whole;
    const [mapName, top, second] = arg.slice(0, 3).map((a) => this.fold(a, depth + 1));
    if (typeof mapName !== 'string') return whole;
    const mapping = this.input.mappings[mapName];
    if (!isPlainObject(mapping)) return whole;
    const pick = (topKey: string): CfnValue | undefined => {
      const level = mapping[topKey];
      if (!isPlainObject(level)) return undefined;
      return typeof second === 'string' || typeof second === 'number' ? level[String(second)] : undefined;
    };
    if (typeof top === 'string' || typeof top === 'number') {
      const found = pick(String(top));
      if (found !== undefined) return this.fold(found, depth + 1);
      return whole;
    }
    // The top-level key is only known at deploy time (often AWS::Region): still fine when every entry agrees.
    if (typeof second === 'string' || typeof second === 'number') {
      // Once per map and key: a template can ask thousands of times of a map of thousands of entries.
      const key = JSON.stringify([mapName, String(second)]);
      if (!this.agreedEntries.has(key)) {
        const values = Object.keys(mapping).map(pick);
        const first = values[0];
        const text = first === undefined ? undefined : JSON.stringify(first);
        this.agreedEntries.set(key, first !== undefined && values.every((v) => v !== undefined && (v === first || JSON.stringify(v) === text)) ? first : undefined);
      }
      const agreed = this.agreedEntries.get(key);
      if (agreed !== undefined) return this.fold(agreed, depth + 1);
    }
    return whole;
  }

  /** Report, once per template, an expression left unresolved because its string would be too long. */
  private tooLong(name: string, whole: CfnValue): void {
    if (this.limitReported) return;
    this.limitReported = true;
    const shown = renderValue(whole);
    this.input.diagnostics.push({
      severity: 'error',
      code: 'ERR_LEASH_LIMIT',
      message: `an ${name} would build a string of more than ${MAX_FOLDED_STRING} characters (limit MAX_FOLDED_STRING): it is left unresolved, with any other such expression (${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown})`,
      ...this.input.limitLoc,
    });
  }

  private evaluate(value: CfnValue, depth: number): boolean | undefined {
    if (depth > 100) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (!isPlainObject(value)) return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 1) return undefined;
    const name = keys[0]!;
    const arg = value[name]!;
    if (name === 'Condition') return typeof arg === 'string' ? this.condition(arg) : undefined;
    if (!Array.isArray(arg)) return undefined;
    switch (name) {
      case 'Fn::Equals': {
        if (arg.length !== 2) return undefined;
        const [a, b] = arg.map((x) => this.fold(x, depth + 1));
        if (isPlain(a) && isPlain(b)) return String(a) === String(b);
        return undefined;
      }
      case 'Fn::Not': {
        const inner = arg.length === 1 ? this.evaluate(arg[0]!, depth + 1) : undefined;
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And': {
        const results = arg.map((x) => this.evaluate(x, depth + 1));
        if (results.some((r) => r === false)) return false;
        return results.every((r) => r === true) ? true : undefined;
      }
      case 'Fn::Or': {
        const results = arg.map((x) => this.evaluate(x, depth + 1));
        if (results.some((r) => r === true)) return true;
        return results.every((r) => r === false) ? false : undefined;
      }
      case 'Fn::If': {
        if (arg.length !== 3 || typeof arg[0] !== 'string') return undefined;
        const chosen = this.condition(arg[0]);
        return chosen === undefined ? undefined : this.evaluate(chosen ? arg[1]! : arg[2]!, depth + 1);
      }
      default:
        return undefined;
    }
  }
}

function isPlain(value: Folded): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Every logical id a value mentions (`Ref`, `Fn::GetAtt`, `${X}` / `${X.Attr}` in `Fn::Sub`), in order. */
export function referencedIds(value: CfnValue, into: string[] = [], depth = 0): string[] {
  if (depth > 200 || value === null || typeof value !== 'object') return into;
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into, depth + 1);
    return into;
  }
  for (const [key, arg] of Object.entries(value)) {
    if (key === 'Ref' && typeof arg === 'string') into.push(arg);
    else if (key === 'Fn::GetAtt') {
      if (Array.isArray(arg) && typeof arg[0] === 'string') into.push(arg[0]);
      else if (typeof arg === 'string') into.push(arg.split('.')[0]!);
    } else if (key === 'Fn::Sub') {
      const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
      const variables = Array.isArray(arg) && isPlainObject(arg[1]) ? arg[1] : {};
      if (text !== undefined) {
        for (const match of text.matchAll(SUB_VARIABLE)) {
          const name = match[1]!.trim();
          if (!Object.hasOwn(variables, name)) into.push(name.split('.')[0]!);
        }
      }
      if (Array.isArray(arg)) referencedIds(arg.slice(1), into, depth + 1);
    } else referencedIds(arg, into, depth + 1);
  }
  return into;
}

