/**
 * Resource ARNs as leash compares them: a CloudFormation value (`arn:aws:s3:::b/*`,
 * `{Fn::GetAtt: [Table, Arn]}`, `{Fn::Sub: "${Bucket.Arn}/*"}`) is rendered to a sequence of
 * literal text and *tokens* for what only the deployed stack knows:
 *
 * - pseudo parameters: `${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}`...;
 * - a resource's physical name or attribute: `${Table}` (Ref), `${Queue.QueueName}`, `${Secret}`;
 * - anything else referenced (parameters, imports of unknown type) by its expression.
 *
 * ARN attributes are rewritten to their ARN format over the name token when the resource type is
 * known, so `{Fn::GetAtt: [T, Arn]}` and SAM's
 * `arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${T}` render the same
 * (`arn:⟨AWS::Partition⟩:dynamodb:⟨AWS::Region⟩:⟨AWS::AccountId⟩:table/⟨T⟩`). A resource whose
 * physical name is a literal in the template renders with that name.
 *
 * Matching a policy pattern against a requested resource answers yes / maybe / no:
 * - a pseudo parameter in the *policy* matches like `*` within one ARN segment (the policy and the
 *   request live in the same account, region and partition);
 * - a token matches the same token; two tokens of different resources never match; a token against
 *   literal text or an unknown kind of token is `maybe`;
 * - `${AWS::Partition}` in a request matches a literal `aws` (leash assumes the commercial partition
 *   unless the policy says otherwise);
 * - a `*` in the *request* (a needed pattern such as `table/T/index/*`) is only covered by a `*`
 *   in the policy;
 * - an expression leash cannot render (`Fn::ImportValue`, `Fn::Select` over a parameter...) is `maybe`.
 */
import type { CfnValue } from '../model/values.js';
import { intrinsicName, isPlainObject, renderValue } from '../model/values.js';

export type Tri = 'yes' | 'maybe' | 'no';

export interface Token {
  /** `AWS::Region`, `Table`, `Queue.QueueName`, `Bucket.Arn` */
  readonly token: string;
  /** `resource` when the token names a resource of the stack (or any `Fn::GetAtt`); two different resources never match. */
  readonly kind: 'pseudo' | 'resource' | 'other';
  /**
   * The value the token stands for, when the template writes it as an expression (a resource's
   * `FunctionName: !Sub '${AWS::StackName}-Worker'`): matching that cannot decide with the token
   * compares with this instead.
   */
  readonly expansion?: readonly Part[];
}

export type Part = string | Token;

/** One or more renderings (an `Fn::If` has two), or why the value cannot be compared. */
export type Rendered = { readonly alternatives: readonly (readonly Part[])[] } | { readonly unknown: string };

/** What the stack tells about a logical id. */
export interface ValueScope {
  /** CloudFormation type of a resource (after the SAM transform), undefined for parameters and unknown ids. */
  typeOf(logicalId: string): string | undefined;
  /** The physical name, when the template sets it to a literal. */
  literalNameOf(logicalId: string): string | undefined;
  /**
   * The physical name as written, when it is an expression (`!Sub '${AWS::StackName}-Worker'`,
   * `!Ref BucketName`): the resource's ARN is then rendered over that expression, so
   * `!GetAtt Worker.Arn` and an ARN a policy builds from the same name render the same.
   */
  nameValueOf?(logicalId: string): CfnValue | undefined;
  /**
   * A template parameter's value as the loaders use it (its `Default`): the loaders substitute
   * parameter defaults in role statements and resource names, so a `${Param}` on the needed side
   * must render the same value or the two sides of one parameter would never compare.
   */
  parameterValueOf?(name: string): string | undefined;
}

export const EMPTY_SCOPE: ValueScope = { typeOf: () => undefined, literalNameOf: () => undefined };

/**
 * Pseudo parameters that stand for the deployment's partition, region, account or domain: one ARN
 * segment, the same for the policy and the request. Others (`AWS::StackName`) are ordinary tokens.
 */
