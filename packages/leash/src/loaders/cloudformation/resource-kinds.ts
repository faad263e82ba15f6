/** What each CloudFormation type is to leash: its kind, how its ARN is written, which property names it. */
import type { ResourceKind } from '../../model/types.js';
import type { CfnValue } from '../../model/values.js';

interface TypeInfo {
  readonly kind: ResourceKind;
  /** `getatt`: `{Fn::GetAtt: [id, Arn]}`; `ref`: `Ref` returns the ARN; a function: an `Fn::Sub` ARN. */
  readonly arn?: 'getatt' | 'ref' | ((id: string) => CfnValue);
  readonly nameProperty?: string;
}

const sub = (text: string): CfnValue => ({ 'Fn::Sub': text });
const regional = (service: string, rest: string): ((id: string) => CfnValue) => () => sub(`arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`);

const TYPES: Record<string, TypeInfo> = {
  'AWS::DynamoDB::Table': { kind: 'table', arn: 'getatt', nameProperty: 'TableName' },
  'AWS::DynamoDB::GlobalTable': { kind: 'table', arn: 'getatt', nameProperty: 'TableName' },
  'AWS::S3::Bucket': { kind: 'bucket', arn: (id) => sub(`arn:\${AWS::Partition}:s3:::\${${id}}`), nameProperty: 'BucketName' },
  'AWS::SQS::Queue': { kind: 'queue', arn: 'getatt', nameProperty: 'QueueName' },
  'AWS::SNS::Topic': { kind: 'topic', arn: 'ref', nameProperty: 'TopicName' },
  'AWS::SecretsManager::Secret': { kind: 'secret', arn: 'ref', nameProperty: 'Name' },
  'AWS::SSM::Parameter': { kind: 'parameter', arn: (id) => regional('ssm', `parameter/\${${id}}`)(id), nameProperty: 'Name' },
  'AWS::Kinesis::Stream': { kind: 'stream', arn: 'getatt', nameProperty: 'Name' },
  'AWS::KinesisFirehose::DeliveryStream': { kind: 'stream', arn: 'getatt', nameProperty: 'DeliveryStreamName' },
  'AWS::StepFunctions::StateMachine': { kind: 'state-machine', arn: 'ref', nameProperty: 'StateMachineName' },
  'AWS::Events::EventBus': { kind: 'event-bus', arn: 'getatt', nameProperty: 'Name' },
  'AWS::KMS::Key': { kind: 'key', arn: 'getatt' },
  'AWS::Lambda::Function': { kind: 'function', arn: 'getatt', nameProperty: 'FunctionName' },
  'AWS::IAM::Role': { kind: 'role', arn: 'getatt', nameProperty: 'RoleName' },
  'AWS::IAM::Policy': { kind: 'policy', nameProperty: 'PolicyName' },
  'AWS::IAM::ManagedPolicy': { kind: 'policy', arn: 'ref', nameProperty: 'ManagedPolicyName' },
  'AWS::ApiGateway::RestApi': { kind: 'api', nameProperty: 'Name' },
  'AWS::ApiGatewayV2::Api': { kind: 'api', nameProperty: 'Name' },
  'AWS::AppSync::GraphQLApi': { kind: 'api', arn: 'getatt', nameProperty: 'Name' },
  'AWS::EC2::VPC': { kind: 'vpc' },
  'AWS::EC2::Subnet': { kind: 'subnet' },
  'AWS::EC2::RouteTable': { kind: 'route-table' },
  'AWS::EC2::SecurityGroup': { kind: 'security-group', nameProperty: 'GroupName' },
  'AWS::RDS::DBInstance': { kind: 'database', nameProperty: 'DBInstanceIdentifier' },
  'AWS::RDS::DBCluster': { kind: 'database', nameProperty: 'DBClusterIdentifier' },
  'AWS::DocDB::DBCluster': { kind: 'database', nameProperty: 'DBClusterIdentifier' },
  'AWS::DocDB::DBInstance': { kind: 'database' },
  'AWS::Neptune::DBCluster': { kind: 'database' },
  'AWS::Neptune::DBInstance': { kind: 'database' },
  'AWS::Redshift::Cluster': { kind: 'database' },
  'AWS::ElastiCache::CacheCluster': { kind: 'cache', nameProperty: 'ClusterName' },
  'AWS::ElastiCache::ReplicationGroup': { kind: 'cache' },
  'AWS::ElastiCache::ServerlessCache': { kind: 'cache', nameProperty: 'ServerlessCacheName' },
  'AWS::MemoryDB::Cluster': { kind: 'cache', nameProperty: 'ClusterName' },
  'AWS::OpenSearchService::Domain': { kind: 'search', arn: 'getatt', nameProperty: 'DomainName' },
  'AWS::Elasticsearch::Domain': { kind: 'search', arn: 'getatt', nameProperty: 'DomainName' },
  'AWS::EC2::Instance': { kind: 'compute' },
  'AWS::ECS::Service': { kind: 'compute', nameProperty: 'ServiceName' },
  'AWS::AutoScaling::AutoScalingGroup': { kind: 'compute' },
  'AWS::Batch::ComputeEnvironment': { kind: 'compute' },
  'AWS::EKS::Cluster': { kind: 'compute', nameProperty: 'Name' },
  'AWS::Logs::LogGroup': { kind: 'log-group', arn: 'getatt', nameProperty: 'LogGroupName' },
};

export function resourceKind(type: string): ResourceKind {
  return TYPES[type]?.kind ?? 'other';
}

export function resourceArn(type: string, id: string): CfnValue | undefined {
  const arn = TYPES[type]?.arn;
  if (arn === undefined) return undefined;
  if (arn === 'getatt') return { 'Fn::GetAtt': [id, 'Arn'] };
  if (arn === 'ref') return { Ref: id };
  return arn(id);
}

export function nameProperty(type: string): string | undefined {
  return TYPES[type]?.nameProperty;
}

/** The kind of a resource an ARN literal names (`arn:aws:sqs:...` → queue). */
export function kindOfArn(arn: string): ResourceKind | undefined {
  const service = arn.split(':')[2];
  switch (service) {
    case 'sqs':
      return 'queue';
    case 'sns':
      return 'topic';
    case 'dynamodb':
      return 'table';
    case 'kinesis':
      return 'stream';
    case 's3':
      return 'bucket';
    case 'lambda':
      return 'function';
    case 'events':
      return 'event-bus';
    default:
      return undefined;
  }
}
