/**
 * The SAM transform, as far as security rules need it: every `AWS::Serverless::*` resource becomes
 * the CloudFormation resources SAM generates (function, `<Fn>Role`, `<Fn>.Version`/`.Alias`,
 * `<Fn>Url` and its public permission, event invoke config, event source mappings, rules,
 * subscriptions, `ServerlessRestApi`/`ServerlessHttpApi` with `.Stage`/`.Deployment`, permissions),
 * plus what plain resources cannot carry: policy template sources, API auth, code directories.
 */
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { SourceLocation } from '../../model/source.js';
import type { Api, FunctionCode, Trigger, TriggerKind } from '../../model/types.js';
import { isPlainObject, renderValue, unknown, type CfnValue, type Resolved } from '../../model/values.js';
import type { BuildContext } from '../cloudformation/context.js';
import type { RoleGrants, TemplateResource } from '../cloudformation/types.js';
import type { ValuePath } from '../parse/types.js';
import { eventAuth, type SamApiConfig } from './api-auth.js';
import { withGlobals } from './globals.js';
import { expandPolicies, GrantList } from './policies.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const LAMBDA_TRUST: CfnValue = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
};
const STATES_TRUST: CfnValue = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: ['states.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
};

/** Event types whose source Lambda polls through an event source mapping, with the managed policy SAM adds. */
const POLLED: Record<string, { kind: TriggerKind; sourceKey: string; policy?: string }> = {
  SQS: { kind: 'sqs', sourceKey: 'Queue', policy: 'AWSLambdaSQSQueueExecutionRole' },
  Kinesis: { kind: 'kinesis', sourceKey: 'Stream', policy: 'AWSLambdaKinesisExecutionRole' },
  DynamoDB: { kind: 'dynamodb-stream', sourceKey: 'Stream', policy: 'AWSLambdaDynamoDBExecutionRole' },
  MSK: { kind: 'kafka', sourceKey: 'Stream', policy: 'AWSLambdaMSKExecutionRole' },
  MQ: { kind: 'mq', sourceKey: 'Broker' },
  SelfManagedKafka: { kind: 'kafka', sourceKey: '' },
  DocumentDB: { kind: 'other', sourceKey: 'Cluster' },
};

/** Keys of a SAM function that are not `AWS::Lambda::Function` properties. */
const SAM_ONLY = new Set([
  'CodeUri', 'InlineCode', 'ImageUri', 'Policies', 'Events', 'AutoPublishAlias', 'AutoPublishCodeSha256', 'AutoPublishAliasAllProperties',
  'DeploymentPreference', 'ProvisionedConcurrencyConfig', 'EventInvokeConfig', 'FunctionUrlConfig', 'DeadLetterQueue', 'Tracing',
  'RolePath', 'PermissionsBoundary', 'AssumeRolePolicyDocument', 'VersionDescription', 'VersionDeletionPolicy', 'Tags',
]);

const DESTINATION_ACTIONS: Record<string, string[]> = {
  SQS: ['sqs:SendMessage'],
  SNS: ['sns:publish'],
  LAMBDA: ['lambda:InvokeFunction'],
  EVENTBRIDGE: ['events:PutEvents'],
  S3: ['s3:PutObject', 's3:ListBucket'],
};

export interface SamTransformResult {
  readonly resources: TemplateResource[];
  readonly triggers: Map<string, Trigger[]>;
  readonly rolePolicies: Map<string, RoleGrants>;
  readonly apis: Api[];
  readonly code: Map<string, FunctionCode>;
  readonly implicitRoles: Set<string>;
}

export class SamTransformer {
  private readonly out = new Map<string, TemplateResource>();
  private readonly triggers = new Map<string, Trigger[]>();
  private readonly rolePolicies = new Map<string, RoleGrants>();
  private readonly apiConfigs = new Map<string, SamApiConfig>();
  private readonly apis = new Map<string, Api>();
  private readonly code = new Map<string, FunctionCode>();
  private readonly implicitRoles = new Set<string>();

  constructor(
    private readonly ctx: BuildContext,
    private readonly template: Record<string, CfnValue>,
  ) {}

