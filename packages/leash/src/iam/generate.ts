/**
 * The least-privilege policy of a function: what its code calls (from the code analysis), what
 * its triggers and platform features need (event source polling, logs, VPC, X-Ray, DLQ and
 * destinations, KMS for customer-key encrypted resources), on the narrowest resource the
 * template shows, as CloudFormation values that can be pasted back into the template.
 */
import type { AwsCall, CodeAnalysis } from '../code/types.js';
import type { AppModel, Destination, LambdaFunction, Resource, ResourceRef } from '../model/types.js';
import { intrinsicName, isKnown, isPlainObject, referencedLogicalId, type CfnValue } from '../model/values.js';
import { actionInfo, resourceArnFormats } from './catalog.js';
import { iamPrefix } from './sdk-actions.js';
import type { IamPolicyDocument, IamStatement } from './types.js';

export interface RequiredPermission {
  readonly action: string;
  readonly resource: CfnValue | '*';
  /** Why the resource is `*` or why the permission is there (trigger, SSE-KMS...). */
  readonly reason?: string;
  readonly source: { readonly file: string; readonly line: number } | 'trigger' | 'platform';
}

const sub = (text: string): CfnValue => ({ 'Fn::Sub': text });
const getAtt = (id: string, attr: string): CfnValue => ({ 'Fn::GetAtt': [id, attr] });
const ref = (id: string): CfnValue => ({ Ref: id });

