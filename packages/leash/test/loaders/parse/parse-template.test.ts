import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfinedFs } from '../../../src/fs/confined.js';
import { loadTemplateFile, parseTemplate } from '../../../src/loaders/parse/index.js';

const FILE = 'template.yaml';

function value(text: string): unknown {
  const parsed = parseTemplate(text, FILE);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return parsed.value;
}

describe('CloudFormation short-form tags', () => {
  const cases: [string, unknown][] = [
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Table.Arn', { 'Fn::GetAtt': ['Table', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Table, StreamArn]', { 'Fn::GetAtt': ['Table', 'StreamArn'] }],
    ['!Sub "arn:${AWS::Partition}:s3:::${B}"', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}' }],
    ['!Sub ["${A}-x", {A: !Ref P}]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'P' } }] }],
    ['!Join [",", [a, b]]', { 'Fn::Join': [',', ['a', 'b']] }],
    ['!If [IsProd, 1, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 1, { Ref: 'AWS::NoValue' }] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!FindInMap [M, !Ref AWS::Region, K]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] }],
    ['!ImportValue Shared-Vpc', { 'Fn::ImportValue': 'Shared-Vpc' }],
    ['!GetAZs', { 'Fn::GetAZs': '' }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!Cidr [10.0.0.0/16, 6, 5]', { 'Fn::Cidr': ['10.0.0.0/16', 6, 5] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
    ['!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
    ['!ForEach [Topics, [a, b], {}]', { 'Fn::ForEach': ['Topics', ['a', 'b'], {}] }],
  ];
  for (const [source, expected] of cases) {
    it(`reads ${source}`, () => {
      expect(value(`X: ${source}\n`)).toEqual({ X: expected });
    });
  }

  it('reads tags on block sequences and mappings', () => {
    const text = ['A: !If', '  - IsProd', '  - !Sub |', '    line ${X}', '  - b', 'B: !Sub', '  - "${Y}"', '  - Y: !Ref Z', ''].join('\n');
    expect(value(text)).toEqual({
      A: { 'Fn::If': ['IsProd', { 'Fn::Sub': 'line ${X}\n' }, 'b'] },
      B: { 'Fn::Sub': ['${Y}', { Y: { Ref: 'Z' } }] },
    });
  });

  it('keeps dates and versions as strings', () => {
    expect(value('AWSTemplateFormatVersion: 2010-09-09\nV: 2012-10-17\n')).toEqual({ AWSTemplateFormatVersion: '2010-09-09', V: '2012-10-17' });
  });

  it('reads the long form of JSON templates with positions', () => {
    const text = '{\n  "Resources": {\n    "Fn": {\n      "Type": "AWS::Lambda::Function",\n      "Properties": { "Role": { "Fn::GetAtt": ["R", "Arn"] } }\n    }\n  }\n}\n';
    const parsed = parseTemplate(text, 'template.json');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value).toEqual({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['R', 'Arn'] } } } } });
    expect(parsed.locate(['Resources', 'Fn'])).toMatchObject({ file: 'template.json', line: 3, column: 5 });
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'Role'])).toMatchObject({ line: 5, column: 23 });
  });
});

describe('positions', () => {
  const text = [
    'Resources:', //1
    '  Bucket:', //2
    '    Type: AWS::S3::Bucket', //3
    '  Fn:', //4
    '    Type: AWS::Lambda::Function', //5
    '    Properties:', //6
    '      Role: !GetAtt Role.Arn', //7
    '      Layers:', //8
    '        - !Ref L1', //9
    '        - !Ref L2', //10
    '',
  ].join('\n');
  const parsed = parseTemplate(text, 'app/template.yaml');
  it('locates keys, sequence items and values inside tags', () => {
    expect(parsed.locate(['Resources', 'Bucket'])).toMatchObject({ file: 'app/template.yaml', line: 2, column: 3 });
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'Role'])).toMatchObject({ line: 7, column: 7 });
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'Role', 'Fn::GetAtt', 0])).toMatchObject({ line: 7, column: 13 });
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'Layers', 1])).toMatchObject({ line: 10, column: 11 });
  });
  it('gives the deepest existing node for a path that goes further', () => {
    expect(parsed.locate(['Resources', 'Fn', 'Properties', 'Missing', 'Deeper'])).toMatchObject({ line: 6, column: 5 });
    expect(parsed.locate([])).toMatchObject({ line: 1, column: 1 });
  });
  it('collects comments with their lines, not inside strings or block scalars', () => {
    const withComments = ['# top', 'A: "x # not a comment" # after', 'B: |', '  # inside block', 'C: 1', '  # indented', ''].join('\n');
    const p = parseTemplate(withComments, FILE);
    expect(p.comments).toEqual([
      { line: 1, text: 'top', fullLine: true },
      { line: 2, text: 'after', fullLine: false },
      { line: 6, text: 'indented', fullLine: true },
    ]);
  });
});

