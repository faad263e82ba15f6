/** Every rule, sorted by id. A test checks that each rule file is listed here and has its doc and tests. */
import type { Rule } from '../engine/types.js';
import dosMaxTimeout from './dos/max-timeout.js';
import dosRecursiveTrigger from './dos/recursive-trigger.js';
import dosUnboundedConcurrency from './dos/unbounded-concurrency.js';
import networkInternetEgress from './network/internet-egress.js';
import networkSharedSubnet from './network/shared-subnet.js';
import retryAsyncWithoutFailureDestination from './retry/async-without-failure-destination.js';
import retryQueueWithoutDlq from './retry/queue-without-dlq.js';
import retryUnboundedStreamRetries from './retry/unbounded-stream-retries.js';
import runtimeDeprecated from './runtime/deprecated.js';

export const rules: readonly Rule[] = [
  dosMaxTimeout,
  dosRecursiveTrigger,
  dosUnboundedConcurrency,
  networkInternetEgress,
  networkSharedSubnet,
  retryAsyncWithoutFailureDestination,
  retryQueueWithoutDlq,
  retryUnboundedStreamRetries,
  runtimeDeprecated,
];
