import { defineRule } from '../../engine/types.js';
import type { FindingReport, Severity } from '../../engine/types.js';
import type { AppModel, LambdaFunction, PolicyStatement, Resource, Role, Trigger } from '../../model/types.js';
import { intrinsicName, isKnown, isPlainObject, referencedLogicalId, renderValue } from '../../model/values.js';
import type { CfnValue } from '../../model/values.js';
import { wildcardRegExp } from '../../iam/catalog.js';
import { isWildcardPattern } from '../../iam/role-grants.js';
import { stackIndex } from '../../engine/stack-index.js';

/** The write that fires each trigger kind again. */
const WRITES: Partial<Record<Trigger['kind'], { actions: string[]; service: string; verb: string }>> = {
  s3: { actions: ['s3:PutObject'], service: 's3', verb: 'write objects to bucket' },
  sqs: { actions: ['sqs:SendMessage'], service: 'sqs', verb: 'send messages to queue' },
  sns: { actions: ['sns:Publish'], service: 'sns', verb: 'publish to topic' },
  'dynamodb-stream': {
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate'],
    service: 'dynamodb',
    verb: 'write items to table',
  },
  kinesis: { actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], service: 'kinesis', verb: 'put records to stream' },
};

/** Trigger kinds whose loops AWS's recursive loop detection stops (after about 16 rounds), unless `RecursiveLoop: Allow`. */
const DETECTED = new Set<Trigger['kind']>(['s3', 'sqs', 'sns']);

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
/** A definite finding outranks an unknown one of the same severity. */
function weight(report: FindingReport): number {
  return RANK[report.severity ?? 'info'] + (report.unknown ? 0 : 0.5);
}

const LOWER: Record<Severity, Severity> = { critical: 'high', high: 'medium', medium: 'low', low: 'low', info: 'info' };

/** What the trigger reads from, and every way a policy can name it. */
interface Target {
  readonly label: string;
  readonly resourceId?: string;
  /** Logical ids and parameter names that stand for this resource in an expression. */
  readonly aliases: Set<string>;
  /** Physical name when literal (`BucketName: uploads`), or taken from a literal ARN. */
  readonly name?: string;
  /** `Fn::Sub` text of the physical name (`${AWS::StackName}-uploads`): a policy with the same text names the same resource. */
  readonly nameTemplate?: string;
}

type Match = { readonly kind: 'yes'; readonly keys: string[] } | { readonly kind: 'maybe'; readonly why: string } | { readonly kind: 'no' };

const TARGET = '\u0000TARGET\u0000';

