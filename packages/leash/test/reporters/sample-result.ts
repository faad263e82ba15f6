/** A small but complete ScanResult built from a hand-made model: findings of each kind, diagnostics, a policy. */
import type { ScanResult } from '../../src/engine/result.js';
import { resultFromModel } from '../../src/scan.js';
import { at, fn, role, scanModel, stack, suppression } from '../engine/model-builders.js';
import { sampleRules } from './sample-rules.js';

export { sampleRules };

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
