/**
 * Refuses, before anything runs, the changes to an installed cluster that KubeKey must not be
 * asked to make from a config edit, and checks version changes against the upgrade rules.
 */
import { type KubeKeyFileDocuments, describeClusterChange, checkUpgrade } from '../../kubekey';

/** Where a node is declared (for example the config key of its pool), for the messages. */
export type NodeSource = (nodeName: string) => string | undefined;

/**
 * Compares the file the cluster was last installed from with the documents just rendered, through
 * the one change-detection path (`kubekey.describeClusterChange`).
 * @param nodeSource - where a node is declared, for the messages
 * @param versionSource - how the caller's user knows the Kubernetes version setting, for the messages
 * @returns warnings to show (an accepted unsupported upgrade target)
 * @throws Error naming the nodes (and where they are declared) or the versions, with the procedure to follow
 */
export function checkInstallChange(
  clusterName: string,
  previousDocument: string | undefined,
  next: KubeKeyFileDocuments,
  allowUnsupportedVersion: boolean,
  nodeSource: NodeSource = () => undefined,
  versionSource = 'kubeKey.kubernetes.version',
): string[] {
  const details = describeClusterChange(previousDocument, next);
  const prefix = `KubeSphereCluster '${clusterName}'`;
  switch (details.change) {
    case 'remove-nodes': {
      const removed = describeNodes(details.removedHosts, nodeSource);
      throw new Error(
        `${prefix}: node(s) ${removed} would leave the cluster, and nodes are never removed by a config change. ` +
          'To remove a node: (1) on the first control-plane node, cd /root/kubekey and run ' +
          `'./kk delete node <name> -f ${clusterName}.yaml' for each (KubeKey drains it and removes it from Kubernetes; ` +
          "it leaves an etcd member in place: remove that with 'etcdctl member remove' and keep the etcd count odd); " +
          "(2) turn off the ECS instance's deletion protection; (3) lower the node count (or remove the pool) and run pulumi up. " +
          'Until the node is gone from the cluster, keep it in the config.',
      );
    }
    case 'nodes-and-versions':
      throw new Error(
        `${prefix}: the nodes and the Kubernetes/KubeSphere versions (${describeVersions(details.from)} → ${describeVersions(details.to)}) changed together. ` +
          `One change per pulumi up: first the nodes at the installed versions (kk add nodes), then the versions (kk upgrade)`,
      );
    case 'upgrade': {
      const check = checkUpgrade(details.from ?? details.to, details.to, allowUnsupportedVersion);
      if (check.errors.length > 0) {
        throw new Error(`${prefix}: ${versionSource} ${details.to.kubernetes} ${check.errors.join('; ')}`);
      }
      return [...check.warnings];
    }
    default:
      return [];
  }
}

function describeVersions(v: { readonly kubernetes: string; readonly kubesphere?: string } | undefined): string {
  return v === undefined ? 'none' : `Kubernetes ${v.kubernetes}, KubeSphere ${v.kubesphere ?? 'none'}`;
}

function describeNodes(names: readonly string[], nodeSource: NodeSource): string {
  return names
    .map((n) => {
      const source = nodeSource(n);
      return source === undefined ? n : `${n} (${source})`;
    })
    .join(', ');
}
