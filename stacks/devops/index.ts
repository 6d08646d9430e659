/**
 * CI/CD on a cluster stack: Harbor where `platform:harbor.install` says, and the DevOps project
 * with one pipeline per catalogue service where `platform:devops` is set.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import * as pulumi from '@pulumi/pulumi';
import type { Artifact } from '../../constructs/core';
import { ClusterSpec } from '../config';
import {
  HARBOR_DATABASE_PASSWORD_SECRET,
  HARBOR_REGISTRY_PASSWORD_SECRET,
  HARBOR_SECRET_KEY_SECRET,
  HARBOR_TLS_CERT_SECRET,
  HARBOR_TLS_KEY_SECRET,
} from '../config/devops';
import { deployHarbor } from './harbor';
import { ImageCatalogue, clusterImageCatalogue } from '../images/catalogue';
import { harborChartImages, runningHarborImages } from '../images/charts';
import { deployDevOps } from './deploy';
import { renderClusterDevOps } from './pipelines';

export * from './catalogue';
export * from './harbor';
export * from './harbor-network';
export * from './pipelines';
export * from './deploy';

/**
 * Deploys Harbor (its images listed in `images`) and the DevOps project on the stack's cluster; returns the files
 * to write offline. Harbor waits for `after` (the workloads' platform chart: its StorageClass and PriorityClass).
 */
export function deployClusterDevOps(
  spec: ClusterSpec,
  provider: Provider,
  images: ImageCatalogue = clusterImageCatalogue(spec),
  after: readonly pulumi.Resource[] = [],
): { artifacts: Artifact[] } {
  const name = spec.cluster.name;
  if (spec.harbor?.install !== undefined) {
    const { tlsSecret } = spec.harbor.install;
    // devopsSecrets requires both secrets whenever tlsSecret is set, so parseStackConfig has checked them.
    const tls =
      tlsSecret !== undefined
        ? { cert: spec.secrets[HARBOR_TLS_CERT_SECRET].value, key: spec.secrets[HARBOR_TLS_KEY_SECRET].value }
        : undefined;
    // devopsSecrets requires every one of them with `install`, so parseStackConfig has checked them.
    const secrets = {
      adminPassword: spec.secrets.harborAdminPassword.value,
      secretKey: spec.secrets[HARBOR_SECRET_KEY_SECRET].value,
      databasePassword: spec.secrets[HARBOR_DATABASE_PASSWORD_SECRET].value,
      registryPassword: spec.secrets[HARBOR_REGISTRY_PASSWORD_SECRET].value,
    };
    deployHarbor(`${name}-harbor`, {
      harbor: spec.harbor,
      install: spec.harbor.install,
      secrets,
      tls,
      mirror: images.mirror,
      provider,
      dependsOn: after,
    });
    // Without a mirror a chart version may lack a pinned list; it is then left out of the image list.
    runningHarborImages(harborChartImages(spec.harbor.install.chartVersion) ?? [], spec.harbor.install.expose).forEach((i) =>
      images.add(i.source),
    );
  }
  const devops = renderClusterDevOps(spec);
  if (devops === undefined) {
    return { artifacts: [] };
  }
  deployDevOps(`${name}-devops`, devops.objects, provider);
  return { artifacts: [{ path: devops.path, content: devops.yaml, documents: devops.objects }] };
}
