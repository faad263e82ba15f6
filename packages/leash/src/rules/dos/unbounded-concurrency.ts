import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import type { AppModel, LambdaFunction, Resource } from '../../model/types.js';
import type { SourceLocation } from '../../model/source.js';
import { isKnown, isUnknown, referencedLogicalId, renderValue } from '../../model/values.js';
import type { CfnValue } from '../../model/values.js';
import { stackIndex } from '../../engine/stack-index.js';

/** How the function can be reached from outside the account. */
interface Exposure {
  readonly via: 'api' | 'url' | 'permission' | 'alb';
  /** `anonymous`: anyone on the internet; `authenticated`: behind an authorizer (anyone with a token, a sign-up or a key); `unknown`: leash could not tell. */
  readonly access: 'anonymous' | 'authenticated' | 'unknown';
  /** Words for the message: `API ServerlessRestApi GET /orders without auth`. */
  readonly what: string;
  /** Whether something in front of the function limits the request rate. */
  readonly throttled: boolean;
  readonly loc: SourceLocation;
}

/** GB-seconds one invocation may bill at most; from here a flood costs real money per request. */
const COSTLY_GB_SECONDS = 100;

const HIGHER: Record<Severity, Severity> = { critical: 'critical', high: 'critical', medium: 'high', low: 'medium', info: 'low' };

/**
 * Who can reach an ALB target group: follow the listeners (and listener rules) that forward to it
 * to their load balancer's `Scheme` (internet-facing by default); `authenticate-cognito` /
 * `authenticate-oidc` actions in front make it authenticated.
 */
function albAccess(stack: AppModel, targetGroupId: string, eventListener: CfnValue | undefined): { access: Exposure['access'] | 'internal'; what: string } {
  const byId = new Map(stack.resources.map((r) => [r.id, r]));
  // Serverless Framework `alb` events name their listener; the target group is generated.
  if (eventListener !== undefined) {
    const listenerId = referencedLogicalId(eventListener);
    const listener = listenerId !== undefined ? byId.get(listenerId) : undefined;
    if (listener === undefined) return { access: 'unknown', what: `listener ${renderValue(eventListener)} (not in the stack)` };
    return schemeAccess(byId, [{ listener, authenticated: false }], targetGroupId);
  }
  const forwardsHere = (actions: CfnValue | undefined): boolean => JSON.stringify(actions ?? null).includes(`"${targetGroupId}"`);
  const authenticates = (actions: CfnValue | undefined): boolean => /"authenticate-(cognito|oidc)"/i.test(JSON.stringify(actions ?? null));
  const routes: { listener: Resource; authenticated: boolean }[] = [];
  for (const resource of stack.resources) {
    if (resource.type === 'AWS::ElasticLoadBalancingV2::Listener' && forwardsHere(resource.properties.DefaultActions)) {
      routes.push({ listener: resource, authenticated: authenticates(resource.properties.DefaultActions) });
    } else if (resource.type === 'AWS::ElasticLoadBalancingV2::ListenerRule' && forwardsHere(resource.properties.Actions)) {
      const listenerId = referencedLogicalId(resource.properties.ListenerArn);
      const listener = listenerId !== undefined ? byId.get(listenerId) : undefined;
      if (listener === undefined) return { access: 'unknown', what: `target ${targetGroupId} (listener ${renderValue(resource.properties.ListenerArn)} is not in the stack)` };
      routes.push({ listener, authenticated: authenticates(resource.properties.Actions) });
    }
  }
  if (routes.length === 0) return { access: 'unknown', what: `target ${targetGroupId} (no listener in the stack forwards to it)` };
  return schemeAccess(byId, routes, targetGroupId);
}

