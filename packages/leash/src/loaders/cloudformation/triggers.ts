/**
 * What invokes each function, read from the resources that wire it: event source mappings, S3
 * notifications, SNS subscriptions, EventBridge rules and schedules, log subscriptions, IoT rules,
 * Cognito triggers, load balancer target groups, API Gateway methods and routes, function URLs.
 */
import type { SourceLocation } from '../../model/source.js';
import type { ApiAuth, Destination, EventSourceMappingConfig, ResourceRef, Trigger, TriggerKind } from '../../model/types.js';
import { isPlainObject, isUnknown, type CfnValue, type Resolved } from '../../model/values.js';
import type { BuildContext } from './context.js';
import { kindOfArn, resourceKind } from './resource-kinds.js';
import type { TemplateResource } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class TriggerCollector {
  readonly byFunction = new Map<string, Trigger[]>();

  constructor(private readonly ctx: BuildContext) {}

  private add(fn: TemplateResource | undefined, trigger: Trigger): void {
    if (!fn) return;
    let list = this.byFunction.get(fn.id);
    if (!list) this.byFunction.set(fn.id, (list = []));
    list.push(trigger);
  }

  collect(): Map<string, Trigger[]> {
    const { ctx } = this;
    for (const esm of ctx.ofType('AWS::Lambda::EventSourceMapping')) this.add(ctx.functionTarget(esm.properties.FunctionName), this.fromMapping(esm));
    for (const bucket of ctx.ofType('AWS::S3::Bucket')) this.s3(bucket);
    for (const sub of ctx.ofType('AWS::SNS::Subscription')) {
      const p = sub.properties;
      if (typeof p.Protocol === 'string' && p.Protocol.toLowerCase() !== 'lambda') continue;
      const loc = ctx.at(sub.path);
      this.add(ctx.functionTarget(p.Endpoint), {
        kind: 'sns',
        id: sub.id,
        invocation: 'async',
        source: ctx.resourceRef(p.TopicArn ?? null, ctx.loc(sub, 'TopicArn')),
        loc,
        sns: p.FilterPolicy !== undefined ? { filterPolicy: p.FilterPolicy } : {},
        properties: p,
      });
    }
    for (const topic of ctx.ofType('AWS::SNS::Topic')) {
      ctx.listOf(topic.properties.Subscription).forEach((entry, index) => {
        if (!isPlainObject(entry) || (typeof entry.Protocol === 'string' && entry.Protocol.toLowerCase() !== 'lambda')) return;
        const loc = ctx.loc(topic, 'Subscription', index);
        this.add(ctx.functionTarget(entry.Endpoint), {
          kind: 'sns',
          id: `${topic.id}.Subscription[${index}]`,
          invocation: 'async',
          source: { resourceId: topic.id, value: { Ref: topic.id }, loc },
          loc,
          sns: {},
          properties: entry,
        });
      });
    }
    for (const rule of ctx.ofType('AWS::Events::Rule')) this.eventRule(rule);
    for (const schedule of ctx.ofType('AWS::Scheduler::Schedule')) {
      const target = schedule.properties.Target;
      if (!isPlainObject(target)) continue;
      this.add(ctx.functionTarget(target.Arn), {
        kind: 'schedule',
        id: schedule.id,
        invocation: 'async',
        loc: ctx.at(schedule.path),
        schedule: { expression: schedule.properties.ScheduleExpression ?? null },
        properties: schedule.properties,
      });
    }
    for (const filter of ctx.ofType('AWS::Logs::SubscriptionFilter')) {
      const p = filter.properties;
      this.add(ctx.functionTarget(p.DestinationArn), {
        kind: 'cloudwatch-logs',
        id: filter.id,
        invocation: 'async',
        source: ctx.resourceRef(p.LogGroupName ?? null, ctx.loc(filter, 'LogGroupName')),
        loc: ctx.at(filter.path),
        properties: p,
      });
    }
    for (const rule of ctx.ofType('AWS::IoT::TopicRule')) {
      const payload = rule.properties.TopicRulePayload;
      const actions = isPlainObject(payload) ? ctx.listOf(payload.Actions) : [];
      actions.forEach((action, index) => {
        if (!isPlainObject(action) || !isPlainObject(action.Lambda)) return;
        this.add(ctx.functionTarget(action.Lambda.FunctionArn), {
          kind: 'iot',
          id: `${rule.id}.Actions[${index}]`,
          invocation: 'async',
          loc: ctx.at(rule.path),
          properties: rule.properties,
        });
      });
    }
    for (const pool of ctx.ofType('AWS::Cognito::UserPool')) {
      const config = pool.properties.LambdaConfig;
      if (!isPlainObject(config)) continue;
      for (const [event, arn] of Object.entries(config)) {
        const value = isPlainObject(arn) && arn.LambdaArn !== undefined ? arn.LambdaArn : arn;
        this.add(ctx.functionTarget(value), {
          kind: 'cognito',
          id: `${pool.id}.${event}`,
          invocation: 'sync',
          source: { resourceId: pool.id, value: { Ref: pool.id }, loc: ctx.loc(pool, 'LambdaConfig', event) },
          loc: ctx.loc(pool, 'LambdaConfig', event),
          properties: { trigger: event },
        });
      }
    }
    for (const group of ctx.ofType('AWS::ElasticLoadBalancingV2::TargetGroup')) {
      if (group.properties.TargetType !== 'lambda') continue;
      ctx.listOf(group.properties.Targets).forEach((target) => {
        if (!isPlainObject(target)) return;
        this.add(ctx.functionTarget(target.Id), {
          kind: 'alb',
          id: group.id,
          invocation: 'sync',
          loc: ctx.at(group.path),
          properties: group.properties,
        });
      });
    }
    for (const url of ctx.ofType('AWS::Lambda::Url')) {
      this.add(ctx.functionTarget(url.properties.TargetFunctionArn), {
        kind: 'function-url',
        id: url.id,
        invocation: 'sync',
        loc: ctx.at(url.path),
        properties: url.properties,
      });
    }
    this.restMethods();
    this.httpRoutes();
    for (const [logicalId, triggers] of ctx.options.extras?.triggers ?? []) {
      for (const trigger of triggers) this.add(ctx.resources.get(logicalId), trigger);
    }
    return this.byFunction;
  }

  /** The kind of trigger an event source ARN makes (queue, table stream, Kinesis, Kafka, MQ). */
  private sourceKind(value: CfnValue | undefined, p: Record<string, CfnValue>): TriggerKind {
    if (p.SelfManagedEventSource !== undefined || p.AmazonManagedKafkaEventSourceConfig !== undefined || p.SelfManagedKafkaEventSourceConfig !== undefined) return 'kafka';
    const target = this.ctx.target(value);
    const type = target?.type ?? '';
    if (type === 'AWS::SQS::Queue') return 'sqs';
    if (type === 'AWS::DynamoDB::Table' || type === 'AWS::DynamoDB::GlobalTable') return 'dynamodb-stream';
    if (type === 'AWS::Kinesis::Stream' || type === 'AWS::Kinesis::StreamConsumer') return 'kinesis';
    if (type === 'AWS::MSK::Cluster' || type === 'AWS::MSK::ServerlessCluster') return 'kafka';
    if (type === 'AWS::AmazonMQ::Broker') return 'mq';
    if (type === 'AWS::DocDB::DBCluster') return 'other';
    const folded = value === undefined ? undefined : this.ctx.resolver.resolve(value);
    const text = typeof folded === 'string' ? folded : isPlainObject(folded) && typeof folded['Fn::Sub'] === 'string' ? folded['Fn::Sub'] : '';
    if (/:sqs:/.test(text)) return 'sqs';
    if (/:dynamodb:/.test(text)) return 'dynamodb-stream';
    if (/:kinesis:/.test(text)) return 'kinesis';
    if (/:kafka:/.test(text)) return 'kafka';
    if (/:mq:/.test(text)) return 'mq';
    // Only Kafka mappings (MSK, self-managed) take `Topics`; an ARN built with Fn::Join does not fold to text.
    if (p.Topics !== undefined) return 'kafka';
    if (p.StartingPosition !== undefined) return 'kinesis';
    return p.Queues !== undefined ? 'mq' : 'other';
  }

  fromMapping(esm: TemplateResource): Trigger {
    const { ctx } = this;
    const p = esm.properties;
    const loc = ctx.at(esm.path);
    const kind = this.sourceKind(p.EventSourceArn, p);
    return {
      kind,
      id: esm.id,
      invocation: 'poll',
      ...(p.EventSourceArn !== undefined ? { source: ctx.resourceRef(p.EventSourceArn, ctx.loc(esm, 'EventSourceArn')) } : {}),
      loc,
      eventSourceMapping: mappingConfig(ctx, esm, esm.id),
      properties: p,
    };
  }

  private s3(bucket: TemplateResource): void {
    const { ctx } = this;
    const config = ctx.props(bucket, 'NotificationConfiguration');
    if (!config) return;
    ctx.listOf(config.LambdaConfigurations).forEach((entry, index) => {
      if (!isPlainObject(entry)) return;
      const loc = ctx.loc(bucket, 'NotificationConfiguration', 'LambdaConfigurations', index);
      this.add(ctx.functionTarget(entry.Function), {
        kind: 's3',
        id: `${bucket.id}.LambdaConfigurations[${index}]`,
        invocation: 'async',
        source: { resourceId: bucket.id, value: { Ref: bucket.id }, loc },
        loc,
        s3: { events: entry.Event !== undefined ? [entry.Event] : [], ...(entry.Filter !== undefined ? { filter: entry.Filter } : {}) },
        properties: entry,
      });
    });
  }

  private eventRule(rule: TemplateResource): void {
    const { ctx } = this;
    const p = rule.properties;
    ctx.listOf(p.Targets).forEach((target, index) => {
      if (!isPlainObject(target)) return;
      const fn = ctx.functionTarget(target.Arn);
      if (!fn) return;
      const busRef = p.EventBusName !== undefined ? ctx.resourceRef(p.EventBusName, ctx.loc(rule, 'EventBusName'), 'AWS::Events::EventBus') : undefined;
      const base = { id: rule.id, invocation: 'async' as const, loc: ctx.loc(rule, 'Targets', index), properties: { ...p, Target: target } };
      if (p.ScheduleExpression !== undefined) this.add(fn, { ...base, kind: 'schedule', schedule: { expression: p.ScheduleExpression } });
      else this.add(fn, { ...base, kind: 'eventbridge', eventBridge: { ...(p.EventPattern !== undefined ? { pattern: p.EventPattern } : {}), ...(busRef ? { bus: busRef } : {}) } });
    });
  }

  /** REST API methods whose integration calls a function; path from the resource chain. */
  private restMethods(): void {
    const { ctx } = this;
    for (const method of ctx.ofType('AWS::ApiGateway::Method')) {
      const p = method.properties;
      const integration = isPlainObject(p.Integration) ? p.Integration : undefined;
      const fn = integration ? ctx.functionTarget(integration.Uri) : undefined;
      if (!fn) continue;
      const apiRes = ctx.target(p.RestApiId, 'AWS::ApiGateway::RestApi');
      const authType = ctx.resolver.string(p.AuthorizationType, ctx.loc(method, 'AuthorizationType'));
      const apiKeyRequired = ctx.resolver.boolean(p.ApiKeyRequired);
      const authLoc = ctx.loc(method, 'AuthorizationType');
      const authorizer = ctx.target(p.AuthorizerId, 'AWS::ApiGateway::Authorizer');
      const auth = restAuth(authType, authorizer, authorizer ? ctx.resolver.string(authorizer.properties.Type) : undefined, apiKeyRequired === true, authLoc);
      this.add(fn, {
        kind: 'api-rest',
        id: method.id,
        invocation: 'sync',
        loc: ctx.at(method.path),
        api: {
          ...(apiRes ? { apiId: apiRes.id } : {}),
          path: this.restPath(p.ResourceId, 0),
          method: ctx.resolver.string(p.HttpMethod, ctx.loc(method, 'HttpMethod')) ?? 'ANY',
          auth,
        },
        properties: p,
      });
    }
  }

  private restPath(resourceId: CfnValue | undefined, depth: number): string {
    if (depth > 50 || resourceId === undefined) return '/';
    const resource = this.ctx.target(resourceId, 'AWS::ApiGateway::Resource');
    if (!resource) return '/';
    const part = this.ctx.resolver.string(resource.properties.PathPart);
    const parent = this.restPath(resource.properties.ParentId, depth + 1);
    const text = typeof part === 'string' ? part : '{unknown}';
    return parent.endsWith('/') ? `${parent}${text}` : `${parent}/${text}`;
  }

  private httpRoutes(): void {
    const { ctx } = this;
    for (const route of ctx.ofType('AWS::ApiGatewayV2::Route')) {
      const p = route.properties;
      const integration = ctx.target(p.Target, 'AWS::ApiGatewayV2::Integration');
      const fn = integration ? ctx.functionTarget(integration.properties.IntegrationUri) : undefined;
      if (!fn) continue;
      const api = ctx.target(p.ApiId, 'AWS::ApiGatewayV2::Api');
      const protocol = api ? ctx.resolver.string(api.properties.ProtocolType) : undefined;
      const routeKey = ctx.resolver.string(p.RouteKey, ctx.loc(route, 'RouteKey')) ?? '$default';
      const [method, path] = typeof routeKey === 'string' && routeKey.includes(' ') ? routeKey.split(/\s+/, 2) : [protocol === 'WEBSOCKET' ? 'WEBSOCKET' : 'ANY', routeKey];
      const authType = ctx.resolver.string(p.AuthorizationType, ctx.loc(route, 'AuthorizationType'));
      const authorizer = ctx.target(p.AuthorizerId, 'AWS::ApiGatewayV2::Authorizer');
      const loc = ctx.loc(route, 'AuthorizationType');
      let auth: ApiAuth;
      if (authType === undefined || authType === 'NONE') auth = { type: 'NONE', loc };
      else if (isUnknown(authType)) auth = { type: 'unknown', unknown: authType, loc };
      else auth = { type: authType === 'JWT' ? 'JWT' : authType === 'AWS_IAM' ? 'AWS_IAM' : authType === 'CUSTOM' ? 'LAMBDA' : 'unknown', ...(authorizer ? { authorizer: authorizer.id } : {}), loc };
      if (p.ApiKeyRequired === true && auth.type === 'NONE') auth = { type: 'API_KEY', apiKeyRequired: true, loc };
      this.add(fn, {
        kind: protocol === 'WEBSOCKET' ? 'api-websocket' : 'api-http',
        id: route.id,
        invocation: 'sync',
        loc: ctx.at(route.path),
        api: { ...(api ? { apiId: api.id } : {}), path: path ?? '$default', method: method ?? 'ANY', auth },
        properties: p,
      });
    }
  }
}

