/**
 * leash's IAM policy evaluator over model statements (identity policies of one role): is this
 * action on this resource allowed, given what is known of the request?
 *
 * - Actions and NotActions match with `*` / `?` wildcards, case-insensitively.
 * - Resources and NotResources are CloudFormation values compared as described in
 *   `resource-pattern.ts` (stack-dependent ARNs render to tokens; pseudo parameters in a policy
 *   match like `*` in one segment).
 * - An explicit Deny wins over any Allow.
 * - Conditions: String*, Numeric*, Date*, Bool, BinaryEquals, IpAddress / NotIpAddress, Arn*, Null,
 *   with `...IfExists` and `ForAnyValue:` / `ForAllValues:`. Condition keys are matched
 *   case-insensitively.
 *
 * Three-valued: when a statement's outcome depends on something leash does not know (a condition key
 * missing from the context, a resource it cannot render, an operator it does not know), the
 * decision is `conditional`, never a silent allow. With `missingContextKeys: 'absent'` a key that is
 * not in the context is taken as absent from the request (AWS semantics), as a simulator does.
 */
import type { AppModel, PolicyStatement, PolicySource } from '../model/types.js';
import type { SourceLocation } from '../model/source.js';
import type { CfnValue } from '../model/values.js';
import { isKnown } from '../model/values.js';
import { wildcardRegExp } from './catalog.js';
import { EMPTY_SCOPE, NAME_PROPERTIES, type Part, type Rendered, type Tri, type ValueScope, matchRendered, renderResource, substituteVariables, triAnd, triNot, triOr, unresolvedVariables } from './resource-pattern.js';
import type { IamStatement } from './types.js';
import { stackIndex } from '../engine/stack-index.js';

export type ContextValue = string | number | boolean | readonly (string | number | boolean)[] | null;

export interface EvaluationRequest {
  /** A concrete action, `s3:GetObject`. */
  readonly action: string;
  /** The resource ARN or expression (`{Fn::GetAtt: [T, Arn]}`), or `*` for "every resource". */
  readonly resource: CfnValue;
  /** Condition keys known for the request; `null` means "known to be absent". */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

export interface EvaluationOptions {
  /** The stack the statements and resources come from: resolves resource types and literal names. */
  readonly stack?: AppModel;
  readonly scope?: ValueScope;
  /** `conditional` (default): a key missing from the context is unknown. `absent`: it is absent from the request. */
  readonly missingContextKeys?: 'conditional' | 'absent';
}

/**
 * `allowed`: an Allow applies and no Deny can. `denied`: a Deny certainly applies.
 * `implicit-deny`: no Allow can apply (a Deny that may apply is not reported then).
 * `conditional`: an Allow may apply, or applies while a Deny may.
 */
export type Decision = 'allowed' | 'denied' | 'implicit-deny' | 'conditional';

export interface Evaluation {
  readonly decision: Decision;
  /** The statements that decided: the denying ones, the allowing ones, or those that may apply when conditional. */
  readonly matched: PolicyStatement[];
  /** Why the decision is conditional (missing condition keys, resources leash cannot compare). */
  readonly reasons: string[];
}

// ---------------------------------------------------------------------------------------------
// Compiled statements

interface CompiledStatement {
  readonly statement: PolicyStatement;
  readonly actions?: RegExp[];
  readonly notActions?: RegExp[];
  readonly resources?: Rendered[];
  readonly notResources?: Rendered[];
}

export interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  readonly scope: ValueScope;
  readonly missingContextKeys: 'conditional' | 'absent';
}

const regexCache = new Map<string, RegExp>();
function actionRegExp(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    re = wildcardRegExp(pattern.trim());
    regexCache.set(pattern, re);
  }
  return re;
}

/** Resolves resource types and literal physical names from a stack's model. */
export function scopeFromStack(stack: AppModel): ValueScope {
  // The stack's shared index: a scope per role comparison must not re-read every resource.
  const index = stackIndex(stack);
  const parameters = new Map((stack.parameters ?? []).map((p) => [p.name, p]));
  return {
    typeOf: (id) => index.resourceById(id)?.type,
    literalNameOf: (id) => {
      const resource = index.resourceById(id);
      if (!resource) return undefined;
      if (resource.name !== undefined && isKnown(resource.name) && typeof resource.name === 'string') return resource.name;
      const property = NAME_PROPERTIES[resource.type];
      const value = property ? resource.properties[property] : undefined;
      return typeof value === 'string' ? value : undefined;
    },
    nameValueOf: (id) => {
      const resource = index.resourceById(id);
      const property = resource ? NAME_PROPERTIES[resource.type] : undefined;
      const value = property ? resource!.properties[property] : undefined;
      return value !== undefined && typeof value !== 'string' ? value : undefined;
    },
    // The loaders substitute parameter defaults in role statements and physical names (a list is no single name).
    parameterValueOf: (name) => {
      const parameter = parameters.get(name);
      if (!parameter || /List/.test(parameter.type)) return undefined;
      const value = parameter.default;
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    },
  };
}