  transform(originals: readonly TemplateResource[]): SamTransformResult {
    const globals = this.template.Globals;
    if (globals !== undefined && globals !== null && !isPlainObject(globals)) {
      this.ctx.error('ERR_LEASH_INVALID_TEMPLATE', 'Globals must be a mapping (Function, Api, HttpApi...)', this.ctx.at(['Globals']));
    }
    const merged = originals.map((resource) => this.mergeGlobals(resource, globals));
    // APIs first: function events need their Auth.
    for (const resource of merged) {
      if (resource.type === 'AWS::Serverless::Api') this.api(resource, 'rest');
      else if (resource.type === 'AWS::Serverless::HttpApi') this.api(resource, 'http');
    }
    for (const resource of merged) {
      switch (resource.type) {
        case 'AWS::Serverless::Api':
        case 'AWS::Serverless::HttpApi':
          break;
        case 'AWS::Serverless::Function':
          this.fn(resource);
          break;
        case 'AWS::Serverless::SimpleTable':
          this.emit({ ...resource, type: 'AWS::DynamoDB::Table', declaredType: resource.type });
          break;
        case 'AWS::Serverless::LayerVersion':
          this.emit({ ...resource, type: 'AWS::Lambda::LayerVersion', declaredType: resource.type });
          break;
        case 'AWS::Serverless::Application':
          this.emit({ ...resource, type: 'AWS::CloudFormation::Stack', declaredType: resource.type });
          break;
        case 'AWS::Serverless::StateMachine':
          this.stateMachine(resource);
          break;
        default:
          this.emit(resource);
      }
    }
    for (const resource of merged) if (resource.type === 'AWS::Serverless::Connector') this.connector(resource);
    return {
      resources: [...this.out.values()],
      triggers: this.triggers,
      rolePolicies: this.rolePolicies,
      apis: [...this.apis.values()],
      code: this.code,
      implicitRoles: this.implicitRoles,
    };
  }

  private emit(resource: TemplateResource): void {
    if (this.out.has(resource.id) && resource.generated) return; // a user resource of that id wins
    this.out.set(resource.id, resource);
  }

  private generate(id: string, type: string, properties: Record<string, CfnValue>, path: ValuePath, condition?: string): void {
    this.emit({ id, type, properties, generated: true, path, ...(condition !== undefined ? { condition } : {}) });
  }

  private mergeGlobals(resource: TemplateResource, globals: CfnValue | undefined): TemplateResource {
    const { properties, fromGlobals } = withGlobals(globals, resource.type, resource.properties);
    if (fromGlobals.size === 0 && properties === resource.properties) return resource;
    const section = resource.type.replace('AWS::Serverless::', '');
    const propertyPaths: Record<string, ValuePath> = {};
    for (const key of fromGlobals) propertyPaths[key] = ['Globals', section, key];
    return { ...resource, properties, propertyPaths, defaultsPath: ['Globals', section] };
  }

  private str(value: CfnValue | undefined, loc?: SourceLocation): Resolved<string> | undefined {
    return this.ctx.resolver.string(value, loc);
  }

  private addTrigger(fnId: string, trigger: Trigger): void {
    const list = this.triggers.get(fnId) ?? [];
    list.push(trigger);
    this.triggers.set(fnId, list);
  }

  // -------------------------------------------------------------------------------------------
  // APIs

  private api(resource: TemplateResource, kind: 'rest' | 'http'): void {
    const p = resource.properties;
    const auth = this.ctx.resolver.resolve(p.Auth ?? null);
    const config: SamApiConfig = {
      id: resource.id,
      kind,
      generated: false,
      ...(isPlainObject(auth) ? { auth } : {}),
      ...(p.DefinitionBody !== undefined ? { definitionBody: this.ctx.resolver.resolve(p.DefinitionBody) } : {}),
      ...(p.DefinitionUri !== undefined ? { definitionUri: p.DefinitionUri } : {}),
      loc: this.ctx.at(resource.path),
    };
    this.apiConfigs.set(resource.id, config);
    this.emitApi(resource.id, kind, resource.properties, resource.path, false, resource);
  }

