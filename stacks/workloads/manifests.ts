/**
 * The manifests of every cluster stack, straight from the `Pulumi.<stack>.yaml` files, without the
 * cloud program: what `cdk8s synth` (infra/cdk8s.ts) writes. The NAS mount domain (each cluster's
 * own file system) is the shared stack's output, so the shared program is evaluated under the offline mocks first, exactly as
 * `npm run synth` does; the manifests then match `dist/k8s` byte for byte.
 */
import { evaluateStack } from '../../constructs/offline/evaluate';
import { OutputFile } from '../../constructs/offline/output';
import { CLUSTER_STACKS, parseStackConfig, readProjectName, readStackFile, toPulumiConfigMap } from '../config';
import { programFor } from '../program';
import { SharedOutputs } from '../shared-outputs';
import { mysqlBackupTarget } from './backup-target';
import { buildWorkloads } from './build';

/** Files relative to the output folder: `<stack>/<chart>.k8s.yaml`. */
export async function synthClusterManifests(projectDir: string): Promise<OutputFile[]> {
  const project = readProjectName(projectDir);
  const sharedRaw = readStackFile(projectDir, 'shared');
  const shared = parseStackConfig(sharedRaw, { missingSecrets: 'placeholder' });
  const evaluated = await evaluateStack({ project, stack: 'shared', ...toPulumiConfigMap(sharedRaw), program: programFor(shared) });
  const { nas, backup } = evaluated.outputs as Partial<SharedOutputs>;
  const files: OutputFile[] = [];
  for (const stack of CLUSTER_STACKS) {
    const spec = parseStackConfig(readStackFile(projectDir, stack), { missingSecrets: 'placeholder' });
    if (spec.kind !== 'cluster') continue;
    for (const chart of buildWorkloads(spec, {
      nasMountDomain: nas?.[spec.cluster.name]?.mountDomain,
      mysqlBackup: mysqlBackupTarget(spec, backup),
    }).charts) {
      files.push({ path: `${stack}/${chart.name}.k8s.yaml`, content: chart.yaml });
    }
  }
  return files;
}