export default defineRule(
  {
    id: 'dos/recursive-trigger',
    category: 'dos',
    description: "A function may write to the bucket, queue, topic, table or stream that triggers it, so one event can invoke it again and again (a recursive loop).",
    severity: 'high',
    messages: {
      loop: 'Function {{fn}} is triggered by {{source}} ({{trigger}}) and its role lets it {{verb}} {{source}} ({{grant}}): each write can invoke it again, in a loop that bills every round. {{detection}}{{filter}}Write to another {{noun}}, or filter the trigger so the function\'s own writes cannot match.',
      maybe: 'Function {{fn}} is triggered by {{source}} ({{trigger}}) and its role may let it {{verb}} it: {{why}}. If it does, each write invokes it again (a recursive loop).',
    },
  },
  (context) => {
    const stack = context.stack;
    for (const fn of stack.functions) {
      const role = stackIndex(stack).roleById(fn.roleId);
      // One finding per source: several notifications of one bucket (one per suffix) are one loop.
      const bySource = new Map<string, FindingReport>();
      const emit = (source: string, report: FindingReport): void => {
        const previous = bySource.get(source);
        if (previous === undefined) {
          bySource.set(source, report);
          return;
        }
        const keep = weight(report) > weight(previous) ? report : previous;
        const triggers = `${previous.data?.trigger}, ${report.data?.trigger}`;
        bySource.set(source, { ...keep, data: { ...keep.data, trigger: triggers } });
      };
      for (const trigger of fn.triggers) {
        const write = WRITES[trigger.kind];
        if (write === undefined || trigger.source === undefined) continue;
        if (trigger.kind === 's3' && !firesOnCreate(trigger)) continue;
        const target = targetOf(stack, trigger);
        const grant = role !== undefined ? writeGrant(role, write.actions, write.service, target) : undefined;
        // An unresolved RecursiveLoop may be Allow: count it as such (unknown is never a pass).
        const loopUnresolved = fn.recursiveLoop !== undefined && !isKnown(fn.recursiveLoop);
        const allowLoop = loopUnresolved || (isKnown(fn.recursiveLoop) && fn.recursiveLoop.toLowerCase() === 'allow');
        if (grant === undefined || grant.match.kind === 'no') {
          const why = role === undefined ? `its role ${fn.roleId} is not in the model` : role.kind === 'external' ? `its role is defined outside the stack (${renderValue(role.arn)})` : role.unknowns.length > 0 ? `part of its role could not be expanded (${role.unknowns.map((u) => u.reason).join('; ')})` : undefined;
          if (why !== undefined) reportMaybe(fn, trigger, target, write.verb, why, role);
          continue;
        }
        if (grant.match.kind === 'maybe') {
          reportMaybe(fn, trigger, target, write.verb, `${grant.match.why} (${statementLabel(grant.statement)})`, role);
          continue;
        }
        const filter = filterOf(trigger, grant.match.keys);
        if (filter.excludesOwnWrites) continue;
        let severity: Severity = allowLoop || !DETECTED.has(trigger.kind) ? 'high' : 'medium';
        if (filter.text !== '') severity = LOWER[severity];
        // Granted only through `Resource: "*"`: what the function may do, not a sign that it writes
        // back to its own trigger (corpus: S3-triggered functions with s3:PutObject on *), one level lower.
        const onlyWildcard = !role!.statements.some((s) => s.effect === 'Allow' && write.actions.some((a) => grantsAction(s, a)) && !namesEveryResource(s) && resourcesMatch(s, write.service, target).kind === 'yes');
        if (onlyWildcard) severity = LOWER[severity];
        const detection = loopUnresolved
          ? `RecursiveLoop is ${renderValue(fn.recursiveLoop)}, which leash cannot resolve: if it is Allow, nothing stops the loop. `
          : allowLoop
          ? 'RecursiveLoop: Allow turns off the loop detection that would stop it. '
          : DETECTED.has(trigger.kind)
            ? 'AWS stops such loops after about 16 rounds, but each round is billed and the data is dropped. '
            : 'AWS does not detect loops through this kind of trigger. ';
        emit(target.label, {
          messageId: 'loop',
          data: {
            fn: fn.id,
            source: target.label,
            trigger: trigger.id,
            verb: write.verb,
            grant: `${statementLabel(grant.statement)}${onlyWildcard ? ', on every resource' : ''}`,
            detection,
            filter: filter.text,
            noun: NOUNS[trigger.kind] ?? 'resource',
          },
          resource: fn.id,
          loc: trigger.loc,
          severity,
          properties: {
            trigger: trigger.id,
            kind: trigger.kind,
            source: target.label,
            actions: write.actions,
            statement: { sid: grant.statement.sid, source: grant.statement.source.name, file: grant.statement.loc.file, line: grant.statement.loc.line },
            writtenKeys: trigger.kind === 's3' ? grant.match.keys : undefined,
            filter: filter.text || undefined,
            recursiveLoop: loopUnresolved ? 'unresolved' : allowLoop ? 'Allow' : undefined,
            onlyWildcardGrant: onlyWildcard || undefined,
          },
        });
      }

      for (const report of bySource.values()) context.report(report);

      function reportMaybe(fnNode: LambdaFunction, trigger: Trigger, target: Target, verb: string, why: string, role: Role | undefined): void {
        emit(target.label, {
          messageId: 'maybe',
          data: { fn: fnNode.id, source: target.label, trigger: trigger.id, verb, why },
          resource: fnNode.id,
          loc: trigger.loc,
          severity: 'low',
          unknown: true,
          properties: { trigger: trigger.id, kind: trigger.kind, source: target.label, role: role?.id },
        });
      }
    }
  },
);

