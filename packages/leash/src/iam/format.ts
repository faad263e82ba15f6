/**
 * A generated policy as something to paste: IAM JSON, a SAM `Policies:` entry, a CloudFormation
 * `AWS::IAM::Role`, or Serverless Framework `iam.role.statements`. Intrinsics stay in their long
 * form (`Fn::GetAtt`, `Fn::Sub`), which every one of these formats accepts. Names and resources
 * come from the input: JSON goes out through toJson, YAML and comments neutralised.
 */
import { stringify } from 'yaml';
import { neutralise, neutraliseDeep, toJson } from '../reporters/neutralise.js';
import type { Framework } from '../model/source.js';
import type { IamPolicyDocument, IamStatement } from './types.js';

export type PolicyFormat = 'json' | 'iam' | 'sam' | 'cloudformation' | 'serverless';

export const POLICY_FORMATS: readonly PolicyFormat[] = ['json', 'iam', 'sam', 'cloudformation', 'serverless'];

/** The format an app of this framework pastes most easily. */
export function defaultFormat(framework: Framework): PolicyFormat {
  switch (framework) {
    case 'sam':
      return 'sam';
    case 'serverless':
      return 'serverless';
    case 'cloudformation':
      return 'cloudformation';
    default:
      return 'json';
  }
}

function statements(doc: IamPolicyDocument): IamStatement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

// YAML 1.1 quoting: `2012-10-17`, `yes`, `0123` stay strings for YAML 1.1 readers (CloudFormation, js-yaml 3).
const yaml = (value: unknown) => stringify(neutraliseDeep(value), { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/** A name usable as a logical id / policy name. */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, '') || 'Function';
}

export interface FormatOptions {
  /** The function the policy is for (names the role and policy). */
  readonly functionId: string;
  /** Serverless Framework: `per-function` writes `functions.<id>.iamRoleStatements` (serverless-iam-roles-per-function) instead of `provider.iam.role.statements`. */
  readonly serverlessScope?: 'provider' | 'per-function';
}

export function formatPolicy(doc: IamPolicyDocument, format: PolicyFormat, options: FormatOptions): string {
  const name = safeName(options.functionId);
  switch (format) {
    case 'json':
    case 'iam':
      return toJson(doc) + '\n';
    case 'sam':
      return `# ${neutralise(options.functionId)}: replace the function's Policies with\nPolicies:\n${indent(yaml([{ Version: doc.Version ?? '2012-10-17', Statement: statements(doc) }]), 2)}`;
    case 'cloudformation':
      return yaml({
        Resources: {
          [`${name}Role`]: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
              },
              Policies: [{ PolicyName: `${name}LeastPrivilege`, PolicyDocument: { Version: doc.Version ?? '2012-10-17', Statement: statements(doc) } }],
            },
          },
        },
      });
    case 'serverless':
      if (options.serverlessScope === 'per-function') return yaml({ functions: { [options.functionId]: { iamRoleStatements: statements(doc) } } });
      return yaml({ provider: { iam: { role: { statements: statements(doc) } } } });
  }
}