  /** The API resources (`X`, `X.Stage`, `X.Deployment`, a usage plan) and the model API. */
  private emitApi(id: string, kind: 'rest' | 'http', p: Record<string, CfnValue>, path: ValuePath, generated: boolean, declared?: TemplateResource): void {
    const r = this.ctx.resolver;
    const apiType = kind === 'rest' ? 'AWS::ApiGateway::RestApi' : 'AWS::ApiGatewayV2::Api';
    const apiProps: Record<string, CfnValue> = kind === 'rest' ? { Name: p.Name ?? { Ref: 'AWS::StackName' } } : { Name: p.Name ?? { Ref: 'AWS::StackName' }, ProtocolType: 'HTTP' };
    if (p.DefinitionBody !== undefined) apiProps.Body = p.DefinitionBody;
    if (p.EndpointConfiguration !== undefined) apiProps.EndpointConfiguration = p.EndpointConfiguration;
    if (declared) this.emit({ ...declared, type: apiType, declaredType: declared.type, properties: { ...declared.properties, ...apiProps } });
    else this.generate(id, apiType, apiProps, path);
    const stageName = p.StageName ?? (kind === 'rest' ? 'Prod' : '$default');
    const stageProps: Record<string, CfnValue> =
      kind === 'rest'
        ? { RestApiId: { Ref: id }, StageName: stageName, DeploymentId: { Ref: `${id}.Deployment` } }
        : { ApiId: { Ref: id }, StageName: stageName, AutoDeploy: true };
    for (const key of ['MethodSettings', 'AccessLogSetting', 'TracingEnabled', 'CacheClusterEnabled', 'Variables', 'DefaultRouteSettings', 'RouteSettings', 'AccessLogSettings', 'StageVariables']) {
      if (p[key] !== undefined) stageProps[key] = p[key]!;
    }
    this.generate(`${id}.Stage`, kind === 'rest' ? 'AWS::ApiGateway::Stage' : 'AWS::ApiGatewayV2::Stage', stageProps, path);
    if (kind === 'rest') this.generate(`${id}.Deployment`, 'AWS::ApiGateway::Deployment', { RestApiId: { Ref: id } }, path);
    const auth = r.resolve(p.Auth ?? null);
    const usagePlan = isPlainObject(auth) && isPlainObject(auth.UsagePlan) ? auth.UsagePlan : undefined;
    const createPlan = usagePlan ? r.string(usagePlan.CreateUsagePlan) : undefined;
    const hasUsagePlan = createPlan === 'PER_API' || createPlan === 'SHARED';
    if (hasUsagePlan && usagePlan) {
      const planProps: Record<string, CfnValue> = { ApiStages: [{ ApiId: { Ref: id }, Stage: { Ref: `${id}.Stage` } }] };
      if (usagePlan.Throttle !== undefined) planProps.Throttle = usagePlan.Throttle;
      if (usagePlan.Quota !== undefined) planProps.Quota = usagePlan.Quota;
      this.generate(`${id}UsagePlan`, 'AWS::ApiGateway::UsagePlan', planProps, [...path, ...(declared ? ['Properties', 'Auth', 'UsagePlan'] : [])]);
    }
    const model: Mutable<Api> = {
      id,
      kind,
      loc: this.ctx.at(path),
      generated,
      authorizers: isPlainObject(auth) && isPlainObject(auth.Authorizers) ? Object.keys(auth.Authorizers) : [],
      hasUsagePlan,
      suppressions: [],
    };
    if (isPlainObject(auth) && typeof auth.DefaultAuthorizer === 'string') model.defaultAuthorizer = auth.DefaultAuthorizer;
    const throttling = this.throttling(kind === 'rest' ? p.MethodSettings : [p.DefaultRouteSettings ?? null, ...(isPlainObject(p.RouteSettings) ? Object.values(p.RouteSettings) : [])]);
    if (throttling) model.throttling = throttling;
    this.apis.set(id, model);
  }

  private throttling(settings: CfnValue | undefined): Api['throttling'] | undefined {
    const folded = settings === undefined ? undefined : this.ctx.resolver.resolve(settings);
    const list = Array.isArray(folded) ? folded : folded !== undefined ? [folded] : [];
    for (const entry of list) {
      if (!isPlainObject(entry)) continue;
      const rateLimit = this.ctx.resolver.number(entry.ThrottlingRateLimit);
      const burstLimit = this.ctx.resolver.number(entry.ThrottlingBurstLimit);
      if (rateLimit !== undefined || burstLimit !== undefined) return { ...(rateLimit !== undefined ? { rateLimit } : {}), ...(burstLimit !== undefined ? { burstLimit } : {}) };
    }
    return undefined;
  }

  /** The API of an Api/HttpApi event; the implicit `ServerlessRestApi` / `ServerlessHttpApi` when none is named. */
  private eventApi(kind: 'rest' | 'http', named: CfnValue | undefined, eventPath: ValuePath): SamApiConfig | undefined {
    if (named !== undefined) {
      const target = this.ctx.target(named);
      return target ? this.apiConfigs.get(target.id) : undefined;
    }
    const id = kind === 'rest' ? 'ServerlessRestApi' : 'ServerlessHttpApi';
    const existing = this.apiConfigs.get(id);
    if (existing) return existing;
    const globals = isPlainObject(this.template.Globals) ? this.template.Globals[kind === 'rest' ? 'Api' : 'HttpApi'] : undefined;
    const p = isPlainObject(globals) ? globals : {};
    const auth = this.ctx.resolver.resolve(p.Auth ?? null);
    const config: SamApiConfig = { id, kind, generated: true, ...(isPlainObject(auth) ? { auth } : {}), loc: this.ctx.at(eventPath) };
    this.apiConfigs.set(id, config);
    this.emitApi(id, kind, p, eventPath, true);
    return config;
  }

