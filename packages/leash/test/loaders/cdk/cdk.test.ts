import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCdkInternalPath } from '../../../src/loaders/cdk/index.js';
import { loadScan } from '../../../src/loaders/index.js';
import type { AppModel } from '../../../src/model/types.js';

const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'cdk-app');
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe('CDK cloud assembly loader', () => {
  const scan = loadScan(fixture, { root: fixture });
  const stack = (id: string): AppModel => scan.stacks.find((s) => s.id === id)!;

  it('loads every stack of the assembly, nested stages included, and nothing twice', () => {
    expect(scan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(scan.stacks.map((s) => `${s.framework} ${s.id}`)).toEqual([
      'cdk cdk.out/ApiStack.template.json',
      'cdk cdk.out/ApiStackNestedWorkers9A1B2C3D.nested.template.json',
      'cdk cdk.out/assembly-Prod/ProdServiceStackA1B2C3D4.template.json',
    ]);
    expect(stack('cdk.out/ApiStackNestedWorkers9A1B2C3D.nested.template.json').functions.map((f) => f.id)).toEqual(['ApiStack/NestedWorkers/Consumer']);
    // cdk.json next to a cdk.out: no "not synthesized" warning.
    expect(scan.diagnostics.some((d) => d.code === 'WARN_LEASH_CDK_NOT_SYNTHESIZED')).toBe(false);
  });

  it('names functions by construct path and finds their code in the asset directory', () => {
    const api = stack('cdk.out/ApiStack.template.json');
    const handler = api.functions.find((f) => f.logicalId === 'Handler886CB40B')!;
    expect(handler.id).toBe('ApiStack/Handler');
    expect(handler.tags.cdkPath).toBe('ApiStack/Handler');
    expect(handler.tags.cdkInternal).toBeUndefined();
    expect(handler.code.dir).toBe(join(fixture, 'cdk.out', 'asset.3f1c9a77b0e1d2c4a5b6c7d8e9f00112233445566778899aabbccddeeff0011'));
    expect(handler.url?.authType).toBe('NONE');
    expect(handler.loc.file).toBe('cdk.out/ApiStack.template.json');
    expect(handler.loc.line).toBeGreaterThan(1);
    expect(handler.environment[0]).toMatchObject({ name: 'TABLE_NAME', resourceId: 'TableCD117FA1' });
    const role = api.roles.find((r) => r.id === handler.roleId)!;
    expect(role.statements.flatMap((s) => s.action ?? [])).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
  });

  it('tags CDK-internal functions (BucketDeployment, LogRetention, provider framework)', () => {
    const api = stack('cdk.out/ApiStack.template.json');
    const internal = api.functions.filter((f) => f.tags.cdkInternal === 'true').map((f) => f.id).sort();
    expect(internal).toEqual(['ApiStack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C', 'ApiStack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a']);
    // An asset that is not on disk: no code dir, never a crash.
    const logRetention = api.functions.find((f) => f.id.includes('LogRetention'))!;
    expect(logRetention.code.dir).toBeUndefined();
    const prod = stack('cdk.out/assembly-Prod/ProdServiceStackA1B2C3D4.template.json');
    expect(prod.functions.map((f) => `${f.id}:${f.tags.cdkInternal ?? 'user'}`).sort()).toEqual(['Prod/ServiceStack/Provider/framework-onEvent:true', 'Prod/ServiceStack/Worker:user']);
    expect(prod.functions.find((f) => f.id === 'Prod/ServiceStack/Worker')!.code.inline).toContain('exports.handler');
  });

  it('accepts the cdk.out directory itself as the target', () => {
    const direct = loadScan(join(fixture, 'cdk.out'), { root: join(fixture, 'cdk.out') });
    expect(direct.root).toBe(join(fixture, 'cdk.out'));
    expect(direct.stacks.map((s) => s.id)).toEqual(['ApiStack.template.json', 'ApiStackNestedWorkers9A1B2C3D.nested.template.json', 'assembly-Prod/ProdServiceStackA1B2C3D4.template.json']);
  });

  it('recognises internal construct paths', () => {
    expect(isCdkInternalPath('App/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource')).toBe(true);
    expect(isCdkInternalPath('App/AWS679f53fac002430cb0da5b7982bd2287/Resource')).toBe(true);
    expect(isCdkInternalPath('App/MyProvider/framework-isComplete/Resource')).toBe(true);
    expect(isCdkInternalPath('App/@aws-cdk--aws-eks.ClusterResourceProvider.NestedStack/Handler/Resource')).toBe(true);
    expect(isCdkInternalPath('App/Handler/Resource')).toBe(false);
    expect(isCdkInternalPath('App/CustomerApi/Resource')).toBe(false);
  });

  it('reports a broken manifest or missing template and keeps the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leash-cdk-'));
    temps.push(dir);
    cpSync(fixture, dir, { recursive: true });
    writeFileSync(join(dir, 'cdk.out', 'assembly-Prod', 'manifest.json'), '{ "version": "55.0.0", "artifacts": { "X": { "type": "aws:cloudformation:stack", "properties": { "templateFile": "gone.template.json" } } } }');
    const broken = loadScan(dir);
    expect(broken.stacks.map((s) => s.id)).toEqual(['cdk.out/ApiStack.template.json', 'cdk.out/ApiStackNestedWorkers9A1B2C3D.nested.template.json']);
    expect(broken.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_FILE_NOT_FOUND', file: 'cdk.out/assembly-Prod/gone.template.json' }));
    writeFileSync(join(dir, 'cdk.out', 'manifest.json'), '{ "version": "55.0.0", "artifacts": ');
    const bad = loadScan(dir);
    expect(bad.stacks).toEqual([]);
    expect(bad.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'ERR_LEASH_PARSE', file: 'cdk.out/manifest.json' }));
  });
});
