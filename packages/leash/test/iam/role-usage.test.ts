import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScan } from '../../src/loaders/index.js';
import { functionAnalysis, roleUsages } from '../../src/iam/role-usage.js';

const dir = mkdtempSync(join(tmpdir(), 'leash-role-usage-'));
mkdirSync(join(dir, 'src'));
writeFileSync(join(dir, 'template.yaml'), `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src/
      Handler: app.handler
      Environment: { Variables: { TABLE: !Ref Orders } }
      Policies: [{ DynamoDBReadPolicy: { TableName: !Ref Orders } }]
`);
writeFileSync(join(dir, 'src', 'app.js'), `const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const ddb = new DynamoDBClient({});
exports.handler = async (event) => ddb.send(new GetItemCommand({ TableName: process.env.TABLE, Key: {} }));
`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('functionAnalysis: one analysis per function and scan', () => {
  it('is shared by roleUsages and later callers (the JSON report), and starts afresh for a new load', () => {
    const model = loadScan(dir);
    const stack = model.stacks[0]!;
    const fn = stack.functions.find((f) => f.id === 'Fn')!;
    const usages = roleUsages(stack, model.root);
    const fromRules = usages.flatMap((u) => [...u.analyses.values()]).find((a) => a.functionId === 'Fn');
    expect(fromRules?.calls.flatMap((c) => c.actions)).toContain('dynamodb:GetItem');
    expect(functionAnalysis(stack, fn, model.root)).toBe(fromRules);
    expect(functionAnalysis(stack, fn, model.root)).toBe(functionAnalysis(stack, fn, model.root));
    const again = loadScan(dir);
    const fnAgain = again.stacks[0]!.functions.find((f) => f.id === 'Fn')!;
    expect(functionAnalysis(again.stacks[0]!, fnAgain, again.root)).not.toBe(fromRules);
  });
});
