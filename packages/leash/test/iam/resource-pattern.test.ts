import { describe, expect, it } from 'vitest';
import { type ValueScope, matchRendered, printParts, renderResource } from '../../src/iam/resource-pattern.js';

const scope: ValueScope = {
  typeOf: (id) => ({ Table: 'AWS::DynamoDB::Table', Queue: 'AWS::SQS::Queue', Topic: 'AWS::SNS::Topic', Named: 'AWS::S3::Bucket', Other: 'AWS::DynamoDB::Table' })[id],
  literalNameOf: (id) => (id === 'Named' ? 'my-bucket' : undefined),
};
const print = (v: Parameters<typeof renderResource>[0]) => {
  const r = renderResource(v, scope);
  return 'unknown' in r ? `unknown: ${r.unknown}` : r.alternatives.map(printParts);
};

describe('renderResource', () => {
  it('renders ARN attributes in their ARN format over the name token', () => {
    expect(print({ 'Fn::GetAtt': ['Table', 'Arn'] })).toEqual(['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}']);
    expect(print({ 'Fn::GetAtt': 'Queue.Arn' })).toEqual(['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}']);
    expect(print({ Ref: 'Topic' })).toEqual(['arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic.TopicName}']);
    expect(print({ 'Fn::Sub': '${Named.Arn}/*' })).toEqual(['arn:${AWS::Partition}:s3:::my-bucket/*']);
  });

  it('renders Sub, Join and If', () => {
    expect(print({ 'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${q}', { q: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }] })).toEqual([
      'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}',
    ]);
    expect(print({ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Named' }, '/*']] })).toEqual(['arn:aws:s3:::my-bucket/*']);
    expect(print({ 'Fn::Join': [':', ['a', 'b']] })).toEqual(['a:b']);
    expect(print({ 'Fn::If': ['C', 'x', { Ref: 'AWS::NoValue' }] })).toEqual(['x']);
    expect(print({ 'Fn::Sub': 'arn:aws:s3:::b/${!aws:username}' })).toEqual(['arn:aws:s3:::b/${aws:username}']);
  });

  it('says why it cannot render', () => {
    expect(print({ 'Fn::ImportValue': 'x' })).toBe('unknown: cannot compare !ImportValue "x"');
    expect(print(['a'])).toMatch(/^unknown: not a single value/);
  });
});

describe('matchRendered', () => {
  const match = (pattern: Parameters<typeof renderResource>[0], request: Parameters<typeof renderResource>[0], vars?: Record<string, string>) =>
    matchRendered(renderResource(pattern, scope), renderResource(request, scope), vars ? (k) => vars[k] : undefined);

  it('tokens match the same token, and never a different resource', () => {
    expect(match({ 'Fn::GetAtt': ['Table', 'Arn'] }, { 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('yes');
    expect(match({ 'Fn::GetAtt': ['Table', 'Arn'] }, { 'Fn::GetAtt': ['Other', 'Arn'] })).toBe('no');
    expect(match('arn:aws:dynamodb:*:*:table/*', { 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('yes');
    expect(match('arn:aws:dynamodb:*:*:table/orders', { 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('maybe');
    expect(match('arn:aws:s3:::*', { 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('no');
  });

  it('a token of unknown value may cover several atoms of the request', () => {
    expect(match({ 'Fn::Sub': 'arn:aws:logs:us-east-1:1:log-group:${Prefix}-fn:*' }, { 'Fn::Sub': 'arn:aws:logs:us-east-1:1:log-group:${AWS::StackName}-app-fn:x' })).toBe('maybe');
    expect(match({ 'Fn::Sub': 'arn:aws:s3:::${Prefix}/k' }, { 'Fn::Sub': 'arn:aws:s3:::${Named}/k' })).toBe('maybe');
    // ... but a resource of the stack never stands for another one.
    expect(match({ 'Fn::Sub': 'arn:aws:dynamodb:us-east-1:1:table/${Table}' }, { 'Fn::Sub': 'arn:aws:dynamodb:us-east-1:1:table/${Other}' })).toBe('no');
    // A request `*` (every resource) is covered only by a policy `*`.
    expect(match({ 'Fn::Sub': 'arn:aws:s3:::${BucketParam}' }, 'arn:aws:s3:::*')).toBe('no');
  });

  it('a parameter token may be anything', () => {
    expect(match({ 'Fn::Sub': 'arn:aws:s3:::${BucketParam}/*' }, 'arn:aws:s3:::b/k')).toBe('maybe');
    expect(match({ 'Fn::Sub': 'arn:aws:s3:::${BucketParam}/*' }, 'arn:aws:sqs:::b/k')).toBe('no');
  });

  it('the partition token matches a literal aws, not aws-cn for sure', () => {
    expect(match('arn:aws:s3:::b', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' })).toBe('yes');
    expect(match('arn:aws-cn:s3:::b', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' })).toBe('maybe');
  });

  it('only partition, region, account and URL suffix are segment wildcards; NoValue matches nothing', () => {
    expect(match({ 'Fn::Sub': 'arn:aws:s3:::${AWS::AccountId}-data/*' }, 'arn:aws:s3:::123456789012-data/k')).toBe('yes');
    expect(match({ 'Fn::Sub': 'arn:aws:s3:::${AWS::StackName}-data/*' }, 'arn:aws:s3:::other-data/k')).toBe('maybe');
    expect(match({ 'Fn::Sub': 'arn:aws:s3:::${AWS::StackName}-data/*' }, { 'Fn::Sub': 'arn:aws:s3:::${AWS::StackName}-data/k' })).toBe('yes');
    expect(match({ Ref: 'AWS::NoValue' }, 'arn:aws:s3:::b')).toBe('no');
  });

  it('policy variables come from the context, else maybe', () => {
    expect(match('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/alice/x', { 'aws:username': 'alice' })).toBe('yes');
    expect(match('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/bob/x', { 'aws:username': 'alice' })).toBe('no');
    expect(match('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/bob/x')).toBe('maybe');
    // ${*} is a literal star, not a wildcard.
    expect(match('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/x')).toBe('no');
  });
});
