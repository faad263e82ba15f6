/**
 * What the code analysis finds in a function's handler code, for the policy generator, the
 * `iam/missing-permission` and `iam/unused-permission` rules, and later the learning and
 * injection features.
 */
import type { SourceLocation } from '../model/source.js';

/** One AWS API call found in the code. */
export interface AwsCall {
  /** SDK service (`s3`, `dynamodb`, `secretsmanager`), lower-case, as in the `@aws-sdk/client-*` package name. */
  readonly service: string;
  /** The API operation (`GetObject`, `PutItem`), as in the service's API reference. */
  readonly operation: string;
  readonly sdk: 'v3' | 'v2';
  /** How it was called: `command` (client.send(new X)), `aggregated` (client.x()), `document-client`, `lib-storage`, `paginator`, `waiter`, `presigner`, `v2`. */
  readonly style: string;
  /** IAM actions the call needs (`s3:GetObject`; Upload → several). */
  readonly actions: readonly string[];
  /** The resource each action is called on. */
  readonly resource: CallResource;
  /** The catalog resource type the resource is (`object`, `bucket`, `table`, `index`, `queue`), when the actions take one. */
  readonly resourceType?: string;
  /** The Region the client is built for, when not the function's own: a name, a `${Param}` expression, or `*` when not known. */
  readonly region?: string;
  readonly loc: SourceLocation;
}

/**
 * What a call touches, as far as the code tells. `subResource` (added by the policy generator's
 * author) narrows the resource below its ARN: the S3 object key pattern (`uploads/*`, `*`) or the
 * DynamoDB index (`index/ByUser`, `index/*`).
 */
export type CallResource =
  /** A literal name or ARN (`my-bucket`, `arn:aws:sqs:...`), after constant folding. */
  | { readonly kind: 'literal'; readonly value: string; readonly param: string; readonly subResource?: string }
  /** `process.env.X`: the function's environment variable X, and the resource it references in the template. */
  | { readonly kind: 'env'; readonly variable: string; readonly param: string; readonly resourceId?: string; readonly subResource?: string }
  /** Read from the triggering event (`event.Records[0].s3.bucket.name`): the trigger's source. */
  | { readonly kind: 'event'; readonly param: string; readonly triggerKind?: string; readonly resourceId?: string; readonly path?: string; readonly subResource?: string }
  /** The action takes no resource (`s3:ListAllMyBuckets`) or only `*`. */
  | { readonly kind: 'none' }
  /** Not resolvable: `*` with the reason. */
  | { readonly kind: 'unknown'; readonly param?: string; readonly reason: string };

/** Something in the code leash could not follow: a dynamic require, a computed command, a file that does not parse. */
export interface CodeUnknown {
  readonly reason: string;
  readonly loc: SourceLocation;
}

export interface CodeAnalysis {
  readonly functionId: string;
  /** Absolute path of the handler file, when found. */
  readonly handlerFile?: string;
  /** Every file read, relative to the scan root. */
  readonly files: readonly string[];
  readonly calls: readonly AwsCall[];
  readonly unknowns: readonly CodeUnknown[];
}
