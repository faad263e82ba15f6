import { describe, expect, it } from 'vitest';
import { cfn, lines } from './helpers.js';

describe('suppressions', () => {
  const model = cfn(
    lines(
      '# leash-ignore network/shared-subnet: one VPC for the whole demo', // 1
      'Metadata:', // 2
      '  leash:', // 3
      '    suppress:', // 4
      '      - rule: runtime/*', // 5
      '        reason: pinned by the platform team', // 6
      'Resources:', // 7
      '  # leash-ignore iam/shared-role: both functions read the same table', // 8
      '  Fn:', // 9
      '    Type: AWS::Lambda::Function', // 10
      '    Metadata:', // 11
      '      leash:', // 12
      '        suppress:', // 13
      '          - {rule: dos/unbounded-concurrency, reason: internal only}', // 14
      '          - {rule: dos/max-timeout}', // 15
      '      cfn_nag:', // 16
      '        rules_to_suppress: [{id: W92, reason: fine}, {id: W999, reason: unmapped}]', // 17
      '      checkov:', // 18
      '        skip: [{id: CKV_AWS_45, comment: not secrets}]', // 19
      '    Properties:', // 20
      '      Role: !GetAtt Role.Arn # leash-ignore iam/wildcard-action: admin tool', // 21
      '      Code: {ZipFile: x}', // 22
      '  Role:', // 23
      '    Type: AWS::IAM::Role', // 24
      '    Properties: {AssumeRolePolicyDocument: {}}', // 25
      '  Perm:', // 26
      '    Type: AWS::Lambda::Permission', // 27
      '    # leash-ignore exposure/public-invoke', // 28
      '    Properties: {FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: "*"}', // 29
    ),
  );

  it('reads template-level metadata and comments above Resources', () => {
    expect(model.suppressions).toEqual([
      { rule: 'runtime/*', reason: 'pinned by the platform team', source: 'metadata', loc: expect.objectContaining({ line: 5 }) },
      { rule: 'network/shared-subnet', reason: 'one VPC for the whole demo', source: 'comment', loc: expect.objectContaining({ line: 1, file: 'template.yaml' }) },
    ]);
  });

  it('reads resource metadata, cfn_nag and checkov ids it can map, and comments above and inside the block', () => {
    const fn = model.functions[0]!;
    expect(fn.suppressions.map((s) => [s.rule, s.reason, s.source, s.loc.line])).toEqual([
      ['dos/unbounded-concurrency', 'internal only', 'metadata', 14],
      ['dos/max-timeout', undefined, 'metadata', 15],
      ['dos/unbounded-concurrency', 'fine', 'cfn-nag', 17],
      ['secrets/plaintext-env', 'not secrets', 'checkov', 19],
      ['iam/shared-role', 'both functions read the same table', 'comment', 8],
      ['iam/wildcard-action', 'admin tool', 'comment', 21],
    ]);
    expect(model.resources.find((r) => r.id === 'Fn')!.suppressions).toEqual(fn.suppressions);
  });

  it('keeps a suppression without a reason (the engine reports it), and attaches to permissions', () => {
    expect(model.permissions[0]!.suppressions).toEqual([{ rule: 'exposure/public-invoke', source: 'comment', loc: expect.objectContaining({ line: 28 }) }]);
    expect(model.roles.find((r) => r.id === 'Role')!.suppressions).toEqual([]);
  });
});
