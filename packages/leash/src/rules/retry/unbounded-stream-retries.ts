import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import type { Resolved } from '../../model/values.js';
import { isUnknown, renderValue } from '../../model/values.js';

const STREAMS = new Set(['dynamodb-stream', 'kinesis']);

/** -1 (the default) means "until the record expires". */
function unbounded(value: Resolved<number> | undefined): boolean {
  return value === undefined || value === -1;
}

export default defineRule(
  {
    id: 'retry/unbounded-stream-retries',
    category: 'retry',
    description: 'A DynamoDB or Kinesis stream trigger retries a failing batch until its records expire (the default), so one bad record blocks its shard for up to a day or more.',
    severity: 'medium',
    messages: {
      unbounded:
        'Stream trigger {{trigger}} of function {{fn}} keeps the defaults MaximumRetryAttempts -1 and MaximumRecordAgeInSeconds -1: a record the function fails on is retried until it expires ({{expiry}}), and the shard makes no progress meanwhile. {{mitigation}}Set MaximumRetryAttempts (and/or MaximumRecordAgeInSeconds), with BisectBatchOnFunctionError and an OnFailure destination to keep the failed records.',
      unresolved: 'Stream trigger {{trigger}} of function {{fn}}: {{setting}} {{value}} could not be resolved ({{reason}}), so leash cannot tell whether a bad record can block the shard.',
    },
  },
  (context) => {
    for (const fn of context.stack.functions) {
      for (const trigger of fn.triggers) {
        if (!STREAMS.has(trigger.kind)) continue;
        const esm = trigger.eventSourceMapping;
        const retries = esm?.maximumRetryAttempts;
        const age = esm?.maximumRecordAgeInSeconds;
        const unresolved = isUnknown(retries) ? { setting: 'MaximumRetryAttempts', value: retries } : isUnknown(age) ? { setting: 'MaximumRecordAgeInSeconds', value: age } : undefined;
        if (unresolved !== undefined) {
          context.report({
            messageId: 'unresolved',
            data: { fn: fn.id, trigger: trigger.id, setting: unresolved.setting, value: renderValue(unresolved.value), reason: unresolved.value.reason },
            resource: fn.id,
            loc: unresolved.value.loc ?? trigger.loc,
            severity: 'low',
            unknown: true,
          });
          continue;
        }
        if (!unbounded(retries) || !unbounded(age)) continue;
        const bisect = esm?.bisectBatchOnFunctionError === true;
        const onFailure = esm?.onFailure !== undefined;
        const partial = esm?.functionResponseTypes.includes('ReportBatchItemFailures') ?? false;
        const mitigations = [bisect ? 'BisectBatchOnFunctionError' : '', onFailure ? 'an OnFailure destination' : '', partial ? 'ReportBatchItemFailures' : ''].filter(Boolean);
        // Bisecting, partial batch responses and a destination narrow the damage to the bad record
        // and keep it when it expires, but do not stop the shard from blocking on it.
        const severity: Severity = mitigations.length > 0 ? 'low' : 'medium';
        const mitigation = mitigations.length > 0 ? `${mitigations.join(' and ')} narrow${mitigations.length === 1 ? 's' : ''} the damage but do${mitigations.length === 1 ? 'es' : ''} not stop the retries. ` : '';
        context.report({
          messageId: 'unbounded',
          data: { fn: fn.id, trigger: trigger.id, expiry: trigger.kind === 'kinesis' ? 'the stream retention, 24 hours to 365 days' : '24 hours for DynamoDB streams', mitigation },
          resource: fn.id,
          loc: trigger.loc,
          severity,
          properties: { trigger: trigger.id, kind: trigger.kind, bisectBatchOnFunctionError: bisect, onFailure, reportBatchItemFailures: partial },
        });
      }
    }
  },
);