const SEGMENT_PSEUDO = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'AWS::URLSuffix']);
const P = (token: string): Token => ({ token, kind: SEGMENT_PSEUDO.has(token) ? 'pseudo' : 'other' });
const PARTITION = P('AWS::Partition');
const REGION = P('AWS::Region');
const ACCOUNT = P('AWS::AccountId');

/** The ARN of a resource type over its name: a token, the literal physical name, or the parts of its name expression. */
type ArnBuilder = (name: readonly Part[]) => Part[];
const regional = (service: string, prefix: string, suffix = ''): ArnBuilder => (name) => ['arn:', PARTITION, `:${service}:`, REGION, ':', ACCOUNT, `:${prefix}`, ...name, ...(suffix ? [suffix] : [])];

interface TypeInfo {
  /** Which attribute (or `Ref`) holds the physical name that the ARN is built from. */
  readonly nameFrom: string;
  /** Which of `Ref` / attributes return the ARN. */
  readonly arnFrom: readonly string[];
  readonly arn: ArnBuilder;
}

const TYPES: Readonly<Record<string, TypeInfo>> = {
  'AWS::DynamoDB::Table': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: regional('dynamodb', 'table/') },
  'AWS::S3::Bucket': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: (name) => ['arn:', PARTITION, ':s3:::', ...name] },
  'AWS::SQS::Queue': { nameFrom: 'QueueName', arnFrom: ['Arn'], arn: regional('sqs', '') },
  'AWS::SNS::Topic': { nameFrom: 'TopicName', arnFrom: ['Ref', 'TopicArn'], arn: regional('sns', '') },
  'AWS::Lambda::Function': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: regional('lambda', 'function:') },
  'AWS::Kinesis::Stream': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: regional('kinesis', 'stream/') },
  'AWS::KinesisFirehose::DeliveryStream': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: regional('firehose', 'deliverystream/') },
  'AWS::StepFunctions::StateMachine': { nameFrom: 'Name', arnFrom: ['Ref', 'Arn'], arn: regional('states', 'stateMachine:') },
  'AWS::Events::EventBus': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: regional('events', 'event-bus/') },
  'AWS::KMS::Key': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: regional('kms', 'key/') },
  'AWS::Logs::LogGroup': { nameFrom: 'Ref', arnFrom: ['Arn'], arn: regional('logs', 'log-group:', ':*') },
};

/** Physical-name property per type, for a literal name written in the template. */
export const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::KinesisFirehose::DeliveryStream': 'DeliveryStreamName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
};

/**
 * The name of a resource: its literal name, or its token, which carries the rendering of its name
 * expression when the template writes one. The token keeps two resources apart (a different
 * resource never matches); the expansion lets an ARN a policy builds from the same expression match.
 */
function nameParts(id: string, info: TypeInfo, scope: ValueScope, depth: number): Part[] {
  const literal = scope.literalNameOf(id);
  if (literal !== undefined) return [literal];
  const token = info.nameFrom === 'Ref' ? id : `${id}.${info.nameFrom}`;
  const expression = scope.nameValueOf?.(id);
  if (expression !== undefined && depth < MAX_DEPTH) {
    // Only an expression with one rendering (no Fn::If) stands for the name.
    const rendered = renderResource(expression, scope, depth + 1);
    if (!('unknown' in rendered) && rendered.alternatives.length === 1) return [{ token, kind: 'resource', expansion: rendered.alternatives[0]! }];
  }
  return [{ token, kind: 'resource' }];
}

