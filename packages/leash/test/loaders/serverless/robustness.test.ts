import { describe, expect, it } from 'vitest';
import { loadApp } from '../../rules/rule-tester.js';

/** serverless.yml files of odd shapes: each loads (or is rejected) with diagnostics, never a crash. */
const ODD: Record<string, string> = {
  'v1 provider string and functions list': 'service: {name: x}\nprovider: aws\nfunctions: [ {a: {handler: a.h}}, {b: {handler: b.h, events: {http: x}}} ]\n',
  'events of every wrong shape': 'service: x\nprovider:\n  name: aws\n  iam: {role: {statements: {Effect: Allow}}}\nfunctions:\n  a:\n    handler: 5\n    events: [http, {http: 5}, {sqs: {arn: 7}}, {stream: null}, {s3: {bucket: {Ref: B}}}, {sns: null}, {schedule: null}, {httpApi: null}, 5, [1,2]]\n',
  'settings of the wrong type': 'service: x\nprovider:\n  name: aws\n  environment: [a, b]\n  vpc: 5\n  tracing: {lambda: true}\nfunctions:\n  a:\n    handler: a.h\n    url: {authorizer: [x]}\n    destinations: {onSuccess: {type: sqs}, onFailure: 5}\n    role: 5\n    onError: {Ref: Q}\n',
  'unreadable functions': 'service: x\nprovider:\n  name: aws\nfunctions:\n  a: ${file(./nope.yml)}\n  b: null\n  c: [1]\nresources: 5\n',
  'self-referencing settings': 'service: ${self:service}\nprovider:\n  name: aws\n  stage: ${self:provider.stage}\n  region: ${sls:stage}\nfunctions:\n  a:\n    handler: ${self:functions.a.handler}\n',
  'the whole config inside itself': 'service: x\ncustom: ${self:custom}\nprovider:\n  name: aws\n  environment: ${self:custom}\nfunctions:\n  a:\n    handler: a.h\n    environment: ${self:}\n',
  'a file including itself': 'a: ${file(./serverless.yml)}\nservice: ${file(./serverless.yml):service}\nprovider: {name: aws}\n',
  'an empty file': '',
};

describe('Serverless Framework loader robustness', () => {
  for (const [name, text] of Object.entries(ODD)) {
    it(name, () => {
      const scan = loadApp({ 'serverless.yml': text });
      const diagnostics = [...scan.diagnostics, ...scan.stacks.flatMap((s) => s.diagnostics)];
      expect(diagnostics.filter((d) => d.code === 'ERR_LEASH_INTERNAL')).toEqual([]);
      for (const d of diagnostics) {
        expect(d.code).toMatch(/^(ERR|WARN)_LEASH_/);
        expect(d.file).toBe('serverless.yml');
      }
      // Never silently nothing: a stack, an error, or (an empty file found in a directory) a note that it is not a configuration.
      expect(scan.stacks.length + diagnostics.filter((d) => d.severity === 'error' || d.code === 'WARN_LEASH_NOT_A_TEMPLATE').length).toBeGreaterThan(0);
    });
  }

  it('reports variable cycles once per variable, with the line', () => {
    const scan = loadApp({ 'serverless.yml': ODD['self-referencing settings']! });
    const cycles = scan.stacks[0]!.diagnostics.filter((d) => d.code === 'ERR_LEASH_CIRCULAR_REFERENCE');
    expect(cycles.map((d) => d.line).sort()).toEqual([1, 4, 8]);
  });
});