function schemeAccess(byId: Map<string, Resource>, routes: { listener: Resource; authenticated: boolean }[], targetGroupId: string): { access: Exposure['access'] | 'internal'; what: string } {
  let best: { access: Exposure['access'] | 'internal'; what: string } = { access: 'internal', what: '' };
  for (const route of routes) {
    const lbId = referencedLogicalId(route.listener.properties.LoadBalancerArn);
    const lb = lbId !== undefined ? byId.get(lbId) : undefined;
    if (lb === undefined) return { access: 'unknown', what: `target ${targetGroupId} (load balancer ${renderValue(route.listener.properties.LoadBalancerArn)} is not in the stack)` };
    const scheme = lb.properties.Scheme;
    if (scheme === 'internal') continue;
    if (scheme !== undefined && scheme !== 'internet-facing') return { access: 'unknown', what: `${lb.id} (Scheme ${renderValue(scheme)} unresolved)` };
    const access = route.authenticated ? 'authenticated' : 'anonymous';
    if (best.access === 'internal' || (best.access === 'authenticated' && access === 'anonymous')) {
      best = { access, what: `${lb.id} (internet-facing${route.authenticated ? ', authenticate action' : ''}) → ${targetGroupId}` };
    }
  }
  return best;
}

function exposures(stack: AppModel, fn: LambdaFunction): Exposure[] {
  const found: Exposure[] = [];
  for (const trigger of fn.triggers) {
    if (trigger.kind === 'api-rest' || trigger.kind === 'api-http' || trigger.kind === 'api-websocket') {
      const route = trigger.api;
      const api = route?.apiId !== undefined ? stackIndex(stack).apiById(route.apiId) : undefined;
      // A PRIVATE API is reached only through VPC endpoints, like an internal load balancer: no flood from the internet.
      if (api?.endpointType === 'PRIVATE') continue;
      const throttled = api !== undefined && (api.throttling !== undefined || api.hasUsagePlan);
      const where = `${api?.id ?? route?.apiId ?? 'API'} ${isKnown(route?.method) ? route.method.toUpperCase() : ''} ${isKnown(route?.path) ? route.path : ''}`.replace(/\s+/g, ' ').trim();
      const auth = route?.auth.type ?? 'unknown';
      if (auth === 'NONE' || auth === 'API_KEY') {
        found.push({ via: 'api', access: 'anonymous', what: `${where} (${auth === 'API_KEY' ? 'API key only' : 'no authorization'})`, throttled, loc: trigger.loc });
      } else if (auth === 'unknown') {
        found.push({ via: 'api', access: 'unknown', what: `${where} (authorization unknown${route?.auth.unknown ? `: ${route.auth.unknown.reason}` : ''})`, throttled, loc: trigger.loc });
      } else if (auth === 'AWS_IAM') {
        // Only signed callers the account allows get through; unsigned floods stop at API Gateway.
        continue;
      } else {
        found.push({ via: 'api', access: 'authenticated', what: `${where} (${auth} authorizer)`, throttled, loc: trigger.loc });
      }
    } else if (trigger.kind === 'alb') {
      const alb = albAccess(stack, trigger.id, trigger.properties.listenerArn);
      if (alb.access === 'internal') continue;
      // ALB has no per-target rate limit.
      found.push({ via: 'alb', access: alb.access, what: `load balancer ${alb.what}`, throttled: false, loc: trigger.loc });
    }
  }
  if (fn.url !== undefined) {
    const authType = fn.url.authType;
    if (isUnknown(authType)) found.push({ via: 'url', access: 'unknown', what: `function URL (AuthType ${renderValue(authType)} unresolved)`, throttled: false, loc: fn.url.loc });
    else if (authType === 'NONE') found.push({ via: 'url', access: 'anonymous', what: 'a public function URL (AuthType NONE)', throttled: false, loc: fn.url.loc });
  }
  for (const permission of stack.permissions) {
    if (permission.functionId !== fn.id) continue;
    // The URL's own permission is covered by the URL above.
    if (permission.functionUrlAuthType !== undefined) continue;
    const principal = permission.principal;
    if (isUnknown(principal)) {
      found.push({ via: 'permission', access: 'unknown', what: `permission ${permission.id} (principal ${renderValue(principal)} unresolved)`, throttled: false, loc: permission.loc });
    } else if (principal === '*' && permission.sourceArn === undefined && permission.sourceAccount === undefined && permission.principalOrgId === undefined) {
      found.push({ via: 'permission', access: 'anonymous', what: `permission ${permission.id} (Principal "*")`, throttled: false, loc: permission.loc });
    }
  }
  return found;
}

