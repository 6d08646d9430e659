/**
 * Hand-written bindings for the KubeSphere tenant CRDs `Workspace` (`tenant.kubesphere.io/v1alpha1`)
 * and `WorkspaceTemplate` (`tenant.kubesphere.io/v1alpha2`), both cluster-scoped.
 *
 * Source: kubesphere/kubesphere, tag v3.4.1,
 * `staging/src/kubesphere.io/api/tenant/v1alpha1/workspace_types.go`,
 * `staging/src/kubesphere.io/api/tenant/v1alpha2/workspacetemplate_types.go` and
 * `staging/src/kubesphere.io/api/types/v1beta1/{federatedworkspace_types.go,types.go}`
 * (the template's spec is a `FederatedWorkspaceSpec`); CRDs in `config/ks-core/crds/`.
 *
 * Field names are the CRD's JSON names, written to YAML as typed (no `toJson` mapping layer).
 * Fields the Go types mark `omitempty` are optional; `status` is owned by the controllers.
 */
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** `WorkspaceSpec` (v1alpha1). */
export interface WorkspaceSpec {
  /** User who becomes the workspace's `<workspace>-admin` (the controller binds the role). */
  readonly manager?: string;
  /** Isolates the workspace's namespaces from other workspaces' (KubeSphere network policies). */
  readonly networkIsolation?: boolean;
}

/** Props of {@link Workspace}. */
export interface WorkspaceProps {
  /** Object metadata; the name is the workspace name. @default - cdk8s generates a name from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** Desired state. @default - no `spec`: no manager, no network isolation */
  readonly spec?: WorkspaceSpec;
}

/** `Workspace`: what namespaces and DevOps projects join through the label `kubesphere.io/workspace`. */
export class Workspace extends ApiObject {
  /** `tenant.kubesphere.io/v1alpha1`, kind `Workspace`. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'tenant.kubesphere.io/v1alpha1', kind: 'Workspace' };

  public constructor(scope: Construct, id: string, props: WorkspaceProps = {}) {
    super(scope, id, { ...Workspace.GVK, ...props });
  }
}

/** `GenericClusterReference`: a member of the multicluster federation, by its KubeSphere cluster name. */
export interface ClusterReference {
  /** The cluster's name in KubeSphere's Cluster Management. */
  readonly name: string;
}

/** `GenericPlacementFields`: the clusters a federated workspace is created on. */
export interface WorkspacePlacement {
  /** Clusters by name (`host` is the host cluster's default name). */
  readonly clusters?: readonly ClusterReference[];
  /** Clusters by label, ANDed with `clusters`. */
  readonly clusterSelector?: {
    /** Cluster labels every selected cluster carries. */
    readonly matchLabels?: Readonly<Record<string, string>>;
  };
}

/** `FederatedWorkspaceSpec`, the spec of a {@link WorkspaceTemplate}. */
export interface WorkspaceTemplateSpec {
  /** The Workspace the controller creates: locally, or on every placed cluster in a multicluster host. */
  readonly template: {
    /** Metadata of the created Workspace. */
    readonly metadata?: {
      /** Labels of the created Workspace. */
      readonly labels?: Readonly<Record<string, string>>;
    };
    /** Spec of the created Workspace. */
    readonly spec?: WorkspaceSpec;
  };
  /** Ignored unless multicluster is enabled (a host). */
  readonly placement?: WorkspacePlacement;
}

/** Props of {@link WorkspaceTemplate}. */
export interface WorkspaceTemplateProps {
  /** Object metadata; the name is the workspace name. @default - cdk8s generates a name from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** The workspace to create and, on a host, where. */
  readonly spec: WorkspaceTemplateSpec;
}

/**
 * `WorkspaceTemplate`, what the KubeSphere console creates. Its controller (`workspacetemplate`) creates the
 * `Workspace` (single cluster) or a `FederatedWorkspace` placed on the listed clusters (multicluster host),
 * and the workspace's roles (`<workspace>-admin`, …).
 */
export class WorkspaceTemplate extends ApiObject {
  /** `tenant.kubesphere.io/v1alpha2`, kind `WorkspaceTemplate`. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'tenant.kubesphere.io/v1alpha2', kind: 'WorkspaceTemplate' };

  public constructor(scope: Construct, id: string, props: WorkspaceTemplateProps) {
    super(scope, id, { ...WorkspaceTemplate.GVK, ...props });
  }
}
