/** A small but complete ScanResult built from a hand-made model: findings of each kind, diagnostics, a policy. */
import { defineRule, type Rule } from '../../src/engine/types.js';
import type { ScanResult } from '../../src/engine/result.js';
import { resultFromModel } from '../../src/scan.js';
import { at, fn, role, scanModel, stack, suppression } from '../engine/model-builders.js';

export const sampleRules: Rule[] = [
  defineRule(
    { id: 'iam/wildcard-action', category: 'iam', description: 'A role grants every action of a service.', severity: 'high', messages: { wildcard: 'Role {{role}} of {{fn}} grants {{action}}' } },
    ({ stack: s, report }) => {
      for (const f of s.functions) {
        const r = s.roles.find((x) => x.id === f.roleId);
        for (const st of r?.statements ?? []) {
          for (const action of st.action ?? []) if (action.endsWith('*')) report({ messageId: 'wildcard', data: { role: r!.id, fn: f.id, action }, resource: f.id, loc: st.loc, properties: { action } });
        }
      }
    },
  ),
  defineRule(
    { id: 'runtime/deprecated', category: 'runtime', description: 'The function runs on a deprecated runtime.', severity: 'medium', messages: { old: '{{fn}} runs on {{runtime}}, deprecated' } },
    ({ stack: s, report }) => {
      for (const f of s.functions) if (f.runtime === 'nodejs16.x') report({ messageId: 'old', data: { fn: f.id, runtime: f.runtime }, resource: f.id, loc: f.loc });
    },
  ),
  defineRule(
    { id: 'exposure/url-auth-none', category: 'exposure', description: 'A function URL anyone can call.', severity: 'critical', messages: { open: '{{fn}} has a public function URL', unknown: 'cannot tell whether {{fn}} is public' } },
    ({ stack: s, report }) => {
      for (const f of s.functions) if (f.id === 'Public') report({ messageId: 'open', data: { fn: f.id }, resource: f.id, loc: at(f.loc.line + 3) });
      for (const f of s.functions) if (f.id === 'Orders') report({ messageId: 'unknown', data: { fn: f.id }, resource: f.id, loc: at(f.loc.line + 4), unknown: true, severity: 'low' });
    },
  ),
];

export function sampleResult(): ScanResult {
  const source = { kind: 'sam-policy-template' as const, name: 'S3CrudPolicy', loc: at(15, 9) };
  const model = scanModel(
    stack({
      functions: [
        fn('Orders', 10, { runtime: 'nodejs16.x' }),
        fn('Public', 30, { suppressions: [suppression('exposure/url-auth-none', 'public webhook, verified by signature', 29)] }),
        fn('Legacy', 50, { runtime: 'nodejs16.x', suppressions: [suppression('runtime/*', undefined, 49)] }),
      ],
      roles: [
        role('OrdersRole', 14, {
          statements: [{ effect: 'Allow', action: ['s3:*'], resource: [{ 'Fn::Sub': '${Bucket.Arn}/*' }], source, loc: at(16, 11) }],
          policies: [source],
        }),
        role('PublicRole', 34),
        role('LegacyRole', 54, { unknowns: [{ kind: 'unknown', reason: 'managed policy MyCustomPolicy is not known', loc: at(55) }] }),
      ],
      diagnostics: [{ severity: 'warning', code: 'WARN_LEASH_UNKNOWN_PROPERTY', message: 'unknown property Foo', file: 'template.yaml', line: 7, column: 5 }],
    }),
  );
  return resultFromModel({ ...model, root: '/work/app', diagnostics: [{ severity: 'error', code: 'ERR_LEASH_PARSE', message: 'bad indentation', file: 'other/template.yaml', line: 3, column: 1 }] }, { target: 'app', rules: sampleRules });
}