export default defineRule(
  {
    id: 'dos/unbounded-concurrency',
    category: 'dos',
    description: 'A function that can be invoked from the internet has no reserved concurrency, so a flood of requests scales it to the account limit and bills every invocation (denial of wallet).',
    severity: 'medium',
    messages: {
      unbounded:
        'Function {{fn}} can be invoked through {{exposure}} and has no reserved concurrency: a flood of requests scales it up to the account concurrency limit (starving every other function) and bills each invocation — up to {{timeout}} s at {{memory}} MB ({{gbSeconds}} GB-s). {{throttling}}Set ReservedConcurrentExecutions to the most this function should ever run at once.',
      unresolved: 'Function {{fn}} can be invoked through {{exposure}}, and its reserved concurrency {{value}} could not be resolved ({{reason}}): leash cannot tell whether its concurrency is bounded.',
    },
  },
  (context) => {
    for (const fn of context.stack.functions) {
      const reserved = fn.reservedConcurrency;
      // Any known number bounds it; 0 disables the function altogether.
      if (isKnown(reserved)) continue;
      const found = exposures(context.stack, fn);
      if (found.length === 0) continue;
      const ordered = [...found].sort((a, b) => rank(a) - rank(b));
      const worst = ordered[0]!;
      const exposure = ordered.map((e) => e.what).join(', ');
      const properties = {
        exposures: ordered.map((e) => ({ via: e.via, access: e.access, what: e.what, throttled: e.throttled })),
        timeout: isKnown(fn.timeout) ? fn.timeout : undefined,
        memorySize: isKnown(fn.memorySize) ? fn.memorySize : undefined,
      };
      if (isUnknown(reserved)) {
        context.report({
          messageId: 'unresolved',
          data: { fn: fn.id, exposure, value: renderValue(reserved), reason: reserved.reason },
          resource: fn.id,
          loc: reserved.loc ?? worst.loc,
          severity: 'low',
          unknown: true,
          properties,
        });
        continue;
      }
      const timeout = isKnown(fn.timeout) ? fn.timeout : undefined;
      const memory = isKnown(fn.memorySize) ? fn.memorySize : undefined;
      const gbSeconds = timeout !== undefined && memory !== undefined ? Math.round((memory / 1024) * timeout * 10) / 10 : undefined;
      // Anonymous and unthrottled is the real denial of wallet; behind an authorizer or a
      // throttle the attacker needs a token or is rate-limited, so one level lower.
      // An exposure leash could not qualify counts as anonymous: unknown is never a pass.
      let severity: Severity = worst.access !== 'authenticated' && !worst.throttled ? 'medium' : 'low';
      if (gbSeconds !== undefined && gbSeconds >= COSTLY_GB_SECONDS) severity = HIGHER[severity];
      const apis = ordered.filter((e) => e.via === 'api');
      let throttling = '';
      if (apis.some((e) => !e.throttled)) throttling = 'The API has no stage throttling or usage plan either. ';
      else if (apis.length > 0) throttling = 'The API throttles requests, which limits the rate but not how many run at once. ';
      if (ordered.some((e) => e.via === 'url')) throttling += 'Function URLs have no throttling of their own. ';
      context.report({
        messageId: 'unbounded',
        data: {
          fn: fn.id,
          exposure,
          timeout: timeout ?? renderValue(fn.timeout),
          memory: memory ?? renderValue(fn.memorySize),
          gbSeconds: gbSeconds ?? '?',
          throttling,
        },
        resource: fn.id,
        loc: worst.loc,
        severity,
        unknown: worst.access === 'unknown',
        properties: { ...properties, gbSecondsPerInvocation: gbSeconds },
      });
    }
  },
);

function rank(e: Exposure): number {
  // Worst first: unthrottled before throttled, then anonymous, unknown, authenticated.
  const access = e.access === 'anonymous' ? 0 : e.access === 'unknown' ? 1 : 2;
  return (e.throttled ? 3 : 0) + access;
}
