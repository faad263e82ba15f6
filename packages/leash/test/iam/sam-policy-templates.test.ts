import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnValue } from '../../src/model/values.js';
import { SAM_POLICY_TEMPLATES, expandSamPolicyTemplate, samPolicyTemplateNames } from '../../src/iam/sam-policy-templates.js';
import type { IamStatement } from '../../src/iam/types.js';
import { ORACLES_DIR, hasOracles } from './shared.js';

function expand(name: string, parameters: Record<string, CfnValue>): IamStatement[] {
  const result = expandSamPolicyTemplate(name, parameters);
  if (!result || 'error' in result) throw new Error(`expected statements, got ${JSON.stringify(result)}`);
  return result.statements;
}

describe('expandSamPolicyTemplate', () => {
  it('keeps an intrinsic parameter value in the Fn::Sub variable map', () => {
    const [statement] = expand('DynamoDBCrudPolicy', { TableName: { Ref: 'Orders' } });
    expect(statement!.Effect).toBe('Allow');
    expect(statement!.Action).toContain('dynamodb:ConditionCheckItem');
    expect(statement!.Resource).toEqual([
      { 'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}', { TableName: { Ref: 'Orders' } }] },
      { 'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}/index/*', { TableName: { Ref: 'Orders' } }] },
    ]);
  });

  it('writes a literal parameter value into the text', () => {
    const [statement] = expand('S3ReadPolicy', { BucketName: 'my-bucket' });
    expect(statement!.Resource).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-bucket' }, { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-bucket/*' }]);
    expect(statement!.Action).toEqual(['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration']);
  });

  it('escapes ${ in a literal value so Fn::Sub leaves it alone', () => {
    const [statement] = expand('SQSSendMessagePolicy', { QueueName: 'q-${x}' });
    expect(statement!.Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q-${!x}' });
  });

  it('uses the value itself when the resource is just the parameter', () => {
    const [statement] = expand('AWSSecretsManagerGetSecretValuePolicy', { SecretArn: { Ref: 'Secret' } });
    expect(statement!.Resource).toEqual({ Ref: 'Secret' });
  });

  it('substitutes parameters inside conditions', () => {
    const [statement] = expand('EFSWriteAccessPolicy', { FileSystem: { Ref: 'Fs' }, AccessPoint: 'fsap-1' });
    expect(statement!.Condition).toEqual({
      StringEquals: { 'elasticfilesystem:AccessPointArn': { 'Fn::Sub': 'arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/fsap-1' } },
    });
  });

  it('expands templates without parameters', () => {
    expect(expand('VPCAccessPolicy', {})[0]!.Resource).toBe('*');
    expect(expand('CloudFormationDescribeStacksPolicy', {})[0]!.Resource).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*',
    });
  });

  it('reports a missing or malformed parameter, ignores extra ones', () => {
    expect(expandSamPolicyTemplate('DynamoDBCrudPolicy', {})).toEqual({ error: expect.stringContaining('TableName') });
    expect(expandSamPolicyTemplate('DynamoDBStreamReadPolicy', { TableName: 't' })).toEqual({ error: expect.stringContaining('StreamName') });
    expect(expandSamPolicyTemplate('S3ReadPolicy', { BucketName: { Not: 'intrinsic' } })).toEqual({ error: expect.stringContaining('BucketName') });
    expect(expandSamPolicyTemplate('S3ReadPolicy', { BucketName: 'b', Extra: 'x' })).toHaveProperty('statements');
  });

  it('returns undefined for an unknown template', () => {
    expect(expandSamPolicyTemplate('DynamoDBEverythingPolicy', { TableName: 't' })).toBeUndefined();
    expect(expandSamPolicyTemplate('toString', {})).toBeUndefined();
  });

  it('has 81 templates', () => {
    expect(samPolicyTemplateNames()).toHaveLength(81);
  });
});

/** Renders a resource or condition value with every Fn::Sub variable substituted; `{Ref: P}` becomes `<P>`. */
function render(value: CfnValue, refName: (ref: string) => string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (typeof value.Ref === 'string') return `<${refName(value.Ref)}>`;
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') return sub.replaceAll('${!', '${');
    if (Array.isArray(sub)) {
      let text = sub[0] as string;
      for (const [k, v] of Object.entries(sub[1] as Record<string, CfnValue>)) text = text.replaceAll(`\${${k}}`, render(v, refName));
      return text.replaceAll('${!', '${');
    }
  }
  return JSON.stringify(value);
}

interface Normalized {
  effect: string;
  actions: string[];
  resources: string[];
  condition: string;
}

function normalize(statements: IamStatement[], refName: (ref: string) => string): Normalized[] {
  return statements
    .map((s) => ({
      effect: s.Effect,
      actions: [...new Set([s.Action ?? []].flat())].sort(),
      resources: [s.Resource ?? []].flat().map((r) => render(r as CfnValue, refName)).sort(),
      condition: JSON.stringify(
        Object.fromEntries(Object.entries(s.Condition ?? {}).map(([op, e]) => [op, Object.fromEntries(Object.entries(e).map(([k, v]) => [k, render(v, refName)]))])),
      ),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.skipIf(!hasOracles)('SAM policy templates vs SAM policy_templates.json (oracle)', () => {
  const oracle = hasOracles
    ? (JSON.parse(readFileSync(join(ORACLES_DIR, 'sam', 'policy_templates.json'), 'utf8')) as {
        Templates: Record<string, { Parameters: Record<string, unknown>; Definition: { Statement: IamStatement[] } }>;
      })
    : { Templates: {} };

  it('has the same template names', () => {
    expect(Object.keys(SAM_POLICY_TEMPLATES).sort()).toEqual(Object.keys(oracle.Templates).sort());
  });

  it('every template: same parameters, actions, resources and conditions after substitution', () => {
    const differences: string[] = [];
    for (const [name, expected] of Object.entries(oracle.Templates)) {
      const mine = SAM_POLICY_TEMPLATES[name];
      if (!mine) continue;
      const params = Object.keys(expected.Parameters).sort();
      if (JSON.stringify([...mine.parameters].sort()) !== JSON.stringify(params)) differences.push(`${name}: parameters ${mine.parameters} vs ${params}`);
      const args = Object.fromEntries(params.map((p) => [p, { Ref: `PARAM_${p}` }]));
      const got = normalize(expand(name, args), (ref) => ref.replace(/^PARAM_/, ''));
      const want = normalize(expected.Definition.Statement, (ref) => ref);
      if (JSON.stringify(got) !== JSON.stringify(want)) differences.push(`${name}:\n  mine   ${JSON.stringify(got)}\n  oracle ${JSON.stringify(want)}`);
    }
    // The comparison itself must see parameters: a rendering bug would make every resource equal.
    const crud = normalize(expand('DynamoDBCrudPolicy', { TableName: { Ref: 'PARAM_TableName' } }), (ref) => ref.replace(/^PARAM_/, ''));
    expect(crud[0]!.resources).toContain('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/<TableName>');
    if (differences.length) console.log(`SAM policy template differences (${differences.length}):\n${differences.join('\n')}`);
    expect(differences).toEqual([]);
  });
});
