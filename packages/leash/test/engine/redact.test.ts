import { describe, expect, it } from 'vitest';
import { redactDeep, redactKnownSecrets, redactSecret } from '../../src/engine/redact.js';

describe('redactSecret', () => {
  it('keeps at most 4 leading characters and the length', () => {
    expect(redactSecret('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…(20 chars)');
    expect(redactSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('wJal…(40 chars)');
  });

  it('shows at most a quarter of a short value', () => {
    expect(redactSecret('hunter2')).toBe('h…(7 chars)');
    expect(redactSecret('abc')).toBe('…(3 chars)');
    expect(redactSecret('')).toBe('…(0 chars)');
  });
});

describe('redactKnownSecrets', () => {
  it('redacts credentials with an unambiguous shape wherever they are', () => {
    const text = [
      'id AKIAIOSFODNN7EXAMPLE',
      'temp ASIAY34FZKBOKMUTVV7A',
      'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'slack xoxb-123456789012-abcdefghijkl',
      'gh ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const out = redactKnownSecrets(text);
    for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'ASIAY34FZKBOKMUTVV7A', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'xoxb-123456789012-abcdefghijkl', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'MIIEow']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('AKIA…(20 chars)');
  });

  it('leaves ordinary text, ARNs and handler names alone, and is idempotent', () => {
    const text = 'arn:aws:iam::123456789012:role/AKIA-role handler index.handler POWERTOOLS_SERVICE_NAME';
    expect(redactKnownSecrets(text)).toBe(text);
    const once = redactKnownSecrets('AKIAIOSFODNN7EXAMPLE');
    expect(redactKnownSecrets(once)).toBe(once);
  });

  it('redacts a string seen before as it did the first time (short strings are remembered), long ones too', () => {
    const short = 'key AKIAIOSFODNN7EXAMPLE';
    const long = `${'x'.repeat(300)} AKIAIOSFODNN7EXAMPLE`;
    for (let i = 0; i < 3; i++) {
      expect(redactKnownSecrets(short)).toBe('key AKIA…(20 chars)');
      expect(redactKnownSecrets(long)).toBe(`${'x'.repeat(300)} AKIA…(20 chars)`);
      expect(redactDeep(['fn1', short, 'fn1'])).toEqual(['fn1', 'key AKIA…(20 chars)', 'fn1']);
    }
  });

  it('walks objects and arrays', () => {
    expect(redactDeep({ a: ['AKIAIOSFODNN7EXAMPLE', 3], b: { c: null } })).toEqual({ a: ['AKIA…(20 chars)', 3], b: { c: null } });
  });
});
