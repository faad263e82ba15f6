/**
 * The nesting measure that keeps too-deep code away from the native parser (src/code/nesting.ts).
 * It must never under-count, whatever the code hides its brackets in, and must not call real code
 * deep. The parser overflows an 8 MB stack at about 4,400 nested generic type arguments and 6,000
 * parentheses (bench-like measurements in the module's header): every attack below nests 1,500
 * levels, so the measure must stop each one with margin to spare.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CODE_NESTING, measureNesting, type SourceLang } from '../../src/code/nesting.js';

const LEVELS = 1500;
const repeat = (s: string, n = LEVELS): string => s.repeat(n);

const TSX_COMPONENT = `import React, { useState, type ReactNode } from 'react';
// A component's "props" aren't <checked> here: it's just a sample.
interface Props<T> { items: T[]; render: (item: T) => ReactNode; title?: string }
type Fn = <T>(x: T) => T;
const identity = <T,>(x: T): T => x;
const constrained = <T extends object>(x: T) => x;
export function List<T>({ items, render, title = "it's a list" }: Props<T>) {
  const [open, setOpen] = useState<boolean>(false);
  const ratio = (items.length + 1) / 2;
  const re = /<div>[^<]*<\\/div>/g;
  if (items.length < 2 && ratio > 1) return null;
  return (
    <>
      {/* a comment with a ' quote and a } brace */}
      <h1 className="title" data-x='single "quoted"' aria-label={\`\${title} (\${items.length})\`}>
        {title} — don't panic: "quotes" are text
      </h1>
      <ul>
        {items.map((item, i) => (
          <li key={i} onClick={() => setOpen(!open)} style={{ color: i % 2 ? 'red' : 'blue' }}>
            {render(item)}
            {open && <span>open</span>}
            {i < 3 ? <b>first</b> : <i>later</i>}
          </li>
        ))}
      </ul>
      <Foo.Bar baz={<Qux />} {...{ a: 1 }} />
    </>
  );
}
`;

const TS_NO_SEMICOLONS = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({})
type Handler<E, R> = (event: E) => Promise<R>
export const handler: Handler<{ key: string }, string> = async (event) => {
  const out = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET!, Key: event.key }))
  const n = (a: number, b: number) => a < b ? a : b
  const m = new Map<string, Array<Record<string, number>>>()
  if (n(1, 2) > 0) m.set('x', [])
  return String(out.Body)
}
`;

/** Many statements, a long concatenation, a long member chain, many else-ifs: long but shallow code. */
function longShallowCode(): string {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) lines.push(`export const v${i} = (a, b) => a.x${i} + b / 2 + /re${i}[/)]/.test(a) + \`t\${b}\` // ) } ]`);
  lines.push(`const sql = ${Array.from({ length: 2000 }, (_, i) => `'part ${i} ('`).join(' + ')};`);
  lines.push(`const chain = api${'.then(x => x)'.repeat(200)};`);
  lines.push(`function route(r) { if (r === 0) return 0; ${Array.from({ length: 300 }, (_, i) => `else if (r === ${i + 1}) return ${i};`).join(' ')} }`);
  lines.push(`const table = { ${Array.from({ length: 3000 }, (_, i) => `k${i}: ${i}`).join(', ')} };`);
  return lines.join('\n');
}

const deep = (lang: SourceLang, text: string) => measureNesting(text, lang);