/** Prepares statements for many evaluations (actions compiled, resources rendered once). */
export function compilePolicy(statements: readonly PolicyStatement[], options: EvaluationOptions = {}): CompiledPolicy {
  const scope = options.scope ?? (options.stack ? scopeFromStack(options.stack) : EMPTY_SCOPE);
  const compiled = statements.map((statement): CompiledStatement => {
    const out: { -readonly [K in keyof CompiledStatement]: CompiledStatement[K] } = { statement };
    if (statement.action) out.actions = statement.action.map(actionRegExp);
    if (statement.notAction) out.notActions = statement.notAction.map(actionRegExp);
    if (statement.resource) out.resources = statement.resource.map((r) => renderResource(r, scope));
    if (statement.notResource) out.notResources = statement.notResource.map((r) => renderResource(r, scope));
    return out;
  });
  return { statements: compiled, scope, missingContextKeys: options.missingContextKeys ?? 'conditional' };
}

/** Evaluates one request against a role's statements. */
export function evaluate(statements: readonly PolicyStatement[], request: EvaluationRequest, options: EvaluationOptions = {}): Evaluation {
  return evaluateCompiled(compilePolicy(statements, options), request);
}

export function evaluateCompiled(policy: CompiledPolicy, request: EvaluationRequest): Evaluation {
  const context = normalizeContext(request.context);
  const requested = renderResource(request.resource, policy.scope);
  const variables = (key: string): string | undefined => {
    const v = context.get(key.toLowerCase());
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  };
  const reasons: string[] = [];
  const denies: { s: PolicyStatement; v: Tri }[] = [];
  const allows: { s: PolicyStatement; v: Tri }[] = [];
  for (const c of policy.statements) {
    const why: string[] = [];
    let applies = matchAction(c, request.action);
    if (applies === 'no') continue;
    applies = triAnd(applies, matchResource(c, requested, variables, why, policy.missingContextKeys, context));
    if (applies === 'no') continue;
    if (c.statement.condition) applies = triAnd(applies, evaluateConditions(c.statement.condition, context, policy.missingContextKeys, why));
    if (applies === 'no') continue;
    (c.statement.effect === 'Deny' ? denies : allows).push({ s: c.statement, v: applies });
    if (applies === 'maybe') reasons.push(...why.map((w) => `${c.statement.effect} statement${c.statement.sid ? ` ${c.statement.sid}` : ''}: ${w}`));
  }
  const certainDeny = denies.filter((d) => d.v === 'yes');
  if (certainDeny.length) return { decision: 'denied', matched: certainDeny.map((d) => d.s), reasons: [] };
  const certainAllow = allows.filter((a) => a.v === 'yes');
  if (certainAllow.length && denies.length === 0) return { decision: 'allowed', matched: certainAllow.map((a) => a.s), reasons: [] };
  if (allows.length === 0) return { decision: 'implicit-deny', matched: [], reasons: [] };
  // Some allow may apply, or applies but a deny may too.
  return { decision: 'conditional', matched: [...denies, ...allows].map((x) => x.s), reasons: [...new Set(reasons)] };
}

function matchAction(c: CompiledStatement, action: string): Tri {
  const name = action.trim();
  if (c.actions) return c.actions.some((re) => re.test(name)) ? 'yes' : 'no';
  if (c.notActions) return c.notActions.some((re) => re.test(name)) ? 'no' : 'yes';
  return 'no';
}

/** Policy variables of a rendered pattern the request does not have. */
function missingVariables(pattern: Rendered, variables: (key: string) => string | undefined): string[] {
  return 'unknown' in pattern ? [] : pattern.alternatives.flatMap((a) => unresolvedVariables(a, variables));
}

/** A key the request is known not to have: given as `null`, or any key missing in `absent` mode. */
function isAbsent(context: Map<string, ContextValue>, key: string, missingKeys: 'conditional' | 'absent'): boolean {
  const lower = key.toLowerCase();
  return context.has(lower) ? context.get(lower) === null : missingKeys === 'absent';
}