/** Auth of a REST method from its AuthorizationType (`CUSTOM`, `COGNITO_USER_POOLS`, `AWS_IAM`, `NONE`). */
export function restAuth(
  authType: Resolved<string> | undefined,
  authorizer: TemplateResource | undefined,
  authorizerType: Resolved<string> | undefined,
  apiKeyRequired: boolean,
  loc: SourceLocation,
): ApiAuth {
  if (isUnknown(authType)) return { type: 'unknown', unknown: authType, loc, apiKeyRequired };
  const type = authType ?? 'NONE';
  const withAuthorizer = authorizer ? { authorizer: authorizer.id } : {};
  switch (type) {
    case 'NONE':
      return apiKeyRequired ? { type: 'API_KEY', apiKeyRequired, loc } : { type: 'NONE', apiKeyRequired, loc };
    case 'AWS_IAM':
      return { type: 'AWS_IAM', apiKeyRequired, loc };
    case 'COGNITO_USER_POOLS':
      return { type: 'COGNITO', ...withAuthorizer, apiKeyRequired, loc };
    case 'CUSTOM':
      return { type: authorizerType === 'COGNITO_USER_POOLS' ? 'COGNITO' : 'LAMBDA', ...withAuthorizer, apiKeyRequired, loc };
    default:
      return { type: 'unknown', unknown: { kind: 'unknown', reason: `AuthorizationType ${type} is not one leash knows`, loc }, apiKeyRequired, loc };
  }
}

