/**
 * CI/CD on a cluster stack: Harbor where `platform:harbor.install` says, and the DevOps project
 * with one pipeline per catalogue service where `platform:devops` is set.
 */
import * as k8s from '@pulumi/kubernetes';
import { Artifact } from '../../constructs/offline/evaluate';
import { ClusterSpec } from '../config';
import { HARBOR_TLS_CERT_SECRET, HARBOR_TLS_KEY_SECRET } from '../config/devops';
import { catalogueServices } from './catalogue';
import { deployHarbor } from './harbor';
import { DEVOPS_CHART, deployDevOps, devopsProjectProps, renderDevOps } from './pipelines';

export * from './catalogue';
export * from './harbor';
export * from './pipelines';

/** Path of the DevOps manifests in the offline output. */
export function devopsArtifactPath(cluster: string): string {
  return `k8s/${cluster}/${DEVOPS_CHART}.k8s.yaml`;
}

/** Deploys Harbor and the DevOps project on the stack's cluster; returns the files to write offline. */
export function deployClusterDevOps(spec: ClusterSpec, provider: k8s.Provider): { artifacts: Artifact[] } {
  const name = spec.cluster.name;
  if (spec.harbor?.install !== undefined) {
    const { tlsSecret } = spec.harbor.install;
    // devopsSecrets requires both secrets whenever tlsSecret is set, so parseStackConfig has checked them.
    const tls = tlsSecret !== undefined ? { cert: spec.secrets[HARBOR_TLS_CERT_SECRET].value, key: spec.secrets[HARBOR_TLS_KEY_SECRET].value } : undefined;
    deployHarbor(`${name}-harbor`, { harbor: spec.harbor, install: spec.harbor.install, adminPassword: spec.secrets.harborAdminPassword.value, tls, provider });
  }
  if (spec.devops === undefined || spec.harbor === undefined) {
    return { artifacts: [] };
  }
  const { objects, yaml } = renderDevOps(devopsProjectProps(spec.devops, spec.harbor, catalogueServices(spec)));
  deployDevOps(`${name}-devops`, objects, provider);
  return { artifacts: [{ path: devopsArtifactPath(name), content: yaml }] };
}
