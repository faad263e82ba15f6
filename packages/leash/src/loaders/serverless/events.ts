/**
 * Serverless Framework `functions.X.events` → model triggers, plus the resources and IAM
 * statements Serverless generates for them (queues polled, buckets and topics it creates,
 * invoke permissions for API Gateway, S3, SNS, EventBridge...).
 *
 * Auth semantics (Serverless, not SAM): an `http` event without `authorizer` is public;
 * `private: true` only asks for an API key; `authorizer: aws_iam` is IAM; a function name or
 * Lambda ARN is a Lambda authorizer; a Cognito user pool ARN (or `type: COGNITO_USER_POOLS`) is
 * Cognito. `httpApi` authorizers are declared under `provider.httpApi.authorizers` (JWT unless
 * `type: request`).
 */
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import type { ApiAuth, ApiRoute, EventSourceMappingConfig, Trigger, TriggerKind, InvocationType } from '../../model/types.js';
import { isUnknown, unknown, type CfnValue } from '../../model/values.js';
import {
  cfn,
  destination,
  list,
  nameFromArn,
  normalizeAlphaNumeric,
  obj,
  resolvedBoolean,
  resolvedNumber,
  resolvedString,
  resourceRef,
  str,
  type Locate,
  type Obj,
  type Path,
} from './shape.js';
import type { SourceMap } from './source-map.js';

/** Statements Serverless adds to the function's role so Lambda can poll or publish. */
export interface ImplicitStatement {
  /** What Serverless added it for (the policy source name in the model). */
  readonly name: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: CfnValue[];
  /** Where the need for it was declared (the event). */
  readonly ymlPath: Path;
}

export interface ApiUsage {
  rest: { authorizers: Set<string>; firstLoc?: SourceLocation; firstPath?: Path };
  http: { authorizers: Set<string>; firstLoc?: SourceLocation; firstPath?: Path };
  websocket: { authorizers: Set<string>; firstLoc?: SourceLocation; firstPath?: Path };
}

export interface EventContext {
  readonly fnKey: string;
  readonly normalized: string;
  readonly logicalId: string;
  readonly ymlPath: Path;
  readonly locate: Locate;
  readonly provider: Obj;
  /** Resources of the synthetic template (user's and generated): events add theirs. */
  readonly resources: Record<string, Obj>;
  readonly generated: Set<string>;
  readonly sourceMap: SourceMap;
  /** Logical ids of the functions of the service, by function key. */
  readonly functionLogicalIds: ReadonlyMap<string, string>;
  readonly apis: ApiUsage;
  readonly implicit: ImplicitStatement[];
  readonly diagnostics: Diagnostic[];
}

function resourceTypes(ctx: EventContext): Map<string, string> {
  const types = new Map<string, string>();
  for (const [id, resource] of Object.entries(ctx.resources)) types.set(id, str(resource.Type) ?? '');
  return types;
}

function addResource(ctx: EventContext, id: string, resource: Obj, ymlPath: Path): void {
  if (ctx.resources[id] !== undefined && !ctx.generated.has(id)) return; // the user's own definition wins (Serverless merges it)
  ctx.resources[id] = resource;
  ctx.generated.add(id);
  ctx.sourceMap.map(['Resources', id], ymlPath);
}

function addPermission(ctx: EventContext, suffix: string, principal: string, sourceArn: CfnValue | undefined, ymlPath: Path, extra: Obj = {}): void {
  const props: Obj = { FunctionName: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] }, Action: 'lambda:InvokeFunction', Principal: principal, ...extra };
  if (sourceArn !== undefined) props.SourceArn = sourceArn;
  addResource(ctx, `${ctx.normalized}LambdaPermission${suffix}`, { Type: 'AWS::Lambda::Permission', Properties: props }, ymlPath);
}

function trigger(kind: TriggerKind, id: string, invocation: InvocationType, loc: SourceLocation, properties: Obj, extra: Partial<Trigger> = {}): Trigger {
  return { kind, id, invocation, loc, properties: properties as Record<string, CfnValue>, ...extra };
}

