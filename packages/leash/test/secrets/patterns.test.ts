/**
 * The one list of credential shapes (secrets/detect.ts SECRET_PATTERNS), through both of its users:
 * detection (`findKnownSecret`, the plaintext-env rule) and redaction (`redactKnownSecrets`, every
 * finding and diagnostic). Each case must be detected and redacted, or neither.
 *
 * Fake credentials are split and joined at run time so that no scanner mistakes this file for a
 * leak. None of them is or was ever valid.
 */
import { describe, expect, it } from 'vitest';
import { redactKnownSecrets } from '../../src/engine/redact.js';
import { findKnownSecret, type SecretKind } from '../../src/secrets/detect.js';

const j = (...parts: string[]): string => parts.join('');
const RANDOM = 'q8Zr2LmX7vT4pW9nK3sB6dF1';
const AWS_SECRET = j('wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'zQ8nPd3LmT');
const NPM = j('npm_', 'Xq7Lr2Vt9Kp4Wm8Zs3Bn6Hd1Fg5Jc0Ya2Eu7');
const KEY_BLOCK = j('-----BEGIN RSA ', 'PRIVATE KEY-----\nMIIEowIBAAKCAQEA7xq\n-----END RSA ', 'PRIVATE KEY-----');

/** [kind, text, the secret in it]. */
const MUST_FIND: readonly [SecretKind, string, string][] = [
  ['aws-access-key-id', j('AKIA', 'Z7QW3ERT5YUI9OPL'), j('AKIA', 'Z7QW3ERT5YUI9OPL')],
  ['aws-access-key-id', `id=${j('ASIA', 'Q2W3E4R5T6Y7U8I9')};`, j('ASIA', 'Q2W3E4R5T6Y7U8I9')],
  ...['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix): [SecretKind, string, string] => ['github-token', `token ${j(prefix, 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')}`, j(prefix, 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')]),
  ['github-token', j('github_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuv'), j('github_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuv')],
  ['gitlab-token', j('glpat-', 'x7Yz9AbCdEfGhIjKlMnO'), j('glpat-', 'x7Yz9AbCdEfGhIjKlMnO')],
  ...['xoxb', 'xoxp', 'xoxa', 'xoxr', 'xoxs', 'xoxe', 'xoxc', 'xapp'].map((prefix): [SecretKind, string, string] => ['slack-token', `slack: ${j(prefix, '-2948571036-5738291046-Qw8Er7Ty6Ui5')}`, j(prefix, '-2948571036-5738291046-Qw8Er7Ty6Ui5')]),
  ['slack-webhook', j('https://hooks.slack.com/services/', 'T0A1B2C3D/B4E5F6G7H/q8Zr2LmX7vT4pW9nK3sB6dF1'), j('https://hooks.slack.com/services/', 'T0A1B2C3D/B4E5F6G7H/q8Zr2LmX7vT4pW9nK3sB6dF1')],
  ['discord-webhook', j('https://discord.com/api/webhooks/', '123456789012345678/', RANDOM), j('https://discord.com/api/webhooks/', '123456789012345678/', RANDOM)],
  ['stripe-live-key', j('sk_live_', '51HqLyjWDarjtT1zdp7dcXyZ'), j('sk_live_', '51HqLyjWDarjtT1zdp7dcXyZ')],
  ['stripe-live-key', j('rk_live_', '51HqLyjWDarjtT1zdp7dcQwE'), j('rk_live_', '51HqLyjWDarjtT1zdp7dcQwE')],
  ['stripe-test-key', j('sk_test_', '4eC39HqLyjWDarjtT1zdp7dc'), j('sk_test_', '4eC39HqLyjWDarjtT1zdp7dc')],
  ['google-api-key', j('AIza', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'), j('AIza', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q')],
  ['npm-token', NPM, NPM],
  ['npm-token', `//registry.npmjs.org/:_authToken=${NPM}`, NPM],
  ['npm-token', '//npm.example.com/repo/:_authToken=0b6a8f2e-4c1d-4e7a-9f3b-2d5c8e1a7b90', '0b6a8f2e-4c1d-4e7a-9f3b-2d5c8e1a7b90'],
  ['npm-token', '//npm.example.com/:_auth="YWRtaW46aHVudGVyMjI="', 'YWRtaW46aHVudGVyMjI='],
  ['private-key', `key: ${KEY_BLOCK} end`, KEY_BLOCK],
  ['jwt', j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'), j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')],
  ['url-password', 'postgres://app:Sup3rS3cret@db.example.com:5432/orders', 'Sup3rS3cret'],
  ['url-password', 'cache at redis://:an0therPassw0rd@cache:6379 today', 'an0therPassw0rd'],
  ['bearer-token', `Authorization: Bearer ${RANDOM}`, RANDOM],
  ['password', '{"password": "Tr0ub4dor&3-horse"}', 'Tr0ub4dor&3-horse'],
  ['password', '{ "dbPassword":"hunter22" }', 'hunter22'],
  ['password', 'DB_PASSWORD=Tr0ub4dor&3-horse', 'Tr0ub4dor&3-horse'],
  ['password', 'export ADMIN_PASSWD="P@ssw0rd!"', 'P@ssw0rd!'],
  ['password', 'Server=db;Database=x;Password=Pa55w0rd!x;', 'Pa55w0rd!x'],
  ['high-entropy', `{"clientSecret": "${RANDOM}"}`, RANDOM],
  ['high-entropy', `API_TOKEN=${RANDOM}`, RANDOM],
  ['aws-secret-access-key', `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET],
];

const MUST_NOT_FIND: readonly string[] = [
  'index.handler',
  'arn:aws:iam::123456789012:role/AKIA-role',
  'notAKIAZ7QW3ERT5YUI9OPLX', // inside a longer identifier
  j('AKIAIOSFODNN7', 'EXAMPLE'), // the AWS documentation's example key
  j('AROA', 'Z7QW3ERT5YUI9OPLQ'), // a role's unique id is not a credential
  'arn:aws:kms:us-east-1:123456789012:key/APKAEIBAERJR2EXAMPLE',
  'ghp_short',
  'xoxb-123',
  'npm_install',
  '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
  'https://api.example.com/v1',
  'postgres://db.example.com:5432/orders',
  'postgres://app:${DB_PASSWORD}@db:5432/x',
  'mongodb://user:****@host/db',
  'postgres://app:your-password@db/x',
  'Authorization: Bearer ${TOKEN}',
  'Bearer <token>',
  'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'Bearer abcdefghijklmnopqrstuvwxyz',
  'the Bearer token is read from the header',
  '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----',
  '{"password": ""}',
  '{"password": "${DB_PASSWORD}"}',
  '{"password": "changeme"}',
  '{"passwordMinLength": "12"}',
  '{"tokenTable": "OrdersTokens9f86d081884c7d65"}',
  '{"secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"}',
  '{"apiKeyHeader": "x-api-key"}',
  'PASSWORD=${DB_PASSWORD}',
  'PASSWORD=$DB_PASSWORD',
  'TOKEN_TTL=3600',
  'API_KEY_HEADER=x-api-key',
  'SECRET_NAME=prod/orders/db',
  'password=<your-password>',
  'KEY=value',
  'STAGE=prod',
  'DB_PASSWORD=hunt…(8 chars)', // already redacted
  // from the corpus: VTL mapping templates and inline code
  '"token": "$context.authorizer.token",',
  '#set($executionToken = $context.requestId)',
  "callback_token = os.environ.get('CALLBACK_TOKEN')",
  'salt = secrets.token_hex(16)',
  'Environment variable DB_PASSWORD of Fn holds a password in plain text (hunt…(8 chars))',
];

describe('one list of credential shapes, detection and redaction alike', () => {
  it.each(MUST_FIND)('finds and redacts %s in %j', (kind, text, secret) => {
    const found = findKnownSecret(text);
    expect(found?.kind).toBe(kind);
    expect(found?.secret).toBe(secret);
    const redacted = redactKnownSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(`…(${[...secret].length} chars)`);
    expect(redactKnownSecrets(redacted), 'redaction is stable on its own output').toBe(redacted);
  });

  it.each(MUST_NOT_FIND)('neither finds nor redacts anything in %j', (text) => {
    expect(findKnownSecret(text)).toBeUndefined();
    expect(redactKnownSecrets(text)).toBe(text);
  });

  it('redacts every credential of a text, the npm token of an .npmrc line once', () => {
    const text = `a ${j('AKIA', 'Z7QW3ERT5YUI9OPL')} b //registry.npmjs.org/:_authToken=${NPM} c "password": "hunter22"`;
    expect(redactKnownSecrets(text)).toBe('a AKIA…(20 chars) b //registry.npmjs.org/:_authToken=npm_…(40 chars) c "password": "hu…(8 chars)"');
  });

  // Quadratic backtracking on 400 kB would run for minutes: the test timeout is the guard.
  it('ends on long adversarial texts (no shape is tried again from every position of a run)', () => {
    const long = 400_000;
    const runs = ['eyJa-', 'sk-', 'ghp_', 'a.', 'a:', 'a://b:c', ':_auth=', 'pass=', '"pass": "', 'Bearer ', '-----BEGIN A B ', 'AKIA', 'https://hooks.slack.com/services/'];
    for (const text of [...runs.map((run) => run.repeat(long / run.length)), `Bearer ${'a'.repeat(long)}`, `"${'k'.repeat(long)}": "v"`]) {
      expect(typeof redactKnownSecrets(text)).toBe('string');
      findKnownSecret(text);
    }
  });
});