/** The ARN of a stack resource (CloudFormation return values: which of Ref / GetAtt gives the ARN per type). */
export function resourceArn(resource: Resource): CfnValue | undefined {
  switch (resource.type) {
    case 'AWS::S3::Bucket':
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
    case 'AWS::SQS::Queue':
    case 'AWS::Lambda::Function':
    case 'AWS::Kinesis::Stream':
    case 'AWS::KMS::Key':
    case 'AWS::Events::EventBus':
    case 'AWS::KinesisFirehose::DeliveryStream':
    case 'AWS::Logs::LogGroup':
    case 'AWS::IAM::Role':
      return getAtt(resource.id, 'Arn');
    case 'AWS::SNS::Topic':
    case 'AWS::SecretsManager::Secret':
    case 'AWS::StepFunctions::StateMachine':
    case 'AWS::ECS::TaskDefinition':
    case 'AWS::SageMaker::Endpoint':
      return ref(resource.id);
    case 'AWS::ECS::Cluster':
      return getAtt(resource.id, 'Arn');
    case 'AWS::RDS::DBCluster':
      return getAtt(resource.id, 'DBClusterArn');
    case 'AWS::SSM::Parameter': {
      const name = resource.properties.Name;
      if (typeof name === 'string') return sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${name.replace(/^\//, '')}`);
      return resource.arn ?? sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter\${${resource.id}}`);
    }
    default:
      return resource.arn;
  }
}

/** `${Bucket.Arn}/uploads/*` and the like: a resource below a stack resource's ARN. */
function below(base: CfnValue, suffix: string): CfnValue {
  const id = referencedLogicalId(base);
  const name = intrinsicName(base);
  if (id && name === 'Fn::GetAtt') {
    const att = (base as { 'Fn::GetAtt': CfnValue })['Fn::GetAtt'];
    const attr = Array.isArray(att) ? String(att[1]) : String(att).split('.').slice(1).join('.');
    return sub(`\${${id}.${attr}}/${suffix}`);
  }
  if (id && name === 'Ref') return sub(`\${${id}}/${suffix}`);
  if (typeof base === 'string') return `${base}/${suffix}`;
  if (isPlainObject(base) && typeof base['Fn::Sub'] === 'string') return sub(`${base['Fn::Sub']}/${suffix}`);
  return base;
}

/** A stack resource as the resource of an action of the given catalog resource type. */
function stackResourceArn(res: Resource, resourceType: string | undefined, subResource: string | undefined): CfnValue | undefined {
  if (res.type === 'AWS::DynamoDB::Table' && resourceType === 'stream') return getAtt(res.id, 'StreamArn');
  const base = resourceArn(res);
  if (!base) return undefined;
  if (resourceType === 'object') return below(base, subResource ?? '*');
  if (resourceType === 'index') return below(base, subResource ?? 'index/*');
  return base;
}

/** Replace the catalog's ARN placeholders with CloudFormation pseudo parameters and the name. */
function formatArn(format: string, name: string): CfnValue {
  const escaped = name.replace(/\$\{/g, '${!');
  let filled = format.replace('${Partition}', '${AWS::Partition}').replace('${Region}', '${AWS::Region}').replace('${Account}', '${AWS::AccountId}');
  const vars = [...filled.matchAll(/\$\{([A-Za-z]+)\}/g)].map((m) => m[0]);
  if (vars.length === 0) return sub(filled);
  // The first resource-name placeholder takes the name; any further ones (object key) take `*`.
  filled = filled.replace(vars[0]!, escaped);
  for (const v of vars.slice(1)) filled = filled.replace(v, '*');
  return sub(filled);
}

const QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_.-]+)$/;

/** A literal name or ARN from the code, as the ARN the action needs. */
function literalArn(prefix: string, resourceType: string | undefined, value: string, subResource: string | undefined): CfnValue | undefined {
  if (value.startsWith('arn:')) {
    if (resourceType === 'object') return `${value}/${subResource ?? '*'}`;
    if (resourceType === 'index') return `${value}/${subResource ?? 'index/*'}`;
    return value;
  }
  const url = QUEUE_URL.exec(value);
  if (url) return sub(`arn:\${AWS::Partition}:sqs:${url[1]}:${url[2]}:${url[3]}`);
  if (!resourceType) return undefined;
  let name = value;
  if (prefix === 'ssm' && resourceType === 'parameter') name = value.replace(/^\//, '');
  if (prefix === 'bedrock' && resourceType === 'foundation-model') name = value;
  // A secret's ARN ends with `-` and six random characters after its name (Secrets Manager UG, "Secret ARNs").
  if (prefix === 'secretsmanager' && resourceType === 'Secret') name = `${value}-??????`;
  const format = resourceArnFormats(prefix, resourceType)[0];
  if (!format) return undefined;
  if (resourceType === 'object') return formatArn(format.replace('${ObjectName}', (subResource ?? '*').replace(/\$\{/g, '${!')), name);
  if (resourceType === 'index') return formatArn(format.replace('${IndexName}', (subResource ?? 'index/*').replace(/^index\//, '')), name);
  return formatArn(format, name);
}

/** An environment variable's template value used as a name: `!Ref Param`, `!Sub '${AWS::StackName}-x'`. */
function nameExpression(value: CfnValue): string | undefined {
  if (typeof value === 'string') return value.replace(/\$\{/g, '${!');
  if (!isPlainObject(value)) return undefined;
  if (typeof value.Ref === 'string') return `\${${value.Ref}}`;
  if (typeof value['Fn::Sub'] === 'string') return value['Fn::Sub'];
  return undefined;
}

interface Resolved {
  readonly resource: CfnValue | '*';
  readonly reason?: string;
}

function callResource(stack: AppModel, fn: LambdaFunction, call: AwsCall): Resolved {
  const r = call.resource;
  // The ARN formats of the action's own service: a call can need actions of another (Rekognition → s3:GetObject).
  const prefix = call.actions[0]?.split(':')[0] ?? iamPrefix(call.service);
  const byId = (id: string | undefined) => (id ? stack.resources.find((x) => x.id === id) : undefined);
  switch (r.kind) {
    case 'none':
      return { resource: '*' };
    case 'unknown':
      return { resource: '*', reason: r.reason };
    case 'literal': {
      const arn = literalArn(prefix, call.resourceType, r.value, r.subResource);
      return arn ? { resource: arn } : { resource: '*', reason: `no ARN format for ${prefix} ${call.resourceType ?? 'resource'} "${r.value}"` };
    }
    case 'env': {
      const res = byId(r.resourceId);
      if (res) {
        const arn = stackResourceArn(res, call.resourceType, r.subResource);
        if (arn) return { resource: arn };
      }
      // A resource without an ARN leash knows (`IOT_TOPIC: !Ref Thing`): the variable's value may still name the resource.
      const env = fn.environment.find((e) => e.name === r.variable);
      if (!env) return { resource: '*', reason: `environment variable ${r.variable} is not set on the function in the template` };
      const named = resourceNamedBy(stack, env.value, call.resourceType);
      if (named) {
        const arn = stackResourceArn(named, call.resourceType, r.subResource);
        if (arn) return { resource: arn };
      }
      const arnParameter = parameterHoldingArn(stack, env.value);
      if (arnParameter) return { resource: call.resourceType === 'object' ? below(env.value, r.subResource ?? '*') : env.value };
      const name = nameExpression(env.value);
      if (name !== undefined) {
        if (typeof env.value === 'string') {
          const arn = literalArn(prefix, call.resourceType, env.value, r.subResource);
          if (arn) return { resource: arn };
        } else if (name.startsWith('arn:') || /^\$\{[A-Za-z0-9]+\}$/.test(name) === false || call.resourceType) {
          const format = call.resourceType ? resourceArnFormats(prefix, call.resourceType)[0] : undefined;
          if (format) {
            const arn = formatArnTemplate(format, name, call.resourceType, r.subResource);
            if (arn) return { resource: arn };
          }
        }
      }
      return { resource: '*', reason: res ? `no ARN known for ${res.type} ${res.id}` : `environment variable ${r.variable} does not name a resource leash can turn into an ARN` };
    }
    case 'event': {
      const res = byId(r.resourceId);
      if (res) {
        const arn = stackResourceArn(res, call.resourceType, r.subResource);
        if (arn) return { resource: arn };
      }
      return { resource: '*', reason: `${r.param} comes from the ${r.triggerKind ?? 'event'} trigger, whose source is outside the stack` };
    }
  }
}

/** A SAM `DocumentDB` event (loaded as kind `other`): an event source mapping with a database and collection. */
function isDocumentDbTrigger(t: LambdaFunction['triggers'][number]): boolean {
  return t.kind === 'other' && t.properties.DatabaseName !== undefined && t.properties.CollectionName !== undefined;
}

/** An ARN the generator built for the function's Region, moved to the client's `region` option. Stack resources' own ARNs are left as they are. */
function inRegion(r: Resolved, region: string | undefined): Resolved {
  if (!region || region === '${AWS::Region}' || !isPlainObject(r.resource) || typeof r.resource['Fn::Sub'] !== 'string') return r;
  const text = r.resource['Fn::Sub'];
  if (!text.startsWith('arn:') || !text.includes(':${AWS::Region}:')) return r;
  return { ...r, resource: sub(text.replace(':${AWS::Region}:', `:${region}:`)) };
}

const PROFILE_ID = /^(us|eu|apac|jp|au|ca|us-gov|global)\.([a-z0-9-]+\..+)$/;

/**
 * Bedrock cross-region inference profile ids (`us.anthropic.claude-...`, `global.…`): InvokeModel needs
 * the inference profile and the foundation model in every Region the profile routes to (Bedrock UG,
 * "Prerequisites for inference profiles"; global profiles also the Region-less model ARN).
 */
function inferenceProfile(fn: LambdaFunction, call: AwsCall): CfnValue[] | undefined {
  if (call.resourceType !== 'foundation-model') return undefined;
  const r = call.resource;
  const value = r.kind === 'literal' ? r.value : r.kind === 'env' && !r.resourceId ? fn.environment.find((e) => e.name === r.variable)?.value : undefined;
  const m = typeof value === 'string' ? PROFILE_ID.exec(value) : null;
  if (!m) return undefined;
  const out: CfnValue[] = [sub(`arn:\${AWS::Partition}:bedrock:\${AWS::Region}:\${AWS::AccountId}:inference-profile/${value}`), sub(`arn:\${AWS::Partition}:bedrock:*::foundation-model/${m[2]}`)];
  if (m[1] === 'global') out.push(sub(`arn:\${AWS::Partition}:bedrock:::foundation-model/${m[2]}`));
  return out;
}

/** iam:PassRole for ECS RunTask / StartTask: the task and execution roles of the task definition, when it is a stack resource. */
function passedTaskRoles(stack: AppModel, call: AwsCall): Resolved[] {
  const r = call.resource;
  const id = r.kind === 'env' || r.kind === 'event' ? r.resourceId : undefined;
  const def = id ? stack.resources.find((x) => x.id === id && x.type === 'AWS::ECS::TaskDefinition') : undefined;
  if (!def) return [{ resource: '*', reason: 'the task definition is not a resource of the stack: the roles ECS passes to the task are not known' }];
  const out: Resolved[] = [];
  for (const prop of ['TaskRoleArn', 'ExecutionRoleArn']) {
    const v = def.properties[prop];
    if (v === undefined) continue;
    const roleId = referencedLogicalId(v);
    const role = roleId ? stack.resources.find((x) => x.id === roleId && x.type === 'AWS::IAM::Role') : undefined;
    out.push({ resource: role ? getAtt(role.id, 'Arn') : v });
  }
  return dedupeResolved(out);
}

function dedupeResolved(list: Resolved[]): Resolved[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = JSON.stringify(r.resource);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Catalog resource types → the CloudFormation type whose name property a parameter may also set. */
const NAMED_TYPES: Record<string, string> = { Secret: 'AWS::SecretsManager::Secret', table: 'AWS::DynamoDB::Table', bucket: 'AWS::S3::Bucket', object: 'AWS::S3::Bucket', queue: 'AWS::SQS::Queue', topic: 'AWS::SNS::Topic', parameter: 'AWS::SSM::Parameter', 'event-bus': 'AWS::Events::EventBus', stream: 'AWS::Kinesis::Stream', function: 'AWS::Lambda::Function' };

/** The stack resource whose name property is the same `!Ref Param` as the variable (`Name: !Ref SecretName`). */
function resourceNamedBy(stack: AppModel, value: CfnValue, resourceType: string | undefined): Resource | undefined {
  if (!resourceType || !isPlainObject(value) || typeof value.Ref !== 'string') return undefined;
  const param = stack.parameters.find((p) => p.name === value.Ref);
  if (!param) return undefined;
  const type = NAMED_TYPES[resourceType];
  // The loader substitutes parameter defaults into resource properties: the default stands for the `!Ref`.
  const same = (v: CfnValue | undefined) => (isPlainObject(v) && v.Ref === param.name) || (typeof param.default === 'string' && param.default !== '' && v === param.default);
  return stack.resources.find((r) => r.type === type && Object.entries(r.properties).some(([k, v]) => /Name$/.test(k) && same(v)));
}

/**
 * A `!Ref` of a parameter that holds an ARN (a default starting with `arn:`, or a name ending in
 * `Arn`): the value is the resource itself, not a name to wrap in an ARN format.
 */
function parameterHoldingArn(stack: AppModel, value: CfnValue): boolean {
  if (!isPlainObject(value) || typeof value.Ref !== 'string') return false;
  const param = stack.parameters.find((p) => p.name === value.Ref);
  if (!param) return false;
  const def = param.default;
  if (typeof def === 'string') return def.startsWith('arn:');
  return /Arn$/i.test(param.name);
}

/** Fill an ARN format with a name expression that may already contain `${...}` references. */
function formatArnTemplate(format: string, name: string, resourceType: string | undefined, subResource: string | undefined): CfnValue | undefined {
  if (name.startsWith('arn:')) return sub(resourceType === 'object' ? `${name}/${subResource ?? '*'}` : name);
  if (resourceType === 'Secret' && format.includes(':secretsmanager:')) name = `${name}-??????`;
  let filled = format.replace('${Partition}', '${AWS::Partition}').replace('${Region}', '${AWS::Region}').replace('${Account}', '${AWS::AccountId}');
  if (resourceType === 'object') filled = filled.replace('${ObjectName}', subResource ?? '*');
  if (resourceType === 'index') filled = filled.replace('${IndexName}', (subResource ?? 'index/*').replace(/^index\//, ''));
  const vars = [...filled.matchAll(/\$\{([A-Za-z]+)\}/g)].map((m) => m[0]);
  if (vars.length === 0) return undefined;
  filled = filled.replace(vars[0]!, name);
  for (const v of vars.slice(1)) filled = filled.replace(v, '*');
  return sub(filled);
}

// ---------------------------------------------------------------------------------------------
// SSE-KMS: a customer managed key on a resource the code reads or writes.

/** The customer managed key a resource is encrypted with, as written; undefined for none / AWS managed keys. */
export function customerKey(res: Resource): CfnValue | undefined {
  const p = res.properties;
  const notAwsManaged = (k: CfnValue | undefined) => (k === undefined || k === null || (typeof k === 'string' && k.startsWith('alias/aws/')) ? undefined : k);
  switch (res.type) {
    case 'AWS::S3::Bucket': {
      const rules = (p.BucketEncryption as { ServerSideEncryptionConfiguration?: CfnValue } | undefined)?.ServerSideEncryptionConfiguration;
      if (!Array.isArray(rules)) return undefined;
      for (const rule of rules) {
        const def = isPlainObject(rule) ? rule.ServerSideEncryptionByDefault : undefined;
        if (isPlainObject(def) && typeof def.SSEAlgorithm === 'string' && def.SSEAlgorithm.startsWith('aws:kms')) return notAwsManaged(def.KMSMasterKeyID);
      }
      return undefined;
    }
    case 'AWS::DynamoDB::Table': {
      const sse = p.SSESpecification;
      return isPlainObject(sse) && sse.SSEEnabled !== false ? notAwsManaged(sse.KMSMasterKeyId) : undefined;
    }
    case 'AWS::SQS::Queue':
    case 'AWS::SNS::Topic':
      return notAwsManaged(p.KmsMasterKeyId);
    case 'AWS::SecretsManager::Secret':
      return notAwsManaged(p.KmsKeyId);
    case 'AWS::Kinesis::Stream': {
      const enc = p.StreamEncryption;
      return isPlainObject(enc) ? notAwsManaged(enc.KeyId) : undefined;
    }
    default:
      return undefined;
  }
}

/** The key's ARN for a policy: a stack key → `!GetAtt Key.Arn`; a key ARN literal as is; aliases → `*` (IAM matches keys, not aliases). */
function keyArn(stack: AppModel, key: CfnValue): Resolved {
  const id = referencedLogicalId(key);
  const res = id ? stack.resources.find((r) => r.id === id) : undefined;
  if (res?.type === 'AWS::KMS::Key') return { resource: getAtt(res.id, 'Arn') };
  if (typeof key === 'string' && /^arn:[^:]+:kms:[^:]*:\d*:key\//.test(key)) return { resource: key };
  if (isPlainObject(key) && intrinsicName(key) === 'Fn::Sub' && typeof key['Fn::Sub'] === 'string' && key['Fn::Sub'].includes(':key/')) return { resource: key };
  return { resource: '*', reason: 'the KMS key is named by alias or a value leash cannot resolve to a key ARN' };
}

/**
 * KMS actions an action on an SSE-KMS resource needs. Sources: S3 UG "Using SSE-KMS"
 * (GetObject → Decrypt, PutObject → GenerateDataKey, multipart → also Decrypt); SQS DG "Key
 * management" (producers GenerateDataKey + Decrypt, consumers Decrypt); SNS DG "Encryption at
 * rest" (publishers GenerateDataKey* + Decrypt); Secrets Manager UG "Secret encryption"
 * (GetSecretValue → Decrypt); DynamoDB DG "Encryption at rest" (Decrypt for table access);
 * Kinesis DG "Server-side encryption" (producers GenerateDataKey, consumers Decrypt).
 */
function kmsActionsFor(resourceType: string, action: string, style: string): string[] {
  const [service, name] = action.split(':') as [string, string];
  if (resourceType === 'AWS::S3::Bucket') {
    if (name === 'GetObject' || name === 'GetObjectVersion') return ['kms:Decrypt'];
    if (name === 'PutObject') return style === 'lib-storage' ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:GenerateDataKey'];
    return [];
  }
  if (resourceType === 'AWS::SQS::Queue') {
    if (name === 'SendMessage') return ['kms:Decrypt', 'kms:GenerateDataKey'];
    if (name === 'ReceiveMessage') return ['kms:Decrypt'];
    return [];
  }
  if (resourceType === 'AWS::SNS::Topic') return name === 'Publish' ? ['kms:Decrypt', 'kms:GenerateDataKey'] : [];
  if (resourceType === 'AWS::SecretsManager::Secret') {
    if (name === 'GetSecretValue') return ['kms:Decrypt'];
    if (name === 'PutSecretValue' || name === 'UpdateSecret' || name === 'CreateSecret') return ['kms:Decrypt', 'kms:GenerateDataKey'];
    return [];
  }
  if (resourceType === 'AWS::DynamoDB::Table') {
    const info = actionInfo(action);
    return service === 'dynamodb' && info && info.resourceTypes.includes('table') && !name.startsWith('Describe') && !name.startsWith('List') ? ['kms:Decrypt'] : [];
  }
  if (resourceType === 'AWS::Kinesis::Stream') {
    if (name === 'PutRecord' || name === 'PutRecords') return ['kms:GenerateDataKey'];
    if (name === 'GetRecords') return ['kms:Decrypt'];
    return [];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------

function refArn(stack: AppModel, target: ResourceRef | undefined, resourceType?: string): Resolved {
  if (!target) return { resource: '*', reason: 'the target is not known' };
  const res = target.resourceId ? stack.resources.find((r) => r.id === target.resourceId) : undefined;
  if (res) {
    const arn = stackResourceArn(res, resourceType, undefined);
    if (arn) return { resource: arn };
  }
  const v = target.value;
  if (typeof v === 'string' && v.startsWith('arn:')) return { resource: v };
  if (isPlainObject(v) && (intrinsicName(v) === 'Fn::GetAtt' || intrinsicName(v) === 'Fn::Sub' || intrinsicName(v) === 'Fn::ImportValue' || intrinsicName(v) === 'Ref')) return { resource: v };
  return { resource: '*', reason: 'the target is not a resource leash can name' };
}

const DESTINATION_ACTION: Record<Destination['type'], string | undefined> = {
  sqs: 'sqs:SendMessage',
  sns: 'sns:Publish',
  lambda: 'lambda:InvokeFunction',
  eventbridge: 'events:PutEvents',
  s3: 's3:PutObject',
  unknown: undefined,
};

function logGroupArn(fn: LambdaFunction): Resolved {
  const name = isKnown(fn.name) ? fn.name : undefined;
  if (name !== undefined) return { resource: sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${name}:*`) };
  return {
    resource: sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/\${AWS::StackName}-${fn.logicalId}-*:*`),
    reason: 'the function name is generated at deploy time: the log group is matched by the stack name and logical id',
  };
}

/** Every permission the function needs: code calls, triggers, platform. Not deduplicated. */
export function requiredPermissions(stack: AppModel, fn: LambdaFunction, analysis: CodeAnalysis): RequiredPermission[] {
  const out: RequiredPermission[] = [];
  const add = (action: string, r: Resolved, source: RequiredPermission['source'], reason?: string) => {
    // `*` is the exact resource of a `*`-only action (kinesis:ListStreams, xray:PutTraceSegments): a note would read as "resource not known".
    const exact = r.resource === '*' && !r.reason && actionInfo(action)?.wildcardOnly === true;
    const why = exact ? undefined : r.reason ?? reason;
    out.push(why ? { action, resource: r.resource, reason: why, source } : { action, resource: r.resource, source });
  };
  const byId = (id: string | undefined) => (id ? stack.resources.find((x) => x.id === id) : undefined);

  for (const call of analysis.calls) {
    const source = { file: call.loc.file, line: call.loc.line };
    const profile = inferenceProfile(fn, call);
    if (profile) {
      for (const action of call.actions) for (const r of profile) add(action, inRegion({ resource: r }, call.region), source, 'Bedrock cross-region inference profile: the profile and the foundation model in each Region it routes to');
      continue;
    }
    const resolved = inRegion(callResource(stack, fn, call), call.region);
    for (const action of call.actions) add(action, resolved, source);
    if (call.actions.includes('ecs:RunTask') || call.actions.includes('ecs:StartTask')) for (const p of passedTaskRoles(stack, call)) add('iam:PassRole', p, source, 'ECS passes the task definition\'s roles to the task');
    // SSE-KMS with a customer key on the resource the call touches.
    const resId = call.resource.kind === 'env' || call.resource.kind === 'event' ? call.resource.resourceId : undefined;
    const res = byId(resId);
    const key = res ? customerKey(res) : undefined;
    if (res && key !== undefined) {
      const kms = new Set(call.actions.flatMap((a) => kmsActionsFor(res.type, a, call.style)));
      for (const a of [...kms].sort()) add(a, keyArn(stack, key), source, `${res.id} is encrypted with a customer managed KMS key`);
    }
  }

  for (const t of fn.triggers) {
    const esmFailure = t.eventSourceMapping?.onFailure;
    if (t.kind === 'sqs') {
      const r = refArn(stack, t.source, 'queue');
      for (const a of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) add(a, r, 'trigger', `SQS event source ${t.id}`);
      const res = byId(t.source?.resourceId);
      const key = res ? customerKey(res) : undefined;
      if (key !== undefined) add('kms:Decrypt', keyArn(stack, key), 'trigger', `queue ${res!.id} is encrypted with a customer managed KMS key`);
    } else if (t.kind === 'dynamodb-stream') {
      const r = refArn(stack, t.source, 'stream');
      for (const a of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']) add(a, r, 'trigger', `DynamoDB stream event source ${t.id}`);
      add('dynamodb:ListStreams', { resource: '*' }, 'trigger', `DynamoDB stream event source ${t.id}`);
    } else if (t.kind === 'kinesis') {
      const r = refArn(stack, t.source, 'stream');
      for (const a of ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards']) add(a, r, 'trigger', `Kinesis event source ${t.id}`);
      add('kinesis:ListStreams', { resource: '*' }, 'trigger', `Kinesis event source ${t.id}`);
      const res = byId(t.source?.resourceId);
      const key = res ? customerKey(res) : undefined;
      if (key !== undefined) add('kms:Decrypt', keyArn(stack, key), 'trigger', `stream ${res!.id} is encrypted with a customer managed KMS key`);
    }
    if (isDocumentDbTrigger(t)) {
      // Lambda DG, "Amazon DocumentDB event source": the poller describes the cluster, its parameters and subnet groups, and reads the BASIC_AUTH secret.
      const why = `DocumentDB event source ${t.id}`;
      add('rds:DescribeDBClusters', refArn(stack, t.source, 'cluster'), 'trigger', why);
      add('rds:DescribeDBClusterParameters', { resource: '*', reason: `${why}: the cluster parameter group is not known` }, 'trigger');
      add('rds:DescribeDBSubnetGroups', { resource: '*', reason: `${why}: the subnet group is not known` }, 'trigger');
      const access = t.properties.SourceAccessConfigurations;
      for (const c of Array.isArray(access) ? access : []) {
        if (!isPlainObject(c) || c.Type !== 'BASIC_AUTH' || c.URI === undefined) continue;
        const id = referencedLogicalId(c.URI);
        const secret = id ? byId(id) : undefined;
        add('secretsmanager:GetSecretValue', secret ? { resource: resourceArn(secret) ?? c.URI } : { resource: c.URI }, 'trigger', why);
        const key = secret ? customerKey(secret) : undefined;
        if (key !== undefined) add('kms:Decrypt', keyArn(stack, key), 'trigger', `the ${why} secret is encrypted with a customer managed KMS key`);
      }
    }
    if (esmFailure) {
      const action = DESTINATION_ACTION[esmFailure.type];
      if (action) add(action, refArn(stack, esmFailure.target), 'trigger', `on-failure destination of ${t.id}`);
    }
  }

  const ac = fn.asyncConfig;
  for (const [label, d] of [['dead-letter queue', ac.deadLetter], ['on-failure destination', ac.onFailure], ['on-success destination', ac.onSuccess]] as const) {
    if (!d) continue;
    const action = DESTINATION_ACTION[d.type];
    if (action) add(action, refArn(stack, d.target), 'platform', label);
  }

  const logs = logGroupArn(fn);
  for (const a of ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']) add(a, logs, 'platform', 'CloudWatch Logs for the function');
  if (fn.vpc) {
    for (const a of ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses']) {
      add(a, { resource: '*' }, 'platform', 'the function runs in a VPC (elastic network interfaces)');
    }
  }
  if (fn.tracing === 'Active') for (const a of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']) add(a, { resource: '*' }, 'platform', 'active X-Ray tracing');
  if (fn.kmsKeyArn !== undefined) add('kms:Decrypt', keyArn(stack, fn.kmsKeyArn), 'platform', 'environment variables encrypted with a customer managed key');
  return out;
}

function resourceKey(r: CfnValue | '*'): string {
  return JSON.stringify(r);
}

/** The permissions as one policy document: deduplicated, grouped by resource set, sorted. */
export function generatePolicy(stack: AppModel, fn: LambdaFunction, analysis: CodeAnalysis): IamPolicyDocument {
  return policyFromPermissions(requiredPermissions(stack, fn, analysis));
}

export function policyFromPermissions(perms: readonly RequiredPermission[]): IamPolicyDocument {
  const byAction = new Map<string, Map<string, CfnValue>>();
  for (const p of perms) {
    let set = byAction.get(p.action);
    if (!set) byAction.set(p.action, (set = new Map()));
    set.set(resourceKey(p.resource), p.resource);
  }
  // An action granted on `*` needs no narrower entries.
  for (const set of byAction.values()) if (set.has('"*"')) for (const k of [...set.keys()]) if (k !== '"*"') set.delete(k);
  const groups = new Map<string, { actions: string[]; resources: CfnValue[] }>();
  for (const [action, set] of byAction) {
    const keys = [...set.keys()].sort();
    const groupKey = keys.join('\n');
    let g = groups.get(groupKey);
    if (!g) groups.set(groupKey, (g = { actions: [], resources: keys.map((k) => set.get(k)!) }));
    g.actions.push(action);
  }
  const statements: IamStatement[] = [...groups.values()]
    .map((g) => ({ actions: g.actions.sort(), resources: g.resources }))
    .sort((a, b) => (a.actions[0]! < b.actions[0]! ? -1 : a.actions[0]! > b.actions[0]! ? 1 : 0))
    .map((g) => ({
      Effect: 'Allow' as const,
      Action: g.actions.length === 1 ? g.actions[0]! : g.actions,
      Resource: g.resources.length === 1 ? g.resources[0]! : g.resources,
    }));
  return { Version: '2012-10-17', Statement: statements };
}