/**
 * True when a pattern cannot cover the request whatever its variables are, because the ARN's
 * partition, service, region or account already differ: such a NotResource entry still excludes
 * nothing (iam-simulate inverts those mismatches, but not a mismatch in the resource part).
 */
function outsideArnPrefix(pattern: Rendered, requested: Rendered): boolean {
  if ('unknown' in pattern || 'unknown' in requested) return false;
  const prefixOf = (parts: readonly Part[]): Part[] | undefined => {
    const out: Part[] = [];
    let colons = 0;
    for (const part of parts) {
      if (typeof part !== 'string') {
        out.push(part);
        continue;
      }
      for (let i = 0; i < part.length; i++) {
        if (part[i] === ':' && ++colons === 5) {
          out.push(part.slice(0, i + 1));
          return out;
        }
      }
      out.push(part);
    }
    return undefined;
  };
  return pattern.alternatives.every((alt) => {
    const prefix = prefixOf(alt);
    if (!prefix) return false;
    return matchRendered({ alternatives: [[...prefix, '*']] }, requested) === 'no';
  });
}

function matchResource(c: CompiledStatement, requested: Rendered, variables: (key: string) => string | undefined, why: string[], missingKeys: 'conditional' | 'absent', context: Map<string, ContextValue>): Tri {
  const note = (pattern: Rendered, v: Tri): Tri => {
    if (v === 'maybe') {
      if ('unknown' in pattern) why.push(pattern.unknown);
      else if ('unknown' in requested) why.push(`requested resource: ${requested.unknown}`);
      else why.push('resource depends on values known only at deployment');
    }
    return v;
  };
  if (c.resources) {
    let any: Tri = 'no';
    const maybes: Rendered[] = [];
    for (const pattern of c.resources) {
      // A policy variable the request does not have: the pattern matches nothing (as AWS and iam-simulate).
      const unresolved = missingVariables(pattern, variables);
      if (unresolved.length && unresolved.every((k) => isAbsent(context, k, missingKeys))) continue;
      const v = matchRendered(pattern, requested, variables);
      if (v === 'yes') return 'yes';
      if (v === 'maybe') maybes.push(pattern);
      any = triOr(any, v);
    }
    for (const m of maybes.slice(0, 1)) note(m, 'maybe');
    return any;
  }
  if (c.notResources) {
    // An unresolvable policy variable makes the NotResource element match nothing (iam-simulate does the same).
    for (const pattern of c.notResources) {
      const unresolved = missingVariables(pattern, variables);
      if (unresolved.length && unresolved.every((k) => isAbsent(context, k, missingKeys)) && !outsideArnPrefix(pattern, requested)) return 'no';
    }
    let any: Tri = 'no';
    for (const pattern of c.notResources) {
      const v = matchRendered(pattern, requested, variables);
      if (v === 'maybe') note(pattern, v);
      any = triOr(any, v);
      if (any === 'yes') break;
    }
    return triNot(any);
  }
  return 'no';
}

// ---------------------------------------------------------------------------------------------
// Conditions

function normalizeContext(context: EvaluationRequest['context']): Map<string, ContextValue> {
  const map = new Map<string, ContextValue>();
  for (const [k, v] of Object.entries(context ?? {})) map.set(k.toLowerCase(), v);
  return map;
}

type BaseKind = 'string' | 'string-ignore-case' | 'string-like' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';
type Comparison = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

interface Operator {
  readonly kind: BaseKind;
  readonly negated: boolean;
  readonly comparison: Comparison;
}