/** `{Ref: id}` or `{Fn::GetAtt: [id, attribute]}` (attribute `Ref` for a Ref). */
function reference(id: string, attribute: string, scope: ValueScope, depth = 0): Part[] {
  if (attribute === 'Ref' && id.startsWith('AWS::')) return [P(id)];
  const type = scope.typeOf(id);
  const info = type ? TYPES[type] : undefined;
  if (info) {
    if (info.arnFrom.includes(attribute)) return concat(info.arn(nameParts(id, info, scope, depth)));
    if (info.nameFrom === attribute) return nameParts(id, info, scope, depth);
  }
  if (attribute === 'Ref') {
    const parameter = type ? undefined : scope.parameterValueOf?.(id);
    if (parameter !== undefined) return [parameter];
    return [{ token: id, kind: type ? 'resource' : 'other' }];
  }
  return [{ token: `${id}.${attribute}`, kind: 'resource' }];
}


function concat(...lists: (readonly Part[])[]): Part[] {
  const out: Part[] = [];
  for (const list of lists) {
    for (const part of list) {
      const last = out[out.length - 1];
      if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
      else if (part !== '') out.push(part);
    }
  }
  return out;
}

/** Cartesian concatenation of alternatives, capped to keep `Fn::If` chains small. */
function product(lists: (readonly (readonly Part[])[])[]): Part[][] {
  let acc: Part[][] = [[]];
  for (const alternatives of lists) {
    const next: Part[][] = [];
    for (const a of acc) for (const b of alternatives) next.push(concat(a, b));
    acc = next.slice(0, 16);
  }
  return acc;
}

const MAX_DEPTH = 20;

/** Renders a value to comparable parts (see the module comment). */
export function renderResource(value: CfnValue, scope: ValueScope = EMPTY_SCOPE, depth = 0): Rendered {
  if (depth > MAX_DEPTH) return { unknown: 'expression nested too deeply' };
  if (typeof value === 'string') return { alternatives: [[value]] };
  if (typeof value === 'number' || typeof value === 'boolean') return { alternatives: [[String(value)]] };
  if (value === null || Array.isArray(value) || !isPlainObject(value)) return { unknown: `not a single value: ${renderValue(value)}` };
  // `!Ref AWS::NoValue` removes the value: it names no resource.
  if (value.Ref === 'AWS::NoValue') return { alternatives: [] };
  const name = intrinsicName(value);
  const arg = name ? value[name] : undefined;
  switch (name) {
    case 'Ref':
      if (typeof arg === 'string') return { alternatives: [reference(arg, 'Ref', scope, depth)] };
      break;
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(arg) ? arg : typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : [];
      if (typeof id === 'string' && typeof attribute === 'string' && id) return { alternatives: [reference(id, attribute, scope, depth)] };
      break;
    }
    case 'Fn::Sub':
      return renderSub(arg, scope, depth);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) break;
      const separator = arg[0];
      const items: Part[][][] = [];
      for (const [index, item] of arg[1].entries()) {
        const r = renderResource(item, scope, depth + 1);
        if ('unknown' in r) return r;
        items.push(index > 0 && separator ? r.alternatives.map((a) => concat([separator], a)) : r.alternatives.map((a) => [...a]));
      }
      return { alternatives: product(items) };
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) break;
      const alternatives: Part[][] = [];
      for (const branch of [arg[1]!, arg[2]!]) {
        if (isPlainObject(branch) && branch.Ref === 'AWS::NoValue') continue;
        const r = renderResource(branch, scope, depth + 1);
        if ('unknown' in r) return r;
        alternatives.push(...r.alternatives.map((a) => [...a]));
      }
      if (alternatives.length) return { alternatives };
      break;
    }
  }
  return { unknown: `cannot compare ${renderValue(value)}` };
}