/** Where a destination ARN sends events: by the stack resource it names, else by the ARN's service. */
export function destinationOf(ctx: BuildContext, value: CfnValue, loc: SourceLocation, declaredType?: string): Destination {
  const target: ResourceRef = ctx.resourceRef(value, loc);
  const byType: Record<string, Destination['type']> = { sqs: 'sqs', sns: 'sns', lambda: 'lambda', eventbridge: 'eventbridge', s3: 's3' };
  if (declaredType && byType[declaredType.toLowerCase()]) return { type: byType[declaredType.toLowerCase()]!, target };
  const resource = target.resourceId ? ctx.resources.get(target.resourceId) : undefined;
  const kind = resource ? resourceKind(resource.type) : undefined;
  const folded = ctx.resolver.resolve(value);
  const text = typeof folded === 'string' ? folded : isPlainObject(folded) && typeof folded['Fn::Sub'] === 'string' ? folded['Fn::Sub'] : undefined;
  const arnKind = kind ?? (text ? kindOfArn(text) : undefined);
  const type: Destination['type'] =
    arnKind === 'queue' ? 'sqs' : arnKind === 'topic' ? 'sns' : arnKind === 'function' ? 'lambda' : arnKind === 'event-bus' ? 'eventbridge' : arnKind === 'bucket' ? 's3' : 'unknown';
  return { type, target };
}

