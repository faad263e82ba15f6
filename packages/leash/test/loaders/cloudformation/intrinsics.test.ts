import { describe, expect, it } from 'vitest';
import { IntrinsicResolver, referencedIds } from '../../../src/loaders/cloudformation/index.js';
import { MAX_FOLDED_STRING } from '../../../src/loaders/cloudformation/intrinsics.js';
import type { Diagnostic } from '../../../src/model/source.js';
import { isUnknown, type CfnValue } from '../../../src/model/values.js';
import { cfn, lines } from './helpers.js';

function resolver(conditions: Record<string, CfnValue> = {}, diagnostics: Diagnostic[] = []): IntrinsicResolver {
  return new IntrinsicResolver({
    parameters: new Map([
      ['Env', { type: 'String', default: 'prod', noEcho: false }],
      ['Subnets', { type: 'List<AWS::EC2::Subnet::Id>', default: 'subnet-1,subnet-2', noEcho: false }],
      ['NoDefault', { type: 'String', noEcho: false }],
    ]),
    conditions,
    mappings: { Sizes: { prod: { Memory: 1024 }, dev: { Memory: 128 } }, Same: { 'us-east-1': { Ami: 'ami-1' }, 'eu-west-1': { Ami: 'ami-1' } } },
    conditionLoc: (name) => ({ file: 'template.yaml', line: name === 'A' ? 7 : 8, column: 3 }),
    limitLoc: { file: 'template.yaml', line: 1, column: 1 },
    diagnostics,
  });
}