  // -------------------------------------------------------------------------------------------
  // Functions

  private fn(resource: TemplateResource): void {
    const { ctx } = this;
    const id = resource.id;
    const p = resource.properties;
    const pp = [...resource.path, 'Properties'];
    const r = ctx.resolver;
    const props: Record<string, CfnValue> = {};
    for (const [key, value] of Object.entries(p)) if (!SAM_ONLY.has(key)) props[key] = value;

    // Code.
    const codeLoc = ctx.loc(resource, p.InlineCode !== undefined ? 'InlineCode' : p.ImageUri !== undefined ? 'ImageUri' : 'CodeUri');
    if (p.InlineCode !== undefined) props.Code = { ZipFile: p.InlineCode };
    else if (p.ImageUri !== undefined || p.PackageType === 'Image') {
      props.PackageType = 'Image';
      props.Code = { ImageUri: p.ImageUri ?? null };
      this.code.set(id, { unknown: unknown(`the code is a container image (${renderValue(r.resolve(p.ImageUri ?? null))})`, codeLoc, p.ImageUri ?? null), loc: codeLoc });
    } else this.code.set(id, this.codeUri(p.CodeUri, codeLoc));

    const tracing = this.str(p.Tracing, ctx.loc(resource, 'Tracing'));
    if (p.Tracing !== undefined) props.TracingConfig = { Mode: p.Tracing };
    const dlq = isPlainObject(p.DeadLetterQueue) ? p.DeadLetterQueue : undefined;
    if (dlq?.TargetArn !== undefined) props.DeadLetterConfig = { TargetArn: dlq.TargetArn };

    const alias = p.AutoPublishAlias !== undefined ? this.str(p.AutoPublishAlias) : undefined;
    const target: CfnValue = alias !== undefined ? { Ref: `${id}.Alias` } : { 'Fn::GetAtt': [id, 'Arn'] };
    const condition = resource.condition;

    // Role.
    const grants = new GrantList();
    if (p.Role === undefined) {
      const roleId = `${id}Role`;
      props.Role = { 'Fn::GetAtt': [roleId, 'Arn'] };
      const roleProps: Record<string, CfnValue> = { AssumeRolePolicyDocument: p.AssumeRolePolicyDocument ?? LAMBDA_TRUST };
      if (p.PermissionsBoundary !== undefined) roleProps.PermissionsBoundary = p.PermissionsBoundary;
      if (p.RolePath !== undefined) roleProps.Path = p.RolePath;
      this.generate(roleId, 'AWS::IAM::Role', roleProps, resource.path, condition);
      this.implicitRoles.add(roleId);
      this.rolePolicies.set(roleId, grants);
      const here = ctx.at(resource.path);
      grants.implicitManaged(ctx, 'AWSLambdaBasicExecutionRole', here);
      if (typeof tracing === 'string' && (tracing === 'Active' || tracing === 'PassThrough')) grants.implicitManaged(ctx, 'AWSXrayWriteOnlyAccess', ctx.loc(resource, 'Tracing'));
      if (p.VpcConfig !== undefined && !r.isNoValue(p.VpcConfig)) grants.implicitManaged(ctx, 'AWSLambdaVPCAccessExecutionRole', ctx.loc(resource, 'VpcConfig'));
      if (dlq?.TargetArn !== undefined) {
        const type = String(r.resolve(dlq.Type ?? 'SQS')).toUpperCase();
        grants.implicitStatement(ctx, 'DeadLetterQueue', type === 'SNS' ? ['sns:Publish'] : ['sqs:SendMessage'], dlq.TargetArn, ctx.loc(resource, 'DeadLetterQueue'));
      }
      expandPolicies(ctx, p.Policies, [...pp, 'Policies'], grants);
    } else if (p.Policies !== undefined) {
      ctx.warn('WARN_LEASH_SAM_POLICIES_IGNORED', `function ${id} sets Role, so SAM ignores its Policies`, ctx.loc(resource, 'Policies'));
    }
    this.emit({ ...resource, type: 'AWS::Lambda::Function', declaredType: resource.type, properties: props });

    // Versions and aliases.
    if (alias !== undefined) {
      this.generate(`${id}.Version`, 'AWS::Lambda::Version', { FunctionName: { Ref: id } }, [...pp, 'AutoPublishAlias'], condition);
      const aliasProps: Record<string, CfnValue> = { FunctionName: { Ref: id }, FunctionVersion: { 'Fn::GetAtt': [`${id}.Version`, 'Version'] }, Name: p.AutoPublishAlias! };
      if (p.ProvisionedConcurrencyConfig !== undefined) aliasProps.ProvisionedConcurrencyConfig = p.ProvisionedConcurrencyConfig;
      this.generate(`${id}.Alias`, 'AWS::Lambda::Alias', aliasProps, [...pp, 'AutoPublishAlias'], condition);
    }

    // Function URL.
    if (isPlainObject(p.FunctionUrlConfig)) {
      const url = p.FunctionUrlConfig;
      const urlPath = [...pp, 'FunctionUrlConfig'];
      this.generate(`${id}Url`, 'AWS::Lambda::Url', { TargetFunctionArn: target, AuthType: url.AuthType ?? null, ...(url.Cors !== undefined ? { Cors: url.Cors } : {}), ...(url.InvokeMode !== undefined ? { InvokeMode: url.InvokeMode } : {}) }, urlPath, condition);
      if (this.str(url.AuthType) === 'NONE') {
        this.generate(`${id}UrlPublicPermissions`, 'AWS::Lambda::Permission', { Action: 'lambda:InvokeFunctionUrl', FunctionName: target, Principal: '*', FunctionUrlAuthType: 'NONE' }, urlPath, condition);
      }
    }

    // Asynchronous invocation.
    if (isPlainObject(p.EventInvokeConfig)) this.eventInvokeConfig(id, p.EventInvokeConfig, [...pp, 'EventInvokeConfig'], alias, grants, p.Role === undefined, condition);

    // Events.
    if (isPlainObject(p.Events)) {
      for (const [name, event] of Object.entries(p.Events)) this.event(resource, name, event, target, grants, p.Role === undefined);
    } else if (p.Events !== undefined && p.Events !== null) ctx.error('ERR_LEASH_INVALID_TEMPLATE', `Events of ${id} must be a mapping of event names (SAM rejects this template)`, ctx.loc(resource, 'Events'));
  }

