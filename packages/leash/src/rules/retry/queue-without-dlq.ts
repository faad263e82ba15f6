import { defineRule } from '../../engine/types.js';
import type { CfnValue } from '../../model/values.js';
import { intrinsicName, isPlainObject, referencedLogicalId, renderValue } from '../../model/values.js';
import { stackIndex } from '../../engine/stack-index.js';

type Redrive = 'set' | 'missing' | { readonly unresolved: string };

/** Whether a queue's RedrivePolicy sends failed messages to a dead-letter queue. */
function redriveOf(value: CfnValue | undefined): Redrive {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'string') {
    // CloudFormation also takes the policy as a JSON string.
    try {
      return redriveOf(JSON.parse(value) as CfnValue);
    } catch {
      return { unresolved: `RedrivePolicy is the string ${value}` };
    }
  }
  if (!isPlainObject(value)) return { unresolved: `RedrivePolicy is ${renderValue(value)}` };
  const name = intrinsicName(value);
  if (name !== undefined) return { unresolved: `RedrivePolicy is ${renderValue(value)}` };
  return value.deadLetterTargetArn !== undefined ? 'set' : 'missing';
}

export default defineRule(
  {
    id: 'retry/queue-without-dlq',
    category: 'retry',
    description: 'An SQS queue that triggers a function has no redrive policy, so a message the function keeps failing on is retried until the queue drops it at the end of its retention period.',
    severity: 'medium',
    messages: {
      missing:
        'Queue {{queue}} triggers function {{fn}} ({{trigger}}) and has no RedrivePolicy: a message the function fails on comes back after every visibility timeout, invoking it again and again until the message expires ({{retention}}), and is then lost. {{fifo}}Add a RedrivePolicy with a dead-letter queue and maxReceiveCount (AWS advises at least 5).',
      deadLetterConsumer:
        'Queue {{queue}}, the dead-letter queue of {{sources}}, triggers function {{fn}} ({{trigger}}) and has no RedrivePolicy of its own: a message the function fails on there is retried until it expires ({{retention}}), and is then lost. {{fifo}}If these messages must not be lost, give it a RedrivePolicy too (a second-level dead-letter queue).',
      external: 'Function {{fn}} is triggered by queue {{queue}} ({{trigger}}), which is not a resource of this stack: leash cannot tell whether it has a dead-letter queue.',
      unresolved: 'Queue {{queue}} triggers function {{fn}} ({{trigger}}) but its {{reason}}, so leash cannot tell whether it has a dead-letter queue.',
    },
  },
  (context) => {
    // Queues that are the dead-letter queue of another: their consumer is the last-resort reprocessor,
    // and "add a dead-letter queue" to a dead-letter queue is one level less urgent.
    const deadLetterOf = new Map<string, string[]>();
    for (const source of context.stack.resources) {
      if (source.type !== 'AWS::SQS::Queue') continue;
      const policy = source.properties.RedrivePolicy;
      const target = isPlainObject(policy) ? referencedLogicalId(policy.deadLetterTargetArn ?? null) : undefined;
      if (target !== undefined) deadLetterOf.set(target, [...(deadLetterOf.get(target) ?? []), source.id]);
    }
    for (const fn of context.stack.functions) {
      for (const trigger of fn.triggers) {
        if (trigger.kind !== 'sqs') continue;
        const queueId = trigger.source?.resourceId;
        const queue = queueId !== undefined ? stackIndex(context.stack).resourceById(queueId) : undefined;
        if (queue === undefined) {
          context.report({
            messageId: 'external',
            data: { fn: fn.id, queue: renderValue(trigger.source?.value) || queueId || '?', trigger: trigger.id },
            resource: fn.id,
            loc: trigger.source?.loc ?? trigger.loc,
            severity: 'info',
            unknown: true,
          });
          continue;
        }
        const redrive = redriveOf(queue.properties.RedrivePolicy);
        if (redrive === 'set') continue;
        if (redrive !== 'missing') {
          context.report({ messageId: 'unresolved', data: { fn: fn.id, queue: queue.id, trigger: trigger.id, reason: redrive.unresolved }, resource: fn.id, loc: queue.loc, severity: 'low', unknown: true });
          continue;
        }
        const fifo = queue.properties.FifoQueue === true || queue.properties.FifoQueue === 'true';
        const retention = queue.properties.MessageRetentionPeriod;
        const sources = deadLetterOf.get(queue.id);
        context.report({
          messageId: sources ? 'deadLetterConsumer' : 'missing',
          data: {
            sources: sources?.join(', ') ?? '',
            fn: fn.id,
            queue: queue.id,
            trigger: trigger.id,
            retention: retention === undefined ? '4 days by default' : `MessageRetentionPeriod ${renderValue(retention)} s`,
            fifo: fifo ? 'On this FIFO queue the failing message also blocks every later message of its group. ' : '',
          },
          resource: fn.id,
          loc: queue.loc,
          severity: sources ? (fifo ? 'medium' : 'low') : fifo ? 'high' : 'medium',
          properties: { queue: queue.id, trigger: trigger.id, fifo, ...(sources ? { deadLetterQueueOf: sources } : {}) },
        });
      }
    }
  },
);
