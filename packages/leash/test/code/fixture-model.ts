/**
 * Loads a handler-corpus case. The real loaders (`loadScan`) are used when they return the
 * stack; while they cannot (during development, or if a loader regresses) a small SAM reader
 * below builds the few model fields the code analysis and the generator read, so these tests
 * keep testing the analysis itself. `loadedBy` says which one was used.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, type Tags } from 'yaml';
import type { AppModel, LambdaFunction, Resource, Trigger, TriggerKind } from '../../src/model/types.js';
import { referencedLogicalId, type CfnValue } from '../../src/model/values.js';

export interface LoadedCase {
  readonly root: string;
  readonly stack: AppModel;
  readonly loadedBy: 'loadScan' | 'fixture-reader';
}

// Imported lazily: a loader module under construction must not stop the code-analysis tests from loading.
const loaders = (await import('../../src/loaders/index.js').catch(() => undefined)) as typeof import('../../src/loaders/index.js') | undefined;

export function loadCase(dir: string): LoadedCase {
  const root = resolve(dir);
  try {
    if (!loaders) throw new Error('loaders unavailable');
    const scan = loaders.loadScan(root, { root }); // each case is an app of its own: paths relative to its folder
    const stack = scan.stacks.find((s) => s.functions.length > 0);
    if (stack) return { root, stack, loadedBy: 'loadScan' };
  } catch {
    // fall through to the fixture reader
  }
  return { root, stack: readSam(root), loadedBy: 'fixture-reader' };
}

const loc = (file: string) => ({ file, line: 1, column: 1 });

const shortTags: Tags = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'ImportValue', 'GetAZs', 'If', 'Equals', 'FindInMap', 'Base64'].flatMap((name) => {
  const key = name === 'Ref' ? 'Ref' : `Fn::${name}`;
  const make = (kind: 'scalar' | 'seq' | 'map') => ({
    tag: `!${name}`,
    collection: kind === 'scalar' ? undefined : kind,
    resolve: (value: unknown) => {
      let v = value as CfnValue;
      if (name === 'GetAtt' && typeof v === 'string') v = v.split('.');
      if (v && typeof v === 'object' && 'toJSON' in (v as object)) v = (v as { toJSON(): CfnValue }).toJSON();
      return { [key]: v };
    },
  });
  return [make('scalar'), make('seq'), make('map')] as unknown as Tags;
});

const KIND_BY_TYPE: Record<string, Resource['kind']> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::DynamoDB::Table': 'table',
  'AWS::Serverless::SimpleTable': 'table',
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
  'AWS::SecretsManager::Secret': 'secret',
  'AWS::SSM::Parameter': 'parameter',
  'AWS::Kinesis::Stream': 'stream',
  'AWS::StepFunctions::StateMachine': 'state-machine',
  'AWS::Serverless::StateMachine': 'state-machine',
  'AWS::Events::EventBus': 'event-bus',
  'AWS::KMS::Key': 'key',
  'AWS::Lambda::Function': 'function',
  'AWS::Serverless::Function': 'function',
};

const TYPE_AFTER_TRANSFORM: Record<string, string> = {
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
};

const EVENT_KIND: Record<string, TriggerKind> = { S3: 's3', SQS: 'sqs', SNS: 'sns', DynamoDB: 'dynamodb-stream', Kinesis: 'kinesis', Api: 'api-rest', HttpApi: 'api-http', Schedule: 'schedule', EventBridgeRule: 'eventbridge' };

type Obj = Record<string, CfnValue>;

function readSam(root: string): AppModel {
  const file = 'template.yaml';
  const text = readFileSync(join(root, file), 'utf8');
  const doc = parseDocument(text, { customTags: shortTags }).toJS() as Obj;
  const lines = text.split('\n');
  const lineOf = (id: string) => ({ file, line: lines.findIndex((l) => l === `  ${id}:`) + 1, column: 3 });
  const resourcesIn = (doc.Resources ?? {}) as Record<string, Obj>;
  const globals = ((doc.Globals as Obj | undefined)?.Function ?? {}) as Obj;
  const resources: Resource[] = Object.entries(resourcesIn).map(([id, r]) => {
    const type = TYPE_AFTER_TRANSFORM[r.Type as string] ?? (r.Type as string);
    const res: Resource = { id, type, declaredType: r.Type as string, kind: KIND_BY_TYPE[r.Type as string] ?? 'other', loc: loc(file), properties: (r.Properties ?? {}) as Obj, generated: false, suppressions: [] };
    return res;
  });
  const ids = new Set(resources.map((r) => r.id));
  const refTo = (v: CfnValue | undefined) => {
    const id = referencedLogicalId(v);
    return id && ids.has(id) ? id : undefined;
  };
  const functions: LambdaFunction[] = [];
  for (const [id, r] of Object.entries(resourcesIn)) {
    if (r.Type !== 'AWS::Serverless::Function') continue;
    const p = { ...globals, ...((r.Properties ?? {}) as Obj) } as Obj;
    const envVars = { ...(((globals.Environment as Obj | undefined)?.Variables ?? {}) as Obj), ...((((r.Properties as Obj)?.Environment as Obj | undefined)?.Variables ?? {}) as Obj) };
    const triggers: Trigger[] = Object.entries((p.Events ?? {}) as Record<string, Obj>).map(([eid, e]) => {
      const props = (e.Properties ?? {}) as Obj;
      const src = props.Bucket ?? props.Queue ?? props.Topic ?? props.Stream;
      const resourceId = refTo(src);
      const t: Trigger = {
        kind: EVENT_KIND[e.Type as string] ?? 'other',
        id: eid,
        invocation: ['SQS', 'DynamoDB', 'Kinesis'].includes(e.Type as string) ? 'poll' : 'async',
        loc: loc(file),
        properties: props,
        ...(src !== undefined ? { source: { value: src, loc: loc(file), ...(resourceId ? { resourceId } : {}) } } : {}),
      };
      return t;
    });
    const dlq = p.DeadLetterQueue as Obj | undefined;
    const fn: LambdaFunction = {
      id,
      logicalId: id,
      loc: lineOf(id),
      ...(typeof p.FunctionName === 'string' ? { name: p.FunctionName } : {}),
      packageType: p.PackageType === 'Image' ? 'Image' : 'Zip',
      ...(typeof p.Runtime === 'string' ? { runtime: p.Runtime } : {}),
      ...(typeof p.Handler === 'string' ? { handler: p.Handler } : {}),
      code: typeof p.InlineCode === 'string' ? { inline: p.InlineCode, loc: loc(file) } : { dir: join(root, typeof p.CodeUri === 'string' ? p.CodeUri : '.'), loc: loc(file) },
      memorySize: 128,
      timeout: 3,
      architectures: ['x86_64'],
      environment: Object.entries(envVars).map(([name, value]) => {
        const resourceId = refTo(value);
        return { name, value, fromSecretStore: false, loc: loc(file), ...(resourceId ? { resourceId } : {}) };
      }),
      ...(p.VpcConfig ? { vpc: { subnets: [], securityGroups: [], loc: loc(file) } } : {}),
      triggers,
      asyncConfig: dlq ? { deadLetter: { type: dlq.Type === 'SNS' ? 'sns' : 'sqs', target: { value: dlq.TargetArn!, loc: loc(file), ...(refTo(dlq.TargetArn) ? { resourceId: refTo(dlq.TargetArn)! } : {}) } } } : {},
      roleId: `${id}Role`,
      ...(typeof p.Tracing === 'string' ? { tracing: p.Tracing } : {}),
      layers: [],
      suppressions: [],
      tags: {},
    };
    functions.push(fn);
  }
  return {
    id: file,
    framework: 'sam',
    file,
    baseDir: root,
    functions,
    roles: [],
    resources,
    permissions: [],
    apis: [],
    network: { vpcs: [], subnets: [], routeTables: [] },
    parameters: [],
    suppressions: [],
    diagnostics: [],
  };
}