const NOUNS: Partial<Record<Trigger['kind'], string>> = { s3: 'bucket or prefix', sqs: 'queue', sns: 'topic', 'dynamodb-stream': 'table', kinesis: 'stream' };

function statementLabel(statement: PolicyStatement): string {
  return `${statement.sid ? `statement ${statement.sid} of ` : ''}${statement.source.name}, ${statement.loc.file}:${statement.loc.line}`;
}

/** An S3 notification for removals only cannot be fired by PutObject. */
function firesOnCreate(trigger: Trigger): boolean {
  const events = trigger.s3?.events ?? [];
  if (events.length === 0) return true;
  return events.some((e) => typeof e !== 'string' || /^s3:(\*|ObjectCreated:)/i.test(e) || e === '*');
}

function targetOf(stack: AppModel, trigger: Trigger): Target {
  const source = trigger.source!;
  const aliases = new Set<string>();
  let resource: Resource | undefined;
  if (source.resourceId !== undefined) {
    aliases.add(source.resourceId);
    resource = stackIndex(stack).resourceById(source.resourceId);
  }
  const ref = referencedLogicalId(source.value);
  if (ref !== undefined) aliases.add(ref);
  let name: string | undefined;
  let nameTemplate: string | undefined;
  if (resource !== undefined) {
    if (isKnown(resource.name)) name = resource.name;
    // `BucketName: !Ref NameParam`: a policy on `${NameParam}` names the same bucket.
    for (const key of NAME_KEYS) {
      const value = resource.properties[key];
      const param = referencedLogicalId(value);
      if (param !== undefined && stack.parameters.some((p) => p.name === param)) aliases.add(param);
      if (isPlainObject(value) && typeof value['Fn::Sub'] === 'string' && value['Fn::Sub'].includes('${')) nameTemplate = value['Fn::Sub'];
    }
  }
  if (name === undefined && typeof source.value === 'string') name = nameFromArn(source.value);
  const label = resource?.id ?? source.resourceId ?? (renderValue(source.value) || trigger.id);
  const target: { label: string; resourceId?: string; aliases: Set<string>; name?: string; nameTemplate?: string } = { label, aliases };
  if (nameTemplate !== undefined) target.nameTemplate = nameTemplate;
  if (source.resourceId !== undefined) target.resourceId = source.resourceId;
  if (name !== undefined) target.name = name;
  return target;
}

const NAME_KEYS = ['BucketName', 'QueueName', 'TopicName', 'TableName', 'StreamName', 'Name'];

/** Replace the target's name template, where it stands as a whole ARN segment, with a reference to the target. */
function markNameTemplate(text: string, target: Target): string {
  const template = target.nameTemplate;
  if (template === undefined || target.resourceId === undefined) return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf(template); at >= 0; at = text.indexOf(template, at + 1)) {
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + template.length] ?? '';
    if ((before === '' || before === ':' || before === '/') && (after === '' || after === ':' || after === '/')) {
      out += `${text.slice(from, at)}\${${target.resourceId}}`;
      from = at + template.length;
    }
  }
  return out + text.slice(from);
}

/** `arn:aws:sqs:eu-west-1:123:orders` → `orders`; `arn:aws:dynamodb:…:table/T/stream/…` → `T`; a bare name stays. */
function nameFromArn(value: string): string | undefined {
  if (!value.startsWith('arn:')) return value.includes('${') ? undefined : value;
  const parts = value.split(':');
  const service = parts[2];
  const rest = parts.slice(5).join(':');
  if (service === 's3') return rest.split('/')[0];
  if (service === 'dynamodb' || service === 'kinesis') return rest.split('/')[1];
  return rest;
}

interface Grant {
  readonly statement: PolicyStatement;
  readonly match: Match;
}