describe('IntrinsicResolver', () => {
  const r = resolver({ IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, InUsEast: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } });

  it('gives parameter defaults and keeps pseudo parameters and resources symbolic', () => {
    expect(r.resolve({ Ref: 'Env' })).toBe('prod');
    expect(r.resolve({ Ref: 'AWS::Region' })).toEqual({ Ref: 'AWS::Region' });
    expect(r.resolve({ Ref: 'Bucket' })).toEqual({ Ref: 'Bucket' });
    expect(r.resolve({ 'Fn::GetAtt': ['T', 'Arn'] })).toEqual({ 'Fn::GetAtt': ['T', 'Arn'] });
  });

  it('folds Sub, Join, Select, Split and FindInMap', () => {
    expect(r.resolve({ 'Fn::Sub': 'app-${Env}' })).toBe('app-prod');
    expect(r.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Env}-${Bucket}' })).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::prod-${Bucket}' });
    expect(r.resolve({ 'Fn::Sub': ['${X}-${Y}', { X: 'a', Y: { Ref: 'Env' } }] })).toBe('a-prod');
    expect(r.resolve({ 'Fn::Sub': 'literal ${!NotAVar}' })).toBe('literal ${NotAVar}');
    expect(r.resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }]] })).toBe('a-prod');
    expect(r.resolve({ 'Fn::Join': ['-', ['a', { Ref: 'B' }]] })).toEqual({ 'Fn::Join': ['-', ['a', { Ref: 'B' }]] });
    expect(r.resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'x,y,z'] }] })).toBe('y');
    expect(r.resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] })).toBe(1024);
    // Every entry agrees: the region does not matter.
    expect(r.resolve({ 'Fn::FindInMap': ['Same', { Ref: 'AWS::Region' }, 'Ami'] })).toBe('ami-1');
    expect(r.list({ Ref: 'Subnets' })).toEqual(['subnet-1', 'subnet-2']);
  });

  it('chooses Fn::If branches by condition and drops AWS::NoValue', () => {
    expect(r.resolve({ 'Fn::If': ['IsProd', 30, 3] })).toBe(30);
    expect(r.resolve({ A: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 1] }, B: 2 })).toEqual({ B: 2 });
    expect(r.condition('InUsEast')).toBeUndefined();
    const timeout = r.number({ 'Fn::If': ['InUsEast', 30, 3] });
    expect(isUnknown(timeout) && timeout.reason).toContain('InUsEast');
  });

  it('returns Unknown with a reason for what only deploy time knows', () => {
    const imported = r.string({ 'Fn::ImportValue': 'shared-vpc' });
    expect(isUnknown(imported) && imported.reason).toContain('imported from another stack');
    const azs = r.string({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(isUnknown(azs)).toBe(true);
    const missing = r.string({ Ref: 'NoDefault' });
    expect(isUnknown(missing) && missing.reason).toContain('no default');
    expect(isUnknown(r.number('abc'))).toBe(true);
  });

  it('reports circular conditions once, with their line, and never hangs', () => {
    const diagnostics: Diagnostic[] = [];
    const cyclic = resolver({ A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::And': [{ Condition: 'A' }, true] } }, diagnostics);
    expect(cyclic.condition('A')).toBeUndefined();
    expect(cyclic.resolve({ 'Fn::If': ['A', 1, 2] })).toEqual({ 'Fn::If': ['A', 1, 2] });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ERR_LEASH_CIRCULAR_REFERENCE', file: 'template.yaml', severity: 'error' });
    expect([7, 8]).toContain(diagnostics[0]!.line);
  });

  it('lists the logical ids a value mentions', () => {
    expect(referencedIds({ 'Fn::Sub': ['${Table.Arn}/${Other}/${AWS::Region}', { Other: { Ref: 'Queue' } }] })).toEqual(['Table', 'AWS::Region', 'Queue']);
  });
});

describe('circular references in a template', () => {
  it('gives a diagnostic with file and line, and still builds the stack', () => {
    const model = cfn(
      lines(
        'Conditions:',
        '  A: !Condition B',
        '  B: !Condition A',
        'Resources:',
        '  Fn:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      Role: arn:aws:iam::123456789012:role/r',
        '      Timeout: !If [A, 30, 3]',
      ),
    );
    expect(model.functions).toHaveLength(1);
    const timeout = model.functions[0]!.timeout;
    expect(isUnknown(timeout)).toBe(true);
    const diagnostic = model.diagnostics.find((d) => d.code === 'ERR_LEASH_CIRCULAR_REFERENCE');
    expect(diagnostic).toMatchObject({ file: 'template.yaml' });
    expect([2, 3]).toContain(diagnostic!.line);
  });

  it(`leaves Fn::Sub and Fn::Join unresolved past ${MAX_FOLDED_STRING} characters, reported once`, () => {
    const diagnostics: Diagnostic[] = [];
    const r = new IntrinsicResolver({
      parameters: new Map([['Big', { type: 'String', default: 'x'.repeat(10_000), noEcho: false }]]),
      conditions: {},
      mappings: {},
      conditionLoc: () => ({ file: 'template.yaml', line: 1, column: 1 }),
      limitLoc: { file: 'template.yaml', line: 1, column: 1 },
      diagnostics,
    });
    const sub = { 'Fn::Sub': '${Big}'.repeat(200) };
    expect(r.resolve(sub)).toEqual(sub);
    expect(r.resolve({ 'Fn::Sub': '${Big}${Big}' })).toBe('x'.repeat(20_000));
    const join = { 'Fn::Join': ['', Array.from({ length: 200 }, () => ({ Ref: 'Big' }))] };
    expect(typeof r.resolve(join)).not.toBe('string');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'ERR_LEASH_LIMIT', severity: 'error', message: expect.stringContaining('limit MAX_FOLDED_STRING') })]);
  });

  it('answers a map lookup with a deploy-time top key once per map and key', () => {
    const mapping = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`r${i}`, { K: 'same' }]));
    const r = new IntrinsicResolver({ parameters: new Map(), conditions: {}, mappings: { M: mapping }, conditionLoc: () => ({ file: 't', line: 1, column: 1 }), limitLoc: { file: 't', line: 1, column: 1 }, diagnostics: [] });
    for (let i = 0; i < 5_000; i++) expect(r.resolve({ 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] })).toBe('same');
  });
});