function renderSub(arg: CfnValue | undefined, scope: ValueScope, depth: number): Rendered {
  const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
  if (text === undefined) return { unknown: `cannot compare !Sub ${renderValue(arg)}` };
  const variables = Array.isArray(arg) && isPlainObject(arg[1]) ? arg[1] : {};
  const pieces: Part[][][] = [];
  let last = 0;
  const re = /\$\{([^}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    pieces.push([[text.slice(last, m.index)]]);
    last = m.index + m[0].length;
    const inner = m[1]!;
    if (inner.startsWith('!')) {
      pieces.push([[`\${${inner.slice(1)}}`]]);
      continue;
    }
    if (Object.hasOwn(variables, inner)) {
      const r = renderResource(variables[inner]!, scope, depth + 1);
      if ('unknown' in r) return r;
      pieces.push(r.alternatives.map((a) => [...a]));
    } else if (inner.startsWith('AWS::')) {
      pieces.push([[P(inner)]]);
    } else {
      const dot = inner.indexOf('.');
      pieces.push([dot > 0 ? reference(inner.slice(0, dot), inner.slice(dot + 1), scope, depth) : reference(inner, 'Ref', scope, depth)]);
    }
  }
  pieces.push([[text.slice(last)]]);
  return { alternatives: product(pieces) };
}

/** Prints rendered parts: tokens as `${...}`. */
export function printParts(parts: readonly Part[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : `\${${p.token}}`)).join('');
}

// ---------------------------------------------------------------------------------------------
// Matching

type PatternAtom =
  | { readonly t: 'char'; readonly c: string }
  | { readonly t: 'star' }
  | { readonly t: 'qmark' }
  /** A policy variable (`${aws:username}`) not given in the context: could be anything. */
  | { readonly t: 'var' }
  | { readonly t: 'token'; readonly token: Token };

type RequestAtom = { readonly t: 'char'; readonly c: string } | { readonly t: 'star' } | { readonly t: 'token'; readonly token: Token };

const POLICY_VARIABLE = /\$\{([^}]*)\}/g;

/**
 * The value of a policy variable (`aws:username`, `aws:PrincipalTag/team, 'none'` with a default),
 * from `lookup`; undefined when the request does not have it and there is no default.
 */
export function policyVariableValue(inner: string, lookup?: (key: string) => string | undefined): string | undefined {
  const comma = inner.indexOf(',');
  const key = (comma >= 0 ? inner.slice(0, comma) : inner).trim();
  const value = lookup?.(key);
  if (value !== undefined) return value;
  if (comma < 0) return undefined;
  const fallback = inner.slice(comma + 1).trim();
  return /^'.*'$/.test(fallback) ? fallback.slice(1, -1) : fallback;
}

/** The policy variables in literal text that `lookup` cannot resolve (escapes `${*}`, `${?}`, `${$}` excluded). */
export function unresolvedVariables(parts: readonly Part[], lookup?: (key: string) => string | undefined): string[] {
  const missing: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') continue;
    for (const m of part.matchAll(POLICY_VARIABLE)) {
      const inner = m[1]!;
      if (inner === '*' || inner === '?' || inner === '$') continue;
      if (policyVariableValue(inner, lookup) === undefined) missing.push(inner.split(',')[0]!.trim());
    }
  }
  return missing;
}

/** Replaces the policy variables of a condition value, or lists the keys that cannot be resolved. */
export function substituteVariables(text: string, lookup?: (key: string) => string | undefined): { value: string } | { missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(POLICY_VARIABLE, (_whole, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return inner;
    const value = policyVariableValue(inner, lookup);
    if (value === undefined) missing.push(inner.split(',')[0]!.trim());
    return value ?? '';
  });
  return missing.length ? { missing } : { value: out };
}

/**
 * A policy's resource parts as atoms: `*` and `?` are wildcards; `${*}`, `${?}`, `${$}` are the
 * literal characters; other `${key}` in literal text are policy variables, replaced from
 * `variables` when given there, else unknown.
 */
