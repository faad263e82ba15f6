/**
 * The contract between the IAM data tables (catalog, managed policies, SAM policy templates),
 * the loaders that expand declared policies, and the policy engine (evaluator, generator, comparison).
 */
import type { CfnValue } from '../model/values.js';

/** A policy statement as IAM JSON has it (before it is attached to a model role). */
export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: CfnValue;
  NotResource?: CfnValue;
  Condition?: Record<string, Record<string, CfnValue>>;
}

export interface IamPolicyDocument {
  Version?: string;
  Statement: IamStatement[] | IamStatement;
}

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface ActionInfo {
  /** `s3:GetObject`, with the catalog's casing. */
  readonly action: string;
  readonly service: string;
  readonly name: string;
  readonly accessLevel: AccessLevel;
  /** Resource type keys the action can be scoped to (`object`, `table`); empty when it only takes `*`. */
  readonly resourceTypes: readonly string[];
  /** True when the action supports no resource-level permissions (only `Resource: "*"`). */
  readonly wildcardOnly: boolean;
  /** True when every resource type the action can be scoped to is optional (`cloudwatch:PutMetricData` → `dataset`): `*` is a valid resource. */
  readonly optionalResourcesOnly?: boolean;
}

/**
 * What an allowed action can be abused for (see `risk.ts` for the sourced tables):
 * - `privilege-escalation`: gain more permissions than the role has (alone or combined with others);
 * - `credential-exposure`: obtain credentials, tokens or keys;
 * - `data-access`: read stored data (objects, items, secrets, messages, logs, code);
 * - `exfiltration`: the unconstrained reads Cloudsplaining calls data exfiltration, and actions that copy data out of the account;
 * - `resource-exposure`: change who can access a resource (resource policies, ACLs, sharing, IAM writes);
 * - `compute-abuse`: start paid compute (mining, LLM-jacking) or send mail at scale.
 */
export type RiskClass = 'privilege-escalation' | 'credential-exposure' | 'data-access' | 'exfiltration' | 'resource-exposure' | 'compute-abuse';
