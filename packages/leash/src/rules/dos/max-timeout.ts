import { defineRule } from '../../engine/types.js';
import type { RuleContext } from '../../engine/types.js';
import type { LambdaFunction, Trigger } from '../../model/types.js';
import { isKnown, isUnknown, renderValue } from '../../model/values.js';
import type { CfnValue } from '../../model/values.js';
import { stackIndex } from '../../engine/stack-index.js';

/** Lambda's hard maximum. */
export const MAX_TIMEOUT = 900;
/** How long each API flavour waits for its integration (REST: 29 s default; HTTP: 30 s hard limit; WebSocket: 29 s). */
const API_WAIT: Partial<Record<Trigger['kind'], { seconds: number; name: string }>> = {
  'api-rest': { seconds: 29, name: 'API Gateway REST APIs stop waiting after 29 s (the default integration timeout)' },
  'api-http': { seconds: 30, name: 'API Gateway HTTP APIs stop waiting after 30 s (a hard limit)' },
  'api-websocket': { seconds: 29, name: 'API Gateway WebSocket APIs stop waiting after 29 s' },
};
/** Up to this timeout, a function behind API Gateway overruns its caller by seconds, not minutes. */
const SMALL_OVERRUN = 60;
/** SQS's default VisibilityTimeout. */
const SQS_DEFAULT_VISIBILITY = 30;
/** AWS's advice: a queue's visibility timeout should be at least six times the function's timeout. */
const VISIBILITY_FACTOR = 6;

export default defineRule(
  {
    id: 'dos/max-timeout',
    category: 'dos',
    description: 'A function timeout is set to the 900 s maximum, is longer than its trigger can wait, or is too long for the visibility timeout of the SQS queue that feeds it.',
    severity: 'low',
    messages: {
      maximum:
        'Function {{fn}} has the maximum timeout of 900 s: a hung call (a slow dependency, a retry loop, a flood of requests) bills 15 minutes per invocation. Set the timeout just above the longest run you expect.',
      beyondApi:
        'Function {{fn}} has a timeout of {{timeout}} s but is invoked by {{trigger}}: {{limit}}, so the client gets a 504 while the function keeps running and billing for up to {{timeout}} s. Set the timeout to {{seconds}} s or less, or make the work asynchronous.',
      visibilityBelowTimeout:
        'Function {{fn}} has a timeout of {{timeout}} s but queue {{queue}} hides a received message for only {{visibility}} s{{defaulted}}: the message reappears while the first invocation still runs and is processed twice. Set the queue VisibilityTimeout to at least {{advised}} s (6 × the timeout).',
      visibilityShort:
        'Queue {{queue}} has a VisibilityTimeout of {{visibility}} s{{defaulted}}, less than 6 × the {{timeout}} s timeout of function {{fn}} (AWS advice: {{advised}} s): throttled or retried batches reappear early and are processed again (a retry storm).',
      unresolvedTimeout: 'Function {{fn}}: the timeout {{value}} could not be resolved ({{reason}}), so leash cannot check it against 900 s or its triggers.',
      unresolvedQueue: 'Function {{fn}} reads queue {{queue}}, whose visibility timeout leash cannot see ({{reason}}): check it is at least 6 × the {{timeout}} s timeout.',
    },
  },
  (context) => {
    for (const fn of context.stack.functions) {
      const timeout = fn.timeout;
      if (isUnknown(timeout)) {
        context.report({
          messageId: 'unresolvedTimeout',
          data: { fn: fn.id, value: renderValue(timeout), reason: timeout.reason },
          resource: fn.id,
          loc: timeout.loc ?? fn.loc,
          severity: 'info',
          unknown: true,
        });
        continue;
      }
      if (timeout >= MAX_TIMEOUT) {
        context.report({ messageId: 'maximum', data: { fn: fn.id, timeout }, resource: fn.id, loc: fn.loc, severity: 'low', properties: { timeout } });
      }
      for (const trigger of fn.triggers) {
        const wait = API_WAIT[trigger.kind];
        if (wait !== undefined && timeout > wait.seconds) {
          context.report({
            messageId: 'beyondApi',
            data: { fn: fn.id, timeout, trigger: describeApi(trigger), limit: wait.name, seconds: wait.seconds },
            resource: fn.id,
            loc: trigger.loc,
            // A few seconds over the limit (the common `Timeout: 30`) bills little; minutes over it bill a lot per retry.
            severity: timeout > SMALL_OVERRUN ? 'medium' : 'low',
            properties: { timeout, trigger: trigger.id, kind: trigger.kind, integrationTimeout: wait.seconds },
          });
        }
        if (trigger.kind === 'sqs') checkQueue(context, fn, trigger, timeout);
      }
    }
  },
);

function describeApi(trigger: Trigger): string {
  const route = trigger.api;
  const method = isKnown(route?.method) ? route.method.toUpperCase() : '';
  const path = isKnown(route?.path) ? route.path : '';
  return `${trigger.id}${method || path ? ` (${`${method} ${path}`.trim()})` : ''}`;
}

function checkQueue(context: RuleContext, fn: LambdaFunction, trigger: Trigger, timeout: number): void {
  const queueId = trigger.source?.resourceId;
  const queue = queueId !== undefined ? stackIndex(context.stack).resourceById(queueId) : undefined;
  const advised = timeout * VISIBILITY_FACTOR;
  if (queue === undefined) {
    context.report({
      messageId: 'unresolvedQueue',
      data: { fn: fn.id, queue: renderValue(trigger.source?.value) || trigger.id, reason: 'the queue is not a resource of this stack', timeout },
      resource: fn.id,
      loc: trigger.loc,
      severity: 'info',
      unknown: true,
    });
    return;
  }
  const raw: CfnValue | undefined = queue.properties.VisibilityTimeout;
  const visibility = raw === undefined ? SQS_DEFAULT_VISIBILITY : toNumber(raw);
  if (visibility === undefined) {
    context.report({
      messageId: 'unresolvedQueue',
      data: { fn: fn.id, queue: queue.id, reason: `VisibilityTimeout is ${renderValue(raw)}`, timeout },
      resource: fn.id,
      loc: trigger.loc,
      severity: 'info',
      unknown: true,
    });
    return;
  }
  if (visibility >= advised) return;
  const data = { fn: fn.id, queue: queue.id, visibility, timeout, advised, defaulted: raw === undefined ? ' (the default)' : '' };
  const properties = { queue: queue.id, visibilityTimeout: visibility, timeout, advised };
  if (visibility < timeout) {
    context.report({ messageId: 'visibilityBelowTimeout', data, resource: fn.id, loc: queue.loc, severity: 'medium', properties });
  } else {
    context.report({ messageId: 'visibilityShort', data, resource: fn.id, loc: queue.loc, severity: 'low', properties });
  }
}

function toNumber(value: CfnValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}