export function patternAtoms(parts: readonly Part[], variables?: (key: string) => string | undefined): PatternAtom[] {
  const atoms: PatternAtom[] = [];
  const literal = (text: string): void => {
    for (const c of text) atoms.push({ t: 'char', c });
  };
  for (const part of parts) {
    if (typeof part !== 'string') {
      atoms.push({ t: 'token', token: part });
      continue;
    }
    let last = 0;
    const pushWild = (text: string): void => {
      for (const c of text) atoms.push(c === '*' ? { t: 'star' } : c === '?' ? { t: 'qmark' } : { t: 'char', c });
    };
    for (let m = POLICY_VARIABLE.exec(part); m; m = POLICY_VARIABLE.exec(part)) {
      pushWild(part.slice(last, m.index));
      last = m.index + m[0].length;
      const key = m[1]!;
      if (key === '*' || key === '?' || key === '$') literal(key);
      else {
        const value = policyVariableValue(key, variables);
        if (value !== undefined) literal(value);
        else atoms.push({ t: 'var' });
      }
    }
    POLICY_VARIABLE.lastIndex = 0;
    pushWild(part.slice(last));
  }
  return atoms;
}

/** A requested resource's parts as atoms: `*` means "every resource here" (a needed pattern). */
export function requestAtoms(parts: readonly Part[]): RequestAtom[] {
  const atoms: RequestAtom[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') atoms.push({ t: 'token', token: part });
    else for (const c of part) atoms.push(c === '*' ? { t: 'star' } : { t: 'char', c });
  }
  return atoms;
}

const RANK: Record<Tri, number> = { no: 0, maybe: 1, yes: 2 };
export const triOr = (a: Tri, b: Tri): Tri => (RANK[a] >= RANK[b] ? a : b);
export const triAnd = (a: Tri, b: Tri): Tri => (RANK[a] <= RANK[b] ? a : b);
export const triNot = (a: Tri): Tri => (a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'maybe');

const SEGMENT_END = new Set([':', '/']);

/** Does the policy pattern cover the requested resource? */
export function matchAtoms(pattern: readonly PatternAtom[], request: readonly RequestAtom[]): Tri {
  const memo = new Map<number, Tri>();
  const width = request.length + 1;
  const m = (i: number, j: number): Tri => {
    const key = i * width + j;
    const cached = memo.get(key);
    if (cached) return cached;
    const result = step(i, j);
    memo.set(key, result);
    return result;
  };
  const step = (i: number, j: number): Tri => {
    if (i === pattern.length) return j === request.length ? 'yes' : 'no';
    const p = pattern[i]!;
    const r = request[j];
    let best: Tri = 'no';
    const consider = (v: Tri): boolean => {
      best = triOr(best, v);
      return best === 'yes';
    };
    switch (p.t) {
      case 'star':
        for (let k = j; k <= request.length; k++) if (consider(m(i + 1, k))) break;
        return best;
      case 'var':
        // An unknown policy variable: any run of request atoms, never certain.
        for (let k = j; k <= request.length; k++) if (consider(triAnd('maybe', m(i + 1, k)))) break;
        return best;
      case 'qmark':
        if (!r || r.t === 'star') return 'no';
        return r.t === 'char' ? m(i + 1, j + 1) : triAnd('maybe', m(i + 1, j + 1));
      case 'token': {
        if (!r || r.t === 'star') return 'no';
        if (r.t === 'token' && r.token.token === p.token.token && consider(m(i + 1, j + 1))) return best;
        if (p.token.kind === 'pseudo') {
          // The policy's pseudo parameter is one segment: a run of literal text (certain), or a
          // different token of the request (which may or may not have that value).
          if (r.t === 'token') return r.token.kind === 'pseudo' ? best : triOr(best, triAnd('maybe', m(i + 1, j + 1)));
          for (let k = j + 1; k <= request.length; k++) {
            const a = request[k - 1]!;
            if (a.t !== 'char' || SEGMENT_END.has(a.c)) break;
            if (consider(m(i + 1, k))) break;
          }
          return best;
        }
        // Two resources of the stack differ (unless one resource is seen through different attributes).
        if (r.t === 'token' && p.token.kind === 'resource' && r.token.kind === 'resource' && baseId(p.token) !== baseId(r.token)) return best;
        // Any other token stands for a value leash does not know: it may cover one or more atoms.
        for (let k = j + 1; k <= request.length; k++) {
          const a = request[k - 1]!;
          if (a.t === 'star') break;
          consider(triAnd('maybe', m(i + 1, k)));
          if ((best as Tri) === 'maybe') break;
        }
        return best;
      }
      case 'char':
        if (!r || r.t === 'star') return 'no';
        if (r.t === 'char') return r.c === p.c ? m(i + 1, j + 1) : 'no';
        // A token in the request against literal text in the policy.
        if (r.token.token === 'AWS::Partition' && literalAt(pattern, i, 'aws') && !isLiteralChar(pattern[i + 3], '-')) {
          if (consider(m(i + 3, j + 1))) return best;
        }
        for (let k = i + 1; k <= pattern.length; k++) {
          const a = pattern[k - 1]!;
          if (a.t === 'star' || (a.t !== 'char' && r.token.kind === 'pseudo')) break;
          if (r.token.kind === 'pseudo' && a.t === 'char' && SEGMENT_END.has(a.c)) break;
          consider(triAnd('maybe', m(k, j + 1)));
          if ((best as Tri) === 'maybe') break;
        }
        return best;
    }
  };
  return m(0, 0);
}

