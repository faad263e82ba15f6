/**
 * The rule build check (as typescript-eslint does for its rules): every rule module under
 * `src/rules/<category>/<name>.ts` has the id and category its path says, a doc beside it whose
 * first paragraph is its description and which says how to suppress it, a test file, and a place
 * in the sorted rule index. Helper modules (no default export with `meta`) are skipped.
 *
 * The checker runs on the real tree, and on a small broken tree to prove it catches each gap.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/engine/types.js';
import type { Rule } from '../../src/engine/types.js';
import { rules as indexedRules } from '../../src/rules/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const RULES_DIR = join(here, '../../src/rules');
const TESTS_DIR = here;

interface RuleModule {
  readonly category: string;
  readonly name: string;
  readonly file: string;
  readonly rule: Rule;
}

function looksLikeRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'meta' in value && typeof (value as { check?: unknown }).check === 'function';
}

/** Every `<category>/<name>.ts` under `rulesDir` whose default export is a rule. */
async function ruleModules(rulesDir: string, problems: string[]): Promise<RuleModule[]> {
  const found: RuleModule[] = [];
  for (const category of readdirSync(rulesDir, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    for (const entry of readdirSync(join(rulesDir, category.name)).sort()) {
      if (!entry.endsWith('.ts') || entry.endsWith('.test.ts') || entry.endsWith('.d.ts')) continue;
      const file = join(rulesDir, category.name, entry);
      let loaded: { default?: unknown };
      try {
        loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
      } catch (error) {
        problems.push(`${category.name}/${entry}: cannot be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        continue;
      }
      if (!looksLikeRule(loaded.default)) continue;
      found.push({ category: category.name, name: entry.slice(0, -'.ts'.length), file, rule: loaded.default });
    }
  }
  return found;
}

/** The doc's first paragraph: the first run of non-blank lines after any headings, joined by spaces. */
export function firstParagraph(markdown: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length && (lines[i]!.trim() === '' || lines[i]!.trimStart().startsWith('#'))) i++;
  const paragraph: string[] = [];
  while (i < lines.length && lines[i]!.trim() !== '') paragraph.push(lines[i++]!.trim());
  return paragraph.join(' ');
}

/** Every problem with the rules of a tree, as `<path>: <problem>` lines. */
export async function ruleProblems(rulesDir: string, testsDir: string, index: readonly Rule[]): Promise<string[]> {
  const problems: string[] = [];
  const modules = await ruleModules(rulesDir, problems);
  for (const { category, name, rule } of modules) {
    const where = `${category}/${name}.ts`;
    const meta = rule.meta;
    if (meta.id !== `${category}/${name}`) problems.push(`${where}: meta.id is "${meta.id}", expected "${category}/${name}"`);
    if (meta.category !== category) problems.push(`${where}: meta.category is "${meta.category}", expected "${category}"`);
    if (!SEVERITIES.includes(meta.severity)) problems.push(`${where}: meta.severity "${meta.severity}" is not a severity`);
    if (typeof meta.description !== 'string' || meta.description.trim() === '') problems.push(`${where}: meta.description is empty`);
    if (Object.keys(meta.messages ?? {}).length === 0) problems.push(`${where}: meta.messages is empty`);
    const doc = join(rulesDir, category, `${name}.md`);
    if (!existsSync(doc)) {
      problems.push(`${where}: no doc ${category}/${name}.md`);
    } else {
      const text = readFileSync(doc, 'utf8');
      const first = firstParagraph(text);
      if (first !== meta.description) problems.push(`${where}: the doc's first paragraph ("${first}") is not meta.description ("${meta.description}")`);
      if (!/leash-ignore|suppress:/.test(text)) problems.push(`${where}: the doc does not say how to suppress the rule (leash-ignore comment or Metadata suppress:)`);
    }
    if (!existsSync(join(testsDir, category, `${name}.test.ts`))) problems.push(`${where}: no test file test/rules/${category}/${name}.test.ts`);
    if (!index.includes(rule) && !index.some((r) => r.meta.id === meta.id)) problems.push(`${where}: not listed in src/rules/index.ts`);
  }
  const ids = index.map((r) => r.meta.id);
  for (let i = 1; i < ids.length; i++) {
    if (ids[i] === ids[i - 1]) problems.push(`index.ts: ${ids[i]} is listed twice`);
    else if (ids[i]! < ids[i - 1]!) problems.push(`index.ts: ${ids[i]} comes after ${ids[i - 1]} (the list must be sorted by id)`);
  }
  const files = new Set(modules.map((m) => `${m.category}/${m.name}`));
  for (const id of new Set(ids)) if (!files.has(id)) problems.push(`index.ts: ${id} has no rule module at rules/${id}.ts`);
  return problems;
}

describe('rule modules', () => {
  it('every rule has its id, category, doc, suppression notes, tests and a place in the sorted index', async () => {
    expect(await ruleProblems(RULES_DIR, TESTS_DIR, indexedRules)).toEqual([]);
  });

  it('the index is not empty', () => {
    expect(indexedRules.length).toBeGreaterThan(0);
  });
});

describe('the rule check itself', () => {
  const root = mkdtempSync(join(tmpdir(), 'leash-meta-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, content: string): void => {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  };
  const ruleSource = (id: string, category: string, description: string): string =>
    `export default { meta: { id: ${JSON.stringify(id)}, category: ${JSON.stringify(category)}, description: ${JSON.stringify(description)}, severity: 'low', messages: { m: 'x' } }, check() {} };\n`;
  const doc = (description: string, suppression = true): string =>
    `# rule\n\n${description}\n\n## Why\n\nBecause.\n\n${suppression ? '## Suppress\n\n`# leash-ignore x: reason`\n' : ''}`;

  it('reports each missing piece', async () => {
    // A complete rule.
    write('rules/dos/good.ts', ruleSource('dos/good', 'dos', 'Good rule.'));
    write('rules/dos/good.md', doc('Good rule.'));
    write('tests/dos/good.test.ts', '');
    // A helper module: skipped.
    write('rules/dos/helper.ts', 'export const x = 1;\n');
    // Each of these lacks one thing.
    write('rules/dos/no-doc.ts', ruleSource('dos/no-doc', 'dos', 'No doc.'));
    write('tests/dos/no-doc.test.ts', '');
    write('rules/dos/bad-id.ts', ruleSource('dos/other-id', 'retry', 'Bad id.'));
    write('rules/dos/bad-id.md', doc('Bad id.'));
    write('tests/dos/bad-id.test.ts', '');
    write('rules/dos/wrong-doc.ts', ruleSource('dos/wrong-doc', 'dos', 'What it finds.'));
    write('rules/dos/wrong-doc.md', doc('Something else.', false));
    write('tests/dos/wrong-doc.test.ts', '');
    write('rules/dos/untested.ts', ruleSource('dos/untested', 'dos', 'Untested.'));
    write('rules/dos/untested.md', doc('Untested.'));
    write('rules/dos/unlisted.ts', ruleSource('dos/unlisted', 'dos', 'Unlisted.'));
    write('rules/dos/unlisted.md', doc('Unlisted.'));
    write('tests/dos/unlisted.test.ts', '');

    const load = async (name: string): Promise<Rule> => ((await import(pathToFileURL(join(root, 'rules/dos', `${name}.ts`)).href)) as { default: Rule }).default;
    const [good, noDoc, badId, wrongDoc, untested] = await Promise.all(['good', 'no-doc', 'bad-id', 'wrong-doc', 'untested'].map(load));
    // Unsorted, with a duplicate.
    const index = [noDoc!, good!, good!, badId!, untested!, wrongDoc!];
    const problems = await ruleProblems(join(root, 'rules'), join(root, 'tests'), index);

    const expected = [
      'dos/no-doc.ts: no doc dos/no-doc.md',
      'dos/bad-id.ts: meta.id is "dos/other-id", expected "dos/bad-id"',
      'dos/bad-id.ts: meta.category is "retry", expected "dos"',
      'dos/wrong-doc.ts: the doc\'s first paragraph ("Something else.") is not meta.description ("What it finds.")',
      'dos/wrong-doc.ts: the doc does not say how to suppress the rule (leash-ignore comment or Metadata suppress:)',
      'dos/untested.ts: no test file test/rules/dos/untested.test.ts',
      'dos/unlisted.ts: not listed in src/rules/index.ts',
      'index.ts: dos/good comes after dos/no-doc (the list must be sorted by id)',
      'index.ts: dos/good is listed twice',
      'index.ts: dos/other-id has no rule module at rules/dos/other-id.ts',
    ];
    for (const problem of expected) expect(problems).toContain(problem);
    expect(problems.filter((p) => p.startsWith('dos/good.ts') || p.includes('helper'))).toEqual([]);
    // The bad-id rule is listed (by identity) even though its id does not match its path.
    expect(problems).not.toContain('dos/bad-id.ts: not listed in src/rules/index.ts');
    expect(problems).toHaveLength(expected.length);
  });

  it('reads the first paragraph after headings, across wrapped lines', () => {
    expect(firstParagraph('# t\n\nOne line\ncontinued.\n\nNext.')).toBe('One line continued.');
    expect(firstParagraph('Plain.\n')).toBe('Plain.');
  });
});
