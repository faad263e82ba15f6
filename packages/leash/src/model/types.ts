/**
 * The one model every rule reads. Loaders (CloudFormation, SAM, Serverless Framework, CDK) build
 * it; rules, the IAM engine, the code analysis and the reporters only read it. Rules never touch
 * files.
 *
 * One {@link AppModel} per stack (template). A scan of a directory is a {@link ScanModel}: every
 * stack found, plus the input problems met on the way.
 *
 * Conventions:
 * - every node has `loc`, where it was declared;
 * - values that may depend on the stack are `CfnValue` (intrinsics in long form) or
 *   `Resolved<T>`; a value that could not be resolved is an `Unknown`, never a guess;
 * - optional (`?`) means "not set in the template"; the loader fills in the platform default
 *   where the platform has one (memory 128, timeout 3 s / 6 s for Serverless Framework).
 */
import type { Diagnostic, Framework, SourceLocation } from './source.js';
import type { CfnValue, Resolved, Unknown } from './values.js';

export interface ScanModel {
  /** The scan root (absolute, symbolic links resolved; see src/fs/scan-root.ts): every `loc.file` is relative to it, and no file outside it was read. */
  readonly root: string;
  readonly stacks: AppModel[];
  readonly diagnostics: Diagnostic[];
  /**
   * Values the loaders read from the environment leash runs in (a Serverless `${env:}` with
   * `readEnv`), marked where they were resolved: a CI job's environment holds its secrets. The
   * model keeps them as they are; with the NoEcho parameters' defaults they are what reports never
   * print in full (`engine/redact.ts`, wherever they were substituted).
   */
  readonly environmentValues?: readonly string[];
}

export interface AppModel {
  /** Stable id of the stack: its template path relative to the root (`template.yaml`, `cdk.out/App.template.json`). */
  readonly id: string;
  readonly framework: Framework;
  /** The template or serverless.yml this stack was read from. */
  readonly file: string;
  /** Absolute directory that relative code paths (CodeUri, handler) are resolved against. */
  readonly baseDir: string;
  readonly functions: LambdaFunction[];
  readonly roles: Role[];
  /** Every resource of the stack, generated ones (SAM transform, Serverless Framework) included. */
  readonly resources: Resource[];
  readonly permissions: LambdaPermission[];
  readonly apis: Api[];
  readonly network: Network;
  readonly parameters: Parameter[];
  /** Suppressions declared at template level (apply to every node of the stack). */
  readonly suppressions: Suppression[];
  readonly diagnostics: Diagnostic[];
}

export interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly default?: CfnValue;
  readonly noEcho: boolean;
  readonly loc: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// Functions

export interface LambdaFunction {
  /** Logical id (CloudFormation, SAM), function key (Serverless Framework) or construct path (CDK). */
  readonly id: string;
  /** The CloudFormation logical id of the function resource (for Serverless: `HelloLambdaFunction`). */
  readonly logicalId: string;
  readonly loc: SourceLocation;
  /** `FunctionName`, when set. */
  readonly name?: Resolved<string>;
  readonly packageType: 'Zip' | 'Image';
  readonly runtime?: Resolved<string>;
  readonly handler?: Resolved<string>;
  readonly code: FunctionCode;
  readonly memorySize: Resolved<number>;
  readonly timeout: Resolved<number>;
  readonly architectures: Resolved<string[]>;
  readonly environment: EnvironmentVariable[];
  readonly reservedConcurrency?: Resolved<number>;
  readonly provisionedConcurrency?: Resolved<number>;
  readonly vpc?: VpcConfig;
  readonly triggers: Trigger[];
  readonly asyncConfig: AsyncInvokeConfig;
  readonly url?: FunctionUrl;
  /** Id of the role in `AppModel.roles` (every function has one: an external ARN becomes a role of kind `external`). */
  readonly roleId: string;
  readonly tracing?: Resolved<string>;
  readonly kmsKeyArn?: CfnValue;
  readonly layers: CfnValue[];
  /** SAM `RecursiveLoop` / `AWS::Lambda::Function.RecursiveLoop`: `Allow` turns off AWS's loop detection. */
  readonly recursiveLoop?: Resolved<string>;
  readonly suppressions: Suppression[];
  /** Framework-specific hints, e.g. `cdkPath`, or that the function is CDK-internal. */
  readonly tags: Record<string, string>;
}

