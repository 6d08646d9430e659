/**
 * Every manifest file of one cluster stack, from its spec and the shared stack's outputs as plain
 * data: what the Pulumi program applies and the offline run writes, and what `cdk8s synth`
 * (infra/cdk8s.ts) writes without Pulumi. No Pulumi here, no files, no secret values.
 */
import type { OutputFile } from '../../constructs/offline';
import { ClusterSpec, ConfigError } from '../config';
import { renderClusterDevOps } from '../devops/pipelines';
import { ImageCatalogue, clusterImageCatalogue } from '../images/catalogue';
import { SharedOutputsForWorkloads, missingNasIssue } from '../shared-outputs';
import { mysqlBackupTarget } from './backup-target';
import { BuildOptions, buildWorkloads } from './build';
import { manifestDir, manifestPath } from './manifest-paths';

/** What the workload charts take from the shared stack, and the image rewrite of `images`. */
export function workloadBuildOptions(spec: ClusterSpec, shared: SharedOutputsForWorkloads, images: ImageCatalogue): BuildOptions {
  return {
    nasMountDomain: shared.nas?.[spec.cluster.name]?.mountDomain,
    imageRewrite: images.rewrite,
    mysqlBackup: mysqlBackupTarget(spec, shared.backup),
  };
}

/**
 * The cluster's manifest files, paths as in the offline output (`k8s/<stack>/<chart>.k8s.yaml`), and
 * the warnings of the build. A shared stack with NAS but none for this cluster is refused, as under the engine.
 */
export function clusterManifestFiles(
  spec: ClusterSpec,
  shared: SharedOutputsForWorkloads,
): { files: OutputFile[]; warnings: readonly string[] } {
  const nasIssue = missingNasIssue(spec.cluster, spec.sharedStack, shared.nas, (k) => `${spec.project}:${k}`);
  if (nasIssue !== undefined) {
    throw new ConfigError(spec.stack, [nasIssue]);
  }
  const built = buildWorkloads(spec, workloadBuildOptions(spec, shared, clusterImageCatalogue(spec)));
  const devops = renderClusterDevOps(spec);
  const files = built.charts.map((c) => ({ path: manifestPath(manifestDir(spec.stack), c.name), content: c.yaml }));
  return { files: devops ? [...files, { path: devops.path, content: devops.yaml }] : files, warnings: built.warnings };
}
