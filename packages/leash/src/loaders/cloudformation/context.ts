/**
 * State shared by the parts of the stack builder: the resources by id, the resolver, locations
 * and the diagnostics being collected.
 */
import { isAbsolute } from 'node:path';
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import type { ResourceRef } from '../../model/types.js';
import { isPlainObject, type CfnValue } from '../../model/values.js';
import type { ParsedFile, ValuePath } from '../parse/types.js';
import { IntrinsicResolver, referencedIds } from './intrinsics.js';
import type { BuildOptions, TemplateResource } from './types.js';

export class BuildContext {
  readonly resources = new Map<string, TemplateResource>();
  readonly diagnostics: Diagnostic[] = [];
  readonly file: string;
  resolver!: IntrinsicResolver;
  /** Logical id of a function resource → model function id. */
  readonly functionIds = new Map<string, string>();

  constructor(
    readonly parsed: ParsedFile,
    readonly options: BuildOptions,
  ) {
    const file = parsed.file;
    this.file = isAbsolute(file) ? options.root.rel(file) : file;
  }

  /** Location of a path of the parsed file. */
  at(path: ValuePath): SourceLocation {
    const loc = this.parsed.locate(path);
    return loc.file === this.file ? loc : { ...loc, file: this.file };
  }

  /** Location of a property of a resource (the resource itself for generated ones). */
  loc(resource: TemplateResource, ...propertyPath: (string | number)[]): SourceLocation {
    const override = propertyPath.length > 0 ? resource.propertyPaths?.[propertyPath[0] as string] : undefined;
    if (override) return this.at([...override, ...propertyPath.slice(1)]);
    if (resource.propertiesPath) {
      const own = [...resource.propertiesPath, ...propertyPath];
      if (resource.defaultsPath && propertyPath.length > 1 && !hasPath(this.parsed.value, own)) {
        const fromDefaults = [...resource.defaultsPath, ...propertyPath];
        if (hasPath(this.parsed.value, fromDefaults)) return this.at(fromDefaults);
      }
      return this.at(own);
    }
    return this.at(resource.path);
  }

  warn(code: string, message: string, loc: SourceLocation): void {
    this.diagnostics.push({ severity: 'warning', code, message, file: loc.file, line: loc.line, column: loc.column });
  }

  error(code: string, message: string, loc: SourceLocation): void {
    this.diagnostics.push({ severity: 'error', code, message, file: loc.file, line: loc.line, column: loc.column });
  }

  ofType(...types: string[]): TemplateResource[] {
    const wanted = new Set(types);
    const out: TemplateResource[] = [];
    for (const resource of this.resources.values()) if (wanted.has(resource.type)) out.push(resource);
    return out;
  }

  /** The stack resource a value points at (`Ref`, `GetAtt`, `${X.Arn}`), optionally of one of `types`. */
  target(value: CfnValue | undefined, ...types: string[]): TemplateResource | undefined {
    if (value === undefined || value === null || typeof value !== 'object') {
      if (typeof value === 'string' && types.length === 0) return undefined;
      return undefined;
    }
    for (const id of referencedIds(value)) {
      const resource = this.resources.get(id);
      if (resource && (types.length === 0 || types.includes(resource.type))) return resource;
    }
    return undefined;
  }

  /** The model function a value points at (by `Ref`, `GetAtt ... Arn`, an ARN `Fn::Sub`, a literal function name). */
  functionTarget(value: CfnValue | undefined): TemplateResource | undefined {
    const direct = this.target(value, 'AWS::Lambda::Function');
    if (direct) return direct;
    // Aliases and versions point at their function.
    const alias = this.target(value, 'AWS::Lambda::Alias', 'AWS::Lambda::Version');
    if (alias) return this.target(alias.properties.FunctionName, 'AWS::Lambda::Function');
    const literal = typeof value === 'string' ? value : undefined;
    if (literal) {
      const name = literal.startsWith('arn:') ? literal.split(':')[6] : literal;
      for (const fn of this.ofType('AWS::Lambda::Function')) if (fn.properties.FunctionName === name) return fn;
    }
    return undefined;
  }

  resourceRef(value: CfnValue, loc: SourceLocation, ...types: string[]): ResourceRef {
    const target = this.target(value, ...types);
    return target ? { resourceId: target.id, value, loc } : { value, loc };
  }

  /** A list property as a list of values (a single intrinsic that folds to a list is expanded). */
  listOf(value: CfnValue | undefined): CfnValue[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    const resolved = this.resolver.list(value);
    if (Array.isArray(resolved)) return resolved;
    return [value];
  }

  props(resource: TemplateResource, key: string): Record<string, CfnValue> | undefined {
    const value = resource.properties[key];
    if (isPlainObject(value)) return value;
    if (value === undefined) return undefined;
    const folded = this.resolver.resolve(value);
    return isPlainObject(folded) && !Object.keys(folded).some((k) => k === 'Fn::If') ? folded : undefined;
  }
}

/** True when `path` leads to a value in `root`. */
function hasPath(root: CfnValue, path: ValuePath): boolean {
  let current: CfnValue | undefined = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return false;
    current = (current as Record<string | number, CfnValue>)[segment];
    if (current === undefined) return false;
  }
  return true;
}
