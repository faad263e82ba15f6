/**
 * Finding fingerprints: stable when lines move (an edit above the resource), different when what
 * the finding says changes. Keyed like a baseline should be (rule, stack file, logical id, what),
 * never on line numbers.
 */
import { createHash } from 'node:crypto';

export interface FingerprintInput {
  readonly rule: string;
  readonly stackFile: string;
  readonly resource: string;
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
}

export function fingerprint(input: FingerprintInput): string {
  const data = Object.entries(input.data ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify([input.rule, input.stackFile, input.resource, input.messageId, data]);
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
