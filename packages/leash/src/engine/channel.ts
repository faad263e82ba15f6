/**
 * Every finding is published on the `leash:scan:finding` diagnostics channel, for tools that embed
 * leash (progress bars, custom sinks). Publishing costs one boolean check when nobody subscribes.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { Finding } from './types.js';

export const FINDING_CHANNEL = 'leash:scan:finding';

const findingChannel = diagnosticsChannel.channel(FINDING_CHANNEL);

export interface FindingMessage {
  readonly finding: Finding;
}

export function publishFinding(finding: Finding): void {
  if (findingChannel.hasSubscribers) findingChannel.publish({ finding } satisfies FindingMessage);
}
