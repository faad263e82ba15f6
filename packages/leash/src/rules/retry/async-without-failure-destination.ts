import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import { isKnown, isUnknown, renderValue } from '../../model/values.js';

/** Trigger kinds that only repeat (a missed run comes back at the next tick): losing one event matters less. */
const REPEATING = new Set(['schedule']);

export default defineRule(
  {
    id: 'retry/async-without-failure-destination',
    category: 'retry',
    description: 'A function invoked asynchronously (S3, SNS, EventBridge, schedules, CloudWatch Logs, IoT...) has neither a dead-letter queue nor an on-failure destination, so events it fails on are silently dropped.',
    severity: 'medium',
    messages: {
      dropped:
        'Function {{fn}} is invoked asynchronously by {{triggers}} and has no dead-letter queue and no on-failure destination: an event it fails on is retried {{retries}} and then dropped without a trace (events also expire after {{age}}). Add an OnFailure destination (EventInvokeConfig / DestinationConfig) or a DeadLetterQueue.',
      unresolved:
        'Function {{fn}} is invoked asynchronously by {{triggers}}; its retry setting {{value}} could not be resolved ({{reason}}), and it has no dead-letter queue or on-failure destination.',
    },
  },
  (context) => {
    for (const fn of context.stack.functions) {
      const asyncTriggers = fn.triggers.filter((t) => t.invocation === 'async');
      if (asyncTriggers.length === 0) continue;
      const config = fn.asyncConfig;
      if (config.deadLetter !== undefined || config.onFailure !== undefined) continue;
      const triggers = asyncTriggers.map((t) => `${t.id} (${t.kind})`).join(', ');
      const retries = config.maximumRetryAttempts;
      if (isUnknown(retries)) {
        context.report({
          messageId: 'unresolved',
          data: { fn: fn.id, triggers, value: renderValue(retries), reason: retries.reason },
          resource: fn.id,
          loc: retries.loc ?? config.loc ?? asyncTriggers[0]!.loc,
          severity: 'low',
          unknown: true,
        });
        continue;
      }
      const attempts = retries ?? 2;
      const age = config.maximumEventAgeInSeconds;
      const ageText = isKnown(age) ? `${age} s` : age === undefined ? '6 hours by default' : `${renderValue(age)} (unresolved)`;
      // A schedule fires again at its next tick; one-off events (an upload, a message) are gone for good.
      const severity: Severity = asyncTriggers.every((t) => REPEATING.has(t.kind)) ? 'low' : 'medium';
      context.report({
        messageId: 'dropped',
        data: { fn: fn.id, triggers, retries: attempts === 0 ? 'never (MaximumRetryAttempts: 0)' : attempts === 1 ? 'once' : `${attempts} times`, age: ageText },
        resource: fn.id,
        loc: config.loc ?? asyncTriggers[0]!.loc,
        severity,
        properties: { triggers: asyncTriggers.map((t) => ({ id: t.id, kind: t.kind })), maximumRetryAttempts: attempts, maximumEventAgeInSeconds: isKnown(age) ? age : undefined },
      });
    }
  },
);
