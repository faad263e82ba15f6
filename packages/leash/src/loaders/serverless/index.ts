/**
 * Serverless Framework (v3/v4) `serverless.yml|yaml|json` → AppModel.
 *
 * 1. parse the file (CloudFormation short tags allowed, as Serverless allows them);
 * 2. resolve variables offline (`variables.ts`): what needs AWS or a plugin stays Unknown;
 * 3. translate into the CloudFormation template `serverless package` would write (`translate.ts`),
 *    with a source map back to the yml;
 * 4. build the model with the CloudFormation stack builder, handing it what a template cannot
 *    say (Serverless's trigger auth semantics, implicit role grants, function keys as ids).
 *
 * Secrets: a `${ssm:...}` (or `${aws:ssm:...}`, `${ssm:/aws/reference/secretsmanager/...}`) value
 * in `environment` is resolved by Serverless at deploy time and stored in the function's
 * configuration in plaintext. leash marks such variables `fromSecretStore: true` (the value came
 * from a parameter store) and keeps the value Unknown; the secrets rule decides by the name whether
 * it is a secret now exposed in plaintext. Other unresolved sources (`${cf:}`, `${param:}`...) are
 * Unknown with `fromSecretStore: false`.
 */
import { dirname } from 'node:path';
import { writtenPath, type ConfinedFs } from '../../fs/confined.js';
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import type { AppModel, EnvironmentVariable, FunctionCode, Suppression, LambdaFunction, PolicySource, PolicyStatement, Resource, LambdaPermission } from '../../model/types.js';
import { isUnknown, type CfnValue, type Unknown } from '../../model/values.js';
import { buildStack } from '../cloudformation/index.js';
import type { RoleGrants } from '../cloudformation/types.js';
import type { DiscoveredApp } from '../discover.js';
import { notAnAppDiagnostic, notAServerlessConfig } from '../not-an-app.js';
import { loadTemplateFile, MAX_TEMPLATE_BYTES, parseTemplate } from '../parse/index.js';
import type { ParsedFile } from '../parse/types.js';
import { obj, str } from './shape.js';
import { serverlessSuppressions } from './suppressions.js';
import { translate, type FunctionPlan, type Translation } from './translate.js';
import { resolveVariables, type VariableDocument } from './variables.js';

export interface ServerlessLoadOptions {
  readonly stage?: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly readEnv?: boolean;
}

export interface LoadResult {
  readonly stacks: AppModel[];
  readonly diagnostics: Diagnostic[];
  /** What `${env:}` read (see `ScanModel.environmentValues`), with or without a stack to show. */
  readonly environmentValues: string[];
}

