import { describe, expect, it } from 'vitest';
import { text } from '../../src/reporters/text.js';
import { sampleResult } from './sample-result.js';

const ANSI = /\u001b\[/;

describe('text reporter', () => {
  it('is deterministic', () => {
    expect(text(sampleResult(), {})).toBe(text(sampleResult(), {}));
  });

  it('groups findings by stack and function, most severe first, with clickable locations', () => {
    const out = text(sampleResult(), {});
    const lines = out.split('\n');
    expect(lines[0]).toBe('template.yaml (sam)');
    const orders = lines.indexOf('  Orders (function, nodejs16.x)');
    expect(orders).toBeGreaterThan(0);
    expect(lines[orders + 1]).toMatch(/^ {4}HIGH +Role OrdersRole of Orders grants s3:\*$/);
    expect(lines[orders + 2]).toContain('iam/wildcard-action  template.yaml:16:11');
    expect(lines[orders + 3]).toMatch(/^ {4}MEDIUM +Orders runs on nodejs16\.x/);
    expect(out).toContain('cannot tell whether Orders is public [unknown]');
  });

  it('counts suppressed findings without listing them, unless asked', () => {
    const hidden = text(sampleResult(), {});
    expect(hidden).not.toContain('Public has a public function URL');
    expect(hidden).toContain('1 suppressed (--show-suppressed to list)');
    const shown = text(sampleResult(), { showSuppressed: true });
    expect(shown).toContain('Public has a public function URL [suppressed]');
    expect(shown).toContain('suppressed (metadata): public webhook, verified by signature');
  });

  it('lists input problems with file:line:column and their code', () => {
    const out = text(sampleResult(), {});
    expect(out).toContain('error   other/template.yaml:3:1  bad indentation [ERR_LEASH_PARSE]');
    expect(out).toContain('warning template.yaml:49:3  suppression of runtime/* has no reason');
  });

  it('ends with a summary line of counts', () => {
    const last = text(sampleResult(), {}).trimEnd().split('\n').at(-1);
    expect(last).toBe('4 findings (1 high, 2 medium, 1 low) · 1 unknown · 1 suppressed (--show-suppressed to list) · 1 error · 2 warnings · 3 functions in 1 stack');
  });

  it('uses colours only when asked (the CLI decides from NO_COLOR, --no-color and the terminal)', () => {
    expect(text(sampleResult(), {})).not.toMatch(ANSI);
    expect(text(sampleResult(), { color: false })).not.toMatch(ANSI);
    const coloured = text(sampleResult(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(text(sampleResult(), {}));
  });

  it('says so when there is nothing to report', () => {
    const result = { ...sampleResult(), findings: [], diagnostics: [] };
    const out = text({ ...result, summary: { ...result.summary, findings: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, suppressed: 0, unknown: 0, errors: 0, warnings: 0 } }, {});
    expect(out).toBe('no findings · 3 functions in 1 stack\n');
  });
});