describe('measureNesting', () => {
  it('measures real-looking code as shallow', () => {
    for (const [lang, text] of [
      ['tsx', TSX_COMPONENT],
      ['ts', TS_NO_SEMICOLONS],
    ] as const) {
      const result = measureNesting(text, lang);
      expect(result.overAt, lang).toBeUndefined();
      expect(result.depth, lang).toBeLessThan(40);
    }
  });

  it('lets long code through: thousands of statements, concatenations, chains, 300 else-ifs, a 3,000-key table', () => {
    const result = measureNesting(longShallowCode(), 'js');
    expect(result.overAt).toBeUndefined();
    // The else-if chain nests 300 levels; each `else if (...) return` counts about two.
    expect(result.depth).toBeLessThan(700);
  });

  it('counts brackets, statements and operators', () => {
    expect(deep('js', 'x = ((((a))));').depth).toBeGreaterThanOrEqual(4);
    expect(deep('js', 'if (a) if (b) if (c) x();').depth).toBeGreaterThanOrEqual(3);
    expect(deep('js', '').depth).toBe(0);
  });

  const attacks: [string, SourceLang, string][] = [
    ['parentheses', 'js', `x = ${repeat('(')}a${repeat(')')};`],
    ['arrays', 'js', `x = ${repeat('[')}${repeat(']')};`],
    ['object literals', 'js', `x = ${repeat('{a:', LEVELS / 2)}1${repeat('}', LEVELS / 2)};`],
    ['blocks', 'js', `${repeat('{')}${repeat('}')}`],
    ['functions', 'js', `${repeat('function f() {', LEVELS / 2)}${repeat('}', LEVELS / 2)}`],
    ['nested ifs', 'js', `${repeat('if (a) ')}x();`],
    ['nested ifs on lines', 'js', `${repeat('if (a)\n')}x()`],
    ['else-if chain', 'js', `if (a) x(); ${repeat('else if (a) x(); ')}`],
    ['else-if chain without semicolons', 'js', `if (a) x()\n${repeat('else if (a) x()\n')}`],
    ['else-if chain of blocks', 'js', `if (a) {} ${repeat('else if (a) {} ')}`],
    ['labels', 'js', `${repeat('a: ')}x;`],
    ['for await', 'js', `async function f() { ${repeat('for await (const x of y)\n')}x }`],
    ['do-while', 'js', `${repeat('do ')}x; ${repeat('while (a); ')}`],
    ['arrows', 'js', `x = ${repeat('() => ')}a;`],
    ['ternaries', 'js', `x = ${repeat('a ? b : ')}c;`],
    ['assignments', 'js', `x = ${repeat('a = ')}1;`],
    ['template literals', 'js', `x = ${repeat('`${')}1${repeat('}`')};`],
    ['new with calls', 'js', `x = ${repeat('new A(')}${repeat(')')};`],
    ['destructuring', 'js', `const ${repeat('[')}b${repeat(']')} = c;`],
    ['generic type arguments', 'ts', `let x: ${repeat('A<')}B${repeat('>')};`],
    ['generic type arguments with commas', 'ts', `let x: ${repeat('A<B, ')}B${repeat('>')};`],
    ['template literal types', 'ts', `type X = ${repeat('`${')}A${repeat('}`')};`],
    ['conditional types', 'ts', `type X = ${repeat('A extends B ? C : ')}D;`],
    ['JSX elements', 'tsx', `x = ${repeat('<a>')}${repeat('</a>')};`],
    ['JSX attributes', 'tsx', `x = ${repeat('<a b={')}1${repeat('} />')};`],
    ['JSX in .jsx', 'jsx', `x = ${repeat('<a b={')}1${repeat('} />')};`],
    // Statement prefixes go on past a `,`: chained through arrow functions, each level hides its `if`s from a count reset at commas.
    ['ifs before commas', 'js', repeat(`${'if (a) '.repeat(40)}x, () => { `, LEVELS / 40) + '1' + repeat(' }', LEVELS / 40)],
    ['labels before commas', 'js', repeat(`${'a: '.repeat(40)}x, () => { `, LEVELS / 40) + '1' + repeat(' }', LEVELS / 40)],
    ['returns before commas', 'js', `function f() { ${repeat('return x, () => { ')}1${repeat(' }')} }`],
    // Brackets hidden where a scanner might think it is in a string, regex or comment.
    ['closers in strings', 'js', `${repeat('f( ")" ')}${repeat(')')}`],
    ['a division read as a regex', 'js', `x = (a) / ${repeat('(')}b / c${repeat(')')};`],
    ['a division after a brace', 'js', `x = {} / ${repeat('(')}b / c${repeat(')')};`],
    ['a regex after if (...)', 'js', `if (a) /[)'"]/.test(b); ${repeat('(')}${repeat(')')}`],
    ['a regex holding a quote', 'js', `x = /'/; ${repeat('(')}${repeat(')')}`],
    ['closers in comments', 'js', `${repeat('f( /* ) */ ')}${repeat(')')}`],
    ['closers in line comments', 'js', `${repeat('f( // )\n')}${repeat(')')}`],
    ['a quote in JSX text', 'jsx', `x = <a>it's "</a>; ${repeat('(')}${repeat(')')}`],
    ['a hashbang with a quote', 'js', `#!/usr/bin/env node '\n${repeat('(')}${repeat(')')}`],
    ['a line separator in a string', 'js', `x = '\u2028'; ${repeat('(')}${repeat(')')}`],
    ['a string continued over lines', 'js', `x = 'a\\\n'; ${repeat('(')}${repeat(')')}`],
    ['a comment opener in a template', 'js', `x = \`/*\`; ${repeat('(')}${repeat(')')}`],
    ['closers in HTML-like comments', 'js', `${repeat('f(\n<!-- )\n')}${repeat(')')}`],
    ['closers after --> at a line start', 'js', `${repeat('f(\n--> )\n')}${repeat(')')}`],
    ['type arguments then comparisons', 'ts', `${repeat('a < b;\n', 50)}let x: ${repeat('A<')}B${repeat('>')};`],
  ];
  for (const [name, lang, text] of attacks) {
    it(`stops ${name}`, () => {
      const result = measureNesting(text, lang);
      expect(result.overAt, `depth ${result.depth}`).toBeDefined();
      expect(result.depth).toBeGreaterThan(MAX_CODE_NESTING);
    });
  }

  it('weighs cheap operators lightly but still stops long chains of them', () => {
    expect(measureNesting(`x = a${'.b'.repeat(5000)};`, 'js').overAt).toBeUndefined();
    expect(measureNesting(`x = a${'.b'.repeat(40_000)};`, 'js').overAt).toBeDefined();
    expect(measureNesting(`x = ${"'a' + ".repeat(20_000)}'b';`, 'js').overAt).toBeDefined();
  });

  it('follows both readings of an ambiguous slash and stays linear', () => {
    // `}` then `/`: a regex or a division each time; the readings re-join.
    const text = `${'x = {} / 2 / 3;\n'.repeat(20_000)}`;
    const result = measureNesting(text, 'js');
    expect(result.overAt).toBeUndefined();
    expect(result.depth).toBeLessThan(10);
  });

  it('gives up on sources that read too many ways at once, without hanging', () => {
    // Each `}/[` starts a regex reading that runs to the end of the line.
    const result = measureNesting(`${'{}/['.repeat(200_000)}`, 'js');
    expect(result.overAt).toBeDefined();
  });
});