export function buildEvents(ctx: EventContext, events: unknown): Trigger[] {
  const triggers: Trigger[] = [];
  const counters = new Map<string, number>();
  list(events).forEach((raw, index) => {
    // `- alexaSkill` (a bare event name) is the short form of `- alexaSkill: {}`.
    const event = obj(raw) ?? (typeof raw === 'string' && /^[a-zA-Z]+$/.test(raw) ? { [raw]: null } : undefined);
    const path: Path = [...ctx.ymlPath, 'events', index];
    if (!event) {
      if (raw !== null && raw !== undefined) {
        const loc = ctx.locate(path);
        ctx.diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_EVENT', message: `event ${index} of function ${ctx.fnKey} is not a mapping (\`- http: ...\`); ignored`, file: loc.file, line: loc.line, column: loc.column });
      }
      return;
    }
    const type = Object.keys(event)[0];
    if (type === undefined) return;
    const n = counters.get(type) ?? 0;
    counters.set(type, n + 1);
    const id = `${type}[${n}]`;
    const evPath: Path = [...path, type];
    const loc = ctx.locate(path);
    const built = buildEvent(ctx, type, event[type], id, n + 1, evPath, loc);
    if (built) triggers.push(built);
  });
  return triggers;
}

function buildEvent(ctx: EventContext, type: string, spec: unknown, id: string, ordinal: number, path: Path, loc: SourceLocation): Trigger | undefined {
  const o = obj(spec) ?? {};
  const props = (obj(spec) ?? { value: spec }) as Obj;
  switch (type) {
    case 'http':
      return httpEvent(ctx, spec, id, path, loc);
    case 'httpApi':
      return httpApiEvent(ctx, spec, id, path, loc);
    case 'websocket':
      return websocketEvent(ctx, spec, id, path, loc);
    case 'sqs':
      return sqsEvent(ctx, spec, id, path, loc);
    case 'stream':
      return streamEvent(ctx, spec, id, path, loc);
    case 'kafka':
    case 'msk':
    case 'activemq':
    case 'rabbitmq': {
      const kind: TriggerKind = type === 'kafka' || type === 'msk' ? 'kafka' : 'mq';
      const source = o.arn ?? o.broker ?? o.bootstrapServers;
      const esm: EventSourceMappingConfig = { functionResponseTypes: [], ...optional('batchSize', resolvedNumber(o.batchSize, loc)), ...optional('enabled', resolvedBoolean(o.enabled, loc)) };
      return trigger(kind, id, 'poll', loc, props, { ...(source !== undefined ? { source: resourceRef(source, loc, new Set(Object.keys(ctx.resources))) } : {}), eventSourceMapping: esm });
    }
    case 's3':
      return s3Event(ctx, spec, id, path, loc);
    case 'sns':
      return snsEvent(ctx, spec, id, path, loc);
    case 'schedule': {
      const rates = o.rate !== undefined ? (Array.isArray(o.rate) ? o.rate : [o.rate]) : [spec];
      const ruleId = `${ctx.normalized}EventsRuleSchedule${ordinal}`;
      addResource(ctx, ruleId, { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: cfn(rates[0]), State: o.enabled === false ? 'DISABLED' : 'ENABLED', Targets: [{ Arn: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] }, Id: `${ctx.fnKey}Schedule` }] } }, path);
      addPermission(ctx, `EventsRuleSchedule${ordinal}`, 'events.amazonaws.com', { 'Fn::GetAtt': [ruleId, 'Arn'] }, path);
      return trigger('schedule', id, 'async', loc, props, { schedule: { expression: cfn(rates[0]) }, source: { resourceId: ruleId, value: { Ref: ruleId }, loc } });
    }
    case 'eventBridge':
    case 'cloudwatchEvent': {
      const ruleId = `${ctx.normalized}EventBridgeRule${ordinal}`;
      const pattern = o.pattern ?? o.event;
      const busValue = o.eventBus;
      addResource(ctx, ruleId, { Type: 'AWS::Events::Rule', Properties: { ...(pattern !== undefined ? { EventPattern: cfn(pattern) } : {}), ...(o.schedule !== undefined ? { ScheduleExpression: cfn(o.schedule) } : {}), ...(busValue !== undefined ? { EventBusName: cfn(busValue) } : {}), Targets: [{ Arn: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] }, Id: `${ctx.fnKey}EventBridge` }] } }, path);
      addPermission(ctx, `EventBridge${ordinal}`, 'events.amazonaws.com', { 'Fn::GetAtt': [ruleId, 'Arn'] }, path);
      const eventBridge: { pattern?: CfnValue; bus?: ReturnType<typeof resourceRef> } = {};
      if (pattern !== undefined) eventBridge.pattern = cfn(pattern);
      if (busValue !== undefined) eventBridge.bus = resourceRef(busValue, ctx.locate([...path, 'eventBus']), new Set(Object.keys(ctx.resources)));
      if (o.schedule !== undefined && pattern === undefined) return trigger('schedule', id, 'async', loc, props, { schedule: { expression: cfn(o.schedule) } });
      return trigger('eventbridge', id, 'async', loc, props, { eventBridge });
    }
    case 'cloudwatchLog': {
      const logGroup = typeof spec === 'string' ? spec : o.logGroup;
      // Serverless scopes the permission to the log group (its SourceArn), as below.
      const logGroupArn = typeof logGroup === 'string' ? { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:log-group:${logGroup}:*`]] } : undefined;
      addPermission(ctx, `LogsSubscriptionFilterCloudWatchLog${ordinal}`, 'logs.amazonaws.com', logGroupArn, path);
      return trigger('cloudwatch-logs', id, 'async', loc, props, { source: resourceRef(logGroup, loc, new Set(Object.keys(ctx.resources))) });
    }
    case 'cognitoUserPool': {
      // Serverless creates the pool (or, with `existing: true`, attaches to it by a custom
      // resource) and scopes the permission to it.
      const poolId = `CognitoUserPool${normalizeAlphaNumeric(String(o.pool ?? ''))}`;
      if (o.existing !== true) addResource(ctx, poolId, { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: cfn(o.pool ?? null) } }, path);
      const poolArn: CfnValue = o.existing === true ? { 'Fn::Sub': 'arn:${AWS::Partition}:cognito-idp:${AWS::Region}:${AWS::AccountId}:userpool/*' } : { 'Fn::GetAtt': [poolId, 'Arn'] };
      addPermission(ctx, `CognitoUserPool${normalizeAlphaNumeric(String(o.pool ?? ''))}Trigger${normalizeAlphaNumeric(String(o.trigger ?? ''))}`, 'cognito-idp.amazonaws.com', poolArn, path);
      return trigger('cognito', id, 'sync', loc, props);
    }
    case 'iot': {
      // The topic rule Serverless creates, and the permission it scopes to that rule.
      const ruleId = `${ctx.normalized}IotTopicRule${ordinal}`;
      addResource(ctx, ruleId, { Type: 'AWS::IoT::TopicRule', Properties: { TopicRulePayload: { Sql: cfn(o.sql ?? null), RuleDisabled: o.enabled === false, Actions: [{ Lambda: { FunctionArn: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] } } }] } } }, path);
      const ruleArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iot:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':rule/', { Ref: ruleId }]] };
      addPermission(ctx, `IotTopicRule${ordinal}`, 'iot.amazonaws.com', ruleArn, path);
      return trigger('iot', id, 'async', loc, props);
    }
    case 'alb': {
      addPermission(ctx, `RegisterTarget${ordinal}`, 'elasticloadbalancing.amazonaws.com', undefined, path);
      return trigger('alb', id, 'sync', loc, props, { source: resourceRef(o.listenerArn, loc, new Set(Object.keys(ctx.resources))) });
    }
    case 'alexaSkill':
    case 'alexaSmartHome': {
      // `alexaSkill: <appId>` or `{ appId, enabled }`: the skill id scopes the permission (EventSourceToken).
      const appId = typeof spec === 'string' ? spec : o.appId;
      const extra: Obj = appId !== undefined && appId !== null ? { EventSourceToken: cfn(appId) } : {};
      if (o.enabled === false) extra.Action = 'lambda:DisableInvokeFunction';
      addPermission(ctx, `AlexaSkill${ordinal}`, type === 'alexaSkill' ? 'alexa-appkit.amazon.com' : 'alexa-connectedhome.amazon.com', undefined, path, extra);
      return trigger('alexa', id, 'sync', loc, props);
    }
    default:
      return trigger('other', id, 'async', loc, props);
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// ---------------------------------------------------------------------------------------------
// API Gateway

function restAuth(ctx: EventContext, event: Obj, path: Path, loc: SourceLocation): ApiAuth {
  const isPrivate = event.private === true;
  const authorizer = event.authorizer;
  const authLoc = authorizer !== undefined ? ctx.locate([...path, 'authorizer']) : loc;
  const keyOnly = (): ApiAuth => (isPrivate ? { type: 'API_KEY', apiKeyRequired: true, loc } : { type: 'NONE', loc });
  if (authorizer === undefined || authorizer === null) return keyOnly();
  const withKey = (auth: Omit<ApiAuth, 'loc'>): ApiAuth => ({ ...auth, ...(isPrivate ? { apiKeyRequired: true } : {}), loc: authLoc });
  if (isUnknown(authorizer)) return withKey({ type: 'unknown', unknown: authorizer });
  if (typeof authorizer === 'string') {
    if (authorizer.toLowerCase() === 'aws_iam') return withKey({ type: 'AWS_IAM' });
    if (authorizer.includes(':cognito-idp:')) return withKey({ type: 'COGNITO', authorizer: nameFromArn(authorizer) });
    ctx.apis.rest.authorizers.add(nameFromArn(authorizer));
    return withKey({ type: 'LAMBDA', authorizer: nameFromArn(authorizer) });
  }
  const spec = obj(authorizer);
  if (!spec) return withKey({ type: 'unknown', unknown: unknown('authorizer leash cannot read', authLoc, cfn(authorizer)) });
  const type = typeof spec.type === 'string' ? spec.type.toLowerCase() : undefined;
  const arn = spec.arn;
  const name = str(spec.name) ?? (arn !== undefined ? nameFromArn(arn) : undefined);
  if (type === 'aws_iam') return withKey({ type: 'AWS_IAM' });
  if (type === 'cognito_user_pools' || (typeof arn === 'string' && arn.includes(':cognito-idp:'))) {
    if (name) ctx.apis.rest.authorizers.add(name);
    return withKey({ type: 'COGNITO', ...(name ? { authorizer: name } : {}) });
  }
  if (type === 'token' || type === 'request' || ((name !== undefined || arn !== undefined) && spec.authorizerId === undefined)) {
    if (name) ctx.apis.rest.authorizers.add(name);
    return withKey({ type: 'LAMBDA', ...(name ? { authorizer: name } : {}) });
  }
  if (spec.authorizerId !== undefined) {
    return withKey({ type: 'unknown', unknown: unknown('the authorizer is defined outside this service (authorizerId) and its type is not given', authLoc, cfn(spec.authorizerId)) });
  }
  return withKey({ type: 'unknown', unknown: unknown('authorizer leash cannot read', authLoc, cfn(authorizer)) });
}

function splitRoute(value: string): { method: string; path: string } {
  const trimmed = value.trim();
  if (trimmed === '*') return { method: '*', path: '*' };
  const space = trimmed.indexOf(' ');
  if (space < 0) return { method: 'ANY', path: trimmed };
  return { method: trimmed.slice(0, space).toUpperCase(), path: trimmed.slice(space + 1).trim() };
}

function httpEvent(ctx: EventContext, spec: unknown, id: string, path: Path, loc: SourceLocation): Trigger {
  const event: Obj = typeof spec === 'string' ? { ...splitRoute(spec) } : (obj(spec) ?? {});
  const external = ctx.provider.apiGateway !== undefined ? obj(ctx.provider.apiGateway)?.restApiId : undefined;
  const routePath = resolvedString(event.path, loc) ?? unknown('http event without a path', loc);
  const method = resolvedString(typeof event.method === 'string' ? event.method.toUpperCase() : event.method, loc) ?? unknown('http event without a method', loc);
  const api: ApiRoute = {
    ...(external === undefined ? { apiId: 'ApiGatewayRestApi' } : {}),
    path: typeof routePath === 'string' ? '/' + routePath.replace(/^\/+/, '') : routePath,
    method: method === 'ANY' || typeof method !== 'string' ? method : method,
    auth: restAuth(ctx, event, path, loc),
  };
  ctx.apis.rest.firstLoc ??= loc;
  ctx.apis.rest.firstPath ??= path.slice(0, -1);
  if (external === undefined) {
    addPermission(ctx, 'ApiGateway', 'apigateway.amazonaws.com', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: 'ApiGatewayRestApi' }, '/*/*']] }, path);
  }
  return trigger('api-rest', id, 'sync', loc, event, { api, ...(external === undefined ? { source: { resourceId: 'ApiGatewayRestApi', value: { Ref: 'ApiGatewayRestApi' }, loc } } : { source: { value: cfn(external), loc } }) });
}

function httpApiAuth(ctx: EventContext, event: Obj, path: Path, loc: SourceLocation): ApiAuth {
  const authorizer = event.authorizer;
  if (authorizer === undefined || authorizer === null) return { type: 'NONE', loc };
  const authLoc = ctx.locate([...path, 'authorizer']);
  if (isUnknown(authorizer)) return { type: 'unknown', unknown: authorizer, loc: authLoc };
  const spec: Obj = typeof authorizer === 'string' ? { name: authorizer } : (obj(authorizer) ?? {});
  if (typeof spec.type === 'string' && spec.type.toLowerCase() === 'aws_iam') return { type: 'AWS_IAM', loc: authLoc };
  const name = str(spec.name);
  if (name !== undefined) {
    const declared = obj(obj(obj(ctx.provider.httpApi)?.authorizers)?.[name]);
    if (!declared) {
      return { type: 'unknown', authorizer: name, unknown: unknown(`authorizer ${name} is not declared under provider.httpApi.authorizers`, authLoc, name), loc: authLoc };
    }
    const type = typeof declared.type === 'string' ? declared.type.toLowerCase() : 'jwt';
    return { type: type === 'request' ? 'LAMBDA' : 'JWT', authorizer: name, loc: authLoc };
  }
  if (spec.id !== undefined) {
    return { type: 'unknown', unknown: unknown('the authorizer is defined outside this service (id) and its type is not known', authLoc, cfn(spec.id)), loc: authLoc };
  }
  return { type: 'unknown', unknown: unknown('authorizer leash cannot read', authLoc, cfn(authorizer)), loc: authLoc };
}

function httpApiEvent(ctx: EventContext, spec: unknown, id: string, path: Path, loc: SourceLocation): Trigger {
  const event: Obj = typeof spec === 'string' ? { ...splitRoute(spec) } : (obj(spec) ?? {});
  const external = obj(ctx.provider.httpApi)?.id;
  const method = typeof event.method === 'string' ? event.method.toUpperCase() : resolvedString(event.method, loc) ?? (event.path === '*' ? '*' : unknown('httpApi event without a method', loc));
  const api: ApiRoute = {
    ...(external === undefined ? { apiId: 'HttpApi' } : {}),
    path: resolvedString(event.path, loc) ?? '*',
    method,
    auth: httpApiAuth(ctx, event, path, loc),
  };
  ctx.apis.http.firstLoc ??= loc;
  ctx.apis.http.firstPath ??= path.slice(0, -1);
  if (external === undefined) {
    addPermission(ctx, 'HttpApi', 'apigateway.amazonaws.com', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: 'HttpApi' }, '/*']] }, path);
  }
  return trigger('api-http', id, 'sync', loc, event, { api, ...(external === undefined ? { source: { resourceId: 'HttpApi', value: { Ref: 'HttpApi' }, loc } } : { source: { value: cfn(external), loc } }) });
}

function websocketEvent(ctx: EventContext, spec: unknown, id: string, path: Path, loc: SourceLocation): Trigger {
  const event: Obj = typeof spec === 'string' ? { route: spec } : (obj(spec) ?? {});
  const authorizer = event.authorizer;
  let auth: ApiAuth;
  if (authorizer === undefined || authorizer === null) auth = { type: 'NONE', loc };
  else if (isUnknown(authorizer)) auth = { type: 'unknown', unknown: authorizer, loc };
  else {
    const name = typeof authorizer === 'string' ? nameFromArn(authorizer) : str(obj(authorizer)?.name) ?? nameFromArn(obj(authorizer)?.arn);
    ctx.apis.websocket.authorizers.add(name);
    auth = { type: 'LAMBDA', authorizer: name, loc: ctx.locate([...path, 'authorizer']) };
  }
  ctx.apis.websocket.firstLoc ??= loc;
  ctx.apis.websocket.firstPath ??= path.slice(0, -1);
  addPermission(ctx, 'Websockets', 'apigateway.amazonaws.com', undefined, path);
  const api: ApiRoute = { apiId: 'WebsocketsApi', path: resolvedString(event.route, loc) ?? unknown('websocket event without a route', loc), method: 'WEBSOCKET', auth };
  return trigger('api-websocket', id, 'sync', loc, event, { api, source: { resourceId: 'WebsocketsApi', value: { Ref: 'WebsocketsApi' }, loc } });
}

// ---------------------------------------------------------------------------------------------
// Pollers (event source mappings)

function functionResponseTypes(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return list(value).filter((v): v is string => typeof v === 'string');
}

function sqsEvent(ctx: EventContext, spec: unknown, id: string, path: Path, loc: SourceLocation): Trigger {
  const event: Obj = typeof spec === 'string' || obj(spec) === undefined ? { arn: spec } : (obj(spec) as Obj);
  const arn = event.arn;
  const esmId = `${ctx.normalized}EventSourceMappingSQS${normalizeAlphaNumeric(nameFromArn(arn))}`;
  const props: Obj = { EventSourceArn: cfn(arn), FunctionName: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] }, BatchSize: event.batchSize ?? 10, Enabled: event.enabled ?? true };
  if (event.maximumBatchingWindow !== undefined) props.MaximumBatchingWindowInSeconds = event.maximumBatchingWindow;
  if (event.functionResponseType !== undefined) props.FunctionResponseTypes = functionResponseTypes(event.functionResponseType);
  if (event.filterPatterns !== undefined) props.FilterCriteria = { Filters: list(event.filterPatterns).map((p) => ({ Pattern: JSON.stringify(p) })) };
  addResource(ctx, esmId, { Type: 'AWS::Lambda::EventSourceMapping', Properties: props }, path);
  ctx.implicit.push({ name: 'Serverless Framework: SQS poller', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: [cfn(arn)], ymlPath: path });
  const esm: EventSourceMappingConfig = {
    functionResponseTypes: functionResponseTypes(event.functionResponseType),
    resourceId: esmId,
    batchSize: resolvedNumber(event.batchSize, loc) ?? 10,
    ...optional('enabled', resolvedBoolean(event.enabled, loc)),
    ...(event.filterPatterns !== undefined ? { filterCriteria: cfn(event.filterPatterns) } : {}),
  };
  return trigger('sqs', id, 'poll', loc, event, { source: resourceRef(arn, ctx.locate([...path, 'arn']), new Set(Object.keys(ctx.resources))), eventSourceMapping: esm });
}

function streamEvent(ctx: EventContext, spec: unknown, id: string, path: Path, loc: SourceLocation): Trigger {
  const event: Obj = typeof spec === 'string' || obj(spec) === undefined ? { arn: spec } : (obj(spec) as Obj);
  const arn = event.arn;
  const declaredType = typeof event.type === 'string' ? event.type.toLowerCase() : undefined;
  const arnType = typeof arn === 'string' ? (arn.includes(':dynamodb:') ? 'dynamodb' : arn.includes(':kinesis:') ? 'kinesis' : undefined) : undefined;
  const referenced = resourceTypes(ctx).get(nameFromArn(arn));
  const refType = referenced === 'AWS::DynamoDB::Table' ? 'dynamodb' : referenced === 'AWS::Kinesis::Stream' ? 'kinesis' : undefined;
  const streamType = declaredType ?? arnType ?? refType;
  const kind: TriggerKind = streamType === 'kinesis' ? 'kinesis' : 'dynamodb-stream';
  if (streamType === undefined) {
    ctx.diagnostics.push({ severity: 'warning', code: 'WARN_LEASH_SLS_EVENT', message: `stream event of function ${ctx.fnKey}: cannot tell DynamoDB from Kinesis (set \`type:\`); treated as DynamoDB`, file: loc.file, line: loc.line, column: loc.column });
  }
  const esmId = `${ctx.normalized}EventSourceMapping${streamType === 'kinesis' ? 'Kinesis' : 'Dynamodb'}${normalizeAlphaNumeric(nameFromArn(arn))}`;
  const onFailureSpec = obj(event.destinations)?.onFailure;
  const onFailureArn = obj(onFailureSpec)?.arn ?? onFailureSpec;
  const props: Obj = {
    EventSourceArn: cfn(arn),
    FunctionName: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] },
    BatchSize: event.batchSize ?? 100,
    StartingPosition: event.startingPosition ?? 'TRIM_HORIZON',
    Enabled: event.enabled ?? true,
  };
  if (event.maximumRetryAttempts !== undefined) props.MaximumRetryAttempts = event.maximumRetryAttempts;
  if (event.bisectBatchOnFunctionError !== undefined) props.BisectBatchOnFunctionError = event.bisectBatchOnFunctionError;
  if (event.maximumRecordAgeInSeconds !== undefined) props.MaximumRecordAgeInSeconds = event.maximumRecordAgeInSeconds;
  if (event.functionResponseType !== undefined) props.FunctionResponseTypes = functionResponseTypes(event.functionResponseType);
  if (onFailureArn !== undefined) props.DestinationConfig = { OnFailure: { Destination: cfn(onFailureArn) } };
  addResource(ctx, esmId, { Type: 'AWS::Lambda::EventSourceMapping', Properties: props }, path);
  const service = kind === 'kinesis' ? 'kinesis' : 'dynamodb';
  ctx.implicit.push({ name: 'Serverless Framework: stream poller', Effect: 'Allow', Action: [`${service}:GetRecords`, `${service}:GetShardIterator`, `${service}:DescribeStream`, `${service}:ListStreams`], Resource: [cfn(arn)], ymlPath: path });
  const esm: EventSourceMappingConfig = {
    functionResponseTypes: functionResponseTypes(event.functionResponseType),
    resourceId: esmId,
    batchSize: resolvedNumber(event.batchSize, loc) ?? 100,
    startingPosition: resolvedString(event.startingPosition, loc) ?? 'TRIM_HORIZON',
    ...optional('maximumRetryAttempts', resolvedNumber(event.maximumRetryAttempts, ctx.locate([...path, 'maximumRetryAttempts']))),
    ...optional('maximumRecordAgeInSeconds', resolvedNumber(event.maximumRecordAgeInSeconds, ctx.locate([...path, 'maximumRecordAgeInSeconds']))),
    ...optional('bisectBatchOnFunctionError', resolvedBoolean(event.bisectBatchOnFunctionError, ctx.locate([...path, 'bisectBatchOnFunctionError']))),
    ...optional('enabled', resolvedBoolean(event.enabled, loc)),
    ...(onFailureArn !== undefined ? { onFailure: destination(onFailureArn, ctx.locate([...path, 'destinations', 'onFailure']), resourceTypes(ctx), obj(onFailureSpec)?.type) } : {}),
    ...(event.filterPatterns !== undefined ? { filterCriteria: cfn(event.filterPatterns) } : {}),
  };
  return trigger(kind, id, 'poll', loc, event, { source: resourceRef(arn, ctx.locate([...path, 'arn']), new Set(Object.keys(ctx.resources))), eventSourceMapping: esm });
}