function baseId(token: Token): string {
  const dot = token.token.indexOf('.');
  return dot > 0 ? token.token.slice(0, dot) : token.token;
}

function literalAt(pattern: readonly PatternAtom[], i: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (!isLiteralChar(pattern[i + k], text[k]!)) return false;
  return true;
}

function isLiteralChar(atom: PatternAtom | undefined, c: string): boolean {
  return atom?.t === 'char' && atom.c === c;
}

/** The parts with every token that has an expansion replaced by it (nested ones too, a few levels deep). */
function expand(parts: readonly Part[], depth = 0): { parts: Part[]; expanded: boolean } {
  let expanded = false;
  const out = concat(...parts.map((p) => {
    if (typeof p === 'string' || !p.expansion || depth > 4) return [p];
    expanded = true;
    return expand(p.expansion, depth + 1).parts;
  }));
  return { parts: out, expanded };
}

/**
 * When a name was written as an expression, matches with the expressions in place of their tokens
 * (exact: the token stands for that value), so `${AWS::StackName}-Worker` in a policy matches
 * `!GetAtt Worker.Arn`; when that cannot decide, with the tokens (two resources never match).
 */
function matchParts(pattern: readonly Part[], request: readonly Part[], variables?: (key: string) => string | undefined): Tri {
  const p = expand(pattern);
  const r = expand(request);
  const byTokens = (): Tri => matchAtoms(patternAtoms(pattern, variables), requestAtoms(request));
  if (!p.expanded && !r.expanded) return byTokens();
  const byValue = matchAtoms(patternAtoms(p.parts, variables), requestAtoms(r.parts));
  return byValue === 'maybe' ? byTokens() : byValue;
}

/** Does any alternative of the policy's resource cover the request? Every alternative of the request must be covered. */
export function matchRendered(pattern: Rendered, request: Rendered, variables?: (key: string) => string | undefined): Tri {
  if ('unknown' in request) {
    // A pattern that is exactly `*` covers anything, even what leash cannot render.
    if (!('unknown' in pattern) && pattern.alternatives.some((a) => a.length === 1 && a[0] === '*')) return 'yes';
    return 'maybe';
  }
  if ('unknown' in pattern) return 'maybe';
  if (pattern.alternatives.length === 0) return 'no';
  if (request.alternatives.length === 0) return 'maybe';
  let all: Tri = 'yes';
  for (const req of request.alternatives) {
    let any: Tri = 'no';
    let some: Tri = 'yes';
    for (const pat of pattern.alternatives) {
      const v = matchParts(pat, req, variables);
      any = triOr(any, v);
      some = triAnd(some, v);
    }
    // With several policy alternatives (an Fn::If), only one of them is deployed.
    const covered = pattern.alternatives.length > 1 ? (some === 'yes' ? 'yes' : any === 'no' ? 'no' : 'maybe') : any;
    all = triAnd(all, covered);
  }
  return all;
}
