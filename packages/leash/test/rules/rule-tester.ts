/**
 * ESLint-style rule tests: lists of valid and invalid apps. Each case is written to a temporary
 * directory and loaded through the real loaders, so a rule test also proves the model carries what
 * the rule reads. A case whose app does not load cleanly fails: a rule that "passes" because the
 * template was rejected would prove nothing.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScan } from '../../src/loaders/index.js';
import type { FindingReport, Rule, Severity } from '../../src/engine/types.js';
import type { ScanModel } from '../../src/model/types.js';

export interface RuleCase {
  readonly name: string;
  /** `template.yaml` content, or a map of relative path to content (`serverless.yml`, `src/app.js`...). */
  readonly app: string | Readonly<Record<string, string>>;
}

export interface ExpectedFinding {
  readonly resource?: string;
  readonly messageId?: string;
  readonly severity?: Severity;
  readonly unknown?: boolean;
  /** Substring the formatted message must contain. */
  readonly message?: string;
}

export interface InvalidCase extends RuleCase {
  /** Every finding the rule must report, in any order; no others. */
  readonly errors: readonly ExpectedFinding[];
}

export interface RuleTests {
  readonly valid: readonly RuleCase[];
  readonly invalid: readonly InvalidCase[];
}

export interface CollectedFinding extends FindingReport {
  readonly message: string;
}

const roots: string[] = [];

/** Write an app to a fresh temporary directory and load it. */
export function loadApp(app: RuleCase['app']): ScanModel {
  const root = mkdtempSync(join(tmpdir(), 'leash-rule-'));
  roots.push(root);
  const files = typeof app === 'string' ? { 'template.yaml': app } : app;
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return loadScan(root);
}

export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Run one rule over every stack of an app, collecting its reports with their formatted messages. */
export function runRule(rule: Rule, scan: ScanModel): CollectedFinding[] {
  const found: CollectedFinding[] = [];
  for (const stack of scan.stacks) {
    rule.check({
      stack,
      scan,
      report(finding) {
        const template = rule.meta.messages[finding.messageId];
        if (template === undefined) throw new Error(`${rule.meta.id}: unknown messageId ${finding.messageId}`);
        found.push({ ...finding, message: formatMessage(template, finding.data) });
      },
    });
  }
  return found;
}

function expectLoaded(scan: ScanModel): void {
  const errors = [...scan.diagnostics, ...scan.stacks.flatMap((s) => s.diagnostics)].filter((d) => d.severity === 'error');
  expect(errors, 'the test app must load without errors').toEqual([]);
  expect(scan.stacks.length, 'the test app must contain a stack').toBeGreaterThan(0);
}

function matches(found: CollectedFinding, expected: ExpectedFinding): boolean {
  return (
    (expected.resource === undefined || found.resource === expected.resource) &&
    (expected.messageId === undefined || found.messageId === expected.messageId) &&
    (expected.severity === undefined || (found.severity ?? undefined) === expected.severity) &&
    (expected.unknown === undefined || Boolean(found.unknown) === expected.unknown) &&
    (expected.message === undefined || found.message.includes(expected.message))
  );
}

export function ruleTester(rule: Rule, tests: RuleTests): void {
  describe(rule.meta.id, () => {
    afterAll(() => {
      for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
    });
    it('has at least one valid and one invalid case', () => {
      expect(tests.valid.length).toBeGreaterThan(0);
      expect(tests.invalid.length).toBeGreaterThan(0);
    });
    for (const c of tests.valid) {
      it(`valid: ${c.name}`, () => {
        const scan = loadApp(c.app);
        expectLoaded(scan);
        expect(runRule(rule, scan)).toEqual([]);
      });
    }
    for (const c of tests.invalid) {
      it(`invalid: ${c.name}`, () => {
        const scan = loadApp(c.app);
        expectLoaded(scan);
        const found = runRule(rule, scan);
        const unmatched = [...found];
        for (const expected of c.errors) {
          const i = unmatched.findIndex((f) => matches(f, expected));
          expect(i, `expected a finding ${JSON.stringify(expected)}; got ${JSON.stringify(found.map((f) => ({ resource: f.resource, messageId: f.messageId, message: f.message })))}`).toBeGreaterThanOrEqual(0);
          unmatched.splice(i, 1);
        }
        expect(unmatched.map((f) => ({ resource: f.resource, messageId: f.messageId, message: f.message })), 'unexpected extra findings').toEqual([]);
      });
    }
  });
}
