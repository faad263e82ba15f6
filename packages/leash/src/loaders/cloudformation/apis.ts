/** API Gateway REST / HTTP / WebSocket APIs and Lambda resource-based permissions. */
import type { Api, LambdaPermission } from '../../model/types.js';
import { isPlainObject, renderValue, unknown, type CfnValue, type Resolved } from '../../model/values.js';
import type { BuildContext } from './context.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function buildPermissions(ctx: BuildContext): LambdaPermission[] {
  const out: LambdaPermission[] = [];
  for (const permission of ctx.ofType('AWS::Lambda::Permission')) {
    const p = permission.properties;
    const r = ctx.resolver;
    const fn = ctx.functionTarget(p.FunctionName);
    const model: Mutable<LambdaPermission> = {
      id: permission.id,
      loc: ctx.at(permission.path),
      action: r.string(p.Action, ctx.loc(permission, 'Action')) ?? unknown('the permission has no Action', ctx.loc(permission)),
      principal: r.string(p.Principal, ctx.loc(permission, 'Principal')) ?? unknown('the permission has no Principal', ctx.loc(permission)),
      generated: permission.generated,
      suppressions: [],
    };
    if (fn) model.functionId = ctx.functionIds.get(fn.id) ?? fn.id;
    if (p.SourceArn !== undefined) model.sourceArn = r.resolve(p.SourceArn);
    if (p.SourceAccount !== undefined) model.sourceAccount = r.resolve(p.SourceAccount);
    if (p.PrincipalOrgID !== undefined) model.principalOrgId = r.resolve(p.PrincipalOrgID);
    const urlAuth = r.string(p.FunctionUrlAuthType, ctx.loc(permission, 'FunctionUrlAuthType'));
    if (urlAuth !== undefined) model.functionUrlAuthType = urlAuth;
    out.push(model);
  }
  return out;
}

/**
 * The endpoint type of a REST API: CloudFormation writes `{Types: [PRIVATE]}`, SAM `PRIVATE` or
 * `{Type: PRIVATE}` (the SAM transform copies its value onto the generated RestApi).
 */
function endpointType(ctx: BuildContext, value: CfnValue | undefined): Resolved<string> | undefined {
  if (value === undefined) return undefined;
  const folded = ctx.resolver.resolve(value);
  const raw = isPlainObject(folded) && !('Fn::If' in folded) ? (folded.Types ?? folded.Type) : folded;
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return undefined;
  if (typeof first === 'string') return first.toUpperCase();
  return unknown(`endpoint type ${renderValue(first ?? null)} cannot be resolved before deployment`, undefined, first ?? null);
}

export function buildApis(ctx: BuildContext): Api[] {
  const r = ctx.resolver;
  const fromExtras = new Map((ctx.options.extras?.apis ?? []).map((api) => [api.id, api]));
  const apis: Api[] = [];
  const authorizersOf = new Map<string, string[]>();
  for (const authorizer of ctx.ofType('AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer')) {
    const api = ctx.target(authorizer.properties.RestApiId ?? authorizer.properties.ApiId);
    if (!api) continue;
    const list = authorizersOf.get(api.id) ?? [];
    list.push(authorizer.id);
    authorizersOf.set(api.id, list);
  }
  const throttles = new Map<string, { rateLimit?: Resolved<number>; burstLimit?: Resolved<number> }>();
  const noteThrottle = (apiId: string, settings: CfnValue | undefined, rateKey: string, burstKey: string): void => {
    const list = Array.isArray(settings) ? settings : settings !== undefined ? [settings] : [];
    for (const entry of list) {
      if (!isPlainObject(entry)) continue;
      const rateLimit = r.number(entry[rateKey]);
      const burstLimit = r.number(entry[burstKey]);
      if (rateLimit === undefined && burstLimit === undefined) continue;
      throttles.set(apiId, { ...(rateLimit !== undefined ? { rateLimit } : {}), ...(burstLimit !== undefined ? { burstLimit } : {}) });
    }
  };
  for (const stage of ctx.ofType('AWS::ApiGateway::Stage')) {
    const api = ctx.target(stage.properties.RestApiId, 'AWS::ApiGateway::RestApi');
    if (api) noteThrottle(api.id, r.resolve(stage.properties.MethodSettings ?? null) ?? undefined, 'ThrottlingRateLimit', 'ThrottlingBurstLimit');
  }
  for (const stage of ctx.ofType('AWS::ApiGatewayV2::Stage')) {
    const api = ctx.target(stage.properties.ApiId, 'AWS::ApiGatewayV2::Api');
    if (!api) continue;
    noteThrottle(api.id, r.resolve(stage.properties.DefaultRouteSettings ?? null) ?? undefined, 'ThrottlingRateLimit', 'ThrottlingBurstLimit');
    const routes = r.resolve(stage.properties.RouteSettings ?? null);
    if (isPlainObject(routes)) noteThrottle(api.id, Object.values(routes), 'ThrottlingRateLimit', 'ThrottlingBurstLimit');
  }
  const withUsagePlan = new Set<string>();
  for (const plan of ctx.ofType('AWS::ApiGateway::UsagePlan')) {
    for (const stage of ctx.listOf(plan.properties.ApiStages)) {
      if (!isPlainObject(stage)) continue;
      const api = ctx.target(stage.ApiId, 'AWS::ApiGateway::RestApi');
      if (api) withUsagePlan.add(api.id);
    }
  }
  for (const resource of ctx.ofType('AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api')) {
    const extra = fromExtras.get(resource.id);
    const endpoint = resource.type === 'AWS::ApiGateway::RestApi' ? endpointType(ctx, resource.properties.EndpointConfiguration) : undefined;
    if (extra) {
      // The transform knows the auth; usage plans and stages written by the user still count.
      const throttling = extra.throttling ?? throttles.get(resource.id);
      apis.push({
        ...extra,
        hasUsagePlan: extra.hasUsagePlan || withUsagePlan.has(resource.id),
        ...(throttling ? { throttling } : {}),
        ...(extra.endpointType === undefined && endpoint !== undefined ? { endpointType: endpoint } : {}),
      });
      fromExtras.delete(resource.id);
      continue;
    }
    const protocol = resource.type === 'AWS::ApiGatewayV2::Api' ? r.string(resource.properties.ProtocolType) : undefined;
    const api: Mutable<Api> = {
      id: resource.id,
      kind: resource.type === 'AWS::ApiGateway::RestApi' ? 'rest' : protocol === 'WEBSOCKET' ? 'websocket' : 'http',
      loc: ctx.at(resource.path),
      generated: resource.generated,
      authorizers: authorizersOf.get(resource.id) ?? [],
      hasUsagePlan: withUsagePlan.has(resource.id),
      suppressions: [],
    };
    const throttling = throttles.get(resource.id);
    if (throttling) api.throttling = throttling;
    if (endpoint !== undefined) api.endpointType = endpoint;
    apis.push(api);
  }
  apis.push(...fromExtras.values());
  return apis;
}
