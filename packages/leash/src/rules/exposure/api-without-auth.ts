/**
 * `exposure/api-without-auth`: an API Gateway route (REST, HTTP, or a WebSocket `$connect`) that
 * invokes a function with no authorizer. `OPTIONS` routes (CORS preflight) are skipped; an API key
 * alone is reported at medium severity, because a key identifies a caller but does not
 * authenticate one; an authorization leash could not resolve is reported as unknown. A route of a
 * PRIVATE REST API is reachable only through interface VPC endpoints, not from the internet: low.
 */
import { defineRule } from '../../engine/types.js';
import type { Api, Trigger } from '../../model/types.js';
import { isKnown, renderValue } from '../../model/values.js';

const KIND_LABEL: Record<string, string> = { 'api-rest': 'REST API', 'api-http': 'HTTP API', 'api-websocket': 'WebSocket API' };

function routeLabel(trigger: Trigger): string {
  const route = trigger.api!;
  const method = isKnown(route.method) ? route.method.toUpperCase() : renderValue(route.method);
  const path = isKnown(route.path) ? route.path : renderValue(route.path);
  return trigger.kind === 'api-websocket' ? path : `${method} ${path}`;
}

export default defineRule(
  {
    id: 'exposure/api-without-auth',
    category: 'exposure',
    description: 'An API Gateway route (REST, HTTP, or WebSocket $connect) invokes a function without any authorizer, so anyone who finds the URL can call it.',
    severity: 'high',
    messages: {
      none: '{{kind}} route {{route}} invokes {{function}} with no authorization{{hint}}: anyone who finds the URL can call it.',
      privateNone: '{{kind}} route {{route}} of the private API {{api}} invokes {{function}} with no authorization{{hint}}: anything that can reach one of its VPC endpoints (as its resource policy allows) can call it.',
      apiKeyOnly: '{{kind}} route {{route}} invokes {{function}} with only an API key: an API key identifies a client for throttling and quotas, it is not authentication.',
      unknownAuth: 'Could not tell whether {{kind}} route {{route}} of {{function}} requires authorization ({{reason}}).',
    },
  },
  (context) => {
    const { stack } = context;
    const apis = new Map<string, Api>(stack.apis.map((a) => [a.id, a] as const));
    for (const fn of stack.functions) {
      for (const trigger of fn.triggers) {
        const route = trigger.api;
        if (route === undefined || !(trigger.kind in KIND_LABEL)) continue;
        if (isKnown(route.method) && route.method.toUpperCase() === 'OPTIONS') continue;
        // WebSocket authorizers exist only on $connect: other routes run inside an authorized connection.
        if (trigger.kind === 'api-websocket' && !(isKnown(route.path) && route.path === '$connect')) continue;
        const auth = route.auth;
        const api = route.apiId !== undefined ? apis.get(route.apiId) : undefined;
        const base = {
          resource: fn.id,
          loc: trigger.loc,
        };
        const data = { kind: KIND_LABEL[trigger.kind]!, route: routeLabel(trigger), function: fn.id };
        const props = {
          trigger: trigger.id,
          api: route.apiId ?? null,
          method: isKnown(route.method) ? route.method : renderValue(route.method),
          path: isKnown(route.path) ? route.path : renderValue(route.path),
          authType: auth.type,
        };
        if (auth.type === 'unknown') {
          context.report({ ...base, messageId: 'unknownAuth', data: { ...data, reason: auth.unknown?.reason ?? 'unresolved authorization' }, severity: 'medium', unknown: true, properties: props });
        } else if (auth.type === 'API_KEY' || (auth.type === 'NONE' && auth.apiKeyRequired === true)) {
          context.report({ ...base, messageId: 'apiKeyOnly', data, severity: 'medium', properties: { ...props, apiKeyRequired: true } });
        } else if (auth.type === 'NONE') {
          const unused = api?.authorizers ?? [];
          const hint = unused.length > 0 ? ` (the API defines ${unused.join(', ')} but this route uses none)` : '';
          if (api?.endpointType === 'PRIVATE') {
            context.report({ ...base, messageId: 'privateNone', data: { ...data, hint, api: api.id }, severity: 'low', properties: { ...props, unusedAuthorizers: unused, endpointType: 'PRIVATE' } });
          } else {
            context.report({ ...base, messageId: 'none', data: { ...data, hint }, severity: 'high', properties: { ...props, unusedAuthorizers: unused } });
          }
        }
      }
    }
  },
);
