/** Three small rules (one per severity band, one reporting an unknown) for reporter and CLI tests. */
import { defineRule, type Rule } from '../../src/engine/types.js';
import { at } from '../engine/model-builders.js';

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