const BASE_OPERATORS: Readonly<Record<string, Operator>> = {
  stringequals: { kind: 'string', negated: false, comparison: 'eq' },
  stringnotequals: { kind: 'string', negated: true, comparison: 'eq' },
  stringequalsignorecase: { kind: 'string-ignore-case', negated: false, comparison: 'eq' },
  stringnotequalsignorecase: { kind: 'string-ignore-case', negated: true, comparison: 'eq' },
  stringlike: { kind: 'string-like', negated: false, comparison: 'eq' },
  stringnotlike: { kind: 'string-like', negated: true, comparison: 'eq' },
  numericequals: { kind: 'numeric', negated: false, comparison: 'eq' },
  numericnotequals: { kind: 'numeric', negated: true, comparison: 'eq' },
  numericlessthan: { kind: 'numeric', negated: false, comparison: 'lt' },
  numericlessthanequals: { kind: 'numeric', negated: false, comparison: 'le' },
  numericgreaterthan: { kind: 'numeric', negated: false, comparison: 'gt' },
  numericgreaterthanequals: { kind: 'numeric', negated: false, comparison: 'ge' },
  dateequals: { kind: 'date', negated: false, comparison: 'eq' },
  datenotequals: { kind: 'date', negated: true, comparison: 'eq' },
  datelessthan: { kind: 'date', negated: false, comparison: 'lt' },
  datelessthanequals: { kind: 'date', negated: false, comparison: 'le' },
  dategreaterthan: { kind: 'date', negated: false, comparison: 'gt' },
  dategreaterthanequals: { kind: 'date', negated: false, comparison: 'ge' },
  bool: { kind: 'bool', negated: false, comparison: 'eq' },
  binaryequals: { kind: 'binary', negated: false, comparison: 'eq' },
  ipaddress: { kind: 'ip', negated: false, comparison: 'eq' },
  notipaddress: { kind: 'ip', negated: true, comparison: 'eq' },
  arnequals: { kind: 'arn', negated: false, comparison: 'eq' },
  arnlike: { kind: 'arn', negated: false, comparison: 'eq' },
  arnnotequals: { kind: 'arn', negated: true, comparison: 'eq' },
  arnnotlike: { kind: 'arn', negated: true, comparison: 'eq' },
  null: { kind: 'null', negated: false, comparison: 'eq' },
};

interface ParsedOperator extends Operator {
  readonly set?: 'any' | 'all';
  readonly ifExists: boolean;
}

export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name.trim();
  let set: 'any' | 'all' | undefined;
  const lower = rest.toLowerCase();
  if (lower.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (lower.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('ForAllValues:'.length);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BASE_OPERATORS[rest.toLowerCase()];
  if (!base || (base.kind === 'null' && (ifExists || set))) return undefined;
  return set ? { ...base, set, ifExists } : { ...base, ifExists };
}

function evaluateConditions(conditions: Record<string, Record<string, CfnValue>>, context: Map<string, ContextValue>, missing: 'conditional' | 'absent', why: string[]): Tri {
  let result: Tri = 'yes';
  for (const [operatorName, entries] of Object.entries(conditions)) {
    const operator = parseOperator(operatorName);
    if (!operator) {
      why.push(`unknown condition operator ${operatorName}`);
      result = triAnd(result, 'maybe');
      continue;
    }
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      why.push(`condition ${operatorName} is not a map of keys`);
      result = triAnd(result, 'maybe');
      continue;
    }
    for (const [key, raw] of Object.entries(entries)) {
      const v = evaluateKey(operator, key, raw, context, missing, why);
      result = triAnd(result, v);
      if (result === 'no') return 'no';
    }
  }
  return result;
}

function evaluateKey(op: ParsedOperator, key: string, raw: CfnValue, context: Map<string, ContextValue>, missing: 'conditional' | 'absent', why: string[]): Tri {
  const lowerKey = key.toLowerCase();
  const known = context.has(lowerKey);
  const value = context.get(lowerKey);
  if (!known && missing === 'conditional') {
    why.push(`condition key ${key} is not known for the request (${op.set ? `${op.set === 'any' ? 'ForAnyValue' : 'ForAllValues'}:` : ''}${op.kind})`);
    return 'maybe';
  }
  const lookup = (k: string): string | undefined => {
    const v = context.get(k.toLowerCase());
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  };
  const policyValues = (Array.isArray(raw) ? raw : [raw]).map((v) => {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    const text = String(v);
    if (!text.includes('${') || op.kind === 'null') return text;
    const substituted = substituteVariables(text, lookup);
    if ('value' in substituted) return substituted.value;
    // A variable the request does not have matches nothing; one leash does not know is unknown.
    return substituted.missing.every((k) => isAbsent(context, k, missing)) ? null : undefined;
  });
  const literalValues = policyValues.filter((v): v is string => typeof v === 'string');
  const hasUnknownValue = policyValues.some((v) => v === undefined);
  if (hasUnknownValue) why.push(`condition ${key} compares with a value known only at deployment or a policy variable not known for the request`);

  if (op.kind === 'null') {
    // Null: "true" means the key must be absent, "false" that it must be present.
    const wantAbsent = literalValues.map((v) => v.toLowerCase() === 'true');
    const isAbsent = value === undefined || value === null;
    const ok = wantAbsent.some((w) => w === isAbsent);
    return ok ? 'yes' : hasUnknownValue ? 'maybe' : 'no';
  }

  if (value === undefined || value === null) {
    if (op.ifExists) return 'yes';
    if (op.set === 'all') return 'yes';
    if (op.set === 'any') return 'no';
    return op.negated ? 'yes' : 'no';
  }
  const contextValues = (Array.isArray(value) ? value : [value]).map(String);
  // One context value against the policy's values: positive operators need one match, negated ones none.
  const one = (cv: string): Tri => {
    const hit = literalValues.some((pv) => compare(op, cv, pv));
    if (op.negated) return hit ? 'no' : hasUnknownValue ? 'maybe' : 'yes';
    return hit ? 'yes' : hasUnknownValue ? 'maybe' : 'no';
  };
  if (op.set === 'all') {
    if (contextValues.length === 0) return 'yes';
    return contextValues.map(one).reduce(triAnd, 'yes');
  }
  if (contextValues.length === 0) return op.set === 'any' ? 'no' : op.negated ? 'yes' : 'no';
  return contextValues.map(one).reduce(triOr, 'no');
}