describe('bad input', () => {
  it('reports a syntax error with file, line and column', () => {
    const parsed = parseTemplate('Resources:\n  A: [1, 2\n  B: {\n', FILE);
    expect(parsed.value).toBeNull();
    const error = parsed.diagnostics.find((d) => d.severity === 'error');
    expect(error).toMatchObject({ code: 'ERR_LEASH_PARSE', file: FILE });
    expect(error?.line).toBeGreaterThanOrEqual(2);
    expect(error?.column).toBeGreaterThanOrEqual(1);
  });

  it('reports an unknown tag as an error with its position', () => {
    const parsed = parseTemplate('Resources:\n  A:\n    Type: !Reff Thing\n', FILE);
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_UNKNOWN_TAG', file: FILE, line: 3, column: 11 }),
    ]);
    expect(parsed.diagnostics[0]!.message).toContain('!Reff');
  });

  it('keeps the last of duplicate keys and warns', () => {
    const parsed = parseTemplate('Policies:\n  - A\nName: x\nPolicies:\n  - AdministratorAccess\n', FILE);
    expect(parsed.value).toEqual({ Policies: ['AdministratorAccess'], Name: 'x' });
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_DUPLICATE_KEY', line: 4, column: 1 })]);
    expect(parsed.diagnostics[0]!.message).toContain('first at line 1');
  });

  it('refuses an alias bomb without expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    const names = 'bcdefghijk';
    let previous = 'a';
    for (const name of names) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
      previous = name;
    }
    // Expanding these aliases would take gigabytes and hours; the test timeout catches a regression.
    const parsed = parseTemplate(lines.join('\n') + '\n', FILE);
    expect(parsed.value).toBeNull();
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_ALIAS_LIMIT', file: FILE })]);
    expect(parsed.diagnostics[0]!.line).toBeGreaterThan(1);
  });

  it('still reads a few ordinary aliases and merge keys', () => {
    expect(value('base: &b {Runtime: nodejs20.x, Timeout: 3}\nfn:\n  <<: *b\n  Timeout: 10\n')).toEqual({
      base: { Runtime: 'nodejs20.x', Timeout: 3 },
      fn: { Runtime: 'nodejs20.x', Timeout: 10 },
    });
  });

  it('refuses a top level that is not a mapping', () => {
    for (const text of ['- a\n- b\n', 'just a string\n', '']) {
      const parsed = parseTemplate(text, FILE);
      expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_INVALID_TEMPLATE', file: FILE, line: 1 })]);
    }
  });

  it('refuses a text above the size limit before parsing', () => {
    const parsed = parseTemplate('a: 1\n'.repeat(100), FILE, { maxBytes: 100 });
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'ERR_LEASH_FILE_TOO_LARGE', file: FILE, line: 1 })]);
  });

  it('reports nesting too deep instead of overflowing the stack', () => {
    const parsed = parseTemplate(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, FILE);
    expect(parsed.value).toBeNull();
    expect(parsed.diagnostics.some((d) => d.severity === 'error' && d.code === 'ERR_LEASH_PARSE')).toBe(true);
  });

  it('accepts flow collections closed at the key indentation, as CloudFormation does', () => {
    const text = ['Resources:', '  Api:', '    Properties:', '      Statements: [{', '          "Effect": "Allow"', '      }]', '  Next:', '    Type: X', ''].join('\n');
    const parsed = parseTemplate(text, FILE);
    expect(parsed.value).toEqual({ Resources: { Api: { Properties: { Statements: [{ Effect: 'Allow' }] } }, Next: { Type: 'X' } } });
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'WARN_LEASH_PARSE_LENIENT', line: 6 })]);
    expect(parsed.locate(['Resources', 'Next'])).toMatchObject({ line: 7 });
  });

  it('does not let a __proto__ key change the prototype', () => {
    const parsed = value('__proto__: {polluted: true}\na: 1\n') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('loadTemplateFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leash-parse-'));
  const fs = new ConfinedFs(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a 50 MB file before reading it, with ERR_LEASH_FILE_TOO_LARGE at the file', () => {
    const big = join(dir, 'template.yaml');
    const line = `Key: ${'x'.repeat(1000)}\n`;
    writeFileSync(big, 'Resources:\n' + line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const parsed = loadTemplateFile(fs, big, 'template.yaml');
    expect(parsed.value).toBeNull();
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_FILE_TOO_LARGE', file: 'template.yaml', line: 1 })]);
    expect(parsed.diagnostics[0]!.message).toContain('50.0 MB, above the 10.0 MB limit');
  });

  it('reports a missing file as ERR_LEASH_FILE_NOT_FOUND', () => {
    const parsed = loadTemplateFile(fs, join(dir, 'nope.yaml'), 'nope.yaml');
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'ERR_LEASH_FILE_NOT_FOUND', file: 'nope.yaml' })]);
  });

  it('strips a byte order mark', () => {
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, '\ufeffa: 1\n');
    const parsed = loadTemplateFile(fs, file, 'bom.yaml');
    expect(parsed.text).toBe('a: 1\n');
    expect(parsed.value).toEqual({ a: 1 });
  });
});

