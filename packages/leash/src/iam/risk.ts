/**
 * What an IAM action can be abused for: curated tables, each entry with the public source it
 * comes from, plus generic rules for resource exposure (see {@link genericResourceExposure}).
 *
 * Sources (keys used below):
 * - RHINO: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation", methods 1–21
 *   (rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/).
 * - PF: DataDog pathfinding.cloud, escalation paths by id (github.com/DataDog/pathfinding.cloud, data/paths/<service>/<id>.yaml).
 * - CSPL: salesforce/cloudsplaining: privilege-escalation combos, credentials-exposure and data-exfiltration lists.
 * - SIA: primeharbor/sensitive_iam_actions (CC0), categories CredentialExposure, DataAccess, PrivEsc, ResourceExposure.
 * - PS: salesforce/policy_sentry, privilege-escalation / resource-exposure / credentials-exposure lists.
 * - PMAPPER: nccgroup/PMapper edge checks (PassRole into services, SSM, Lambda updates).
 * - MINING: public write-ups of cloud cryptomining and LLM-jacking campaigns (AWS Security Blog and
 *   GuardDuty findings on the late-2025 EC2/ECS mining campaign; Sysdig "LLMjacking", 2024), as
 *   summarised in leash's field notes (iam-least-privilege §8).
 */
import { actionInfo, expandActionPattern } from './catalog.js';
import type { StatementActions } from './statement-actions.js';
import type { RiskClass } from './types.js';

type Source = 'RHINO' | 'PF' | 'CSPL' | 'SIA' | 'PS' | 'PMAPPER' | 'MINING';

export const RISK_SOURCES: Readonly<Record<Source, string>> = {
  RHINO: 'Rhino Security Labs, AWS IAM Privilege Escalation – Methods and Mitigation',
  PF: 'DataDog pathfinding.cloud',
  CSPL: 'salesforce/cloudsplaining',
  SIA: 'primeharbor/sensitive_iam_actions',
  PS: 'salesforce/policy_sentry',
  PMAPPER: 'nccgroup/PMapper',
  MINING: 'cryptomining / LLM-jacking campaign write-ups (AWS Security Blog, GuardDuty, Sysdig)',
};

type Entry = readonly [action: string, ...sources: Source[]];

// ---------------------------------------------------------------------------------------------
// Single actions by class

