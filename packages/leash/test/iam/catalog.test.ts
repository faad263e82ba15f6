import { describe, expect, it } from 'vitest';
import {
  actionConditionKeys,
  actionInfo,
  actionsForService,
  expandActionPattern,
  resourceArnFormats,
  resourceTypesForService,
  serviceExists,
  serviceNames,
  wildcardRegExp,
} from '../../src/iam/catalog.js';

describe('actionInfo', () => {
  it('describes an action, case-insensitively', () => {
    const info = actionInfo('dynamodb:putitem');
    expect(info).toEqual({
      action: 'dynamodb:PutItem',
      service: 'dynamodb',
      name: 'PutItem',
      accessLevel: 'Write',
      resourceTypes: ['table'],
      wildcardOnly: false,
    });
    expect(actionInfo('S3:GetObject')?.action).toBe('s3:GetObject');
  });

  it('marks wildcard-only actions and maps the access levels', () => {
    expect(actionInfo('s3:ListAllMyBuckets')).toMatchObject({ wildcardOnly: true, accessLevel: 'List', resourceTypes: [] });
    expect(actionInfo('iam:PutRolePolicy')?.accessLevel).toBe('Permissions management');
    expect(actionInfo('s3:PutObjectTagging')?.accessLevel).toBe('Tagging');
    expect(actionInfo('s3:GetObject')?.accessLevel).toBe('Read');
  });

  it('returns undefined for actions AWS does not publish', () => {
    expect(actionInfo('s3:ListObjectsV2')).toBeUndefined();
    expect(actionInfo('nosuchservice:Get')).toBeUndefined();
    expect(actionInfo('s3GetObject')).toBeUndefined();
    expect(actionInfo('s3:Get:Object')).toBeUndefined();
  });

  it('lists condition keys', () => {
    expect(actionConditionKeys('dynamodb:PutItem')).toContain('dynamodb:LeadingKeys');
  });
});

describe('services and resource types', () => {
  it('knows services', () => {
    expect(serviceExists('s3')).toBe(true);
    expect(serviceExists('DynamoDB')).toBe(true);
    expect(serviceExists('nosuchservice')).toBe(false);
    expect(serviceNames().length).toBeGreaterThan(400);
  });

  it('gives ARN formats', () => {
    expect(resourceArnFormats('dynamodb', 'table')).toEqual(['arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}']);
    expect(resourceArnFormats('s3', 'object')).toEqual(['arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
    expect(resourceArnFormats('s3', 'nosuchtype')).toEqual([]);
    expect(resourceTypesForService('sqs')).toContain('queue');
  });

  it('lists the actions of a service', () => {
    const sqs = actionsForService('sqs');
    expect(sqs).toContain('sqs:SendMessage');
    expect(sqs.every((a) => a.startsWith('sqs:'))).toBe(true);
    expect(actionsForService('nosuchservice')).toEqual([]);
  });
});

describe('expandActionPattern', () => {
  it('expands a prefix pattern within a service', () => {
    const gets = expandActionPattern('s3:Get*');
    expect(gets).toContain('s3:GetObject');
    expect(gets).toContain('s3:GetBucketPolicy');
    expect(gets.every((a) => a.startsWith('s3:Get'))).toBe(true);
    expect(gets.length).toBeGreaterThan(50);
  });

  it('is case-insensitive and supports ?', () => {
    expect(expandActionPattern('S3:get*')).toEqual(expandActionPattern('s3:Get*'));
    expect(expandActionPattern('s3:?etObject')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('sqs:sendmessage')).toEqual(['sqs:SendMessage']);
  });

  it('expands service wildcards and *', () => {
    expect(expandActionPattern('sqs:*')).toEqual([...actionsForService('sqs')].sort());
    const all = expandActionPattern('*');
    expect(all.length).toBeGreaterThan(20000);
    expect(new Set(all).size).toBe(all.length);
    const describes = expandActionPattern('*:DescribeTable');
    expect(describes).toContain('dynamodb:DescribeTable');
  });

  it('returns [] for unknown actions and services', () => {
    expect(expandActionPattern('s3:ListObjectsV2')).toEqual([]);
    expect(expandActionPattern('nosuch:*')).toEqual([]);
    expect(expandActionPattern('garbage')).toEqual([]);
  });

  it('builds wildcard regular expressions that escape regex syntax', () => {
    expect(wildcardRegExp('arn:aws:s3:::b.c/*').test('arn:aws:s3:::b.c/x/y')).toBe(true);
    expect(wildcardRegExp('arn:aws:s3:::b.c/*').test('arn:aws:s3:::bxc/x')).toBe(false);
  });
});
