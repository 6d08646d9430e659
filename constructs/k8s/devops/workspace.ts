/**
 * The KubeSphere workspace a DevOps project (and namespaces) belong to, as the console creates it.
 */
import { Construct } from 'constructs';
import { Validator } from '../../core';
import { markClusterScoped } from '../workload/cluster-scoped';
import * as tenant from '../imports/tenant.kubesphere.io';
import { isDns1123Label } from './validate';

/** KubeSphere's default name of the host cluster (`multicluster.hostClusterName`, kubesphere `DefaultHostClusterName`). */
export const DEFAULT_HOST_CLUSTER_NAME = 'host';

/** Props of {@link KubeSphereWorkspace}. */
export interface KubeSphereWorkspaceProps {
  /** Workspace name (DNS-1123 label), the value of the label `kubesphere.io/workspace`. @default - the construct id */
  readonly name?: string;
  /**
   * On a multicluster host: the KubeSphere names of the clusters the workspace spans (its placement), the host
   * itself included (`host` unless `multicluster.hostClusterName` says otherwise). Leave out on a single cluster.
   * @default - no placement: a single-cluster workspace
   */
  readonly clusters?: readonly string[];
  /** User who becomes the workspace admin. @default - none (a platform admin manages it) */
  readonly manager?: string;
  /** Isolate the workspace's namespaces from other workspaces. @default - KubeSphere's default (off) */
  readonly networkIsolation?: boolean;
}

/**
 * A `WorkspaceTemplate` (`tenant.kubesphere.io/v1alpha2`), what the console creates. KubeSphere v3.4.1's
 * `workspacetemplate` controller turns it into the `Workspace` on a single cluster (multicluster disabled,
 * as on a member) or into a `FederatedWorkspace` on the clusters of `clusters` (a host), and creates the
 * workspace's roles. Without a workspace, ks-devops leaves a project that names it outside any workspace.
 *
 * Create it on a host or a standalone cluster, never on a member: a member gets the workspace from the host's
 * placement (list the member in the host's `clusters`), and a second, local owner would fight the federation.
 */
export class KubeSphereWorkspace extends Construct {
  /** The workspace name. */
  public readonly name: string;
  /** The WorkspaceTemplate object. */
  public readonly template: tenant.WorkspaceTemplate;

  public constructor(scope: Construct, id: string, props: KubeSphereWorkspaceProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    const v = new Validator();
    if (!isDns1123Label(this.name))
      v.add('name', this.name, 'must be a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters');
    (props.clusters ?? []).forEach((c, i) => {
      if (!isDns1123Label(c)) v.add(`clusters[${i}]`, c, 'must be a KubeSphere cluster name (DNS-1123 label)');
    });
    if (props.clusters !== undefined && props.clusters.length === 0)
      v.add('clusters', props.clusters, 'must name at least one cluster, or be left out on a single cluster');
    if (props.clusters !== undefined && new Set(props.clusters).size !== props.clusters.length)
      v.add('clusters', props.clusters, 'must not name a cluster twice');
    v.throwIfAny(`Invalid KubeSphereWorkspace props (${this.node.path})`);

    const spec: tenant.WorkspaceSpec = {
      ...(props.manager !== undefined ? { manager: props.manager } : {}),
      ...(props.networkIsolation !== undefined ? { networkIsolation: props.networkIsolation } : {}),
    };
    this.template = markClusterScoped(
      new tenant.WorkspaceTemplate(this, 'Resource', {
        metadata: { name: this.name },
        spec: {
          template: { spec },
          ...(props.clusters !== undefined ? { placement: { clusters: props.clusters.map((name) => ({ name })) } } : {}),
        },
      }),
    );
  }
}