function compare(op: Operator, contextValue: string, policyValue: string): boolean {
  switch (op.kind) {
    case 'string':
    case 'binary':
      return contextValue === policyValue;
    case 'string-ignore-case':
      return contextValue.toLowerCase() === policyValue.toLowerCase();
    case 'string-like':
      return likeRegExp(policyValue).test(contextValue);
    case 'numeric': {
      const a = Number(contextValue);
      const b = Number(policyValue);
      if (contextValue.trim() === '' || policyValue.trim() === '' || Number.isNaN(a) || Number.isNaN(b)) return false;
      return ordered(op.comparison, a, b);
    }
    case 'date': {
      const a = parseDate(contextValue);
      const b = parseDate(policyValue);
      if (a === undefined || b === undefined) return false;
      return ordered(op.comparison, a, b);
    }
    case 'bool':
      return contextValue.toLowerCase() === policyValue.toLowerCase();
    case 'ip':
      return ipInCidr(contextValue, policyValue);
    case 'arn':
      return arnLike(contextValue, policyValue);
    case 'null':
      return false;
  }
}

function ordered(comparison: Comparison, a: number, b: number): boolean {
  switch (comparison) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

const likeCache = new Map<string, RegExp>();
/** StringLike: `*` and `?` wildcards, case-sensitive. */
function likeRegExp(pattern: string): RegExp {
  let re = likeCache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
    re = new RegExp(`^${body}$`);
    likeCache.set(pattern, re);
  }
  return re;
}

function parseDate(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Number(text) * 1000;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** ArnLike / ArnEquals: the six colon-separated parts match one by one, with wildcards. */
function arnLike(value: string, pattern: string): boolean {
  const split = (s: string): string[] | undefined => {
    const parts = s.split(':');
    if (parts.length < 6) return undefined;
    return [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const v = split(value);
  const p = split(pattern);
  if (!v || !p) return pattern === '*' ? true : false;
  return p.every((part, i) => likeRegExp(part).test(v[i]!));
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const a = parseIp(ip.trim());
  const n = parseIp((network ?? '').trim());
  if (!a || !n || a.bits !== n.bits) return false;
  const prefix = bitsText === undefined ? a.bits : Number(bitsText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > a.bits) return false;
  const shift = BigInt(a.bits - prefix);
  return a.value >> shift === n.value >> shift;
}

function parseIp(text: string): { value: bigint; bits: number } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const octets = text.split('.').map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return { value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), bits: 32 };
  }
  if (text.includes(':')) {
    const [head, tail] = text.split('::') as [string, string | undefined];
    if (text.split('::').length > 2) return undefined;
    const h = head ? head.split(':') : [];
    const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const asList = (v: string | string[] | undefined): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
const asValues = (v: CfnValue | undefined): CfnValue[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Model statements from IAM JSON statements (for policies leash builds itself, and tests). */
export function toPolicyStatements(statements: readonly IamStatement[], source: PolicySource, loc: SourceLocation = source.loc): PolicyStatement[] {
  return statements.map((s) => {
    const out: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = { effect: s.Effect, source, loc };
    if (s.Sid !== undefined) out.sid = s.Sid;
    const action = asList(s.Action);
    const notAction = asList(s.NotAction);
    const resource = asValues(s.Resource);
    const notResource = asValues(s.NotResource);
    if (action) out.action = action;
    if (notAction) out.notAction = notAction;
    if (resource) out.resource = resource;
    if (notResource) out.notResource = notResource;
    if (s.Condition) out.condition = s.Condition;
    return out;
  });
}