describe('JSON templates', () => {
  it('warns on duplicate keys with the line of both', () => {
    const parsed = parseTemplate('{\n  "A": 1,\n  "B": {"x": [1, 2.5e3, true, null, "s\\u0041"]},\n  "A": 2\n}\n', 'template.json');
    expect(parsed.value).toEqual({ A: 2, B: { x: [1, 2500, true, null, 'sA'] } });
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'WARN_LEASH_DUPLICATE_KEY', line: 4, column: 3, message: expect.stringContaining('first at line 2') })]);
    expect(parsed.locate(['B', 'x', 4])).toMatchObject({ line: 3, column: 37 });
  });

  it('reports a JSON syntax error with its line', () => {
    const parsed = parseTemplate('{\n  "Resources": {\n    "A": {"Type": "X",}\n  }\n', 'template.json');
    expect(parsed.value).toBeNull();
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', code: 'ERR_LEASH_PARSE', file: 'template.json' });
    expect(parsed.diagnostics[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses flow collections nested past 400 levels before parsing, whatever they are in (YAML or JSON text)', () => {
    for (const [file, text] of [
      ['template.yaml', `Resources:\n  A:\n    Type: X\n    Properties: { P: ${'['.repeat(100_000)}${']'.repeat(100_000)} }\n`],
      ['template.json', `{"Resources": {"A": {"Type": "X", "Properties": {"P": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}`],
    ] as const) {
      const parsed = parseTemplate(text, file);
      expect(parsed.value, file).toBeNull();
      expect(parsed.diagnostics, file).toEqual([expect.objectContaining({ code: 'ERR_LEASH_PARSE', message: 'nesting deeper than 400 levels' })]);
    }
  });

  it('refuses compact block nesting on one line (- - -, - a: - a:, ? ?) past 400 levels before parsing', () => {
    for (const compact of ['- ', '- a: ', '? ']) {
      const parsed = parseTemplate(`Resources:\n  A:\n    Type: X\n    Properties:\n      P:\n        ${compact.repeat(100_000)}x\n`, 'template.yaml');
      expect(parsed.diagnostics, compact).toEqual([expect.objectContaining({ code: 'ERR_LEASH_PARSE', message: 'nesting deeper than 400 levels', line: 6 })]);
    }
  });

  it('does not count brackets in quoted strings or block scalars', () => {
    const text = `Resources:\n  A:\n    Type: X\n    Properties:\n      Q: "${'['.repeat(1000)}"\n      S: '${'{'.repeat(1000)}'\n      Code: |\n        ${'['.repeat(1000)}\n`;
    const parsed = parseTemplate(text, 'template.yaml');
    expect(parsed.diagnostics).toEqual([]);
    expect((parsed.value as any).Resources.A.Properties.Q).toBe('['.repeat(1000));
  });
});