  private codeUri(codeUri: CfnValue | undefined, loc: SourceLocation): FunctionCode {
    const base = this.ctx.options.baseDir;
    if (codeUri === undefined) return { dir: base, loc };
    const folded = this.ctx.resolver.resolve(codeUri);
    if (typeof folded === 'string') {
      if (/^s3:\/\//i.test(folded)) return { unknown: unknown(`the code is in S3 (${folded})`, loc, codeUri), loc };
      if (/^https?:\/\//i.test(folded)) return { unknown: unknown(`the code is at ${folded}`, loc, codeUri), loc };
      return { dir: isAbsolute(folded) ? folded : resolvePath(base, folded), written: folded, loc };
    }
    if (isPlainObject(folded) && (folded.Bucket !== undefined || folded.Key !== undefined)) {
      return { unknown: unknown(`the code is in S3 (s3://${renderValue(folded.Bucket ?? '?')}/${renderValue(folded.Key ?? '?')})`, loc, codeUri), loc };
    }
    return { unknown: unknown(`CodeUri ${renderValue(codeUri)} cannot be resolved`, loc, codeUri), loc };
  }

  private eventInvokeConfig(id: string, config: Record<string, CfnValue>, path: ValuePath, alias: Resolved<string> | undefined, grants: GrantList, implicitRole: boolean, condition?: string): void {
    const props: Record<string, CfnValue> = {
      FunctionName: { Ref: id },
      Qualifier: typeof alias === 'string' ? alias : '$LATEST',
    };
    if (config.MaximumRetryAttempts !== undefined) props.MaximumRetryAttempts = config.MaximumRetryAttempts;
    if (config.MaximumEventAgeInSeconds !== undefined) props.MaximumEventAgeInSeconds = config.MaximumEventAgeInSeconds;
    const destinations = isPlainObject(config.DestinationConfig) ? config.DestinationConfig : undefined;
    if (destinations) {
      const out: Record<string, CfnValue> = {};
      for (const key of ['OnSuccess', 'OnFailure'] as const) {
        const entry = destinations[key];
        if (!isPlainObject(entry)) continue;
        const type = String(this.ctx.resolver.resolve(entry.Type ?? '')).toUpperCase();
        let destination = entry.Destination;
        if (destination === undefined && (type === 'SQS' || type === 'SNS')) {
          // SAM creates the queue or topic when no Destination is given.
          const created = `${id}EventInvokeConfig${key}${type === 'SQS' ? 'Queue' : 'Topic'}`;
          this.generate(created, type === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic', {}, [...path, 'DestinationConfig', key], condition);
          destination = type === 'SQS' ? { 'Fn::GetAtt': [created, 'Arn'] } : { Ref: created };
        }
        if (destination === undefined) continue;
        out[key] = { Destination: destination, ...(type ? { Type: type } : {}) };
        const actions = DESTINATION_ACTIONS[type];
        if (implicitRole && actions) grants.implicitStatement(this.ctx, `EventInvokeConfig.${key}`, actions, destination, this.ctx.at([...path, 'DestinationConfig', key]));
      }
      props.DestinationConfig = out;
    }
    this.generate(`${id}EventInvokeConfig`, 'AWS::Lambda::EventInvokeConfig', props, path, condition);
  }

  private permission(id: string, principal: string, target: CfnValue, path: ValuePath, extra: Record<string, CfnValue>, condition?: string): void {
    this.generate(id, 'AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', FunctionName: target, Principal: principal, ...extra }, path, condition);
  }

  private event(fn: TemplateResource, name: string, raw: CfnValue, target: CfnValue, grants: GrantList, implicitRole: boolean): void {
    const { ctx } = this;
    const path = [...fn.path, 'Properties', 'Events', name];
    const loc = ctx.at(path);
    const event = ctx.resolver.resolve(raw);
    // SAM refuses the whole template over a malformed event: so does leash (the rest is still read).
    if (!isPlainObject(event) || typeof event.Type !== 'string') {
      ctx.error('ERR_LEASH_INVALID_TEMPLATE', `event ${name} of ${fn.id} has no Type (SAM rejects this template)`, loc);
      return;
    }
    if (event.Properties !== undefined && event.Properties !== null && !isPlainObject(event.Properties)) {
      ctx.error('ERR_LEASH_INVALID_TEMPLATE', `Properties of event ${name} of ${fn.id} must be a mapping (SAM rejects this template)`, ctx.at([...path, 'Properties']));
      return;
    }
    const type = event.Type;
    const rawProps = isPlainObject(raw) && isPlainObject(raw.Properties) ? raw.Properties : {};
    const p = isPlainObject(event.Properties) ? { ...rawProps, ...event.Properties } : {};
    const logicalId = `${fn.id}${name}`;
    const condition = fn.condition;
    const ref = (value: CfnValue | undefined, key: string) => ctx.resourceRef(value ?? null, ctx.at([...path, 'Properties', key]));
    const base = { id: name, loc, properties: p };
    const polled = POLLED[type];
    if (polled) {
      const props: Record<string, CfnValue> = { FunctionName: target };
      for (const [key, value] of Object.entries(p)) if (key !== polled.sourceKey && key !== 'KafkaBootstrapServers') props[key] = value;
      if (polled.sourceKey && p[polled.sourceKey] !== undefined) props.EventSourceArn = p[polled.sourceKey]!;
      if (type === 'SelfManagedKafka') props.SelfManagedEventSource = { Endpoints: { KafkaBootstrapServers: p.KafkaBootstrapServers ?? [] } };
      this.generate(logicalId, 'AWS::Lambda::EventSourceMapping', props, path, condition);
      if (implicitRole && polled.policy) grants.implicitManaged(ctx, polled.policy, loc);
      if (implicitRole && type === 'MQ') grants.implicitStatement(ctx, 'MQ', ['mq:DescribeBroker', 'secretsmanager:GetSecretValue'], '*', loc);
      return;
    }
    switch (type) {
      case 'S3':
        this.addTrigger(fn.id, { ...base, kind: 's3', invocation: 'async', source: ref(p.Bucket, 'Bucket'), s3: { events: p.Events === undefined ? [] : Array.isArray(p.Events) ? p.Events : [p.Events], ...(p.Filter !== undefined ? { filter: p.Filter } : {}) } });
        this.permission(`${logicalId}Permission`, 's3.amazonaws.com', target, path, { SourceAccount: { Ref: 'AWS::AccountId' } }, condition);
        return;
      case 'SNS':
        if (p.SqsSubscription !== undefined && p.SqsSubscription !== false) {
          // SNS → SQS → Lambda: the function polls a queue SAM creates (or the one given).
          const given = isPlainObject(p.SqsSubscription) ? p.SqsSubscription : {};
          const queueId = `${logicalId}Queue`;
          if (given.QueueArn === undefined) this.generate(queueId, 'AWS::SQS::Queue', {}, path, condition);
          const queueArn = given.QueueArn ?? { 'Fn::GetAtt': [queueId, 'Arn'] };
          this.generate(logicalId, 'AWS::SNS::Subscription', { Protocol: 'sqs', Endpoint: queueArn, TopicArn: p.Topic ?? null }, path, condition);
          this.generate(`${logicalId}EventSourceMapping`, 'AWS::Lambda::EventSourceMapping', { FunctionName: target, EventSourceArn: queueArn, ...(given.BatchSize !== undefined ? { BatchSize: given.BatchSize } : {}), ...(given.Enabled !== undefined ? { Enabled: given.Enabled } : {}) }, path, condition);
          if (implicitRole) grants.implicitStatement(ctx, 'SqsSubscription', ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], queueArn, loc);
          return;
        }
        this.generate(logicalId, 'AWS::SNS::Subscription', { Protocol: 'lambda', Endpoint: target, TopicArn: p.Topic ?? null, ...(p.FilterPolicy !== undefined ? { FilterPolicy: p.FilterPolicy } : {}) }, path, condition);
        this.permission(`${logicalId}Permission`, 'sns.amazonaws.com', target, path, { SourceArn: p.Topic ?? null }, condition);
        return;
      case 'Api':
      case 'HttpApi': {
        const kind = type === 'Api' ? 'rest' : 'http';
        const api = this.eventApi(kind, kind === 'rest' ? p.RestApiId : p.ApiId, path);
        const routePath = this.str(p.Path, ctx.at([...path, 'Properties', 'Path'])) ?? (kind === 'http' ? '$default' : '/');
        const method = this.str(p.Method, ctx.at([...path, 'Properties', 'Method'])) ?? 'ANY';
        const authLoc = ctx.at([...path, 'Properties', 'Auth']);
        const auth = eventAuth(api, p.Auth, typeof routePath === 'string' ? routePath : '', typeof method === 'string' ? method : 'ANY', authLoc);
        this.addTrigger(fn.id, {
          ...base,
          kind: kind === 'rest' ? 'api-rest' : 'api-http',
          invocation: 'sync',
          ...(api ? { source: { resourceId: api.id, value: { Ref: api.id }, loc } } : {}),
          api: { ...(api ? { apiId: api.id } : {}), path: routePath, method: typeof method === 'string' ? method.toUpperCase() : method, auth },
        });
        const apiId = api?.id ?? 'ServerlessRestApi';
        const arnPath = typeof routePath === 'string' ? routePath.replace(/\{[^}]*\}/g, '*') : '*';
        const arnMethod = typeof method === 'string' && method.toUpperCase() !== 'ANY' ? method.toUpperCase() : '*';
        this.permission(`${logicalId}Permission`, 'apigateway.amazonaws.com', target, path, {
          SourceArn: { 'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/*/${arnMethod}${arnPath.startsWith('/') ? arnPath : `/${arnPath}`}` },
        }, condition);
        return;
      }
      case 'Schedule':
        this.generate(logicalId, 'AWS::Events::Rule', { ScheduleExpression: p.Schedule ?? null, ...(p.Enabled === false ? { State: 'DISABLED' } : {}), Targets: [{ Arn: target, Id: `${logicalId}LambdaTarget`, ...(p.Input !== undefined ? { Input: p.Input } : {}) }] }, path, condition);
        this.permission(`${logicalId}Permission`, 'events.amazonaws.com', target, path, { SourceArn: { 'Fn::GetAtt': [logicalId, 'Arn'] } }, condition);
        return;
      case 'ScheduleV2':
        this.generate(logicalId, 'AWS::Scheduler::Schedule', { ScheduleExpression: p.ScheduleExpression ?? null, FlexibleTimeWindow: p.FlexibleTimeWindow ?? { Mode: 'OFF' }, Target: { Arn: target, ...(p.RetryPolicy !== undefined ? { RetryPolicy: p.RetryPolicy } : {}), ...(p.DeadLetterConfig !== undefined ? { DeadLetterConfig: p.DeadLetterConfig } : {}) } }, path, condition);
        return;
      case 'EventBridgeRule':
      case 'CloudWatchEvent':
        this.generate(logicalId, 'AWS::Events::Rule', { EventPattern: p.Pattern ?? null, ...(p.EventBusName !== undefined ? { EventBusName: p.EventBusName } : {}), ...(p.State !== undefined ? { State: p.State } : {}), Targets: [{ Arn: target, Id: `${logicalId}LambdaTarget`, ...(p.DeadLetterConfig !== undefined ? { DeadLetterConfig: p.DeadLetterConfig } : {}), ...(p.RetryPolicy !== undefined ? { RetryPolicy: p.RetryPolicy } : {}) }] }, path, condition);
        this.permission(`${logicalId}Permission`, 'events.amazonaws.com', target, path, { SourceArn: { 'Fn::GetAtt': [logicalId, 'Arn'] } }, condition);
        return;
      case 'CloudWatchLogs':
        this.generate(logicalId, 'AWS::Logs::SubscriptionFilter', { LogGroupName: p.LogGroupName ?? null, FilterPattern: p.FilterPattern ?? '', DestinationArn: target }, path, condition);
        this.permission(`${logicalId}Permission`, 'logs.amazonaws.com', target, path, { SourceAccount: { Ref: 'AWS::AccountId' } }, condition);
        return;
      case 'IoTRule':
        this.generate(logicalId, 'AWS::IoT::TopicRule', { TopicRulePayload: { Sql: p.Sql ?? null, ...(p.AwsIotSqlVersion !== undefined ? { AwsIotSqlVersion: p.AwsIotSqlVersion } : {}), Actions: [{ Lambda: { FunctionArn: target } }], RuleDisabled: false } }, path, condition);
        this.permission(`${logicalId}Permission`, 'iot.amazonaws.com', target, path, { SourceAccount: { Ref: 'AWS::AccountId' } }, condition);
        return;
      case 'Cognito':
        this.addTrigger(fn.id, { ...base, kind: 'cognito', invocation: 'sync', source: ref(p.UserPool, 'UserPool') });
        this.permission(`${logicalId}Permission`, 'cognito-idp.amazonaws.com', target, path, { SourceArn: { 'Fn::GetAtt': [typeof p.UserPool === 'object' && p.UserPool !== null && !Array.isArray(p.UserPool) && typeof p.UserPool.Ref === 'string' ? p.UserPool.Ref : 'UserPool', 'Arn'] } }, condition);
        return;
      case 'AlexaSkill':
        this.addTrigger(fn.id, { ...base, kind: 'alexa', invocation: 'sync' });
        this.permission(`${logicalId}Permission`, 'alexa-appkit.amazon.com', target, path, p.SkillId !== undefined ? { EventSourceToken: p.SkillId } : {}, condition);
        return;
      default:
        ctx.warn('WARN_LEASH_SAM_EVENTS', `event type ${type} of ${fn.id}.${name} is not one leash models; kept as an "other" trigger`, loc);
        this.addTrigger(fn.id, { ...base, kind: 'other', invocation: 'async' });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Other SAM resources

  private stateMachine(resource: TemplateResource): void {
    const p = resource.properties;
    const props: Record<string, CfnValue> = {};
    for (const [key, value] of Object.entries(p)) if (!['Policies', 'Role', 'Events', 'DefinitionUri', 'Definition', 'DefinitionSubstitutions', 'Tracing', 'Type', 'Logging', 'PermissionsBoundary', 'RolePath', 'AutoPublishAlias'].includes(key)) props[key] = value;
    if (p.Definition !== undefined) props.Definition = p.Definition;
    if (p.Type !== undefined) props.StateMachineType = p.Type;
    if (p.Role !== undefined) props.RoleArn = p.Role;
    else {
      const roleId = `${resource.id}Role`;
      props.RoleArn = { 'Fn::GetAtt': [roleId, 'Arn'] };
      this.generate(roleId, 'AWS::IAM::Role', { AssumeRolePolicyDocument: STATES_TRUST, ...(p.PermissionsBoundary !== undefined ? { PermissionsBoundary: p.PermissionsBoundary } : {}) }, resource.path, resource.condition);
      this.implicitRoles.add(roleId);
      const grants = new GrantList();
      expandPolicies(this.ctx, p.Policies, [...resource.path, 'Properties', 'Policies'], grants);
      this.rolePolicies.set(roleId, grants);
    }
    this.emit({ ...resource, type: 'AWS::StepFunctions::StateMachine', declaredType: resource.type, properties: props });
  }

  /** A connector adds policies to its source's role; leash does not expand them (yet), so they are an unknown of that role. */
  private connector(resource: TemplateResource): void {
    const source = isPlainObject(resource.properties.Source) ? resource.properties.Source : undefined;
    const sourceId = source && typeof source.Id === 'string' ? source.Id : undefined;
    const fn = sourceId ? this.out.get(sourceId) : undefined;
    const roleValue = fn?.type === 'AWS::Lambda::Function' ? fn.properties.Role : undefined;
    const roleId = roleValue !== undefined ? this.ctx.target(roleValue)?.id ?? (isPlainObject(roleValue) && Array.isArray(roleValue['Fn::GetAtt']) ? String(roleValue['Fn::GetAtt'][0]) : undefined) : undefined;
    const grants = roleId ? this.rolePolicies.get(roleId) : undefined;
    const loc = this.ctx.at(resource.path);
    if (grants) grants.unknowns.push(unknown(`connector ${resource.id} grants ${renderValue(resource.properties.Permissions ?? null)} on ${renderValue(resource.properties.Destination ?? null)}; leash does not expand connectors`, loc));
    this.emit({ ...resource });
  }
}