// ---------------------------------------------------------------------------------------------
// Push sources that Serverless may create (bucket, topic)

function s3Event(ctx: EventContext, spec: unknown, id: string, path: Path, loc: SourceLocation): Trigger {
  const event: Obj = typeof spec === 'string' || obj(spec) === undefined ? { bucket: spec } : (obj(spec) as Obj);
  const bucket = event.bucket;
  const s3Events = [cfn(event.event ?? 's3:ObjectCreated:*')];
  const filter = event.rules !== undefined ? cfn(event.rules) : undefined;
  let source;
  if (event.existing === true || typeof bucket !== 'string') {
    source = resourceRef(bucket, ctx.locate([...path, 'bucket']), new Set(Object.keys(ctx.resources)));
  } else {
    const bucketId = `S3Bucket${normalizeAlphaNumeric(bucket)}`;
    addResource(ctx, bucketId, { Type: 'AWS::S3::Bucket', Properties: { BucketName: bucket, NotificationConfiguration: { LambdaConfigurations: [{ Event: s3Events[0] ?? null, Function: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] } }] } } }, path);
    source = { resourceId: bucketId, value: { Ref: bucketId } as CfnValue, loc };
  }
  addPermission(ctx, `${normalizeAlphaNumeric(typeof bucket === 'string' ? bucket : nameFromArn(bucket))}S3`, 's3.amazonaws.com', typeof bucket === 'string' ? { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucket}`]] } : undefined, path, { SourceAccount: { Ref: 'AWS::AccountId' } });
  return trigger('s3', id, 'async', loc, event, { source, s3: { events: s3Events, ...(filter !== undefined ? { filter } : {}) } });
}

function snsEvent(ctx: EventContext, spec: unknown, id: string, path: Path, loc: SourceLocation): Trigger {
  const event: Obj = typeof spec === 'string' || obj(spec) === undefined ? (typeof spec === 'string' && spec.startsWith('arn:') ? { arn: spec } : { topicName: spec }) : (obj(spec) as Obj);
  let source;
  let topicArn: CfnValue | undefined;
  if (event.arn !== undefined) {
    source = resourceRef(event.arn, ctx.locate([...path, 'arn']), new Set(Object.keys(ctx.resources)));
    topicArn = cfn(event.arn);
  } else if (typeof event.topicName === 'string') {
    const topicId = `SNSTopic${normalizeAlphaNumeric(event.topicName)}`;
    addResource(ctx, topicId, { Type: 'AWS::SNS::Topic', Properties: { TopicName: event.topicName, Subscription: [{ Endpoint: { 'Fn::GetAtt': [ctx.logicalId, 'Arn'] }, Protocol: 'lambda' }] } }, path);
    source = { resourceId: topicId, value: { Ref: topicId } as CfnValue, loc };
    topicArn = { Ref: topicId };
  } else {
    source = resourceRef(event.topicName, loc, new Set(Object.keys(ctx.resources)));
  }
  addPermission(ctx, `${normalizeAlphaNumeric(typeof event.topicName === 'string' ? event.topicName : nameFromArn(event.arn))}SNS`, 'sns.amazonaws.com', topicArn, path);
  return trigger('sns', id, 'async', loc, event, { source, sns: { ...(event.filterPolicy !== undefined ? { filterPolicy: cfn(event.filterPolicy) } : {}) } });
}