/** The strongest Allow statement that grants one of `actions` on the target, unless a Deny takes it away. */
function writeGrant(role: Role, actions: string[], service: string, target: Target): Grant | undefined {
  let best: Grant | undefined;
  for (const statement of role.statements) {
    if (!actions.some((action) => grantsAction(statement, action))) continue;
    const match = resourcesMatch(statement, service, target);
    if (statement.effect === 'Deny') {
      if (match.kind === 'yes' && match.keys.includes('*') && !statement.condition) return undefined;
      continue;
    }
    if (best === undefined || strength(match) > strength(best.match)) best = { statement, match };
    else if (match.kind === 'yes' && best.match.kind === 'yes') best = { statement: best.statement, match: { kind: 'yes', keys: [...best.match.keys, ...match.keys] } };
  }
  return best;
}

/** A statement whose resources are all bare wildcards (`*`, every object of every bucket): it names no resource in particular. */
function namesEveryResource(statement: PolicyStatement): boolean {
  return statement.resource !== undefined && statement.resource.every((r) => typeof r === 'string' && isWildcardPattern(r));
}

function strength(match: Match): number {
  return match.kind === 'yes' ? 2 : match.kind === 'maybe' ? 1 : 0;
}

function glob(pattern: string, text: string): boolean {
  return wildcardRegExp(pattern).test(text);
}

function grantsAction(statement: PolicyStatement, action: string): boolean {
  if (statement.action !== undefined) return statement.action.some((p) => glob(p, action));
  if (statement.notAction !== undefined) return !statement.notAction.some((p) => glob(p, action));
  return false;
}

function resourcesMatch(statement: PolicyStatement, service: string, target: Target): Match {
  if (statement.notResource !== undefined) {
    const excluded = combine(statement.notResource.map((v) => valueMatch(v, service, target)));
    return excluded.kind === 'yes' ? { kind: 'no' } : { kind: 'yes', keys: ['*'] };
  }
  return combine((statement.resource ?? []).map((v) => valueMatch(v, service, target)));
}

function combine(matches: Match[]): Match {
  const yes = matches.filter((m): m is Extract<Match, { kind: 'yes' }> => m.kind === 'yes');
  if (yes.length > 0) return { kind: 'yes', keys: yes.flatMap((m) => m.keys) };
  const maybe = matches.find((m) => m.kind === 'maybe');
  return maybe ?? { kind: 'no' };
}

/** Does one Resource entry cover the target? For S3, which object keys (globs) it covers. */
function valueMatch(value: CfnValue, service: string, target: Target): Match {
  if (typeof value === 'string') return arnMatch(value.includes('${') ? substitute(markNameTemplate(value, target), {}, target) : value, service, target);
  const name = intrinsicName(value);
  if (name === undefined || !isPlainObject(value)) return { kind: 'no' };
  if (name === 'Ref' || name === 'Fn::GetAtt') {
    const id = referencedLogicalId(value);
    if (id === undefined || !target.aliases.has(id)) return { kind: 'no' };
    // A bucket's ARN or name covers the bucket, not its objects: PutObject needs `bucket/*`.
    return service === 's3' ? { kind: 'no' } : { kind: 'yes', keys: ['*'] };
  }
  if (name === 'Fn::Sub') {
    const arg = value['Fn::Sub'];
    const text = Array.isArray(arg) ? arg[0] : arg;
    const vars = Array.isArray(arg) && isPlainObject(arg[1]) ? arg[1] : {};
    if (typeof text !== 'string') return { kind: 'maybe', why: `the resource ${renderValue(value)} is computed` };
    return arnMatch(substitute(markNameTemplate(text, target), vars, target), service, target);
  }
  if (name === 'Fn::Join') {
    const arg = value['Fn::Join'];
    if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return { kind: 'maybe', why: `the resource ${renderValue(value)} is computed` };
    const parts = arg[1].map((part) => (typeof part === 'string' ? part.replace(/\$\{/g, '${!') : joinPart(part)));
    return arnMatch(substitute(parts.join(arg[0]), {}, target), service, target);
  }
  if (name === 'Fn::If') {
    const arg = value['Fn::If'];
    if (Array.isArray(arg)) return combine(arg.slice(1).map((branch) => valueMatch(branch, service, target)));
  }
  return { kind: 'maybe', why: `the resource ${renderValue(value)} cannot be resolved` };
}

/** A Join element as a `${…}` reference, so Join and Sub share one path. */
function joinPart(part: CfnValue): string {
  if (isPlainObject(part)) {
    if (typeof part.Ref === 'string') return `\${${part.Ref}}`;
    const getAtt = part['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `\${${getAtt.join('.')}}`;
    if (typeof getAtt === 'string') return `\${${getAtt}}`;
  }
  return '\u0000OTHER\u0000';
}

/** Replace `${X}` / `${X.Arn}` naming the target with a marker, pseudo parameters with `*`, anything else with an opaque marker. */
function substitute(text: string, vars: Record<string, CfnValue>, target: Target): string {
  return text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const [id, attr] = splitOnce(inner);
    if (id in vars) {
      const bound = vars[id]!;
      if (typeof bound === 'string') return bound;
      const ref = referencedLogicalId(bound);
      if (ref !== undefined && target.aliases.has(ref)) return isArnAttr(bound) ? `${TARGET}ARN` : TARGET;
      return '\u0000OTHER\u0000';
    }
    if (id.startsWith('AWS::')) return '*';
    if (target.aliases.has(id)) return attr !== undefined && /arn$/i.test(attr) ? `${TARGET}ARN` : TARGET;
    return '\u0000OTHER\u0000';
  });
}

