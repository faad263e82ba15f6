/**
 * `secrets/plaintext-env`: an environment variable whose literal value is a secret. Lambda stores
 * environment variables in the function configuration: anyone with `lambda:GetFunctionConfiguration`,
 * the template, the repository or the deployment logs can read them.
 */
import { defineRule } from '../../engine/types.js';
import type { FindingReport, Severity } from '../../engine/types.js';
import { redactSecret } from '../../engine/redact.js';
import type { AppModel, EnvironmentVariable, LambdaFunction } from '../../model/types.js';
import type { CfnValue, Unknown } from '../../model/values.js';
import { isPlainObject, isUnknown, renderValue } from '../../model/values.js';
import { detectSecret, findKnownSecret, isSecretLikeName } from '../../secrets/detect.js';
import type { SecretMatch } from '../../secrets/detect.js';
import { stackIndex } from '../../engine/stack-index.js';

/** Formats whose leak gives direct access to an account or a payment system. */
const CRITICAL_KINDS = new Set(['aws-access-key-id', 'aws-secret-access-key', 'private-key', 'stripe-live-key']);

/** Unresolved values that point at a secret store or the deploy environment (the outermost variable): the secret is not in the repository. */
const STORE_REFERENCE = /^\s*(?:\{\{resolve:|\$\{(?:aws:)?(?:ssm|secretsmanager|s3|cf|env|param|sls|self|opt|git|aws):)/;

interface Evidence {
  readonly match: SecretMatch;
  /** Where the secret was read when not in the variable itself (`parameter DbPassword default`). */
  readonly via?: string;
}

/** Literal strings of an intrinsic (`!Sub` template text, `!Join` parts, `!If` branches), holes replaced by `${}`. */
function literalParts(value: CfnValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => literalParts(v));
  if (!isPlainObject(value)) return [];
  const sub = value['Fn::Sub'];
  if (sub !== undefined) {
    const template = Array.isArray(sub) ? sub[0] : sub;
    const vars = Array.isArray(sub) && isPlainObject(sub[1]) ? Object.values(sub[1]) : [];
    return [...(typeof template === 'string' ? [template] : []), ...vars.flatMap((v) => literalParts(v))];
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) return [join[1].map((p) => (typeof p === 'string' ? p : '${}')).join(typeof join[0] === 'string' ? join[0] : ''), ...join[1].flatMap((p) => (typeof p === 'string' ? [] : literalParts(p)))];
  const cond = value['Fn::If'];
  if (Array.isArray(cond)) return cond.slice(1).flatMap((v) => literalParts(v));
  return [];
}

function evidenceFor(variable: EnvironmentVariable, stack: AppModel): Evidence | Unknown | undefined {
  const { name, value } = variable;
  if (typeof value === 'string') {
    const match = detectSecret(name, value);
    return match ? { match } : undefined;
  }
  if (isUnknown(value)) return value;
  if (!isPlainObject(value)) return undefined; // numbers, booleans, null
  // A parameter's literal default is in the template just the same (NoEcho hides it only from the console).
  if (typeof value.Ref === 'string') {
    const param = stackIndex(stack).parameterByName(value.Ref);
    if (param && typeof param.default === 'string') {
      const match = detectSecret(name, param.default) ?? (param.noEcho ? detectSecret('PASSWORD', param.default) : undefined);
      return match ? { match, via: `the default of parameter ${param.name}` } : undefined;
    }
    return undefined;
  }
  if (variable.fromSecretStore) return undefined;
  for (const part of literalParts(value)) {
    const match = findKnownSecret(part);
    if (match) return { match };
  }
  return undefined;
}

function severityOf(match: SecretMatch): Severity {
  if (CRITICAL_KINDS.has(match.kind)) return 'critical';
  return match.confidence === 'high' ? 'high' : 'medium';
}

export default defineRule(
  {
    id: 'secrets/plaintext-env',
    category: 'secrets',
    description: 'A Lambda environment variable holds a secret in plain text (a known token format, a URL with a password, or a random-looking value under a secret-like name).',
    severity: 'high',
    messages: {
      secret: 'Environment variable {{name}} of {{function}} holds {{label}} in plain text ({{preview}}){{via}}: anyone who can read the template or the function configuration can use it.',
      unknownValue: 'Environment variable {{name}} of {{function}} has a secret-like name and a value leash could not resolve ({{reason}}): check that it is not a plaintext secret.',
    },
  },
  (context) => {
    const { stack } = context;
    // A variable declared once (SAM Globals, Serverless provider.environment) is reported once,
    // on the first function, listing every function that receives it.
    const pending = new Map<string, { report: FindingReport; fns: string[] }>();
    for (const fn of stack.functions) {
      for (const variable of fn.environment) {
        const key = `${variable.loc.file}:${variable.loc.line}:${variable.loc.column}:${variable.name}`;
        const previous = pending.get(key);
        if (previous) {
          previous.fns.push(fn.id);
          continue;
        }
        const report = check(fn, variable, stack);
        if (report) pending.set(key, { report, fns: [fn.id] });
      }
    }
    for (const { report, fns } of pending.values()) context.report({ ...report, properties: { ...report.properties, functions: fns } });
  },
);

function check(fn: LambdaFunction, variable: EnvironmentVariable, stack: AppModel): FindingReport | undefined {
  const evidence = evidenceFor(variable, stack);
  if (evidence === undefined) return undefined;
  if (isUnknown(evidence)) {
    const expr = evidence.expr !== undefined ? renderValue(evidence.expr) : '';
    if (!isSecretLikeName(variable.name) || STORE_REFERENCE.test(expr)) return undefined;
    return {
      messageId: 'unknownValue',
      data: { name: variable.name, function: fn.id, reason: evidence.reason },
      resource: fn.id,
      loc: variable.loc,
      severity: 'low',
      unknown: true,
      properties: { variable: variable.name, reason: evidence.reason, expression: expr },
    };
  }
  const { match, via } = evidence;
  const preview = redactSecret(match.secret);
  return {
    messageId: 'secret',
    data: { name: variable.name, function: fn.id, label: match.label, preview, via: via !== undefined ? `, through ${via}` : '' },
    resource: fn.id,
    loc: variable.loc,
    severity: severityOf(match),
    properties: {
      variable: variable.name,
      kind: match.kind,
      preview,
      length: [...match.secret].length,
      ...(match.entropy !== undefined ? { entropy: Math.round(match.entropy * 100) / 100 } : {}),
      ...(via !== undefined ? { via } : {}),
    },
  };
}