export interface FunctionCode {
  /** Absolute directory holding the function's code (CodeUri, CDK asset path, serverless service dir), when on disk. */
  readonly dir?: string;
  /** `dir` as the template writes it (`CodeUri: ../src`, an `aws:asset:path`), for messages. */
  readonly written?: string;
  /**
   * True when `leash.policy.json` is in `dir` (a regular file inside the scan root, of a policy's
   * size): @leash/shield reads its policy from there at start, so rules need the fact, and rules
   * read only the model (the loaders look on disk).
   */
  readonly hasPolicyFile?: boolean;
  /** Inline source (`InlineCode`, `Code.ZipFile`). */
  readonly inline?: string;
  /** Why the code location is not known (S3 URI, parameter, image). */
  readonly unknown?: Unknown;
  readonly loc: SourceLocation;
}

export interface EnvironmentVariable {
  readonly name: string;
  /** The value as written (a literal string, or an intrinsic such as `{ "Ref": "Table" }`). */
  readonly value: CfnValue;
  /** The model resource the value references (`!Ref Table`, `!GetAtt Queue.Arn`, `${self:...}` resolved to a resource), if any. */
  readonly resourceId?: string;
  /** True when the value comes from a parameter with NoEcho, a `{{resolve:...}}` or an SSM/Secrets Manager reference. */
  readonly fromSecretStore: boolean;
  readonly loc: SourceLocation;
}

export interface VpcConfig {
  /** Subnets as written; `subnetIds` of the model subnets they resolve to (logical ids), others stay values. */
  readonly subnets: ResourceRef[];
  readonly securityGroups: ResourceRef[];
  readonly loc: SourceLocation;
}

/** A reference to a resource: a model resource when it is in the stack, else the ARN / name expression. */
export interface ResourceRef {
  readonly resourceId?: string;
  readonly value: CfnValue;
  readonly loc: SourceLocation;
}

/** Where a failed asynchronous invocation or batch goes. */
export interface Destination {
  readonly type: 'sqs' | 'sns' | 'lambda' | 'eventbridge' | 's3' | 'unknown';
  readonly target: ResourceRef;
}

export interface AsyncInvokeConfig {
  /** 0..2, platform default 2. Undefined when not set. */
  readonly maximumRetryAttempts?: Resolved<number>;
  /** 60..21600 s, platform default 21600. */
  readonly maximumEventAgeInSeconds?: Resolved<number>;
  readonly deadLetter?: Destination;
  readonly onFailure?: Destination;
  readonly onSuccess?: Destination;
  readonly loc?: SourceLocation;
}