/** Settings of an event source mapping resource. */
export function mappingConfig(ctx: BuildContext, esm: TemplateResource, resourceId?: string): EventSourceMappingConfig {
  const p = esm.properties;
  const r = ctx.resolver;
  const config: Mutable<EventSourceMappingConfig> = { functionResponseTypes: [] };
  const set = <K extends keyof EventSourceMappingConfig>(key: K, value: EventSourceMappingConfig[K] | undefined): void => {
    if (value !== undefined) config[key] = value;
  };
  set('batchSize', r.number(p.BatchSize, ctx.loc(esm, 'BatchSize')));
  set('maximumRetryAttempts', r.number(p.MaximumRetryAttempts, ctx.loc(esm, 'MaximumRetryAttempts')));
  set('maximumRecordAgeInSeconds', r.number(p.MaximumRecordAgeInSeconds, ctx.loc(esm, 'MaximumRecordAgeInSeconds')));
  set('bisectBatchOnFunctionError', r.boolean(p.BisectBatchOnFunctionError, ctx.loc(esm, 'BisectBatchOnFunctionError')));
  set('startingPosition', r.string(p.StartingPosition, ctx.loc(esm, 'StartingPosition')));
  set('enabled', r.boolean(p.Enabled, ctx.loc(esm, 'Enabled')));
  if (p.FilterCriteria !== undefined) config.filterCriteria = p.FilterCriteria;
  for (const type of ctx.listOf(p.FunctionResponseTypes)) {
    const text = r.string(type);
    if (typeof text === 'string') config.functionResponseTypes.push(text);
  }
  const destination = ctx.props(esm, 'DestinationConfig');
  const onFailure = destination && isPlainObject(destination.OnFailure) ? destination.OnFailure.Destination : undefined;
  if (onFailure !== undefined) config.onFailure = destinationOf(ctx, onFailure, ctx.loc(esm, 'DestinationConfig', 'OnFailure', 'Destination'));
  if (resourceId) config.resourceId = resourceId;
  return config;
}
