/** Shared fixtures of the workload tests: a project copy, the stack specs, manifest readers. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { parseAllDocuments } from 'yaml';
import { ClusterSpec, parseStackConfig, readStackFile } from '../../../stacks/config';
import { K8sObject } from '../../../stacks/workloads';

export const ROOT = path.resolve(__dirname, '../../..');
/** A stable stand-in for the shared stack's `nas.mountDomain`. */
export const NAS_DOMAIN = '0a1b2c3d4e-abcde.cn-shenzhen.nas.aliyuncs.com';

/** Copies Pulumi.yaml and the stack files to a temp folder; `edit` may rewrite one stack's file. */
export function copyProject(edit?: { stack: string; change: (text: string) => string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workloads-'));
  for (const file of fs.readdirSync(ROOT).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    fs.writeFileSync(path.join(dir, file), edit && file === `Pulumi.${edit.stack}.yaml` ? edit.change(text) : text);
  }
  return dir;
}

export function clusterSpec(projectDir: string, stack: string): ClusterSpec {
  const spec = parseStackConfig(readStackFile(projectDir, stack), { missingSecrets: 'placeholder' });
  if (spec.kind !== 'cluster') throw new Error(`${stack} is not a cluster stack`);
  return spec;
}

export function readManifests(file: string): K8sObject[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJSON() as K8sObject)
    .filter((o) => o !== null);
}

/** Runs validate-schemas.mjs (kubernetes-models is ES-module only) under plain node. */
export function validateSchemas(objects: readonly K8sObject[]): { errors: unknown[]; skipped: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-schemas-'));
  try {
    const file = path.join(dir, 'objects.json');
    fs.writeFileSync(file, JSON.stringify(objects));
    const script = path.join(ROOT, 'test/constructs/k8s/validate-schemas.mjs');
    const run = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`validate-schemas.mjs failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as { errors: unknown[]; skipped: string[] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export { at } from '../../constructs/k8s/fixtures';

export const id = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
