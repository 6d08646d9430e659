/**
 * The shared stack's outputs the manifests need, as the offline run makes them up: what
 * `npm run synth` gets from evaluating the shared program under the mocks, computed here from the
 * config alone with the same functions the mocks and the program use (the mock's domain of a
 * mount target, the program's resource names), so `cdk8s synth` gives the same manifests without
 * loading Pulumi. No cloud, no Pulumi.
 */
import { nasMountTargetName } from '../constructs/alicloud/plan';
import { standInNasMountDomain, standInOssEndpoints } from '../constructs/core';
import type { SharedSpec } from './config';
import { nasComponentName } from './shared-names';
import { SharedOutputsForWorkloads } from './shared-outputs';

/** The stand-ins of the shared stack's `nas.<cluster>.mountDomain` and `backup` outputs for `spec`. */
export function sharedStandInOutputs(spec: SharedSpec): SharedOutputsForWorkloads {
  const nasSpec = spec.nas;
  const nas =
    nasSpec &&
    Object.fromEntries(
      nasSpec.clusters.map((cluster) => {
        const mountTarget = nasMountTargetName(nasComponentName(spec.project, cluster, nasSpec.existingFileSystemFor));
        return [cluster, { mountDomain: standInNasMountDomain(mountTarget, spec.region) }];
      }),
    );
  // The bucket keeps the configured name; its endpoint depends on the region alone.
  const backup = spec.backup && { bucketName: spec.backup.bucketName, intranetEndpoint: standInOssEndpoints(spec.region).intranetEndpoint };
  return { ...(nas ? { nas } : {}), ...(backup ? { backup } : {}) };
}