export interface FunctionUrl {
  /** `NONE` is public; `AWS_IAM` needs signed requests. */
  readonly authType: Resolved<string>;
  readonly cors?: CfnValue;
  /** The `AWS::Lambda::Url` resource, when one exists in the model. */
  readonly resourceId?: string;
  readonly loc: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// Triggers

export type TriggerKind =
  | 'api-rest'
  | 'api-http'
  | 'api-websocket'
  | 'function-url'
  | 'alb'
  | 's3'
  | 'sqs'
  | 'sns'
  | 'dynamodb-stream'
  | 'kinesis'
  | 'kafka'
  | 'mq'
  | 'eventbridge'
  | 'schedule'
  | 'cloudwatch-logs'
  | 'cognito'
  | 'iot'
  | 'alexa'
  | 'other';

/** How Lambda is invoked by this trigger: it decides which retry settings apply. */
export type InvocationType = 'sync' | 'async' | 'poll';

export interface Trigger {
  readonly kind: TriggerKind;
  /** SAM event name, Serverless event index (`http[0]`), or the logical id of the resource that wires it. */
  readonly id: string;
  readonly invocation: InvocationType;
  /** The bucket, queue, topic, table, stream, bus or API that fires the function. */
  readonly source?: ResourceRef;
  readonly loc: SourceLocation;
  readonly api?: ApiRoute;
  readonly s3?: { readonly events: CfnValue[]; readonly filter?: CfnValue };
  readonly sns?: { readonly filterPolicy?: CfnValue };
  /** Event source mapping settings (SQS, streams, Kafka, MQ). */
  readonly eventSourceMapping?: EventSourceMappingConfig;
  readonly schedule?: { readonly expression: CfnValue };
  readonly eventBridge?: { readonly pattern?: CfnValue; readonly bus?: ResourceRef };
  /** Anything else the trigger said, raw, for later rules. */
  readonly properties: Record<string, CfnValue>;
}

export interface EventSourceMappingConfig {
  readonly batchSize?: Resolved<number>;
  /** Streams: -1 (the default) retries until the record expires. */
  readonly maximumRetryAttempts?: Resolved<number>;
  readonly maximumRecordAgeInSeconds?: Resolved<number>;
  readonly bisectBatchOnFunctionError?: Resolved<boolean>;
  readonly onFailure?: Destination;
  readonly functionResponseTypes: string[];
  readonly filterCriteria?: CfnValue;
  readonly startingPosition?: Resolved<string>;
  readonly enabled?: Resolved<boolean>;
  /** The `AWS::Lambda::EventSourceMapping` resource, when one exists in the model. */
  readonly resourceId?: string;
}

export interface ApiRoute {
  /** Model id of the API (`ServerlessRestApi`, `MyHttpApi`), when known. */
  readonly apiId?: string;
  readonly path: Resolved<string>;
  readonly method: Resolved<string>;
  readonly auth: ApiAuth;
}

export interface ApiAuth {
  /**
   * `NONE`: anyone on the internet; `API_KEY`: an API key only (not authentication);
   * `unknown`: leash could not tell (report, do not pass).
   */
  readonly type: 'NONE' | 'AWS_IAM' | 'COGNITO' | 'JWT' | 'LAMBDA' | 'API_KEY' | 'unknown';
  readonly authorizer?: string;
  readonly apiKeyRequired?: boolean;
  readonly unknown?: Unknown;
  readonly loc: SourceLocation;
}

export interface Api {
  readonly id: string;
  readonly kind: 'rest' | 'http' | 'websocket';
  readonly loc: SourceLocation;
  /** Generated by the SAM transform (`ServerlessRestApi`, `ServerlessHttpApi`) or Serverless Framework. */
  readonly generated: boolean;
  readonly defaultAuthorizer?: string;
  readonly authorizers: string[];
  /** Stage or method throttling, when any is set (a denial-of-wallet mitigation). */
  readonly throttling?: { readonly rateLimit?: Resolved<number>; readonly burstLimit?: Resolved<number> };
  readonly hasUsagePlan: boolean;
  /**
   * REST API endpoint type (`EDGE`, `REGIONAL`, `PRIVATE`) when the template sets one. A `PRIVATE`
   * API is reachable only through interface VPC endpoints, never from the internet.
   */
  readonly endpointType?: Resolved<string>;
  readonly suppressions: Suppression[];
}

// ---------------------------------------------------------------------------------------------
// IAM

export type RoleKind =
  /** SAM's `<Function>Role`, one per function without `Role`. */
  | 'sam-implicit'
  /** An `AWS::IAM::Role` in the stack. */
  | 'cloudformation'
  /** Serverless Framework's `IamRoleLambdaExecution`, shared by every function by default. */
  | 'serverless-default'
  /** Serverless Framework per-function role (v4 `iam.role`, serverless-iam-roles-per-function). */
  | 'serverless-function'
  /** An ARN or import from outside the stack: its policies are unknown. */
  | 'external';

export interface Role {
  readonly id: string;
  readonly kind: RoleKind;
  readonly loc: SourceLocation;
  /** The role's ARN as an expression (`{Fn::GetAtt: [FnRole, Arn]}`) or literal. */
  readonly arn?: CfnValue;
  /** Every statement the role grants, after expanding managed policies, SAM policy templates, inline and attached policies. */
  readonly statements: PolicyStatement[];
  /** Every policy attached, as declared (for reporting where a grant came from). */
  readonly policies: PolicySource[];
  readonly permissionsBoundary?: CfnValue;
  readonly assumeRolePolicy?: CfnValue;
  /** What could not be expanded (a managed policy leash does not know, a template parameter it cannot resolve, an external role). */
  readonly unknowns: Unknown[];
  readonly suppressions: Suppression[];
}

export interface PolicySource {
  readonly kind:
    | 'managed'
    | 'sam-policy-template'
    | 'inline'
    /** Added by the platform: SAM's basic execution role, Serverless Framework's log statements, queue poller permissions. */
    | 'implicit'
    /** `AWS::IAM::Policy` / `ManagedPolicy` resources attached to the role. */
    | 'attached';
  /** `AmazonS3FullAccess`, `DynamoDBCrudPolicy`, the policy's logical id, or `Policies[2]`. */
  readonly name: string;
  /** The managed policy ARN, where the source is one. */
  readonly arn?: CfnValue;
  /** Template parameters, for SAM policy templates. */
  readonly parameters?: Record<string, CfnValue>;
  readonly loc: SourceLocation;
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: string[];
  readonly notAction?: string[];
  /** Resource patterns; `CfnValue` where they depend on the stack (`{Fn::Sub: "${Bucket.Arn}/*"}`). */
  readonly resource?: CfnValue[];
  readonly notResource?: CfnValue[];
  readonly condition?: Record<string, Record<string, CfnValue>>;
  readonly source: PolicySource;
  /** Where this statement was written (for inline); for expanded ones, the source's location. */
  readonly loc: SourceLocation;
}

/** A resource-based permission on a function (`AWS::Lambda::Permission`, and the ones SAM/Serverless generate). */
export interface LambdaPermission {
  readonly id: string;
  readonly loc: SourceLocation;
  /** Model function id, when the permission targets a function of the stack. */
  readonly functionId?: string;
  readonly action: Resolved<string>;
  readonly principal: Resolved<string>;
  readonly sourceArn?: CfnValue;
  readonly sourceAccount?: CfnValue;
  readonly functionUrlAuthType?: Resolved<string>;
  readonly principalOrgId?: CfnValue;
  readonly generated: boolean;
  readonly suppressions: Suppression[];
}

// ---------------------------------------------------------------------------------------------
// Resources

export type ResourceKind =
  | 'table'
  | 'bucket'
  | 'queue'
  | 'topic'
  | 'secret'
  | 'parameter'
  | 'stream'
  | 'state-machine'
  | 'event-bus'
  | 'key'
  | 'function'
  | 'role'
  | 'policy'
  | 'api'
  | 'vpc'
  | 'subnet'
  | 'route-table'
  | 'security-group'
  | 'database'
  | 'cache'
  | 'search'
  | 'compute'
  | 'log-group'
  | 'other';

export interface Resource {
  /** Logical id (unique within the stack). */
  readonly id: string;
  /** CloudFormation type after the SAM transform (`AWS::Serverless::SimpleTable` is `AWS::DynamoDB::Table`). */
  readonly type: string;
  /** The type as written, when it differs (`AWS::Serverless::Function`). */
  readonly declaredType?: string;
  readonly kind: ResourceKind;
  readonly loc: SourceLocation;
  readonly properties: Record<string, CfnValue>;
  /** The ARN, as an expression where it depends on the stack (`{Fn::GetAtt: [Table, Arn]}`), a literal where known. */
  readonly arn?: CfnValue;
  /** The physical name, when set (`TableName`, `BucketName`, `QueueName`). */
  readonly name?: Resolved<string>;
  /** Created by a transform or framework, not written by the user. */
  readonly generated: boolean;
  readonly condition?: string;
  readonly metadata?: CfnValue;
  readonly suppressions: Suppression[];
}

// ---------------------------------------------------------------------------------------------
// Network

export interface Network {
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  readonly routeTables: RouteTable[];
}

export interface Vpc {
  readonly id: string;
  readonly cidr?: Resolved<string>;
  readonly loc: SourceLocation;
}

export interface Subnet {
  readonly id: string;
  readonly vpcId?: string;
  readonly cidr?: Resolved<string>;
  readonly availabilityZone?: CfnValue;
  /** Route table associated with the subnet, when the stack says. */
  readonly routeTableId?: string;
  /** Non-function resources placed in this subnet (RDS, OpenSearch, ElastiCache, EC2, ECS...), by model id. */
  readonly members: { readonly resourceId: string; readonly type: string }[];
  readonly loc: SourceLocation;
}

export interface RouteTable {
  readonly id: string;
  readonly vpcId?: string;
  readonly routes: Route[];
  readonly loc: SourceLocation;
}

export interface Route {
  readonly destination: Resolved<string>;
  readonly target: 'nat-gateway' | 'internet-gateway' | 'egress-only-internet-gateway' | 'transit-gateway' | 'vpc-peering' | 'vpc-endpoint' | 'instance' | 'network-interface' | 'other' | 'unknown';
  readonly targetRef?: ResourceRef;
  readonly loc: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// Suppressions

export interface Suppression {
  /** Rule id (`iam/shared-role`), or a prefix ending in `/*` (`iam/*`). */
  readonly rule: string;
  /** Required: a suppression without a reason is ignored and reported. */
  readonly reason?: string;
  readonly source: 'metadata' | 'comment' | 'cdk-nag' | 'cfn-nag' | 'checkov' | 'config';
  readonly loc: SourceLocation;
}