/** Actions that escalate alone or are the key part of an escalation path. */
const PRIVILEGE_ESCALATION: readonly Entry[] = [
  ['iam:CreatePolicyVersion', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 1, PF iam-001
  ['iam:SetDefaultPolicyVersion', 'RHINO', 'CSPL', 'SIA'], // RHINO 2
  ['iam:PassRole', 'RHINO', 'PF', 'PS', 'SIA', 'PMAPPER'], // RHINO 3, 15, 16, 18, 20, 21; every PF new-passrole path
  ['iam:CreateAccessKey', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 4, PF iam-002
  ['iam:CreateLoginProfile', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 5, PF iam-004
  ['iam:UpdateLoginProfile', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 6, PF iam-006
  ['iam:AttachUserPolicy', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 7, PF iam-008
  ['iam:AttachGroupPolicy', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 8, PF iam-010
  ['iam:AttachRolePolicy', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 9, PF iam-009
  ['iam:PutUserPolicy', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 10, PF iam-007
  ['iam:PutGroupPolicy', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 11, PF iam-011
  ['iam:PutRolePolicy', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 12, PF iam-005
  ['iam:AddUserToGroup', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 13, PF iam-013
  ['iam:UpdateAssumeRolePolicy', 'RHINO', 'PF', 'CSPL', 'SIA'], // RHINO 14, PF iam-012
  ['iam:DeleteRolePermissionsBoundary', 'SIA'],
  ['iam:DeleteUserPermissionsBoundary', 'SIA'],
  ['iam:PutRolePermissionsBoundary', 'SIA'],
  ['iam:PutUserPermissionsBoundary', 'SIA'],
  ['iam:CreateServiceLinkedRole', 'SIA'],
  ['iam:CreateVirtualMFADevice', 'SIA'],
  ['iam:EnableMFADevice', 'SIA'],
  ['iam:ResyncMFADevice', 'SIA'],
  ['lambda:UpdateFunctionCode', 'RHINO', 'PF', 'CSPL', 'PMAPPER'], // RHINO 17, PF lambda-003
  ['lambda:UpdateFunctionConfiguration', 'PS', 'PMAPPER'], // a layer or a new handler runs code as the function's role
  ['glue:UpdateDevEndpoint', 'RHINO', 'PF', 'SIA'], // RHINO 19, PF glue-002
  ['codestar:CreateProject', 'SIA'],
  ['codestar:AssociateTeamMember', 'SIA'],
  ['ec2-instance-connect:SendSSHPublicKey', 'PF', 'SIA'], // PF ec2instanceconnect-003
  ['kms:CreateGrant', 'SIA'],
  ['sts:AssumeRole', 'PF', 'PS'], // PF sts-001
  ['ssm:SendCommand', 'PF', 'PMAPPER'], // PF ssm-002
  ['ssm:StartSession', 'PF', 'PMAPPER'], // PF ssm-001
  ['cloudformation:UpdateStack', 'PF'], // PF cloudformation-002
  ['codebuild:StartBuild', 'PF'], // PF codebuild-002
  ['codebuild:StartBuildBatch', 'PF'], // PF codebuild-003
  ['apprunner:UpdateService', 'PF'], // PF apprunner-002
  ['sagemaker:CreatePresignedNotebookInstanceUrl', 'PF'], // PF sagemaker-004
];

/** Actions that hand out credentials, tokens or keys. */
const CREDENTIAL_EXPOSURE: readonly Entry[] = [
  ['sts:AssumeRole', 'CSPL', 'SIA'],
  ['sts:AssumeRoleWithSAML', 'CSPL', 'SIA'],
  ['sts:AssumeRoleWithWebIdentity', 'CSPL', 'SIA'],
  ['sts:GetFederationToken', 'CSPL', 'SIA'],
  ['sts:GetSessionToken', 'CSPL', 'SIA'],
  ['iam:CreateAccessKey', 'CSPL', 'SIA'],
  ['iam:UpdateAccessKey', 'CSPL', 'SIA'],
  ['iam:CreateLoginProfile', 'SIA'],
  ['iam:CreateServiceSpecificCredential', 'CSPL', 'SIA'],
  ['iam:ResetServiceSpecificCredential', 'CSPL', 'SIA'],
  ['ecr:GetAuthorizationToken', 'CSPL', 'SIA'],
  ['ecr-public:GetAuthorizationToken', 'SIA'],
  ['codeartifact:GetAuthorizationToken', 'CSPL', 'SIA'],
  ['redshift:GetClusterCredentials', 'CSPL', 'SIA'],
  ['redshift:GetClusterCredentialsWithIAM', 'CSPL'],
  ['redshift-serverless:GetCredentials', 'CSPL'],
  ['rds-db:connect', 'CSPL', 'SIA'],
  ['ec2:GetPasswordData', 'CSPL', 'SIA'],
  ['ec2-instance-connect:SendSSHPublicKey', 'CSPL', 'SIA'],
  ['cognito-identity:GetCredentialsForIdentity', 'CSPL', 'SIA'],
  ['cognito-identity:GetOpenIdToken', 'CSPL', 'SIA'],
  ['cognito-identity:GetOpenIdTokenForDeveloperIdentity', 'CSPL', 'SIA'],
  ['cognito-idp:DescribeUserPoolClient', 'SIA'], // returns the client secret
  ['appsync:ListApiKeys', 'CSPL', 'SIA'],
  ['cloud9:CreateEnvironmentToken', 'CSPL', 'SIA'],
  ['gamelift:GetInstanceAccess', 'CSPL', 'SIA'],
  ['gamelift:RequestUploadCredentials', 'CSPL', 'SIA'],
  ['lightsail:GetKeyPair', 'CSPL', 'SIA'],
  ['lightsail:GetKeyPairs', 'CSPL', 'SIA'],
  ['lightsail:DownloadDefaultKeyPair', 'CSPL', 'SIA'],
  ['lightsail:GetRelationalDatabaseMasterUserPassword', 'CSPL', 'SIA'],
  ['lightsail:GetBucketAccessKeys', 'SIA'],
  ['mediapackage:RotateChannelCredentials', 'CSPL', 'SIA'],
  ['mediapackage:RotateIngestEndpointCredentials', 'CSPL', 'SIA'],
  ['storagegateway:DescribeChapCredentials', 'CSPL', 'SIA'],
  ['snowball:GetJobUnlockCode', 'SIA'],
  ['s3:GetDataAccess', 'SIA'],
  ['connect:GetFederationToken', 'SIA'],
  ['chime:CreateApiKey', 'CSPL', 'SIA'],
  ['iot:CreateKeysAndCertificate', 'CSPL'],
  ['athena:GetSession', 'SIA'],
  ['chatbot:GetMicrosoftTeamsOauthParameters', 'SIA'],
  ['chatbot:GetSlackOauthParameters', 'SIA'],
  ['cloud9:CreateEnvironmentSSH', 'SIA'],
  ['codepipeline:PollForJobs', 'SIA'], // returns temporary credentials for the job's artifacts
  ['cognito-idp:GetUserAttributeVerificationCode', 'SIA'],
  ['connect:ListSecurityKeys', 'SIA'],
  ['gamelift:GetComputeAuthToken', 'SIA'],
  ['gamelift:GetGameSessionLogUrl', 'SIA'], // a presigned URL
  ['sso-directory:ListBearerTokens', 'SIA'],
  // Not taken from SIA: waf:GetChangeToken / waf-regional:GetChangeToken return a concurrency token, not a credential.
];

/** Actions that read stored data. */
const DATA_ACCESS: readonly Entry[] = [
  ['s3:GetObject', 'CSPL', 'SIA'],
  ['s3:GetObjectVersion', 'SIA'],
  ['s3-object-lambda:GetObject', 'SIA'],
  ['dynamodb:GetItem', 'SIA'],
  ['dynamodb:BatchGetItem', 'SIA'],
  ['dynamodb:Query', 'SIA'],
  ['dynamodb:Scan', 'SIA'],
  ['dynamodb:GetRecords', 'SIA'],
  ['dynamodb:PartiQLSelect', 'PS'],
  ['dynamodb:ExportTableToPointInTime', 'PS'],
  ['dax:GetItem', 'SIA'],
  ['dax:BatchGetItem', 'SIA'],
  ['dax:Query', 'SIA'],
  ['dax:Scan', 'SIA'],
  ['secretsmanager:GetSecretValue', 'CSPL', 'PS'],
  ['secretsmanager:BatchGetSecretValue', 'PS'],
  ['ssm:GetParameter', 'CSPL', 'SIA'],
  ['ssm:GetParameters', 'CSPL', 'SIA'],
  ['ssm:GetParametersByPath', 'CSPL', 'SIA'],
  ['ssm:GetParameterHistory', 'SIA'],
  ['ssm:GetDocument', 'SIA'],
  ['kms:Decrypt', 'PS'],
  ['sqs:ReceiveMessage', 'SIA'],
  ['kinesis:GetRecords', 'SIA'],
  ['kinesisvideo:GetMedia', 'SIA'],
  ['logs:GetLogEvents', 'SIA'],
  ['logs:GetQueryResults', 'SIA'],
  ['logs:FilterLogEvents', 'PS'],
  ['logs:Unmask', 'SIA'],
  ['lambda:GetFunction', 'SIA'], // code download URL and environment variables
  ['lambda:GetLayerVersion', 'SIA'],
  ['rds:DownloadDBLogFilePortion', 'SIA'],
  ['rds:DownloadCompleteDBLogFile', 'SIA'],
  ['rds-data:ExecuteStatement', 'PS'],
  ['rds-data:BatchExecuteStatement', 'PS'],
  ['redshift-data:GetStatementResult', 'PS'],
  ['athena:GetQueryResults', 'SIA'],
  ['athena:GetQueryResultsStream', 'SIA'],
  ['es:ESHttpGet', 'SIA'],
  ['es:ESHttpPost', 'SIA'],
  ['aoss:APIAccessAll', 'SIA'],
  ['cassandra:Select', 'SIA'],
  ['cognito-idp:ListUsers', 'SIA'],
  ['cognito-idp:AdminGetUser', 'SIA'],
  ['codecommit:GitPull', 'SIA'],
  ['codecommit:GetFile', 'SIA'],
  ['codecommit:GetBlob', 'SIA'],
  ['ecr:GetDownloadUrlForLayer', 'SIA'],
  ['cloudformation:GetTemplate', 'SIA'],
  ['cloudtrail:LookupEvents', 'SIA'],
  ['mediastore:GetObject', 'SIA'],
  ['qldb:GetBlock', 'SIA'],
  ['kendra:Query', 'SIA'],
  ['healthlake:ReadResource', 'SIA'],
  ['sagemaker:Search', 'SIA'],
  ['support:DescribeCommunications', 'SIA'],
  ['workdocs:GetDocument', 'SIA'],
  ['workdocs:GetDocumentVersion', 'SIA'],
  ['s3-object-lambda:GetObjectVersion', 'SIA'],
  ['s3-object-lambda:ListBucket', 'SIA'],
  ['es:ESHttp*', 'SIA'], // every HTTP verb against an OpenSearch domain reads or writes its documents
  ['codecommit:Get*', 'SIA'], // repository contents, commits, comments and pull requests
  ['codecommit:BatchGet*', 'SIA'],
  ['codecommit:DescribeMergeConflicts', 'SIA'],
  ['codecommit:DescribePullRequestEvents', 'SIA'],
  ['codeartifact:ReadFromRepository', 'SIA'],
  ['codeartifact:GetPackageVersionAsset', 'SIA'],
  ['cognito-idp:AdminGetDevice', 'SIA'],
  ['cognito-idp:AdminListDevices', 'SIA'],
  ['cognito-idp:AdminListGroupsForUser', 'SIA'],
  ['cognito-idp:AdminListUserAuthEvents', 'SIA'],
  ['cognito-idp:GetUser', 'SIA'],
  ['cognito-idp:ListGroups', 'SIA'],
  ['cognito-identity:LookupDeveloperIdentity', 'SIA'],
  ['cognito-sync:ListRecords', 'SIA'],
  ['cognito-sync:QueryRecords', 'SIA'],
  ['sso-directory:DescribeUser', 'SIA'],
  ['sso-directory:SearchUsers', 'SIA'],
  ['sso:SearchUsers', 'SIA'],
  ['workmail:ListUsers', 'SIA'],
  ['connect:ListUsers', 'SIA'],
  ['chime:GetChannelMessage', 'SIA'],
  ['chime:GetUserByEmail', 'SIA'],
  ['chime:ListUsers', 'SIA'],
  ['cloudtrail:GetQueryResults', 'SIA'],
  ['cloudfront:GetFunction', 'SIA'],
  ['appsync:GetFunction', 'SIA'],
  ['appsync:GetDataSource', 'SIA'],
  ['athena:GetQueryExecution', 'SIA'],
  ['serverlessrepo:GetCloudFormationTemplate', 'SIA'],
  ['serverlessrepo:GetApplication', 'SIA'],
  ['support:DescribeAttachment', 'SIA'],
  ['kinesisvideo:GetImages', 'SIA'],
  ['logs:GetLogRecord', 'SIA'],
  ['macie2:GetFindings', 'SIA'], // findings quote sensitive data samples
  ['sdb:Select', 'SIA'],
  ['wafv2:GetSampledRequests', 'SIA'],
  ['healthlake:SearchWithGet', 'SIA'],
  ['healthlake:SearchWithPost', 'SIA'],
  ['datapipeline:QueryObjects', 'SIA'],
  ['codebuild:BatchGetReports', 'SIA'],
  ['codepipeline:GetPipelineExecution', 'SIA'],
  ['cleanrooms:GetProtectedQuery', 'SIA'],
];

/** Reads Cloudsplaining reports as data exfiltration when unconstrained, and actions that copy data out of the account. */
const EXFILTRATION: readonly Entry[] = [
  ['s3:GetObject', 'CSPL'],
  ['ssm:GetParameter', 'CSPL'],
  ['ssm:GetParameters', 'CSPL'],
  ['ssm:GetParametersByPath', 'CSPL'],
  ['secretsmanager:GetSecretValue', 'CSPL'],
  ['s3:PutReplicationConfiguration', 'PS'], // replicate a bucket to a bucket in any account
  ['dynamodb:ExportTableToPointInTime', 'PS'], // export a table to a bucket in any account
  ['ec2:ModifySnapshotAttribute', 'CSPL', 'SIA'], // share a volume snapshot with any account
  ['rds:ModifyDBSnapshotAttribute', 'CSPL', 'SIA'],
  ['rds:ModifyDBClusterSnapshotAttribute', 'CSPL'],
  ['ec2:ModifyImageAttribute', 'SIA'],
];

/** Actions that change who can reach a resource (beyond the generic "Permissions management" rule). */
const RESOURCE_EXPOSURE: readonly Entry[] = [
  ['s3:PutBucketPolicy', 'CSPL', 'SIA'],
  ['s3:PutBucketAcl', 'CSPL', 'SIA'],
  ['s3:PutObjectAcl', 'CSPL', 'SIA'],
  ['s3:PutObjectVersionAcl', 'CSPL', 'SIA'],
  ['s3:PutBucketPublicAccessBlock', 'CSPL', 'SIA'],
  ['s3:PutAccountPublicAccessBlock', 'SIA'],
  ['s3:DeleteBucketPolicy', 'SIA'],
  ['sqs:AddPermission', 'CSPL', 'SIA'],
  ['sqs:SetQueueAttributes', 'CSPL', 'SIA'], // sets the queue policy
  ['sns:AddPermission', 'CSPL', 'SIA'],
  ['sns:SetTopicAttributes', 'CSPL', 'SIA'], // sets the topic policy
  ['lambda:AddPermission', 'CSPL', 'SIA'],
  ['lambda:AddLayerVersionPermission', 'CSPL', 'SIA'],
  ['lambda:CreateFunctionUrlConfig', 'PS'], // with AuthType NONE the function is public
  ['lambda:UpdateFunctionUrlConfig', 'PS'],
  ['kms:PutKeyPolicy', 'CSPL', 'SIA'],
  ['kms:CreateGrant', 'CSPL', 'SIA'],
  ['secretsmanager:PutResourcePolicy', 'CSPL', 'SIA'],
  ['ecr:SetRepositoryPolicy', 'CSPL', 'SIA'],
  ['ec2:ModifySnapshotAttribute', 'CSPL', 'SIA'],
  ['ec2:ModifyImageAttribute', 'SIA'],
  ['rds:ModifyDBSnapshotAttribute', 'CSPL', 'SIA'],
  ['events:PutPermission', 'CSPL'],
  ['logs:PutResourcePolicy', 'CSPL', 'SIA'],
  ['apigateway:UpdateRestApiPolicy', 'CSPL'],
  ['glacier:SetVaultAccessPolicy', 'CSPL', 'SIA'],
  ['elasticfilesystem:PutFileSystemPolicy', 'CSPL', 'SIA'],
  ['backup:PutBackupVaultAccessPolicy', 'CSPL', 'SIA'],
  ['ram:CreateResourceShare', 'CSPL', 'SIA'],
  ['iam:UpdateAssumeRolePolicy', 'CSPL', 'SIA'],
  ['cognito-identity:SetIdentityPoolRoles', 'SIA'],
  ['cognito-identity:UpdateIdentityPool', 'SIA'],
  ['cognito-identity:CreateIdentityPool', 'SIA'],
  ['ram:AssociateResourceShare', 'SIA'],
  ['ram:UpdateResourceShare', 'SIA'],
  ['ram:AcceptResourceShareInvitation', 'SIA'],
  ['es:UpdateElasticsearchDomainConfig', 'SIA'], // carries the domain access policy
  ['es:UpdateDomainConfig', 'SIA'],
  ['es:CreateElasticsearchDomain', 'SIA'],
  ['ds:ShareDirectory', 'SIA'],
  ['ds:CreateTrust', 'SIA'],
  ['sso:CreatePermissionSet', 'SIA'],
  ['sso:CreateTrust', 'SIA'],
  ['sso:AssociateProfile', 'SIA'],
  ['sso-directory:AddMemberToGroup', 'SIA'],
  ['sso-directory:CreateUser', 'SIA'],
  ['sso-directory:UpdatePassword', 'SIA'],
  ['quicksight:CreateAdmin', 'SIA'],
  ['quicksight:RegisterUser', 'SIA'],
  ['quicksight:CreateGroupMembership', 'SIA'],
  ['quicksight:UpdateIAMPolicyAssignment', 'SIA'],
  ['quicksight:CreateIAMPolicyAssignment', 'SIA'],
  ['storagegateway:UpdateChapCredentials', 'SIA'],
  ['storagegateway:SetLocalConsolePassword', 'SIA'],
  ['storagegateway:SetSMBGuestPassword', 'SIA'],
  ['workmail:ResetPassword', 'SIA'],
  ['codebuild:ImportSourceCredentials', 'SIA'],
  ['wafv2:UpdateWebACL', 'SIA'],
  ['wafv2:DeleteWebACL', 'SIA'],
];

/** Actions that start paid compute an attacker can use (mining, model abuse) or send mail at scale. */
const COMPUTE_ABUSE: readonly Entry[] = [
  ['ec2:RunInstances', 'MINING'],
  ['ec2:RequestSpotInstances', 'MINING'],
  ['ec2:RequestSpotFleet', 'MINING'],
  ['ec2:CreateFleet', 'MINING'],
  ['ec2:RunScheduledInstances', 'MINING'],
  ['ec2:ModifyInstanceAttribute', 'MINING'],
  ['ec2:CreateLaunchTemplateVersion', 'MINING'],
  ['autoscaling:CreateAutoScalingGroup', 'MINING'],
  ['autoscaling:UpdateAutoScalingGroup', 'MINING'],
  ['autoscaling:SetDesiredCapacity', 'MINING'],
  ['ecs:RunTask', 'MINING'],
  ['ecs:StartTask', 'MINING'],
  ['ecs:CreateService', 'MINING'],
  ['ecs:UpdateService', 'MINING'],
  ['ecs:RegisterTaskDefinition', 'MINING'],
  ['batch:SubmitJob', 'MINING'],
  ['batch:CreateComputeEnvironment', 'MINING'],
  ['lambda:CreateFunction', 'MINING'],
  ['lambda:UpdateFunctionCode', 'MINING'],
  ['sagemaker:CreateTrainingJob', 'MINING'],
  ['sagemaker:CreateNotebookInstance', 'MINING'],
  ['sagemaker:CreateProcessingJob', 'MINING'],
  ['sagemaker:CreateEndpoint', 'MINING'],
  ['glue:CreateJob', 'MINING'],
  ['glue:CreateDevEndpoint', 'MINING'],
  ['elasticmapreduce:RunJobFlow', 'MINING'],
  ['lightsail:CreateInstances', 'MINING'],
  ['apprunner:CreateService', 'MINING'],
  ['codebuild:StartBuild', 'MINING'],
  ['gamelift:CreateFleet', 'MINING'],
  ['bedrock:InvokeModel', 'MINING'],
  ['bedrock:InvokeModelWithResponseStream', 'MINING'],
  ['servicequotas:RequestServiceQuotaIncrease', 'MINING'],
  ['ses:SendEmail', 'MINING'],
  ['ses:SendRawEmail', 'MINING'],
];

const TABLES: ReadonlyArray<readonly [RiskClass, readonly Entry[]]> = [
  ['privilege-escalation', PRIVILEGE_ESCALATION],
  ['credential-exposure', CREDENTIAL_EXPOSURE],
  ['data-access', DATA_ACCESS],
  ['exfiltration', EXFILTRATION],
  ['resource-exposure', RESOURCE_EXPOSURE],
  ['compute-abuse', COMPUTE_ABUSE],
];

const CLASS_ORDER: readonly RiskClass[] = TABLES.map(([c]) => c);

let byAction: Map<string, Map<RiskClass, readonly Source[]>> | undefined;

/** lower-case action → its classes and sources; built on first use (patterns such as `es:ESHttp*` expand through the catalog). */
function tableIndex(): Map<string, Map<RiskClass, readonly Source[]>> {
  if (!byAction) {
    byAction = new Map();
    for (const [riskClass, entries] of TABLES) {
      for (const [pattern, ...sources] of entries) {
        const actions = /[*?]/.test(pattern) ? expandActionPattern(pattern) : [pattern];
        for (const action of actions) {
          const key = action.toLowerCase();
          const classes = byAction.get(key) ?? new Map<RiskClass, readonly Source[]>();
          classes.set(riskClass, sources);
          byAction.set(key, classes);
        }
      }
    }
  }
  return byAction;
}

/**
 * The generic rules: an action AWS classes as "Permissions management" changes who can access
 * something (Cloudsplaining's resource exposure); so does every IAM write (policy_sentry's
 * resource-exposure list is "permissions management + IAM write").
 */
function genericResourceExposure(action: string): string | undefined {
  const info = actionInfo(action);
  if (!info) return undefined;
  if (info.accessLevel === 'Permissions management') return 'AWS Service Authorization Reference access level "Permissions management" (Cloudsplaining resource exposure)';
  if (info.service === 'iam' && info.accessLevel === 'Write') return `${RISK_SOURCES.PS}: IAM write actions are resource exposure`;
  return undefined;
}

/** Every action or pattern the curated tables name, as written (for tests and docs). */
export function curatedRiskActions(riskClass: RiskClass): string[] {
  return (TABLES.find(([c]) => c === riskClass)?.[1] ?? []).map(([a]) => a);
}

/**
 * The risk classes of one concrete action (`iam:PassRole` → privilege-escalation), case-insensitive,
 * in a fixed order. Actions AWS classes as "Permissions management" are also resource exposure.
 * Wildcard patterns are not expanded here: expand them with the catalog first.
 */
export function classifyAction(action: string): readonly RiskClass[] {
  const key = action.trim().toLowerCase();
  let classified = classified_.get(key);
  if (classified === undefined) {
    const classes = new Set<RiskClass>(tableIndex().get(key)?.keys() ?? []);
    if (genericResourceExposure(key)) classes.add('resource-exposure');
    classified = Object.freeze(CLASS_ORDER.filter((c) => classes.has(c)));
    // The same actions come back for every role granting `*` or `s3:*`: classified once (the catalog has ~22,000).
    if (classified_.size >= 100_000) classified_.clear();
    classified_.set(key, classified);
  }
  return classified;
}

const classified_ = new Map<string, readonly RiskClass[]>();

let risky: Set<string> | undefined;
const riskyByShape = new WeakMap<StatementActions, readonly string[]>();

/**
 * The actions of a statement that have a risk class or are a step of an escalation combination
 * (a few hundred of the catalog's 22,000): the only ones the risk rules look at. Shared per
 * statement shape.
 */
export function riskyActions(covered: StatementActions): readonly string[] {
  let out = riskyByShape.get(covered);
  if (out === undefined) {
    // Catalog casing, as statement actions are: no string to make per action.
    risky ??= new Set([...expandActionPattern('*').filter((a) => classifyAction(a).length > 0), ...ESCALATION_COMBOS.flatMap((c) => c.steps.flat()).map((a) => actionInfo(a)?.action ?? a)]);
    const set = risky;
    out = Object.freeze(covered.actions.filter((a) => set.has(a)));
    riskyByShape.set(covered, out);
  }
  return out;
}

/** The sources behind an action's class (`['CSPL', 'SIA']` expanded to names); the generic rule says so. */
export function riskSources(action: string, riskClass: RiskClass): string[] {
  const sources = tableIndex().get(action.trim().toLowerCase())?.get(riskClass);
  if (sources) return sources.map((s) => RISK_SOURCES[s]);
  const generic = riskClass === 'resource-exposure' ? genericResourceExposure(action.trim()) : undefined;
  return generic ? [generic] : [];
}

// ---------------------------------------------------------------------------------------------
// Privilege-escalation combinations: every step must be allowed; a step that is a list is any one of it.

export interface EscalationCombo {
  /** `pathfinding.cloud lambda-001`, `rhino-3`... */
  readonly id: string;
  readonly steps: ReadonlyArray<string | readonly string[]>;
  readonly source: string;
}

const pf = (id: string, ...steps: Array<string | readonly string[]>): EscalationCombo => ({
  id: `pathfinding.cloud ${id}`,
  steps,
  source: `${RISK_SOURCES.PF}, path ${id}`,
});
const rhino = (method: number, ...steps: Array<string | readonly string[]>): EscalationCombo => ({
  id: `rhino-${method}`,
  steps,
  source: `${RISK_SOURCES.RHINO}, method ${method}`,
});

export const ESCALATION_COMBOS: readonly EscalationCombo[] = [
  // IAM: change one's own or another principal's permissions or credentials.
  pf('iam-001', 'iam:CreatePolicyVersion'),
  rhino(2, 'iam:SetDefaultPolicyVersion'),
  pf('iam-002', 'iam:CreateAccessKey'),
  pf('iam-004', 'iam:CreateLoginProfile'),
  pf('iam-005', 'iam:PutRolePolicy'),
  pf('iam-006', 'iam:UpdateLoginProfile'),
  pf('iam-007', 'iam:PutUserPolicy'),
  pf('iam-008', 'iam:AttachUserPolicy'),
  pf('iam-009', 'iam:AttachRolePolicy'),
  pf('iam-010', 'iam:AttachGroupPolicy'),
  pf('iam-011', 'iam:PutGroupPolicy'),
  pf('iam-012', 'iam:UpdateAssumeRolePolicy'),
  pf('iam-013', 'iam:AddUserToGroup'),
  pf('iam-014', 'iam:AttachRolePolicy', 'sts:AssumeRole'),
  pf('iam-016', 'iam:CreatePolicyVersion', 'sts:AssumeRole'),
  pf('iam-017', 'iam:PutRolePolicy', 'sts:AssumeRole'),
  pf('iam-019', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'),
  pf('iam-021', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'),
  pf('sts-001', 'sts:AssumeRole'),
  // Pass a role to a new compute resource that runs attacker code.
  pf('lambda-001', 'iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'),
  pf('lambda-002', 'iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'),
  pf('lambda-006', 'iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'),
  pf('ec2-001', 'iam:PassRole', 'ec2:RunInstances'),
  pf('ec2-003', 'iam:PassRole', 'ec2:RequestSpotInstances'),
  pf('ecs-004', 'iam:PassRole', 'ecs:RegisterTaskDefinition', ['ecs:RunTask', 'ecs:StartTask', 'ecs:CreateService']),
  pf('codebuild-001', 'iam:PassRole', 'codebuild:CreateProject', ['codebuild:StartBuild', 'codebuild:StartBuildBatch']),
  pf('glue-001', 'iam:PassRole', 'glue:CreateDevEndpoint'),
  pf('glue-003', 'iam:PassRole', ['glue:CreateJob', 'glue:UpdateJob'], ['glue:StartJobRun', 'glue:CreateTrigger']),
  pf('sagemaker-001', 'iam:PassRole', 'sagemaker:CreateNotebookInstance'),
  pf('sagemaker-002', 'iam:PassRole', 'sagemaker:CreateTrainingJob'),
  pf('sagemaker-003', 'iam:PassRole', 'sagemaker:CreateProcessingJob'),
  pf('cloudformation-001', 'iam:PassRole', 'cloudformation:CreateStack'),
  pf('cloudformation-003', 'iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'),
  pf('datapipeline-001', 'iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'),
  pf('apprunner-001', 'iam:PassRole', 'apprunner:CreateService'),
  // Run code as an existing, possibly more privileged, role.
  pf('lambda-003', 'lambda:UpdateFunctionCode'),
  pf('glue-002', 'glue:UpdateDevEndpoint'),
  pf('cloudformation-002', 'cloudformation:UpdateStack'),
  pf('cloudformation-005', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'),
  pf('codebuild-002', 'codebuild:StartBuild'),
  pf('ec2-002', 'ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'),
  pf('ec2-004', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'),
  pf('ec2instanceconnect-003', 'ec2-instance-connect:SendSSHPublicKey'),
  pf('ssm-001', 'ssm:StartSession'),
  pf('ssm-002', 'ssm:SendCommand'),
  pf('sagemaker-004', 'sagemaker:CreatePresignedNotebookInstanceUrl'),
  pf('apprunner-002', 'apprunner:UpdateService'),
];

export interface Escalation {
  /** `iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction` */
  readonly combo: string;
  readonly id: string;
  /** The allowed actions that make up the combination (one per step). */
  readonly actions: string[];
  readonly source: string;
}

/**
 * Every escalation combination whose steps are all allowed. `allowed` is asked about concrete
 * catalog actions (`iam:PassRole`); decide there what "allowed" means (on any resource, on `*`...).
 * Combinations that are strict supersets of another one found are left out (PassRole + RunInstances
 * is reported; PassRole + RunInstances + something else would repeat it).
 */
export function findEscalations(allowed: (action: string) => boolean): Escalation[] {
  const cache = new Map<string, boolean>();
  const isAllowed = (action: string): boolean => {
    let v = cache.get(action);
    if (v === undefined) cache.set(action, (v = allowed(action)));
    return v;
  };
  const found: Escalation[] = [];
  for (const combo of ESCALATION_COMBOS) {
    const actions: string[] = [];
    for (const step of combo.steps) {
      const options = typeof step === 'string' ? [step] : step;
      const hit = options.find(isAllowed);
      if (!hit) break;
      actions.push(hit);
    }
    if (actions.length !== combo.steps.length) continue;
    found.push({ combo: actions.join(' + '), id: combo.id, actions, source: combo.source });
  }
  return found.filter((e) => !found.some((o) => o !== e && o.actions.length < e.actions.length && o.actions.every((a) => e.actions.includes(a))));
}
