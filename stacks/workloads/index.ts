/** A cluster stack's workloads: the cdk8s app built from its spec, applied through its provider. */
import * as k8s from '@pulumi/kubernetes';
import { StackResult } from '../../constructs/offline/evaluate';
import type { ClusterSpec } from '../config';
import { buildWorkloads } from './build';
import { deployWorkloads } from './deploy';

export * from './build';
export * from './csi-driver';
export * from './deploy';
export * from './names';

/** Where a cluster's manifests go in the offline output. */
export function manifestDir(stack: string): string {
  return `k8s/${stack}`;
}

/** Builds and deploys `spec`'s workloads; returns the manifest files and any warnings for the stack result. */
export function deployClusterWorkloads(
  spec: ClusterSpec,
  nasMountDomain: string | undefined,
  provider: k8s.Provider,
): Required<Pick<StackResult, 'artifacts' | 'warnings'>> {
  const built = buildWorkloads(spec, { nasMountDomain });
  const deployed = deployWorkloads({
    name: spec.cluster.name,
    built,
    secrets: spec.secrets,
    provider,
    artifactDir: manifestDir(spec.stack),
    csiDriver: { driver: spec.csiDriver, region: spec.region },
  });
  return { artifacts: deployed.artifacts, warnings: built.warnings };
}
