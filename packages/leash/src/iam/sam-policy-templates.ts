/**
 * The SAM policy templates (`Policies: - DynamoDBCrudPolicy: {TableName: !Ref Table}`): what each
 * grants, written down from the SAM documentation ("AWS SAM policy templates" in the SAM developer
 * guide; 81 templates as of SAM 1.x). A test compares every entry with SAM's own table when
 * `../shared` is present.
 *
 * Resource text uses `Fn::Sub` syntax: `${AWS::Region}` and friends are pseudo parameters,
 * `${TableName}` is the template parameter of that name.
 */
import type { CfnValue } from '../model/values.js';
import { intrinsicName } from '../model/values.js';
import type { IamStatement } from './types.js';

interface TemplateStatement {
  readonly actions: readonly string[];
  /** `*`, or `Fn::Sub` text over pseudo parameters and the template's parameters. */
  readonly resources: readonly string[];
  /** Condition values are `Fn::Sub` text too. */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface SamPolicyTemplate {
  readonly description: string;
  readonly parameters: readonly string[];
  readonly statements: readonly TemplateStatement[];
}

/** `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<rest>` */
const regional = (service: string, rest: string): string => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`;
const table = (suffix = ''): string => regional('dynamodb', `table/\${TableName}${suffix}`);
const bucket = (suffix = ''): string => `arn:\${AWS::Partition}:s3:::\${BucketName}${suffix}`;
const cluster = regional('elasticmapreduce', 'cluster/${ClusterId}');
const kmsKey = regional('kms', 'key/${KeyId}');
const collection = regional('rekognition', 'collection/${CollectionId}');
const sesIdentity = regional('ses', 'identity/${IdentityName}');
const stateMachine = regional('states', 'stateMachine:${StateMachineName}');
const firehoseStream = regional('firehose', 'deliverystream/${DeliveryStreamName}');
const codeCommitRepo = regional('codecommit', '${RepositoryName}');

const allow = (actions: readonly string[], resources: readonly string[], condition?: TemplateStatement['condition']): TemplateStatement =>
  condition ? { actions, resources, condition } : { actions, resources };
const onStar = (actions: readonly string[]): TemplateStatement => allow(actions, ['*']);
const prefixed = (service: string, names: readonly string[]): string[] => names.map((name) => `${service}:${name}`);

const codeCommitRead = prefixed('codecommit', [
  'GitPull', 'GetBranch', 'ListBranches', 'BatchDescribeMergeConflicts', 'DescribeMergeConflicts', 'GetMergeCommit',
  'GetMergeOptions', 'BatchGetPullRequests', 'DescribePullRequestEvents', 'GetCommentsForPullRequest',
  'GetCommitsFromMergeBase', 'GetMergeConflicts', 'GetPullRequest', 'ListPullRequests', 'GetBlob', 'GetFile',
  'GetFolder', 'GetComment', 'GetCommentsForComparedCommit', 'BatchGetCommits', 'GetCommit', 'GetCommitHistory',
  'GetDifferences', 'GetObjectIdentifier', 'GetReferences', 'GetTree', 'GetRepository', 'ListTagsForResource',
  'GetRepositoryTriggers', 'TestRepositoryTriggers', 'GetUploadArchiveStatus',
]);
const codeCommitWrite = prefixed('codecommit', [
  'GitPush', 'CreateBranch', 'DeleteBranch', 'MergeBranchesByFastForward', 'MergeBranchesBySquash',
  'MergeBranchesByThreeWay', 'UpdateDefaultBranch', 'CreateUnreferencedMergeCommit', 'CreatePullRequest',
  'MergePullRequestByFastForward', 'MergePullRequestBySquash', 'MergePullRequestByThreeWay', 'PostCommentForPullRequest',
  'UpdatePullRequestDescription', 'UpdatePullRequestStatus', 'UpdatePullRequestTitle', 'DeleteFile', 'PutFile',
  'DeleteCommentContent', 'PostCommentForComparedCommit', 'PostCommentReply', 'UpdateComment', 'CreateCommit',
  'UpdateRepositoryDescription', 'TagResource', 'UntagResource', 'PutRepositoryTriggers', 'UploadArchive',
  'CancelUploadArchive',
]);

const dynamoRead = prefixed('dynamodb', ['GetItem', 'Scan', 'Query', 'BatchGetItem', 'DescribeTable']);
const dynamoWrite = prefixed('dynamodb', ['PutItem', 'UpdateItem', 'BatchWriteItem']);
const s3Read = prefixed('s3', ['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'GetLifecycleConfiguration']);
const s3Write = prefixed('s3', ['PutObject', 'PutObjectAcl', 'PutLifecycleConfiguration']);
const ssmRead = (parameterArn: string): TemplateStatement[] => [
  onStar(['ssm:DescribeParameters']),
  allow(prefixed('ssm', ['GetParameters', 'GetParameter', 'GetParametersByPath']), [parameterArn]),
];
const emrOnCluster = (description: string, actions: string[]): SamPolicyTemplate => ({
  description,
  parameters: ['ClusterId'],
  statements: [allow(actions, [cluster])],
});
const noParams = (description: string, statements: TemplateStatement[]): SamPolicyTemplate => ({ description, parameters: [], statements });
const withParams = (description: string, parameters: string[], statements: TemplateStatement[]): SamPolicyTemplate => ({ description, parameters, statements });

export const SAM_POLICY_TEMPLATES: Readonly<Record<string, SamPolicyTemplate>> = {
  AMIDescribePolicy: noParams('Describe Amazon Machine Images.', [onStar(['ec2:DescribeImages'])]),
  AWSSecretsManagerGetSecretValuePolicy: withParams('Read the value of one Secrets Manager secret.', ['SecretArn'], [
    allow(['secretsmanager:GetSecretValue'], ['${SecretArn}']),
  ]),
  AWSSecretsManagerRotationPolicy: withParams('Rotate Secrets Manager secrets that name this function as their rotation function.', ['FunctionName'], [
    allow(
      prefixed('secretsmanager', ['DescribeSecret', 'GetSecretValue', 'PutSecretValue', 'UpdateSecretVersionStage']),
      [regional('secretsmanager', 'secret:*')],
      { StringEquals: { 'secretsmanager:resource/AllowRotationLambdaArn': regional('lambda', 'function:${FunctionName}') } },
    ),
    onStar(['secretsmanager:GetRandomPassword']),
  ]),
  AcmGetCertificatePolicy: withParams('Read one ACM certificate.', ['CertificateArn'], [allow(['acm:GetCertificate'], ['${CertificateArn}'])]),
  AthenaQueryPolicy: withParams('Run and read Athena queries in one workgroup.', ['WorkGroupName'], [
    onStar(prefixed('athena', ['ListWorkGroups', 'GetExecutionEngine', 'GetExecutionEngines', 'GetNamespace', 'GetCatalogs', 'GetNamespaces', 'GetTables', 'GetTable'])),
    allow(
      prefixed('athena', [
        'StartQueryExecution', 'GetQueryResults', 'DeleteNamedQuery', 'GetNamedQuery', 'ListQueryExecutions', 'StopQueryExecution',
        'GetQueryResultsStream', 'ListNamedQueries', 'CreateNamedQuery', 'GetQueryExecution', 'BatchGetNamedQuery',
        'BatchGetQueryExecution', 'GetWorkGroup',
      ]),
      [regional('athena', 'workgroup/${WorkGroupName}')],
    ),
  ]),
  CloudFormationDescribeStacksPolicy: noParams('Describe the CloudFormation stacks of the account and region.', [
    allow(['cloudformation:DescribeStacks'], [regional('cloudformation', 'stack/*')]),
  ]),
  CloudWatchDashboardPolicy: noParams('Read and write CloudWatch dashboards.', [
    onStar(prefixed('cloudwatch', ['GetDashboard', 'ListDashboards', 'PutDashboard', 'ListMetrics'])),
  ]),
  CloudWatchDescribeAlarmHistoryPolicy: noParams('Read CloudWatch alarm history.', [onStar(['cloudwatch:DescribeAlarmHistory'])]),
  CloudWatchPutMetricPolicy: noParams('Publish CloudWatch metrics.', [onStar(['cloudwatch:PutMetricData'])]),
  CodeCommitCrudPolicy: withParams('Read and write one CodeCommit repository.', ['RepositoryName'], [
    allow([...codeCommitRead, ...codeCommitWrite], [codeCommitRepo]),
  ]),
  CodeCommitReadPolicy: withParams('Read one CodeCommit repository.', ['RepositoryName'], [allow(codeCommitRead, [codeCommitRepo])]),
  CodePipelineLambdaExecutionPolicy: noParams('Report the result of a CodePipeline job.', [
    onStar(['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult']),
  ]),
  CodePipelineReadOnlyPolicy: withParams('List the executions of one CodePipeline pipeline.', ['PipelineName'], [
    allow(['codepipeline:ListPipelineExecutions'], [regional('codepipeline', '${PipelineName}')]),
  ]),
  ComprehendBasicAccessPolicy: noParams('Detect entities, key phrases, languages and sentiment with Comprehend.', [
    onStar(prefixed('comprehend', [
      'BatchDetectKeyPhrases', 'DetectDominantLanguage', 'DetectEntities', 'BatchDetectEntities', 'DetectKeyPhrases',
      'DetectSentiment', 'BatchDetectDominantLanguage', 'BatchDetectSentiment',
    ])),
  ]),
  CostExplorerReadOnlyPolicy: noParams('Read Cost Explorer billing data.', [
    onStar(prefixed('ce', ['GetCostAndUsage', 'GetDimensionValues', 'GetReservationCoverage', 'GetReservationPurchaseRecommendation', 'GetReservationUtilization', 'GetTags'])),
  ]),
  DynamoDBBackupFullAccessPolicy: withParams('Create, read and delete on-demand backups of one DynamoDB table.', ['TableName'], [
    allow(['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups'], [table()]),
    allow(['dynamodb:DeleteBackup', 'dynamodb:DescribeBackup', 'dynamodb:ListBackups'], [table('/backup/*')]),
  ]),
  DynamoDBCrudPolicy: withParams('Read and write the items of one DynamoDB table and its indexes.', ['TableName'], [
    allow(
      prefixed('dynamodb', ['GetItem', 'DeleteItem', 'PutItem', 'Scan', 'Query', 'UpdateItem', 'BatchWriteItem', 'BatchGetItem', 'DescribeTable', 'ConditionCheckItem']),
      [table(), table('/index/*')],
    ),
  ]),
  DynamoDBReadPolicy: withParams('Read the items of one DynamoDB table and its indexes.', ['TableName'], [allow(dynamoRead, [table(), table('/index/*')])]),
  DynamoDBReconfigurePolicy: withParams('Change the settings of one DynamoDB table.', ['TableName'], [allow(['dynamodb:UpdateTable'], [table()])]),
  DynamoDBRestoreFromBackupPolicy: withParams('Restore one DynamoDB table from a backup.', ['TableName'], [
    allow(['dynamodb:RestoreTableFromBackup'], [table('/backup/*')]),
    allow(prefixed('dynamodb', ['PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan', 'BatchWriteItem']), [table()]),
  ]),
  DynamoDBStreamReadPolicy: withParams('Read one DynamoDB stream.', ['TableName', 'StreamName'], [
    allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], [table('/stream/${StreamName}')]),
    allow(['dynamodb:ListStreams'], [table('/stream/*')]),
  ]),
  DynamoDBWritePolicy: withParams('Write the items of one DynamoDB table.', ['TableName'], [allow(dynamoWrite, [table(), table('/index/*')])]),
  EC2CopyImagePolicy: withParams('Copy one Amazon Machine Image.', ['ImageId'], [allow(['ec2:CopyImage'], [regional('ec2', 'image/${ImageId}')])]),
  EC2DescribePolicy: noParams('Describe EC2 instances and regions.', [onStar(['ec2:DescribeRegions', 'ec2:DescribeInstances'])]),
  EFSWriteAccessPolicy: withParams('Mount and write one EFS file system through one access point.', ['FileSystem', 'AccessPoint'], [
    allow(
      ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      [regional('elasticfilesystem', 'file-system/${FileSystem}')],
      { StringEquals: { 'elasticfilesystem:AccessPointArn': regional('elasticfilesystem', 'access-point/${AccessPoint}') } },
    ),
  ]),
  EKSDescribePolicy: noParams('Describe and list EKS clusters.', [onStar(['eks:DescribeCluster', 'eks:ListClusters'])]),
  EcsRunTaskPolicy: withParams('Run tasks of one ECS task definition.', ['TaskDefinition'], [
    allow(['ecs:RunTask'], [regional('ecs', 'task-definition/${TaskDefinition}')]),
  ]),
  ElasticMapReduceAddJobFlowStepsPolicy: emrOnCluster('Add steps to one running EMR cluster.', ['elasticmapreduce:AddJobFlowSteps']),
  ElasticMapReduceCancelStepsPolicy: emrOnCluster('Cancel pending steps of one EMR cluster.', ['elasticmapreduce:CancelSteps']),
  ElasticMapReduceModifyInstanceFleetPolicy: emrOnCluster('List and change the instance fleets of one EMR cluster.', [
    'elasticmapreduce:ModifyInstanceFleet', 'elasticmapreduce:ListInstanceFleets',
  ]),
  ElasticMapReduceModifyInstanceGroupsPolicy: emrOnCluster('List and change the instance groups of one EMR cluster.', [
    'elasticmapreduce:ModifyInstanceGroups', 'elasticmapreduce:ListInstanceGroups',
  ]),
  ElasticMapReduceSetTerminationProtectionPolicy: emrOnCluster('Set termination protection on one EMR cluster.', ['elasticmapreduce:SetTerminationProtection']),
  ElasticMapReduceTerminateJobFlowsPolicy: emrOnCluster('Shut down one EMR cluster.', ['elasticmapreduce:TerminateJobFlows']),
  ElasticsearchHttpPostPolicy: withParams('POST and PUT to one OpenSearch (Elasticsearch) domain.', ['DomainName'], [
    allow(['es:ESHttpPost', 'es:ESHttpPut'], [regional('es', 'domain/${DomainName}/*')]),
  ]),
  EventBridgePutEventsPolicy: withParams('Send events to one EventBridge bus.', ['EventBusName'], [
    allow(['events:PutEvents'], [regional('events', 'event-bus/${EventBusName}')]),
  ]),
  FilterLogEventsPolicy: withParams('Filter the log events of one CloudWatch Logs group.', ['LogGroupName'], [
    allow(['logs:FilterLogEvents'], [regional('logs', 'log-group:${LogGroupName}:log-stream:*')]),
  ]),
  FirehoseCrudPolicy: withParams('Create, read, write and delete one Firehose delivery stream.', ['DeliveryStreamName'], [
    allow(prefixed('firehose', ['CreateDeliveryStream', 'DeleteDeliveryStream', 'DescribeDeliveryStream', 'PutRecord', 'PutRecordBatch', 'UpdateDestination']), [firehoseStream]),
  ]),
  FirehoseWritePolicy: withParams('Write records to one Firehose delivery stream.', ['DeliveryStreamName'], [
    allow(['firehose:PutRecord', 'firehose:PutRecordBatch'], [firehoseStream]),
  ]),
  KMSDecryptPolicy: withParams('Decrypt with one KMS key.', ['KeyId'], [allow(['kms:Decrypt'], [kmsKey])]),
  KMSEncryptPolicy: withParams('Encrypt with one KMS key.', ['KeyId'], [allow(['kms:Encrypt'], [kmsKey])]),
  KMSEncryptPolicy_v2: withParams('Encrypt and generate data keys with one KMS key.', ['KeyId'], [
    allow(prefixed('kms', ['Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext']), [kmsKey]),
  ]),
  KinesisCrudPolicy: withParams('Create, read, write and delete one Kinesis stream.', ['StreamName'], [
    allow(
      prefixed('kinesis', [
        'AddTagsToStream', 'CreateStream', 'DecreaseStreamRetentionPeriod', 'DeleteStream', 'DescribeStream', 'DescribeStreamSummary',
        'GetShardIterator', 'IncreaseStreamRetentionPeriod', 'ListTagsForStream', 'MergeShards', 'PutRecord', 'PutRecords',
        'SplitShard', 'RemoveTagsFromStream',
      ]),
      [regional('kinesis', 'stream/${StreamName}')],
    ),
  ]),
  KinesisStreamReadPolicy: withParams('List and read one Kinesis stream.', ['StreamName'], [
    allow(['kinesis:ListStreams', 'kinesis:DescribeLimits'], [regional('kinesis', 'stream/*')]),
    allow(prefixed('kinesis', ['DescribeStream', 'DescribeStreamSummary', 'GetRecords', 'GetShardIterator']), [regional('kinesis', 'stream/${StreamName}')]),
  ]),
  LambdaInvokePolicy: withParams('Invoke one Lambda function (and its versions and aliases).', ['FunctionName'], [
    allow(['lambda:InvokeFunction'], [regional('lambda', 'function:${FunctionName}*')]),
  ]),
  MobileAnalyticsWriteOnlyAccessPolicy: noParams('Put Mobile Analytics events.', [onStar(['mobileanalytics:PutEvents'])]),
  OrganizationsListAccountsPolicy: noParams('List the accounts of the organization.', [onStar(['organizations:ListAccounts'])]),
  PinpointEndpointAccessPolicy: withParams('Read and update the endpoints of one Pinpoint application.', ['PinpointApplicationId'], [
    allow(
      prefixed('mobiletargeting', ['GetEndpoint', 'UpdateEndpoint', 'UpdateEndpointsBatch']),
      [regional('mobiletargeting', 'apps/${PinpointApplicationId}/endpoints/*')],
    ),
  ]),
  PollyFullAccessPolicy: withParams('Manage Polly lexicons and synthesize speech.', ['LexiconName'], [
    allow(['polly:GetLexicon', 'polly:DeleteLexicon'], [regional('polly', 'lexicon/${LexiconName}')]),
    allow(prefixed('polly', ['DescribeVoices', 'ListLexicons', 'PutLexicon', 'SynthesizeSpeech']), [regional('polly', 'lexicon/*')]),
  ]),
  RekognitionDetectOnlyPolicy: noParams('Detect faces, labels, moderation labels and text with Rekognition.', [
    onStar(prefixed('rekognition', ['DetectFaces', 'DetectLabels', 'DetectModerationLabels', 'DetectText'])),
  ]),
  RekognitionFacesManagementPolicy: withParams('Add, delete and search the faces of one Rekognition collection.', ['CollectionId'], [
    allow(prefixed('rekognition', ['IndexFaces', 'DeleteFaces', 'SearchFaces', 'SearchFacesByImage', 'ListFaces']), [collection]),
  ]),
  RekognitionFacesPolicy: noParams('Compare and detect faces with Rekognition.', [onStar(['rekognition:CompareFaces', 'rekognition:DetectFaces'])]),
  RekognitionLabelsPolicy: noParams('Detect object and moderation labels with Rekognition.', [onStar(['rekognition:DetectLabels', 'rekognition:DetectModerationLabels'])]),
  RekognitionNoDataAccessPolicy: withParams('Compare and detect faces and labels with Rekognition.', ['CollectionId'], [
    allow(prefixed('rekognition', ['CompareFaces', 'DetectFaces', 'DetectLabels', 'DetectModerationLabels']), [collection]),
  ]),
  RekognitionReadPolicy: withParams('List and search the faces of one Rekognition collection.', ['CollectionId'], [
    allow(prefixed('rekognition', ['ListCollections', 'ListFaces', 'SearchFaces', 'SearchFacesByImage']), [collection]),
  ]),
  RekognitionWriteOnlyAccessPolicy: withParams('Create one Rekognition collection and index faces in it.', ['CollectionId'], [
    allow(['rekognition:CreateCollection', 'rekognition:IndexFaces'], [collection]),
  ]),
  Route53ChangeResourceRecordSetsPolicy: withParams('Change the record sets of one Route 53 hosted zone.', ['HostedZoneId'], [
    allow(['route53:ChangeResourceRecordSets'], ['arn:${AWS::Partition}:route53:::hostedzone/${HostedZoneId}']),
  ]),
  S3CrudPolicy: withParams('Read, write and delete the objects of one S3 bucket.', ['BucketName'], [
    allow(
      prefixed('s3', ['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'PutObject', 'PutObjectAcl', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'DeleteObject']),
      [bucket(), bucket('/*')],
    ),
  ]),
  S3FullAccessPolicy: withParams('Full access to the objects of one S3 bucket, their ACLs and tags.', ['BucketName'], [
    allow(
      prefixed('s3', [
        'GetObject', 'GetObjectAcl', 'GetObjectVersion', 'PutObject', 'PutObjectAcl', 'DeleteObject', 'DeleteObjectTagging',
        'DeleteObjectVersionTagging', 'GetObjectTagging', 'GetObjectVersionTagging', 'PutObjectTagging', 'PutObjectVersionTagging',
      ]),
      [bucket('/*')],
    ),
    allow(prefixed('s3', ['ListBucket', 'GetBucketLocation', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration']), [bucket()]),
  ]),
  S3ReadPolicy: withParams('Read the objects of one S3 bucket.', ['BucketName'], [allow(s3Read, [bucket(), bucket('/*')])]),
  S3WritePolicy: withParams('Write the objects of one S3 bucket.', ['BucketName'], [allow(s3Write, [bucket(), bucket('/*')])]),
  SESBulkTemplatedCrudPolicy: withParams('Send email, templated and bulk email from one SES identity.', ['IdentityName'], [
    allow(
      prefixed('ses', ['GetIdentityVerificationAttributes', 'SendEmail', 'SendRawEmail', 'SendTemplatedEmail', 'SendBulkTemplatedEmail', 'VerifyEmailIdentity']),
      [sesIdentity],
    ),
  ]),
  SESBulkTemplatedCrudPolicy_v2: withParams('Send email, templated and bulk email from one SES identity with one template.', ['IdentityName', 'TemplateName'], [
    allow(prefixed('ses', ['SendEmail', 'SendRawEmail', 'SendTemplatedEmail', 'SendBulkTemplatedEmail']), [sesIdentity, regional('ses', 'template/${TemplateName}')]),
    onStar(['ses:GetIdentityVerificationAttributes', 'ses:VerifyEmailIdentity']),
  ]),
  SESCrudPolicy: withParams('Send email from and verify one SES identity.', ['IdentityName'], [
    allow(prefixed('ses', ['GetIdentityVerificationAttributes', 'SendEmail', 'SendRawEmail', 'VerifyEmailIdentity']), [sesIdentity]),
  ]),
  SESEmailTemplateCrudPolicy: noParams('Create, read, update and delete SES email templates.', [
    onStar(prefixed('ses', ['CreateTemplate', 'GetTemplate', 'ListTemplates', 'UpdateTemplate', 'DeleteTemplate', 'TestRenderTemplate'])),
  ]),
  SESSendBouncePolicy: withParams('Send bounces from one SES identity.', ['IdentityName'], [allow(['ses:SendBounce'], [sesIdentity])]),
  SNSCrudPolicy: withParams('Create, configure, subscribe to and publish to SNS topics whose name starts with the given one.', ['TopicName'], [
    allow(prefixed('sns', ['ListSubscriptionsByTopic', 'CreateTopic', 'SetTopicAttributes', 'Subscribe', 'Publish']), [regional('sns', '${TopicName}*')]),
  ]),
  SNSPublishMessagePolicy: withParams('Publish to one SNS topic.', ['TopicName'], [allow(['sns:Publish'], [regional('sns', '${TopicName}')])]),
  SQSPollerPolicy: withParams('Receive, delete and change the visibility of the messages of one SQS queue.', ['QueueName'], [
    allow(
      prefixed('sqs', ['ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'DeleteMessage', 'DeleteMessageBatch', 'GetQueueAttributes', 'ReceiveMessage']),
      [regional('sqs', '${QueueName}')],
    ),
  ]),
  SQSSendMessagePolicy: withParams('Send messages to one SQS queue.', ['QueueName'], [allow(['sqs:SendMessage*'], [regional('sqs', '${QueueName}')])]),
  SSMParameterReadPolicy: withParams('Read one SSM parameter (name without a leading slash).', ['ParameterName'], ssmRead(regional('ssm', 'parameter/${ParameterName}'))),
  SSMParameterWithSlashPrefixReadPolicy: withParams('Read one SSM parameter (name with a leading slash).', ['ParameterName'], ssmRead(regional('ssm', 'parameter${ParameterName}'))),
  SageMakerCreateEndpointConfigPolicy: withParams('Create one SageMaker endpoint configuration.', ['EndpointConfigName'], [
    allow(['sagemaker:CreateEndpointConfig'], [regional('sagemaker', 'endpoint-config/${EndpointConfigName}')]),
  ]),
  SageMakerCreateEndpointPolicy: withParams('Create one SageMaker endpoint.', ['EndpointName'], [
    allow(['sagemaker:CreateEndpoint'], [regional('sagemaker', 'endpoint/${EndpointName}')]),
  ]),
  ServerlessRepoReadWriteAccessPolicy: noParams('Create and read Serverless Application Repository applications.', [
    allow(
      prefixed('serverlessrepo', ['CreateApplication', 'CreateApplicationVersion', 'UpdateApplication', 'GetApplication', 'ListApplications', 'ListApplicationVersions', 'ListApplicationDependencies']),
      [regional('serverlessrepo', 'applications/*')],
    ),
  ]),
  StepFunctionsCallbackPolicy: withParams('Report task success, failure and heartbeats to one Step Functions state machine.', ['StateMachineName'], [
    allow(['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'], [stateMachine]),
  ]),
  StepFunctionsExecutionPolicy: withParams('Start executions of one Step Functions state machine.', ['StateMachineName'], [
    allow(['states:StartExecution'], [stateMachine]),
  ]),
  StepFunctionsExecutionPolicy_v2: withParams('Start standard and synchronous executions of one Step Functions state machine.', ['StateMachineName'], [
    allow(['states:StartExecution', 'states:StartSyncExecution'], [stateMachine]),
  ]),
  TextractDetectAnalyzePolicy: noParams('Detect and analyze documents with Textract.', [
    onStar(prefixed('textract', ['DetectDocumentText', 'StartDocumentTextDetection', 'StartDocumentAnalysis', 'AnalyzeDocument'])),
  ]),
  TextractGetResultPolicy: noParams('Read Textract results.', [onStar(['textract:GetDocumentTextDetection', 'textract:GetDocumentAnalysis'])]),
  TextractPolicy: noParams('Every Textract action.', [onStar(['textract:*'])]),
  VPCAccessPolicy: noParams('Create, describe, detach and delete network interfaces (VPC access).', [
    onStar(prefixed('ec2', ['CreateNetworkInterface', 'DeleteNetworkInterface', 'DescribeNetworkInterfaces', 'DetachNetworkInterface'])),
  ]),
};

const PLACEHOLDER = /\$\{([^}!][^}]*)\}/g;

/**
 * The statements a SAM policy template grants with these parameters.
 *
 * - `undefined`: no template of that name;
 * - `{ error }`: a parameter is missing or is not a string, number or intrinsic;
 * - `{ statements }`: each resource is `*`, the parameter value itself when the resource is just
 *   that parameter (`${SecretArn}`), else `{ "Fn::Sub": text }` with literal parameter values
 *   written into the text, or `{ "Fn::Sub": [text, { Param: value }] }` for parameters whose
 *   value is an intrinsic (`{Ref: Table}` stays an intrinsic in the variable map).
 * Parameters the template does not use are ignored, as SAM does.
 */
export function expandSamPolicyTemplate(name: string, parameters: Record<string, CfnValue>): { statements: IamStatement[] } | { error: string } | undefined {
  if (!Object.hasOwn(SAM_POLICY_TEMPLATES, name)) return undefined;
  const template = SAM_POLICY_TEMPLATES[name]!;
  const args = parameters ?? {};
  for (const param of template.parameters) {
    if (!Object.hasOwn(args, param) || args[param] === null || args[param] === undefined) {
      return { error: `${name} needs the parameter ${param} (${template.parameters.join(', ')})` };
    }
    const value = args[param];
    const isScalar = typeof value === 'string' || typeof value === 'number';
    if (!isScalar && !intrinsicName(value)) {
      return { error: `${name}: parameter ${param} must be a string or an intrinsic function, got ${JSON.stringify(value)}` };
    }
  }
  const statements = template.statements.map((s): IamStatement => {
    const resources = s.resources.map((r) => substitute(r, args));
    const statement: IamStatement = {
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: resources.length === 1 ? resources[0]! : resources,
    };
    if (s.condition) {
      const condition: Record<string, Record<string, CfnValue>> = {};
      for (const [operator, entries] of Object.entries(s.condition)) {
        condition[operator] = Object.fromEntries(Object.entries(entries).map(([key, text]) => [key, substitute(text, args)]));
      }
      statement.Condition = condition;
    }
    return statement;
  });
  return { statements };
}

/** Fills a template's `Fn::Sub` text with parameter values (see {@link expandSamPolicyTemplate}). */
function substitute(text: string, args: Record<string, CfnValue>): CfnValue {
  if (text === '*') return '*';
  const whole = /^\$\{([A-Za-z0-9]+)\}$/.exec(text);
  if (whole && Object.hasOwn(args, whole[1]!)) {
    const value = args[whole[1]!]!;
    return typeof value === 'number' ? String(value) : value;
  }
  const variables: Record<string, CfnValue> = {};
  const out = text.replace(PLACEHOLDER, (match, key: string) => {
    if (key.includes('::') || !Object.hasOwn(args, key)) return match;
    const value = args[key]!;
    if (typeof value === 'string' || typeof value === 'number') return String(value).replaceAll('${', '${!');
    variables[key] = value;
    return match;
  });
  return Object.keys(variables).length > 0 ? { 'Fn::Sub': [out, variables] } : { 'Fn::Sub': out };
}

/** Every template name, sorted. */
export function samPolicyTemplateNames(): string[] {
  return Object.keys(SAM_POLICY_TEMPLATES).sort();
}
