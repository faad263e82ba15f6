import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionInfo, expandActionPattern } from '../../src/iam/catalog.js';
import { ESCALATION_COMBOS, classifyAction, curatedRiskActions, findEscalations, riskSources } from '../../src/iam/risk.js';
import type { RiskClass } from '../../src/iam/types.js';
import { ORACLES_DIR, hasOracles } from './shared.js';

const CLASSES: RiskClass[] = ['privilege-escalation', 'credential-exposure', 'data-access', 'exfiltration', 'resource-exposure', 'compute-abuse'];

describe('curated risk tables', () => {
  it('name only actions the catalog knows', () => {
    const unknown = CLASSES.flatMap((c) => curatedRiskActions(c)).filter((a) => (/[*?]/.test(a) ? expandActionPattern(a).length === 0 : !actionInfo(a)));
    const comboUnknown = ESCALATION_COMBOS.flatMap((c) => c.steps.flat()).filter((a) => !actionInfo(a));
    expect(unknown).toEqual([]);
    expect(comboUnknown).toEqual([]);
  });

  it('every entry has a source', () => {
    for (const c of CLASSES) {
      for (const a of curatedRiskActions(c).flatMap((p) => (/[*?]/.test(p) ? expandActionPattern(p) : [p]))) expect(riskSources(a, c).length, `${a} ${c}`).toBeGreaterThan(0);
    }
    for (const combo of ESCALATION_COMBOS) expect(combo.source).toMatch(/pathfinding|Rhino/);
  });
});

describe('classifyAction', () => {
  it('classifies the classic cases, case-insensitively', () => {
    expect(classifyAction('iam:PassRole')).toEqual(['privilege-escalation', 'resource-exposure']);
    expect(classifyAction('es:ESHttpGet')).toEqual(['data-access']);
    expect(classifyAction('IAM:putrolepolicy')).toEqual(['privilege-escalation', 'resource-exposure']);
    expect(classifyAction('sts:AssumeRole')).toEqual(['privilege-escalation', 'credential-exposure']);
    expect(classifyAction('s3:GetObject')).toEqual(['data-access', 'exfiltration']);
    expect(classifyAction('secretsmanager:GetSecretValue')).toEqual(['data-access', 'exfiltration']);
    expect(classifyAction('ec2:RunInstances')).toEqual(['compute-abuse']);
    expect(classifyAction('s3:PutBucketPolicy')).toEqual(['resource-exposure']);
  });

  it('uses the catalog access level for resource exposure', () => {
    // Not in the curated tables, but AWS classes it as Permissions management.
    expect(actionInfo('sns:RemovePermission')?.accessLevel).toBe('Permissions management');
    expect(classifyAction('sns:RemovePermission')).toEqual(['resource-exposure']);
    expect(riskSources('sns:RemovePermission', 'resource-exposure')[0]).toMatch(/Permissions management/);
  });

  it('returns [] for harmless actions', () => {
    expect(classifyAction('dynamodb:DescribeTable')).toEqual([]);
    expect(classifyAction('logs:PutLogEvents')).toEqual([]);
    expect(classifyAction('nosuch:Action')).toEqual([]);
  });
});

describe('findEscalations', () => {
  const allowing = (...patterns: string[]) => {
    const set = new Set(patterns.flatMap((p) => expandActionPattern(p)).map((a) => a.toLowerCase()));
    return (action: string) => set.has(action.toLowerCase());
  };

  it('finds PassRole + CreateFunction + InvokeFunction', () => {
    const found = findEscalations(allowing('iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'));
    expect(found.map((e) => e.id)).toEqual(['pathfinding.cloud lambda-001']);
    expect(found[0]!.combo).toBe('iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction');
    expect(found[0]!.source).toMatch(/pathfinding\.cloud, path lambda-001/);
  });

  it('needs every step', () => {
    expect(findEscalations(allowing('iam:PassRole', 'lambda:CreateFunction'))).toEqual([]);
    expect(findEscalations(allowing('lambda:InvokeFunction', 'lambda:CreateFunction'))).toEqual([]);
  });

  it('accepts any option of a step', () => {
    const found = findEscalations(allowing('iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'));
    expect(found.map((e) => e.combo)).toEqual(['iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService']);
  });

  it('reports single-action paths and drops supersets of a found path', () => {
    const found = findEscalations(allowing('lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'iam:PutRolePolicy', 'sts:AssumeRole'));
    expect(found.map((e) => e.id).sort()).toEqual(['pathfinding.cloud iam-005', 'pathfinding.cloud lambda-003', 'pathfinding.cloud sts-001']);
  });

  it('finds many paths under iam:* and nothing under a read-only grant', () => {
    expect(findEscalations(allowing('iam:*')).length).toBeGreaterThanOrEqual(13);
    expect(findEscalations(allowing('dynamodb:Get*', 's3:GetObject'))).toEqual([]);
  });
});

describe.skipIf(!hasOracles)('risk tables vs primeharbor/sensitive_iam_actions (oracle)', () => {
  const read = (file: string): string[] =>
    hasOracles ? (JSON.parse(readFileSync(join(ORACLES_DIR, 'sensitive-iam-actions', `${file}.json`), 'utf8')) as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action) : [];

  const cases: Array<[string, RiskClass[], number]> = [
    // oracle file, classes that count as agreeing, minimum share of known actions we must classify
    ['PrivEsc', ['privilege-escalation'], 0.95],
    ['CredentialExposure', ['credential-exposure'], 0.95],
    ['DataAccess', ['data-access', 'credential-exposure'], 0.75],
    ['ResourceExposure', ['resource-exposure', 'privilege-escalation', 'credential-exposure'], 0.75],
  ];
  for (const [file, accepted, minimum] of cases) {
    it(`${file}: share of oracle actions classified alike (misses listed)`, () => {
      const actions = read(file);
      const known = actions.filter((a) => actionInfo(a));
      const misses = known.filter((a) => !classifyAction(a).some((c) => accepted.includes(c)));
      const share = 1 - misses.length / known.length;
      console.log(`${file}: ${known.length - misses.length}/${known.length} known actions classified alike (${(share * 100).toFixed(0)}%; ${actions.length - known.length} not in the catalog); misses: ${misses.join(' ')}`);
      expect(share).toBeGreaterThanOrEqual(minimum);
    });
  }
});
