/**
 * A resolved serverless.yml → the CloudFormation template `serverless package` would write
 * (functions, roles, event wiring, `resources.Resources` merged in), plus what the template
 * cannot say: the function keys, the triggers with Serverless's auth semantics, URLs, async
 * settings, and a source map from every template path back to the serverless.yml.
 */
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import type { Api, AsyncInvokeConfig, FunctionUrl, RoleKind, Trigger } from '../../model/types.js';
import { isUnknown, type CfnValue, type Resolved, type Unknown } from '../../model/values.js';
import { buildEvents, type ApiUsage, type ImplicitStatement } from './events.js';
import { chooseRole, DEFAULT_ROLE_ID, emitRole, logStatements, readProviderIam, type RolePlan } from './iam.js';
import { MAX_ENVIRONMENT_CHARACTERS, MAX_RESOURCES } from '../parse/limits.js';
import { cfn, destination, isSet, list, obj, normalizeFunctionName, resolvedNumber, str, type Locate, type Obj, type Path } from './shape.js';
import { SourceMap } from './source-map.js';

export interface FunctionPlan {
  readonly key: string;
  readonly logicalId: string;
  readonly ymlPath: Path;
  readonly triggers: Trigger[];
  readonly url?: FunctionUrl;
  readonly asyncConfig: AsyncInvokeConfig;
  readonly provisionedConcurrency?: Resolved<number>;
  /** Environment variables as resolved (name → value), after merging provider and function. */
  readonly environment: Record<string, unknown>;
}

export interface Translation {
  readonly template: Obj;
  readonly sourceMap: SourceMap;
  /** Function logical id → function key. */
  readonly functionIds: Map<string, string>;
  readonly roleKinds: Map<string, RoleKind>;
  /** Logical ids Serverless generates (not written in `resources`). */
  readonly generated: Set<string>;
  readonly functions: FunctionPlan[];
  readonly apis: Api[];
  /** The user's `resources.Resources` entries and where they are written. */
  readonly userResources: { id: string; ymlPath: Path }[];
  /** Statements Serverless adds to the roles it creates, by role logical id. */
  readonly implicitGrants: Map<string, ImplicitStatement[]>;
  /** What could not be resolved about a role's grants, by role logical id. */
  readonly roleUnknowns: Map<string, Unknown[]>;
  readonly diagnostics: Diagnostic[];
}

export interface TranslateInput {
  readonly config: Obj;
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly locate: Locate;
}

const DEFAULT_MEMORY = 1024;
const DEFAULT_TIMEOUT = 6;

/** `functions` as a map, or the older list-of-maps form (`functions: [${file(a.yml)}, ...]`). */
function functionEntries(value: unknown, unreadable: Path[]): [string, unknown, Path][] {
  const asObj = obj(value);
  if (asObj) return Object.entries(asObj).map(([k, v]) => [k, v, ['functions', k]]);
  const out: [string, unknown, Path][] = [];
  if (isSet(value) && !Array.isArray(value) && !isUnknown(value)) unreadable.push(['functions']);
  list(value).forEach((item, i) => {
    const entry = obj(item);
    if (!entry) unreadable.push(['functions', i]);
    for (const [k, v] of Object.entries(entry ?? {})) out.push([k, v, ['functions', i, k]]);
  });
  return out;
}

/** `resources` as a map, or a list of maps (merged in order). */
function resourceSections(value: unknown): { section: Obj; ymlPath: Path }[] {
  const asObj = obj(value);
  if (asObj) return [{ section: asObj, ymlPath: ['resources'] }];
  return list(value)
    .map((item, i) => ({ section: obj(item) ?? {}, ymlPath: ['resources', i] as Path }))
    .filter((s) => Object.keys(s.section).length > 0);
}

