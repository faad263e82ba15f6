import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/engine/result.js';
import { REPORTER_NAMES, reporters } from '../../src/reporters/index.js';
import { guardOutput, neutralise, neutraliseDeep, toJson } from '../../src/reporters/neutralise.js';
import { resultFromModel } from '../../src/scan.js';
import { at, fn, role, scanModel, stack } from '../engine/model-builders.js';
import { sampleResult } from './sample-result.js';
import { sampleRules } from './sample-rules.js';

/** What the hostile-input suite rejects in any output. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u2028\u2029\ufeff]/u;

describe('neutralise', () => {
  it('keeps ordinary text, accents, CJK, emoji (joined ones too) and tabs as they are', () => {
    for (const text of ['index.handler', 'arn:aws:s3:::bucket/*', 'café', '日本語のテンプレート', 'emoji 😀 👍🏽 👨‍👩‍👧 ❤️ 🇫🇷', 'a\tb', 'Ünïcödé ÀÉÎ', 'x :: y', '# comment', 'a#[b', 'C:\\path\\x']) {
      expect(neutralise(text)).toBe(text);
    }
  });

  it('escapes C0 and C1 controls, DEL and NUL visibly', () => {
    expect(neutralise('\u001b[2J\u001b[H')).toBe('\\x1b[2J\\x1b[H');
    expect(neutralise('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07');
    expect(neutralise('\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\')).toBe('\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\');
    expect(neutralise('a\u0000b\u007fc')).toBe('a\\x00b\\x7fc');
    expect(neutralise('\u009b2J \u0085')).toBe('\\x9b2J \\x85');
    expect(neutralise('line\r\nnext')).toBe('line\\x0d\\x0anext');
  });

  it('escapes bidi controls, line and paragraph separators and invisible characters', () => {
    expect(neutralise('abc\u202etxt.exe')).toBe('abc\\u202etxt.exe');
    expect(neutralise('\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c')).toBe('\\u2066\\u2067\\u2068\\u2069\\u202a\\u202b\\u202c\\u202d\\u200e\\u200f\\u061c');
    expect(neutralise('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(neutralise('\ufeffzero\u200bwidth\u2060')).toBe('\\ufeffzero\\u200bwidth\\u2060');
    expect(neutralise('tag\u{e0041}\u{e0042}')).toBe('tag\\u{e0041}\\u{e0042}');
    expect(neutralise('lone \ud800 surrogate')).toBe('lone \\ud800 surrogate');
  });

  it('breaks GitHub Actions and Azure Pipelines commands', () => {
    expect(neutralise('::error::pwned')).toBe('\\x3a:error::pwned');
    expect(neutralise('  ::add-mask::x')).toBe('  \\x3a:add-mask::x');
    expect(neutralise('\u00a0::set-output name=x::y')).toBe('\u00a0\\x3a:set-output name=x::y');
    expect(neutralise('x\n::set-output name=x::y')).toBe('x\\x0a::set-output name=x::y');
    expect(neutralise('x ##[add-mask]y')).toBe('x \\x23#[add-mask]y');
    expect(neutralise('##vso[task.setvariable variable=x]y')).toBe('\\x23#vso[task.setvariable variable=x]y');
    expect(neutralise('arn:aws:s3:::bucket')).toBe('arn:aws:s3:::bucket');
  });

  it('leaves nothing the hostile-input suite rejects, and is stable on its own output', () => {
    const hostile = '\u001b[31m\u009b\u202e\u2028\u0000\r\n::x ##[y]';
    const once = neutralise(hostile);
    expect(once).not.toMatch(UNSAFE);
    expect(once).not.toMatch(/^\s*::|##\[/m);
    expect(neutralise(once)).toBe(once);
  });

  it('walks objects and arrays, keys included, copying only what changes', () => {
    const clean = { a: ['x', 3, null, { y: 'é' }] };
    const input = { 'k\u001b': ['v\u202e', 3, null, { x: '\u2028' }], clean };
    const out = neutraliseDeep(input);
    expect(out).toEqual({ 'k\\x1b': ['v\\u202e', 3, null, { x: '\\u2028' }], clean });
    expect(out.clean).toBe(clean);
    expect(neutraliseDeep(clean)).toBe(clean);
    expect(input['k\u001b'][0]).toBe('v\u202e'); // the input is not changed
  });
});

describe('toJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { id: 'Fn\u202e\u009b\u2028\ufeff\u{e0041}', c0: '\u001b[2J\u0000', cmd: '##[add-mask]x', line: '::error::x', ok: 'café 日本 😀' };
    const text = toJson(value);
    expect(text).not.toMatch(UNSAFE);
    expect(text).not.toMatch(/^\s*::|##\[/m);
    expect(text).toContain('Fn\\u202e\\u009b\\u2028\\ufeff\\udb40\\udc41');
    expect(text).toContain('café 日本 😀');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('guardOutput', () => {
  it('keeps line breaks, tabs and colour codes, escapes every other control and command', () => {
    expect(guardOutput('\u001b[1m\u001b[31mred\u001b[39m\u001b[22m\n\tnext\n')).toBe('\u001b[1m\u001b[31mred\u001b[39m\u001b[22m\n\tnext\n');
    expect(guardOutput('a\u001b]0;t\u0007\u001b[2J\u202e\r\n')).toBe('a\\x1b]0;t\\x07\\x1b[2J\\u202e\\x0d\n');
    expect(guardOutput('ok\n::set-output name=x::y\n  ::error::z\nx ##vso[a]b')).toBe('ok\n\\x3a:set-output name=x::y\n  \\x3a:error::z\nx \\x23#vso[a]b');
  });
});

describe('every reporter', () => {
  const HOSTILE = '\u001b]0;t\u0007\u001b[2J\u009b\u202e\u2028\u0000\r\n::error::x ##[add-mask]y';
  const hostileResult = (): ScanResult => {
    const model = scanModel(
      stack({
        id: `t${HOSTILE}.yaml`,
        file: `t${HOSTILE}.yaml`,
        functions: [fn(HOSTILE, 10, { runtime: `nodejs16.x${HOSTILE}` }), fn(`::${HOSTILE}`, 20)],
        roles: [role(`Role${HOSTILE}`, 14, { statements: [{ effect: 'Allow', action: ['s3:*'], resource: [`arn:aws:s3:::${HOSTILE}`], loc: at(16, 11) }] })],
        diagnostics: [{ severity: 'error', code: 'ERR_LEASH_PARSE', message: `bad ${HOSTILE}`, file: `${HOSTILE}.yaml`, line: 3, column: 1 }],
      }),
    );
    return resultFromModel({ ...model, root: '/work/app' }, { target: `app${HOSTILE}`, rules: sampleRules });
  };

  it.each(REPORTER_NAMES)('%s: no unsafe character or workflow command, with or without colours', (name) => {
    for (const color of [false, true]) {
      const out = reporters[name](hostileResult(), { color, showSuppressed: true });
      // The message is there, escaped: visibly in text, as JSON escapes in JSON, visibly (then JSON-encoded) in SARIF.
      expect(out).toContain({ text: 'bad \\x1b]0;t\\x07', json: 'bad \\u001b]0;t\\u0007', sarif: 'bad \\\\x1b]0;t\\\\x07' }[name]);
      const withoutColours = out.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutColours).not.toMatch(UNSAFE);
      expect(withoutColours).not.toMatch(/^\s*::|##\[/m);
    }
  });

  it('text: the colours leash adds still work', () => {
    const out = reporters.text(hostileResult(), { color: true });
    expect(out).toMatch(/\u001b\[1m/);
    expect(out).not.toContain('\u001b]');
    expect(out).not.toContain('\u001b[2J');
  });
});

describe('text report paths', () => {
  it('a path that starts a line with :: (a folder named ::error::x in the repository) is still guarded', () => {
    // Paths are relative to the scan root, so the stack header line starts with the folder's name.
    const sample = sampleResult();
    const out = reporters.text({ ...sample, stacks: sample.stacks.map((s) => ({ ...s, file: '::error::x/template.yaml' })) }, {});
    expect(out).not.toMatch(/^\s*::/m);
    expect(out).toMatch(/^\\x3a:error::x\/template\.yaml \(sam\)$/m);
  });
});
