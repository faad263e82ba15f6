/** Every rule, sorted by id. A test checks that each rule file is listed here and has its doc and tests. */
import type { Rule } from '../engine/types.js';
import dosMaxTimeout from './dos/max-timeout.js';
import dosRecursiveTrigger from './dos/recursive-trigger.js';
import dosUnboundedConcurrency from './dos/unbounded-concurrency.js';
import exposureApiWithoutAuth from './exposure/api-without-auth.js';
import exposureFunctionUrlPublic from './exposure/function-url-public.js';
import exposurePublicInvoke from './exposure/public-invoke.js';
import iamDangerousAction from './iam/dangerous-action.js';
import iamMissingPermission from './iam/missing-permission.js';
import iamPrivilegeEscalation from './iam/privilege-escalation.js';
import iamSharedRole from './iam/shared-role.js';
import iamUnusedPermission from './iam/unused-permission.js';
import iamWildcardAction from './iam/wildcard-action.js';
import iamWildcardResource from './iam/wildcard-resource.js';
import networkInternetEgress from './network/internet-egress.js';
import networkSharedSubnet from './network/shared-subnet.js';
import retryAsyncWithoutFailureDestination from './retry/async-without-failure-destination.js';
import retryQueueWithoutDlq from './retry/queue-without-dlq.js';
import retryUnboundedStreamRetries from './retry/unbounded-stream-retries.js';
import runtimeDeprecated from './runtime/deprecated.js';
import runtimeNoEgressControl from './runtime/no-egress-control.js';
import secretsPlaintextEnv from './secrets/plaintext-env.js';

export const rules: readonly Rule[] = [
  dosMaxTimeout,
  dosRecursiveTrigger,
  dosUnboundedConcurrency,
  exposureApiWithoutAuth,
  exposureFunctionUrlPublic,
  exposurePublicInvoke,
  iamDangerousAction,
  iamMissingPermission,
  iamPrivilegeEscalation,
  iamSharedRole,
  iamUnusedPermission,
  iamWildcardAction,
  iamWildcardResource,
  networkInternetEgress,
  networkSharedSubnet,
  retryAsyncWithoutFailureDestination,
  retryQueueWithoutDlq,
  retryUnboundedStreamRetries,
  runtimeDeprecated,
  runtimeNoEgressControl,
  secretsPlaintextEnv,
];
