/** Small hand-built models for engine and reporter tests (no loader needed). */
import type { AppModel, LambdaFunction, Role, ScanModel, Suppression } from '../../src/model/types.js';
import type { SourceLocation } from '../../src/model/source.js';

export function at(line: number, column = 3, file = 'template.yaml'): SourceLocation {
  return { file, line, column };
}

export function suppression(rule: string, reason: string | undefined, line = 1, source: Suppression['source'] = 'metadata'): Suppression {
  return { rule, ...(reason !== undefined ? { reason } : {}), source, loc: at(line) };
}

export function fn(id: string, line: number, extra: Partial<LambdaFunction> = {}): LambdaFunction {
  return {
    id,
    logicalId: id,
    loc: at(line),
    packageType: 'Zip',
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    code: { loc: at(line + 1) },
    memorySize: 128,
    timeout: 3,
    architectures: ['x86_64'],
    environment: [],
    triggers: [],
    asyncConfig: {},
    roleId: `${id}Role`,
    layers: [],
    suppressions: [],
    tags: {},
    ...extra,
  };
}

export function role(id: string, line: number, extra: Partial<Role> = {}): Role {
  return { id, kind: 'sam-implicit', loc: at(line), statements: [], policies: [], unknowns: [], suppressions: [], ...extra };
}

export function stack(extra: Partial<AppModel> = {}): AppModel {
  return {
    id: 'template.yaml',
    framework: 'sam',
    file: 'template.yaml',
    baseDir: '/app',
    functions: [],
    roles: [],
    resources: [],
    permissions: [],
    apis: [],
    network: { vpcs: [], subnets: [], routeTables: [] },
    parameters: [],
    suppressions: [],
    diagnostics: [],
    ...extra,
  };
}

export function scanModel(...stacks: AppModel[]): ScanModel {
  return { root: '/app', stacks, diagnostics: [] };
}