function isArnAttr(value: CfnValue): boolean {
  if (!isPlainObject(value)) return false;
  const getAtt = value['Fn::GetAtt'];
  const attr = Array.isArray(getAtt) ? getAtt[1] : typeof getAtt === 'string' ? getAtt.split('.')[1] : undefined;
  return typeof attr === 'string' && /arn$/i.test(attr);
}

function splitOnce(text: string): [string, string | undefined] {
  const i = text.indexOf('.');
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

/** Compare an ARN pattern (after substitution) with the target. */
function arnMatch(pattern: string, service: string, target: Target): Match {
  if (pattern === '*') return { kind: 'yes', keys: ['*'] };
  if (pattern.includes(TARGET)) {
    if (service !== 's3') return { kind: 'yes', keys: ['*'] };
    // `${Bucket.Arn}/prefix/*` or `arn:…:s3:::${Bucket}/prefix/*`: the key part follows the bucket.
    const after = pattern.slice(pattern.indexOf(TARGET) + TARGET.length).replace(/^ARN/, '');
    if (!after.startsWith('/')) return { kind: 'no' };
    const key = after.slice(1);
    return key.includes('\u0000') ? { kind: 'yes', keys: ['*'] } : { kind: 'yes', keys: [key] };
  }
  if (pattern.includes('\u0000')) return { kind: 'no' };
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return { kind: 'no' };
  if (!glob(parts[2]!, service)) return { kind: 'no' };
  const rest = parts.slice(5).join(':');
  let namePattern: string;
  let key = '*';
  if (service === 's3') {
    const slash = rest.indexOf('/');
    if (slash < 0) return rest.includes('*') && glob(rest, 'x/x') ? { kind: 'yes', keys: ['*'] } : { kind: 'no' };
    namePattern = rest.slice(0, slash);
    key = rest.slice(slash + 1);
  } else if (service === 'dynamodb' || service === 'kinesis') {
    const [kindPart, ...nameParts] = rest.split('/');
    if (kindPart !== undefined && !glob(kindPart, service === 'dynamodb' ? 'table' : 'stream')) {
      return kindPart === '*' ? { kind: 'yes', keys: ['*'] } : { kind: 'no' };
    }
    namePattern = nameParts.join('/') || '*';
    namePattern = namePattern.split('/')[0]!;
  } else {
    namePattern = rest;
  }
  if (target.name !== undefined) return glob(namePattern, target.name) ? { kind: 'yes', keys: [key] } : { kind: 'no' };
  if (/^\*+$/.test(namePattern)) return { kind: 'yes', keys: [key] };
  // A partial wildcard against a name CloudFormation generates: cannot tell.
  if (namePattern.includes('*') || namePattern.includes('?')) return { kind: 'maybe', why: `the resource pattern ${pattern} may match ${target.label}, whose name is generated` };
  return { kind: 'no' };
}

interface FilterVerdict {
  /** Words for the message (empty when no filter). */
  readonly text: string;
  /** True when the filter provably keeps every key the role may write out of the trigger. */
  readonly excludesOwnWrites: boolean;
}

function filterOf(trigger: Trigger, writtenKeys: string[]): FilterVerdict {
  if (trigger.kind === 's3') {
    const raw = trigger.s3?.filter;
    if (raw === undefined) return { text: '', excludesOwnWrites: false };
    const rules = s3Rules(raw);
    if (rules === undefined) return { text: `The trigger has a filter leash cannot read (${renderValue(raw)}). `, excludesOwnWrites: false };
    if (rules.prefix === undefined && rules.suffix === undefined) return { text: '', excludesOwnWrites: false };
    const excluded = writtenKeys.every((key) => !keyMayMatch(key, rules.prefix ?? '', rules.suffix ?? ''));
    const parts = [rules.prefix !== undefined ? `prefix "${rules.prefix}"` : '', rules.suffix !== undefined ? `suffix "${rules.suffix}"` : ''].filter(Boolean).join(' and ');
    return {
      text: `The trigger only fires for keys with ${parts}; the role may write keys ${writtenKeys.map((k) => `"${k}"`).join(', ')}, so whether the function's own writes match depends on the keys its code uses. `,
      excludesOwnWrites: excluded,
    };
  }
  if (trigger.kind === 'sns' && trigger.sns?.filterPolicy !== undefined) {
    return { text: `The subscription has a filter policy (${renderValue(trigger.sns.filterPolicy)}): check it keeps the function's own messages out. `, excludesOwnWrites: false };
  }
  const criteria = trigger.eventSourceMapping?.filterCriteria;
  if (criteria !== undefined) return { text: `The event source mapping has filter criteria (${renderValue(criteria)}): check they keep the function's own writes out. `, excludesOwnWrites: false };
  return { text: '', excludesOwnWrites: false };
}

/** S3 key filters: SAM/CloudFormation `{S3Key: {Rules: [{Name, Value}]}}`, Serverless `[{prefix}, {suffix}]`. Undefined when not literal. */
function s3Rules(raw: CfnValue): { prefix?: string; suffix?: string } | undefined {
  const found: { prefix?: string; suffix?: string } = {};
  let entries: CfnValue[] = [];
  if (Array.isArray(raw)) entries = raw;
  else if (isPlainObject(raw)) {
    const s3Key = raw.S3Key ?? raw.s3Key;
    const rules = isPlainObject(s3Key) ? (s3Key.Rules ?? s3Key.FilterRules) : undefined;
    if (Array.isArray(rules)) entries = rules;
    else if ('prefix' in raw || 'suffix' in raw) entries = [raw];
    else return undefined;
  } else return undefined;
  for (const entry of entries) {
    if (!isPlainObject(entry)) return undefined;
    if (typeof entry.Name === 'string') {
      if (typeof entry.Value !== 'string') return undefined;
      if (entry.Name.toLowerCase() === 'prefix') found.prefix = entry.Value;
      else if (entry.Name.toLowerCase() === 'suffix') found.suffix = entry.Value;
      continue;
    }
    for (const [k, v] of Object.entries(entry)) {
      if (typeof v !== 'string') return undefined;
      if (k.toLowerCase() === 'prefix') found.prefix = v;
      else if (k.toLowerCase() === 'suffix') found.suffix = v;
    }
  }
  return found;
}

/** Can a key the glob `pattern` allows start with `prefix` and end with `suffix`? */
export function keyMayMatch(pattern: string, prefix: string, suffix: string): boolean {
  const star = pattern.search(/[*?]/);
  if (star < 0) return pattern.startsWith(prefix) && pattern.endsWith(suffix);
  const head = pattern.slice(0, star);
  const tail = pattern.slice(pattern.search(/[*?][^*?]*$/) + 1);
  const headOk = head.startsWith(prefix) || prefix.startsWith(head);
  const tailOk = tail.endsWith(suffix) || suffix.endsWith(tail);
  return headOk && tailOk;
}
