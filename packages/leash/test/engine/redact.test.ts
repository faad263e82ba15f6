import { describe, expect, it } from 'vitest';
import { redactKnownSecrets, redactorFor, redactSecret } from '../../src/engine/redact.js';
import type { Parameter } from '../../src/model/types.js';
import { at, scanModel, stack } from './model-builders.js';

// Fake, split so that no scanner takes it for a leak. Which shapes are redacted: test/secrets/patterns.test.ts.
const KEY = ['AKIA', 'Z7QW3ERT5YUI9OPL'].join('');

describe('redactSecret', () => {
  it('keeps at most 4 leading characters and the length', () => {
    expect(redactSecret(KEY)).toBe('AKIA…(20 chars)');
    expect(redactSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('wJal…(40 chars)');
  });

  it('shows at most a quarter of a short value', () => {
    expect(redactSecret('hunter2')).toBe('h…(7 chars)');
    expect(redactSecret('abc')).toBe('…(3 chars)');
    expect(redactSecret('')).toBe('…(0 chars)');
  });
});

/** Redaction of a scan that marks no value: the credential shapes only. */
const redactDeep = <T>(value: T): T => redactorFor(scanModel()).deep(value);

describe('redactKnownSecrets', () => {
  it('redacts each credential of a text in place', () => {
    const text = `id ${KEY}\nslack xoxb-123456789012-abcdefghijkl\n-----BEGIN RSA ${'PRIVATE KEY'}-----\nMIIEow\n-----END RSA ${'PRIVATE KEY'}-----\nend`;
    const out = redactKnownSecrets(text);
    for (const secret of [KEY, 'xoxb-123456789012-abcdefghijkl', 'MIIEow']) expect(out).not.toContain(secret);
    expect(out).toBe('id AKIA…(20 chars)\nslack xoxb…(30 chars)\n----…(68 chars)\nend');
  });

  it('leaves ordinary text, ARNs, handler names and the AWS documentation key alone, and is idempotent', () => {
    const text = 'arn:aws:iam::123456789012:role/AKIA-role handler index.handler POWERTOOLS_SERVICE_NAME AKIAIOSFODNN7EXAMPLE';
    expect(redactKnownSecrets(text)).toBe(text);
    const once = redactKnownSecrets(KEY);
    expect(redactKnownSecrets(once)).toBe(once);
  });

  it('redacts a string seen before as it did the first time (short strings are remembered), long ones too', () => {
    const short = `key ${KEY}`;
    const long = `${'x'.repeat(300)} ${KEY}`;
    for (let i = 0; i < 3; i++) {
      expect(redactKnownSecrets(short)).toBe('key AKIA…(20 chars)');
      expect(redactKnownSecrets(long)).toBe(`${'x'.repeat(300)} AKIA…(20 chars)`);
      expect(redactDeep(['fn1', short, 'fn1'])).toEqual(['fn1', 'key AKIA…(20 chars)', 'fn1']);
    }
  });

  it('walks objects and arrays', () => {
    expect(redactDeep({ a: [KEY, 3], b: { c: null } })).toEqual({ a: ['AKIA…(20 chars)', 3], b: { c: null } });
  });
});

describe('redactorFor: the values a model marks', () => {
  const param = (name: string, value: Parameter['default'], noEcho: boolean, type = 'String'): Parameter => ({ name, type, default: value, noEcho, loc: at(2) });
  const model = {
    ...scanModel(stack({ parameters: [param('Seed', 'LEASH-NOECHO-value', true), param('Ids', 'first-id,second-id', true, 'CommaDelimitedList'), param('Pin', 'ab', true), param('Visible', 'orders-table', false)] })),
    environmentValues: ['ci-secret-from-env'],
  };
  const { text, deep } = redactorFor(model);

  it('redacts a NoEcho default and an environment value wherever they were substituted', () => {
    expect(text('fn-LEASH-NOECHO-value-x')).toBe('fn-LEAS…(18 chars)-x');
    expect(text('arn:aws:dynamodb:us-east-1:1:table/ci-secret-from-env')).toBe('arn:aws:dynamodb:us-east-1:1:table/ci-s…(18 chars)');
    expect(text('second-id')).toBe('se…(9 chars)');
    expect(text('orders-table')).toBe('orders-table'); // not NoEcho
  });

  it('redacts a short value only as a whole word', () => {
    expect(text('pin ab, tab, abc, ab1')).toBe('pin …(2 chars), tab, abc, ab1');
  });

  it('redacts strings inside values, keys included, the credential shapes too', () => {
    expect(deep({ name: 'x-ci-secret-from-env', list: [`k ${KEY}`, 3], 'ci-secret-from-env': true })).toEqual({ name: 'x-ci-s…(18 chars)', list: ['k AKIA…(20 chars)', 3], 'ci-s…(18 chars)': true });
  });

  it('is redactKnownSecrets when the model marks nothing', () => {
    const plain = redactorFor(scanModel(stack({ parameters: [param('Visible', 'orders-table', false)] })));
    expect(plain.text(`orders-table ${KEY}`)).toBe('orders-table AKIA…(20 chars)');
  });
});
