import { describe, expect, it } from 'vitest';
import { actionWildcard, flattenResource, isWildcardPattern } from '../../src/iam/role-grants.js';
import type { AppModel } from '../../src/model/types.js';

const stack = { parameters: [{ name: 'Star', type: 'String', default: '*', noEcho: false, loc: { file: 't', line: 1, column: 1 } }, { name: 'Name', type: 'String', noEcho: false, loc: { file: 't', line: 1, column: 1 } }] } as unknown as AppModel;

describe('resource wildcards', () => {
  it('recognises every-resource patterns', () => {
    for (const r of ['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*', 'arn:aws:dynamodb:*:*:table/*', 'arn:aws:sqs:*:*:*', 'arn:aws:lambda:${}:${}:function:*', 'arn:aws:lambda:${}:${}:function:**', 'arn:aws:ssm:${}:${}:parameter/*', 'arn:aws:iam::*:role/*']) {
      expect(isWildcardPattern(r), r).toBe(true);
    }
  });

  it('leaves scoped patterns alone', () => {
    for (const r of ['arn:aws:s3:::my-bucket/*', 'arn:aws:s3:::app-*', 'arn:aws:dynamodb:${}:${}:table/Orders/index/*', 'arn:aws:dynamodb:${}:${}:table/app-*', 'arn:aws:logs:${}:${}:log-group:/aws/lambda/*', 'arn:aws:execute-api:${}:${}:${}/*', 'arn:aws:lambda:${}:${}:function:${}*', 'my-bucket']) {
      expect(isWildcardPattern(r), r).toBe(false);
    }
  });

  it('flattens Fn::Sub, Fn::Join and parameter defaults', () => {
    expect(flattenResource({ 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*' }, stack)).toBe('arn:${}:dynamodb:${}:${}:table/*');
    expect(flattenResource({ 'Fn::Sub': ['arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${t}', { t: '*' }] }, stack)).toBe('arn:aws:dynamodb:${}:${}:table/*');
    expect(flattenResource({ 'Fn::Sub': 'arn:aws:s3:::${Star}' }, stack)).toBe('arn:aws:s3:::*');
    expect(flattenResource({ 'Fn::Sub': '${Bucket.Arn}/*' }, stack)).toBe('${}/*');
    expect(flattenResource({ Ref: 'Star' }, stack)).toBe('*');
    expect(flattenResource({ Ref: 'Name' }, stack)).toBe('${}');
    expect(flattenResource({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['T', 'Arn'] }, '/index/*']] }, stack)).toBe('${}/index/*');
  });
});

describe('action wildcards', () => {
  it('classifies patterns', () => {
    expect(actionWildcard('*')).toBe('all');
    expect(actionWildcard('*:*')).toBe('all');
    expect(actionWildcard('s3:*')).toBe('service');
    expect(actionWildcard('s3:*Object')).toBe('partial');
    expect(actionWildcard('s3:Get?bject')).toBe('partial');
    expect(actionWildcard('s3:GetObject')).toBeUndefined();
  });
});
