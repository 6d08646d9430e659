/** A cluster stack's workloads: the cdk8s app built from its spec, applied through its provider. */
import { Provider } from '@pulumi/kubernetes/provider';
import type * as pulumi from '@pulumi/pulumi';
import type { StackResult } from '../../constructs/core';
import type { ClusterSpec } from '../config';
import { BuildOptions, buildWorkloads } from './build';
import { deployWorkloads } from './deploy';
import { csiDriverChartImages } from '../images/charts';
import type { ImageCatalogue } from '../images/catalogue';
import { manifestDir } from './manifest-paths';

export * from './build';
export * from './backup-target';
export * from './csi-driver';
export * from './deploy';
export * from './names';
export * from './manifest-paths';
export * from './manifests';
export { MYSQL_BACKUP_STORE_SECRET, type MysqlBackupOptions } from './middleware-chart';

/**
 * Builds and deploys `spec`'s workloads with `options` (from {@link workloadBuildOptions}); returns the manifest
 * files and any warnings for the stack result. Every image but the services' own goes through `images`, which lists it.
 */
export function deployClusterWorkloads(
  spec: ClusterSpec,
  options: BuildOptions,
  provider: Provider,
  images: ImageCatalogue,
): Required<Pick<StackResult, 'artifacts' | 'warnings'>> & { readonly platform?: pulumi.Resource } {
  const built = buildWorkloads(spec, options);
  const deployed = deployWorkloads({
    name: spec.cluster.name,
    built,
    secrets: spec.secrets,
    provider,
    artifactDir: manifestDir(spec.stack),
    csiDriver: { driver: spec.csiDriver, region: spec.region, mirror: images.mirror },
  });
  if (deployed.csiDriver !== undefined) {
    // Without a mirror a chart version may lack a pinned list; it is then left out of the image list.
    (csiDriverChartImages(spec.csiDriver.chartVersion, spec.region) ?? []).forEach((i) => images.add(i.source));
  }
  // the platform chart (namespaces, StorageClass, PriorityClasses) is what other releases wait for
  return { artifacts: deployed.artifacts, warnings: built.warnings, platform: deployed.groups.platform };
}
