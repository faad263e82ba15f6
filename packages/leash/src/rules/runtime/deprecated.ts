import { defineRule } from '../../engine/types.js';
import type { Severity } from '../../engine/types.js';
import { isUnknown, renderValue } from '../../model/values.js';
import { assessRuntime, currentDate, runtimeLifecycle, warnDays } from '../../lambda/runtimes.js';
import type { RuntimeStatus } from '../../lambda/runtimes.js';

const SEVERITY: Record<Exclude<RuntimeStatus, 'supported'>, Severity> = {
  'update-blocked': 'high',
  'create-blocked': 'high',
  deprecated: 'high',
  approaching: 'low',
};

const LOWER: Record<Severity, Severity> = { critical: 'high', high: 'medium', medium: 'low', low: 'info', info: 'info' };

export default defineRule(
  {
    id: 'runtime/deprecated',
    category: 'runtime',
    description: 'A function runs on a Lambda runtime that is past its deprecation date (no more security patches), or will be within 180 days.',
    severity: 'high',
    messages: {
      'update-blocked':
        'Function {{fn}} runs on {{runtime}}, deprecated since {{deprecated}}: it gets no security patches and AWS blocks creating and updating functions on it{{blockedSince}}. Move to {{successor}}.{{note}}',
      'create-blocked':
        'Function {{fn}} runs on {{runtime}}, deprecated since {{deprecated}}: it gets no security patches, new functions on it cannot be created since {{blockCreate}} (a fresh deploy of this stack fails), and updates are blocked from {{blockUpdate}}. Move to {{successor}}.{{note}}',
      deprecated:
        'Function {{fn}} runs on {{runtime}}, deprecated since {{deprecated}}: it no longer gets security patches{{blockPlan}}. Move to {{successor}}.{{note}}',
      approaching: 'Function {{fn}} runs on {{runtime}}, which is deprecated on {{deprecated}} (in {{days}} days). Plan the move to {{successor}}.{{note}}',
      unresolved: 'Function {{fn}}: the runtime {{runtime}} could not be resolved ({{reason}}), so leash cannot tell whether it is deprecated.',
      unrecognised: 'Function {{fn}}: leash does not know the runtime "{{runtime}}", so it cannot tell whether it is deprecated.',
      missing: 'Function {{fn}} is a zip package without a runtime, so leash cannot tell whether it is deprecated.',
    },
  },
  (context) => {
    const now = currentDate();
    const window = warnDays();
    for (const fn of context.stack.functions) {
      // Container images carry their own runtime: their base image is out of reach of this rule.
      if (fn.packageType === 'Image') continue;
      const runtime = fn.runtime;
      if (runtime === undefined) {
        context.report({ messageId: 'missing', data: { fn: fn.id }, resource: fn.id, loc: fn.loc, severity: 'low', unknown: true });
        continue;
      }
      if (isUnknown(runtime)) {
        context.report({
          messageId: 'unresolved',
          data: { fn: fn.id, runtime: renderValue(runtime), reason: runtime.reason },
          resource: fn.id,
          loc: runtime.loc ?? fn.loc,
          severity: 'low',
          unknown: true,
          properties: { runtime: renderValue(runtime) },
        });
        continue;
      }
      const lifecycle = runtimeLifecycle(runtime);
      if (lifecycle === undefined) {
        context.report({ messageId: 'unrecognised', data: { fn: fn.id, runtime }, resource: fn.id, loc: fn.loc, severity: 'low', unknown: true, properties: { runtime } });
        continue;
      }
      const assessment = assessRuntime(lifecycle, now, window);
      if (assessment.status === 'supported') continue;
      // CDK's own helper functions (BucketDeployment, LogRetention, providers) get their runtime from
      // aws-cdk-lib: the fix is a library upgrade, not an edit, so one level lower.
      const cdkInternal = fn.tags.cdkInternal === 'true';
      const blockPlan =
        lifecycle.blockCreate !== undefined
          ? `, creating functions on it is blocked from ${lifecycle.blockCreate}${lifecycle.blockUpdate ? ` and updating them from ${lifecycle.blockUpdate}` : ''}`
          : '';
      context.report({
        messageId: assessment.status,
        data: {
          fn: fn.id,
          runtime,
          deprecated: lifecycle.deprecated,
          blockCreate: lifecycle.blockCreate ?? '',
          blockUpdate: lifecycle.blockUpdate ?? '',
          blockedSince: lifecycle.blockUpdate !== undefined ? ` (updates since ${lifecycle.blockUpdate})` : '',
          blockPlan,
          successor: lifecycle.successor,
          days: assessment.daysToDeprecation,
          note: cdkInternal ? ' This is a function CDK creates for you: upgrade aws-cdk-lib to move it.' : '',
        },
        resource: fn.id,
        loc: fn.loc,
        severity: cdkInternal ? LOWER[SEVERITY[assessment.status]] : SEVERITY[assessment.status],
        properties: {
          runtime,
          status: assessment.status,
          deprecated: lifecycle.deprecated,
          blockCreate: lifecycle.blockCreate,
          blockUpdate: lifecycle.blockUpdate,
          successor: lifecycle.successor,
          daysToDeprecation: assessment.daysToDeprecation,
          cdkInternal: cdkInternal || undefined,
        },
      });
    }
  },
);