const SECRET_STORE_VARIABLE = /\$\{\s*(aws:)?ssm\s*[:(]|\$\{\s*secrets?:|\{\{resolve:(ssm-secure|secretsmanager):/;

export function loadServerless(fs: ConfinedFs, app: Pick<DiscoveredApp, 'abs' | 'file' | 'explicit'>, options: ServerlessLoadOptions = {}): LoadResult {
  const file = app.file;
  const parsed = loadTemplateFile(fs, app.abs, file, { allowNonMapping: true });
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { stacks: [], diagnostics: parsed.diagnostics, environmentValues: [] };
  const why = notAServerlessConfig(parsed.value);
  if (why !== undefined) return { stacks: [], diagnostics: [notAnAppDiagnostic(file, 'serverless', why, app.explicit === true)], environmentValues: [] };
  const serviceDir = dirname(app.abs);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];

  const resolved = resolveVariables(
    { value: parsed.value, locate: (p) => parsed.locate(p) },
    {
      serviceDir,
      ...(options.stage !== undefined ? { stage: options.stage } : {}),
      options: options.options ?? {},
      readEnv: options.readEnv === true,
      env: process.env,
      loadFile(path: string) {
        const read = fs.readText(path, MAX_TEMPLATE_BYTES);
        if (!read.ok) return read.refusal;
        const inner = parseTemplate(read.text, fs.rel(path), { allowNonMapping: true });
        const fatal = inner.diagnostics.find((d) => d.severity === 'error');
        if (inner.value === null && fatal) throw new Error(`${fatal.message} (line ${fatal.line ?? 1})`);
        diagnostics.push(...inner.diagnostics);
        return { value: inner.value, locate: (p) => inner.locate(p) };
      },
      showPath: (written) => writtenPath(fs, written),
    },
  );
  diagnostics.push(...resolved.diagnostics);
  const seen = new Set<string>();
  for (const u of resolved.unresolved) {
    const key = `${u.loc.line}:${u.loc.column}:${u.expression}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_UNRESOLVED', message: u.reason.includes(u.expression) ? u.reason : `${u.expression}: ${u.reason}`, file: u.loc.file, line: u.loc.line, column: u.loc.column });
  }

  const config = obj(resolved.value);
  if (!config) {
    diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${file}: a serverless.yml must be a mapping (service, provider, functions)`, file, line: 1, column: 1 });
    return { stacks: [], diagnostics, environmentValues: resolved.environmentValues };
  }
  const provider = obj(config.provider);
  const providerName = str(provider?.name);
  if (providerName !== undefined && providerName !== 'aws') {
    diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_UNSUPPORTED_CONFIG', message: `${file}: provider ${providerName} is not AWS; skipped`, file, ...lineOf(parsed, ['provider', 'name']) });
    return { stacks: [], diagnostics, environmentValues: resolved.environmentValues };
  }
  const serviceValue = config.service;
  const service = str(serviceValue) ?? str(obj(serviceValue)?.name) ?? 'service';
  const stage = typeof resolved.stage === 'string' ? resolved.stage : 'dev';
  const region = typeof resolved.region === 'string' ? resolved.region : 'us-east-1';

  const translation = translate({ config, service, stage, region, locate: (p) => parsed.locate(p) });
  diagnostics.push(...translation.diagnostics);
  const synthetic: ParsedFile = {
    file,
    value: translation.template as CfnValue,
    locate: (p) => translation.sourceMap.locate(p),
    // Comment suppressions are attached here (below), by serverless.yml blocks, not by the builder.
    comments: [],
    diagnostics: [],
    text: parsed.text,
  };

  const stack = buildStack(synthetic, {
    stackId: file,
    framework: 'serverless',
    baseDir: serviceDir,
    root: fs,
    functionId: (logicalId) => translation.functionIds.get(logicalId) ?? logicalId,
    codeDir: (logicalId) => (translation.functionIds.has(logicalId) ? { dir: serviceDir } : undefined),
    roleKind: (roleId) => translation.roleKinds.get(roleId) ?? 'cloudformation',
    // Triggers are not handed over: the builder would add them to the ones it reads from the
    // generated resources; they replace those after the build instead (Serverless semantics).
    extras: {
      apis: translation.apis,
      rolePolicies: implicitGrants(translation, (p) => parsed.locate(p)),
      code: new Map<string, FunctionCode>(
        translation.functions.map((plan): [string, FunctionCode] => {
          const fn = obj(obj(obj(translation.template.Resources)?.[plan.logicalId])?.Properties);
          const loc = parsed.locate(plan.ymlPath);
          if (fn?.PackageType === 'Image') return [plan.logicalId, { unknown: { kind: 'unknown', reason: 'the function is a container image: its code is not on disk', loc } as Unknown, loc }];
          return [plan.logicalId, { dir: serviceDir, loc: parsed.locate([...plan.ymlPath, 'handler']) }];
        }),
      ),
      diagnostics,
    },
  });
  const nodes = [
    ...translation.functions.map((plan) => ({ id: plan.key, path: plan.ymlPath })),
    ...translation.userResources.map((r) => ({ id: r.id, path: r.ymlPath })),
  ];
  const suppressions = serverlessSuppressions(parsed, nodes, parsed.comments.some((c) => c.text.startsWith('leash-ignore')) ? parsed.text.split(/\r?\n/) : []);
  const model = applyServerlessSemantics(stack, translation);
  const add = <T extends { id: string; suppressions: Suppression[] }>(node: T, key: string = node.id): T => {
    const extra = suppressions.byNode.get(key);
    return extra ? { ...node, suppressions: [...node.suppressions, ...extra] } : node;
  };
  return {
    stacks: [
      {
        ...model,
        functions: model.functions.map((fn) => add(fn, fn.id)),
        resources: model.resources.map((r) => add(r)),
        roles: model.roles.map((r) => add(r)),
        suppressions: [...model.suppressions, ...suppressions.stack],
        diagnostics: [...model.diagnostics, ...suppressions.diagnostics],
      },
    ],
    diagnostics: [],
    environmentValues: resolved.environmentValues,
  };
}

function lineOf(parsed: ParsedFile, path: (string | number)[]): { line: number; column: number } {
  const loc = parsed.locate(path);
  return { line: loc.line, column: loc.column };
}

function implicitGrants(translation: Translation, locate: (path: readonly (string | number)[]) => SourceLocation): Map<string, RoleGrants> {
  const grants = new Map<string, RoleGrants>();
  for (const [roleId, statements] of translation.implicitGrants) {
    const sources = new Map<string, PolicySource>();
    const out: PolicyStatement[] = [];
    for (const s of statements) {
      const loc = locate(s.ymlPath);
      let source = sources.get(s.name);
      if (!source) {
        source = { kind: 'implicit', name: s.name, loc };
        sources.set(s.name, source);
      }
      out.push({ effect: 'Allow', action: [...s.Action], resource: [...s.Resource], source, loc });
    }
    grants.set(roleId, { policies: [...sources.values()], statements: out, unknowns: [...(translation.roleUnknowns.get(roleId) ?? [])] });
  }
  return grants;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What the template alone cannot carry: Serverless settings read straight from the yml. */
function applyServerlessSemantics(stack: AppModel, translation: Translation): AppModel {
  const plans = new Map<string, FunctionPlan>(translation.functions.map((p) => [p.key, p]));
  const resources = obj(translation.template.Resources) ?? {};
  const functions = stack.functions.map((fn): LambdaFunction => {
    const plan = plans.get(fn.id);
    if (!plan) return fn;
    const out: Mutable<LambdaFunction> = { ...fn, asyncConfig: plan.asyncConfig, triggers: plan.triggers, tags: { ...fn.tags, serverlessFunction: plan.key } };
    if (plan.url) out.url = plan.url;
    if (plan.provisionedConcurrency !== undefined) out.provisionedConcurrency = plan.provisionedConcurrency;
    // Keep the resolver's reason for values it could not resolve (`${ssm:...}` timeout...).
    const props = obj(obj(resources[plan.logicalId])?.Properties) ?? {};
    const keep = <K extends 'runtime' | 'handler' | 'memorySize' | 'timeout' | 'reservedConcurrency' | 'name'>(field: K, prop: string): void => {
      const value = props[prop];
      if (isUnknown(value)) (out as Record<string, unknown>)[field] = value;
    };
    keep('runtime', 'Runtime');
    keep('handler', 'Handler');
    keep('memorySize', 'MemorySize');
    keep('timeout', 'Timeout');
    keep('reservedConcurrency', 'ReservedConcurrentExecutions');
    keep('name', 'FunctionName');
    out.environment = fn.environment.map((variable): EnvironmentVariable => {
      const written = plan.environment[variable.name];
      if (!isUnknown(written)) return variable;
      const expr = typeof written.expr === 'string' ? written.expr : '';
      return { ...variable, value: written as unknown as CfnValue, fromSecretStore: variable.fromSecretStore || SECRET_STORE_VARIABLE.test(expr) };
    });
    return out;
  });
  const markGenerated = <T extends Resource | LambdaPermission>(node: T): T => (translation.generated.has(node.id) && !node.generated ? { ...node, generated: true } : node);
  return {
    ...stack,
    functions,
    resources: stack.resources.map(markGenerated),
    permissions: stack.permissions.map(markGenerated),
  };
}