export function translate(input: TranslateInput): Translation {
  const { config, service, stage, locate } = input;
  const provider = obj(config.provider) ?? {};
  const diagnostics: Diagnostic[] = [];
  const sourceMap = new SourceMap(locate);
  const resources: Record<string, Obj> = {};
  const template: Obj = { AWSTemplateFormatVersion: '2010-09-09', Description: `The AWS CloudFormation template for ${service} (${stage}), as leash reads serverless.yml`, Resources: resources, Outputs: {} };
  const generated = new Set<string>();
  const functionIds = new Map<string, string>();
  const roleKinds = new Map<string, RoleKind>([[DEFAULT_ROLE_ID, 'serverless-default']]);
  const plans: FunctionPlan[] = [];
  const apis: ApiUsage = { rest: { authorizers: new Set() }, http: { authorizers: new Set() }, websocket: { authorizers: new Set() } };

  // The user's CloudFormation first: events need to know which logical ids exist.
  for (const { section, ymlPath } of resourceSections(config.resources)) {
    for (const part of ['Resources', 'Outputs', 'Conditions', 'Parameters', 'Mappings'] as const) {
      const entries = obj(section[part]);
      if (!entries) continue;
      const target = (template[part] = obj(template[part]) ?? {}) as Obj;
      for (const [id, value] of Object.entries(entries)) {
        if (isUnknown(value)) {
          // `X: ${file(./resource/X.yml)}` that cannot be read: leave it out, say so.
          const where = value.loc ?? locate([...ymlPath, part, id]);
          diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_UNRESOLVED', message: `${part} entry ${id} is left out of the model: ${value.reason}`, file: where.file, line: where.line, column: where.column });
          continue;
        }
        target[id] = value;
        sourceMap.map([part, id], [...ymlPath, part, id], true);
      }
    }
  }
  const userResourceIds = new Set(Object.keys(resources));
  const userResourceList = [...userResourceIds].map((id) => ({ id, ymlPath: sourceMap.ymlPath(['Resources', id]) }));
  const userResources: Record<string, Obj> = { ...resources };

  if (isUnknown(config.functions)) {
    const where = config.functions.loc ?? locate(['functions']);
    diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_UNRESOLVED', message: `the functions of this service are not known offline: ${config.functions.reason}`, file: where.file, line: where.line, column: where.column });
  }
  const unreadableFunctions: Path[] = [];
  let entries = functionEntries(config.functions, unreadableFunctions);
  if (entries.length > MAX_RESOURCES) {
    // Each function is at least two CloudFormation resources, and a stack holds 500: not deployable.
    const where = locate(['functions']);
    diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${entries.length} functions, far above what one CloudFormation stack can hold (500 resources): only the first ${MAX_RESOURCES} are read`, file: where.file, line: where.line, column: where.column });
    entries = entries.slice(0, MAX_RESOURCES);
  }
  for (const path of unreadableFunctions) {
    const where = locate(path);
    const what = path.length === 1 ? 'functions must be a mapping of function names to their settings' : `functions[${path[1]}] is not a mapping of function names to their settings`;
    diagnostics.push({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', message: `${what}: not read`, file: where.file, line: where.line, column: where.column });
  }
  const functionLogicalIds = new Map(entries.map(([key]) => [key, `${normalizeFunctionName(key)}LambdaFunction`]));
  const providerIam = readProviderIam(provider);
  const defaultRole: RolePlan = {
    id: DEFAULT_ROLE_ID,
    kind: 'serverless-default',
    ymlPath: providerIam.ymlPath,
    statements: providerIam.statements,
    implicit: [],
    managedPolicies: providerIam.managedPolicies,
    ...(providerIam.permissionsBoundary ? { permissionsBoundary: providerIam.permissionsBoundary } : {}),
    unknowns: providerIam.unknowns,
  };
  const ownRoles: { plan: RolePlan; vpc: boolean; fnPath: Path }[] = [];
  let defaultRoleUsed = false;
  let defaultRoleVpc: Path | undefined;
  const defaultLogPrefixes: (string | { exact: string })[] = [];
  // Keys of the groups already in `defaultLogPrefixes`: a service of thousands of functions must not compare each with every other.
  const defaultLogPrefixKeys = new Set<string>();

  for (const [key, raw, fnPath] of entries) {
    const fn = obj(raw);
    const loc = locate(fnPath);
    if (!fn) {
      diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_FUNCTION', message: `function ${key} has no settings (expected a mapping with \`handler:\`); ignored`, file: loc.file, line: loc.line, column: loc.column });
      continue;
    }
    const normalized = normalizeFunctionName(key);
    const logicalId = `${normalized}LambdaFunction`;
    functionIds.set(logicalId, key);
    const base: Path = ['Resources', logicalId];
    const props: Obj = {};
    sourceMap.map(base, fnPath);
    const at = (prop: string, ymlPath: Path, copy = false): void => sourceMap.map([...base, 'Properties', prop], ymlPath, copy);
    /** Function setting, else provider setting, with where it came from. */
    const setting = (fnKey: string, providerKey = fnKey): { value: unknown; ymlPath: Path } | undefined => {
      if (fn[fnKey] !== undefined) return { value: fn[fnKey], ymlPath: [...fnPath, fnKey] };
      if (provider[providerKey] !== undefined) return { value: provider[providerKey], ymlPath: ['provider', providerKey] };
      return undefined;
    };

    const functionName = fn.name ?? `${service}-${stage}-${key}`;
    props.FunctionName = cfn(functionName);
    at('FunctionName', fn.name !== undefined ? [...fnPath, 'name'] : fnPath);
    const image = fn.image;
    if (isSet(image)) {
      props.PackageType = 'Image';
      props.Code = { ImageUri: cfn(typeof image === 'string' ? image : (obj(image)?.uri ?? obj(image)?.name ?? null)) };
      at('Code', [...fnPath, 'image']);
    } else {
      props.Code = { S3Bucket: { Ref: 'ServerlessDeploymentBucket' }, S3Key: `serverless/${service}/${stage}/${service}.zip` };
      at('Code', fnPath);
      props.Handler = cfn(fn.handler);
      at('Handler', [...fnPath, 'handler']);
      const runtime = setting('runtime');
      if (runtime) {
        props.Runtime = cfn(runtime.value);
        at('Runtime', runtime.ymlPath);
      }
      if (!isSet(fn.handler)) diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_FUNCTION', message: `function ${key} has no handler`, file: loc.file, line: loc.line, column: loc.column });
    }
    const memory = setting('memorySize');
    props.MemorySize = cfn(memory?.value ?? DEFAULT_MEMORY);
    at('MemorySize', memory?.ymlPath ?? fnPath);
    const timeout = setting('timeout');
    props.Timeout = cfn(timeout?.value ?? DEFAULT_TIMEOUT);
    at('Timeout', timeout?.ymlPath ?? fnPath);
    const architecture = setting('architecture');
    if (architecture) {
      props.Architectures = [cfn(architecture.value)];
      at('Architectures', architecture.ymlPath);
    }

    // Environment: provider's, overridden per key by the function's.
    const environment: Record<string, unknown> = {};
    const variables: Obj = {};
    // The provider's variables are copied into every function: no further than the model reads (it reports the limit).
    let size = 0;
    for (const [source, ymlBase] of [
      [provider.environment, ['provider', 'environment']],
      [fn.environment, [...fnPath, 'environment']],
    ] as [unknown, Path][]) {
      if (isUnknown(source)) {
        const where = source.loc ?? locate(ymlBase);
        diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_UNRESOLVED', message: `environment of function ${key} is not known offline: ${source.reason}`, file: where.file, line: where.line, column: where.column });
        continue;
      }
      for (const [name, value] of Object.entries(obj(source) ?? {})) {
        if (size > MAX_ENVIRONMENT_CHARACTERS) break;
        size += name.length + (typeof value === 'string' ? value.length : JSON.stringify(value ?? null).length);
        variables[name] = cfn(value);
        environment[name] = value;
        sourceMap.map([...base, 'Properties', 'Environment', 'Variables', name], [...ymlBase, name], true);
      }
    }
    if (Object.keys(variables).length > 0) props.Environment = { Variables: variables };

    const vpc = fn.vpc !== undefined ? { value: fn.vpc, ymlPath: [...fnPath, 'vpc'] as Path } : provider.vpc !== undefined ? { value: provider.vpc, ymlPath: ['provider', 'vpc'] as Path } : undefined;
    const vpcObj = obj(vpc?.value);
    let inVpc = false;
    if (vpc && vpcObj) {
      inVpc = true;
      props.VpcConfig = { SecurityGroupIds: cfn(vpcObj.securityGroupIds ?? []), SubnetIds: cfn(vpcObj.subnetIds ?? []) };
      at('VpcConfig', vpc.ymlPath);
      sourceMap.map([...base, 'Properties', 'VpcConfig', 'SecurityGroupIds'], [...vpc.ymlPath, 'securityGroupIds'], true);
      sourceMap.map([...base, 'Properties', 'VpcConfig', 'SubnetIds'], [...vpc.ymlPath, 'subnetIds'], true);
    }
    if (fn.reservedConcurrency !== undefined) {
      props.ReservedConcurrentExecutions = cfn(fn.reservedConcurrency);
      at('ReservedConcurrentExecutions', [...fnPath, 'reservedConcurrency']);
    }
    const tracing = fn.tracing !== undefined ? { value: fn.tracing, ymlPath: [...fnPath, 'tracing'] as Path } : obj(provider.tracing)?.lambda !== undefined ? { value: obj(provider.tracing)!.lambda, ymlPath: ['provider', 'tracing', 'lambda'] as Path } : undefined;
    if (tracing && tracing.value !== false) {
      props.TracingConfig = { Mode: tracing.value === true ? 'Active' : cfn(tracing.value) };
      at('TracingConfig', tracing.ymlPath);
    }
    const kms = setting('kmsKeyArn');
    if (kms) {
      props.KmsKeyArn = cfn(kms.value);
      at('KmsKeyArn', kms.ymlPath);
    }
    const layers = setting('layers');
    if (layers) {
      props.Layers = cfn(layers.value);
      at('Layers', layers.ymlPath, true);
    }
    if (fn.tags !== undefined) {
      props.Tags = Object.entries(obj(fn.tags) ?? {}).map(([Key, Value]) => ({ Key, Value: cfn(Value) }));
      at('Tags', [...fnPath, 'tags']);
    }

    // Role
    const choice = chooseRole(key, fn, normalized, providerIam, config);
    const logPrefix = typeof functionName === 'string' ? functionName : `${service}-${stage}`;
    let implicitTarget: ImplicitStatement[] | undefined;
    if (choice.kind === 'custom') {
      props.Role = choice.value;
      at('Role', choice.ymlPath);
    } else if (choice.kind === 'default') {
      defaultRoleUsed = true;
      if (inVpc) defaultRoleVpc ??= vpc!.ymlPath;
      // A function named outside `<service>-<stage>` gets its own log group in the policy, as Serverless does.
      const canonical = `${service}-${stage}`;
      const group = typeof functionName === 'string' && !functionName.startsWith(canonical) ? { exact: functionName } : canonical;
      const groupKey = JSON.stringify(group);
      if (!defaultLogPrefixKeys.has(groupKey)) {
        defaultLogPrefixKeys.add(groupKey);
        defaultLogPrefixes.push(group);
      }
      props.Role = { 'Fn::GetAtt': [DEFAULT_ROLE_ID, 'Arn'] };
      at('Role', providerIam.ymlPath);
      implicitTarget = defaultRole.implicit;
    } else {
      roleKinds.set(choice.plan.id, 'serverless-function');
      choice.plan.implicit.push(...logStatements([logPrefix], fnPath));
      ownRoles.push({ plan: choice.plan, vpc: inVpc, fnPath: vpc?.ymlPath ?? fnPath });
      props.Role = { 'Fn::GetAtt': [choice.plan.id, 'Arn'] };
      at('Role', choice.plan.ymlPath);
      implicitTarget = choice.plan.implicit;
    }
    const implicit: ImplicitStatement[] = [];
    if (tracing && tracing.value !== false && tracing.value !== 'PassThrough') {
      implicit.push({ name: 'Serverless Framework: X-Ray tracing', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'], ymlPath: tracing.ymlPath });
    }

    // Async invocation: DLQ (onError), destinations, retries, event age.
    const asyncLoc = locate(fnPath);
    const resourceTypes = (): Map<string, string> => new Map(Object.entries(resources).map(([id, r]) => [id, str(r.Type) ?? '']));
    const asyncConfig: { -readonly [K in keyof AsyncInvokeConfig]: AsyncInvokeConfig[K] } = {};
    if (isSet(fn.onError)) {
      props.DeadLetterConfig = { TargetArn: cfn(fn.onError) };
      at('DeadLetterConfig', [...fnPath, 'onError']);
      const dlq = destination(fn.onError, locate([...fnPath, 'onError']), resourceTypes());
      asyncConfig.deadLetter = dlq;
      if (dlq.type === 'sns' || dlq.type === 'sqs') implicit.push({ name: 'Serverless Framework: onError dead-letter target', Effect: 'Allow', Action: [dlq.type === 'sns' ? 'sns:Publish' : 'sqs:SendMessage'], Resource: [cfn(fn.onError)], ymlPath: [...fnPath, 'onError'] });
    }
    const destinations = obj(fn.destinations);
    const evConf: Obj = {};
    const destinationConfig: Obj = {};
    for (const which of ['onSuccess', 'onFailure'] as const) {
      const spec = destinations?.[which];
      if (!isSet(spec)) continue;
      const specObj = obj(spec);
      const raw = specObj ? specObj.arn : spec;
      const target = typeof raw === 'string' && functionLogicalIds.has(raw) ? { 'Fn::GetAtt': [functionLogicalIds.get(raw)!, 'Arn'] } : cfn(raw);
      const dest = destination(target, locate([...fnPath, 'destinations', which]), new Map([...resourceTypes(), ...[...functionLogicalIds.values()].map((id) => [id, 'AWS::Lambda::Function'] as [string, string])]), specObj?.type);
      asyncConfig[which] = dest;
      destinationConfig[which === 'onSuccess' ? 'OnSuccess' : 'OnFailure'] = { Destination: target };
      const action = { sqs: 'sqs:SendMessage', sns: 'sns:Publish', lambda: 'lambda:InvokeFunction', eventbridge: 'events:PutEvents', s3: 's3:PutObject', unknown: undefined }[dest.type];
      if (action) implicit.push({ name: `Serverless Framework: ${which} destination`, Effect: 'Allow', Action: [action], Resource: [target as CfnValue], ymlPath: [...fnPath, 'destinations', which] });
    }
    if (Object.keys(destinationConfig).length > 0) evConf.DestinationConfig = destinationConfig;
    const retries = resolvedNumber(fn.maximumRetryAttempts, locate([...fnPath, 'maximumRetryAttempts']));
    if (retries !== undefined) {
      asyncConfig.maximumRetryAttempts = retries;
      evConf.MaximumRetryAttempts = cfn(fn.maximumRetryAttempts);
    }
    const eventAge = resolvedNumber(fn.maximumEventAge, locate([...fnPath, 'maximumEventAge']));
    if (eventAge !== undefined) {
      asyncConfig.maximumEventAgeInSeconds = eventAge;
      evConf.MaximumEventAgeInSeconds = cfn(fn.maximumEventAge);
    }
    if (Object.keys(evConf).length > 0 || asyncConfig.deadLetter) asyncConfig.loc = asyncLoc;
    if (Object.keys(evConf).length > 0) {
      const id = `${normalized}LambdaEvConf`;
      resources[id] = { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: { Ref: logicalId }, Qualifier: '$LATEST', ...evConf } };
      generated.add(id);
      sourceMap.map(['Resources', id], fnPath);
    }

    // Function URL: `url: true` (or a map without `authorizer: aws_iam`) is public.
    let url: FunctionUrl | undefined;
    if (isSet(fn.url) && fn.url !== false) {
      const urlPath: Path = [...fnPath, 'url'];
      const urlLoc = locate(urlPath);
      const urlSpec = obj(fn.url);
      const authorizer = urlSpec?.authorizer;
      const authType: Resolved<string> = isUnknown(authorizer) ? authorizer : typeof authorizer === 'string' && authorizer.toLowerCase() === 'aws_iam' ? 'AWS_IAM' : 'NONE';
      const urlId = `${normalized}LambdaFunctionUrl`;
      resources[urlId] = { Type: 'AWS::Lambda::Url', Properties: { AuthType: authType === 'AWS_IAM' ? 'AWS_IAM' : 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [logicalId, 'Arn'] }, ...(urlSpec?.cors !== undefined ? { Cors: cfn(urlSpec.cors) } : {}) } };
      generated.add(urlId);
      sourceMap.map(['Resources', urlId], urlPath);
      if (authType === 'NONE') {
        const permId = `${normalized}LambdaPermissionFnUrl`;
        resources[permId] = { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { 'Fn::GetAtt': [logicalId, 'Arn'] }, Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' } };
        generated.add(permId);
        sourceMap.map(['Resources', permId], urlPath);
      }
      url = { authType, ...(urlSpec?.cors !== undefined ? { cors: cfn(urlSpec.cors) } : {}), resourceId: urlId, loc: urlLoc };
    }

    // Log group (Serverless creates one per function unless logs are disabled).
    if (fn.disableLogs !== true) {
      const logId = `${normalized}LogGroup`;
      resources[logId] ??= { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: typeof functionName === 'string' ? `/aws/lambda/${functionName}` : { 'Fn::Join': ['', ['/aws/lambda/', cfn(functionName)]] }, ...(provider.logRetentionInDays !== undefined ? { RetentionInDays: cfn(provider.logRetentionInDays) } : {}) } };
      generated.add(logId);
      sourceMap.map(['Resources', logId], fnPath);
    }

    props.Role ??= null;
    resources[logicalId] = { Type: 'AWS::Lambda::Function', Properties: props, DependsOn: [] };
    generated.add(logicalId);

    const triggers = buildEvents(
      { fnKey: key, normalized, logicalId, ymlPath: fnPath, locate, provider, resources, generated, sourceMap, functionLogicalIds, apis, implicit, diagnostics },
      fn.events,
    );
    if (implicitTarget) implicitTarget.push(...implicit);
    const provisioned = resolvedNumber(fn.provisionedConcurrency, locate([...fnPath, 'provisionedConcurrency']));
    plans.push({
      key,
      logicalId,
      ymlPath: fnPath,
      triggers,
      ...(url ? { url } : {}),
      asyncConfig,
      ...(provisioned !== undefined ? { provisionedConcurrency: provisioned } : {}),
      environment,
    });
  }

  inheritConnectAuth(plans);

  // Roles
  const policyName: CfnValue = `${service}-${stage}-lambda`;
  const implicitGrants = new Map<string, ImplicitStatement[]>();
  const roleUnknowns = new Map<string, Unknown[]>();
  if (defaultRoleUsed) {
    defaultRole.implicit.unshift(...logStatements(defaultLogPrefixes, providerIam.ymlPath));
    emitRole(defaultRole, resources, sourceMap, policyName, { needed: defaultRoleVpc !== undefined, ymlPath: defaultRoleVpc ?? [] });
    generated.add(DEFAULT_ROLE_ID);
    implicitGrants.set(DEFAULT_ROLE_ID, defaultRole.implicit);
    roleUnknowns.set(DEFAULT_ROLE_ID, defaultRole.unknowns);
  }
  for (const { plan, vpc, fnPath } of ownRoles) {
    emitRole(plan, resources, sourceMap, `${service}-${stage}-${plan.id}`, { needed: vpc, ymlPath: fnPath });
    generated.add(plan.id);
    implicitGrants.set(plan.id, plan.implicit);
    roleUnknowns.set(plan.id, plan.unknowns);
  }

  // APIs Serverless creates
  const apiList: Api[] = [];
  const apiGateway = obj(provider.apiGateway);
  if (apis.rest.firstLoc && apiGateway?.restApiId === undefined) {
    // `provider.endpointType: regional | private` (edge by default), as Serverless writes it.
    const endpoint = typeof provider.endpointType === 'string' ? provider.endpointType.toUpperCase() : 'EDGE';
    resources.ApiGatewayRestApi ??= { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: `${stage}-${service}`, EndpointConfiguration: { Types: [endpoint] } } };
    generated.add('ApiGatewayRestApi');
    const usagePlan = apiGateway?.usagePlan ?? provider.usagePlan;
    const apiKeys = apiGateway?.apiKeys ?? provider.apiKeys;
    const throttle = obj(obj(Array.isArray(usagePlan) ? Object.values(obj(usagePlan[0]) ?? {})[0] : usagePlan)?.throttle);
    const throttleLoc: SourceLocation = locate(['provider', 'apiGateway', 'usagePlan']);
    const throttling = throttle
      ? { ...(throttle.rateLimit !== undefined ? { rateLimit: resolvedNumber(throttle.rateLimit, throttleLoc)! } : {}), ...(throttle.burstLimit !== undefined ? { burstLimit: resolvedNumber(throttle.burstLimit, throttleLoc)! } : {}) }
      : undefined;
    const apiLoc = apiGateway ? locate(['provider', 'apiGateway']) : apis.rest.firstLoc;
    sourceMap.map(['Resources', 'ApiGatewayRestApi'], apiGateway ? ['provider', 'apiGateway'] : (apis.rest.firstPath ?? []));
    apiList.push({ id: 'ApiGatewayRestApi', kind: 'rest', loc: apiLoc, generated: true, authorizers: [...apis.rest.authorizers], ...(throttling ? { throttling } : {}), hasUsagePlan: isSet(usagePlan) || isSet(apiKeys), suppressions: [] });
  }
  const httpApi = obj(provider.httpApi);
  if (apis.http.firstLoc && httpApi?.id === undefined) {
    resources.HttpApi ??= { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: `${stage}-${service}`, ProtocolType: 'HTTP' } };
    generated.add('HttpApi');
    sourceMap.map(['Resources', 'HttpApi'], httpApi ? ['provider', 'httpApi'] : (apis.http.firstPath ?? []));
    apiList.push({ id: 'HttpApi', kind: 'http', loc: httpApi ? locate(['provider', 'httpApi']) : apis.http.firstLoc, generated: true, authorizers: Object.keys(obj(httpApi?.authorizers) ?? {}), hasUsagePlan: false, suppressions: [] });
  }
  if (apis.websocket.firstLoc && provider.websocketApiId === undefined) {
    resources.WebsocketsApi ??= { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: `${stage}-${service}-websockets`, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: cfn(provider.websocketsApiRouteSelectionExpression ?? '$request.body.action') } };
    generated.add('WebsocketsApi');
    sourceMap.map(['Resources', 'WebsocketsApi'], apis.websocket.firstPath ?? []);
    apiList.push({ id: 'WebsocketsApi', kind: 'websocket', loc: apis.websocket.firstLoc, generated: true, authorizers: [...apis.websocket.authorizers], hasUsagePlan: false, suppressions: [] });
  }
  if (plans.length > 0) {
    if (resources.ServerlessDeploymentBucket === undefined && provider.deploymentBucket === undefined) {
      resources.ServerlessDeploymentBucket = {
        Type: 'AWS::S3::Bucket',
        Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } },
      };
      generated.add('ServerlessDeploymentBucket');
      sourceMap.map(['Resources', 'ServerlessDeploymentBucket'], ['provider']);
    }
  }
  if (resources.ServerlessDeploymentBucket === undefined) {
    for (const plan of plans) {
      const code = obj(obj(resources[plan.logicalId]?.Properties)?.Code);
      if (code && 'S3Bucket' in code) code.S3Bucket = cfn(obj(provider.deploymentBucket)?.name ?? provider.deploymentBucket ?? 'serverless-deployment-bucket');
    }
  }

  // `resources.extensions`: properties merged into generated resources.
  for (const { section, ymlPath } of resourceSections(config.resources)) {
    for (const [id, extension] of Object.entries(obj(section.extensions) ?? {})) {
      const target = resources[id];
      const ext = obj(extension);
      if (!target || !ext) continue;
      for (const [key, value] of Object.entries(ext)) {
        if (key === 'Properties') target.Properties = { ...(obj(target.Properties) ?? {}), ...(obj(value) ?? {}) };
        else target[key] = value;
      }
      sourceMap.map(['Resources', id, 'Properties'], [...ymlPath, 'extensions', id, 'Properties'], true);
    }
  }
  // A user resource with a generated logical id is merged over Serverless's, as Serverless does.
  for (const id of userResourceIds) {
    generated.delete(id);
    const user = userResources[id]!;
    const gen = resources[id];
    if (gen !== user && gen !== undefined) {
      resources[id] = { ...gen, ...user, Properties: { ...(obj(gen.Properties) ?? {}), ...(obj(user.Properties) ?? {}) } };
    }
  }
  for (const plan of plans) {
    const fn = resources[plan.logicalId];
    if (fn && Array.isArray(fn.DependsOn) && fn.DependsOn.length === 0) delete fn.DependsOn;
  }

  return { template, sourceMap, functionIds, roleKinds, generated, functions: plans, apis: apiList, userResources: userResourceList, implicitGrants, roleUnknowns, diagnostics };
}

/**
 * WebSocket APIs authorize only the `$connect` route: a message route can only be reached over a
 * connection `$connect` accepted, so it is as protected as `$connect` is.
 */
function inheritConnectAuth(plans: FunctionPlan[]): void {
  const connect = plans.flatMap((p) => p.triggers).find((t) => t.kind === 'api-websocket' && t.api?.path === '$connect');
  if (!connect?.api || connect.api.auth.type === 'NONE') return;
  for (const plan of plans) {
    plan.triggers.forEach((t, i) => {
      if (t.kind !== 'api-websocket' || !t.api || t === connect || t.api.auth.type !== 'NONE') return;
      plan.triggers[i] = { ...t, api: { ...t.api, auth: { ...connect.api!.auth } } };
    });
  }
}

