/**
 * A whole KubeSphere cluster estate from a few typed props, the way `eks.Cluster` builds an EKS
 * cluster: a VPC with one vSwitch per zone and (by default) a NAT gateway for the nodes' egress, the
 * KubeKey port matrix in one security group, one pool of nodes that carry every role, NAS with its
 * CSI driver and the nodes' RAM role, and the KubeSphere cluster with its Kubernetes provider.
 *
 * Secure defaults come from the parts: encrypted, protected data disks; NAS encrypted with a recycle
 * bin; SSH and the API server only from `adminCidrs`; the CSI driver on the instance RAM role (no
 * AccessKey in the cluster). Each part stays reachable (`network`, `pool`, `nas`, `cluster`, …) for
 * what this construct does not cover.
 */
import * as pulumi from '@pulumi/pulumi';
import { SECRET_PLACEHOLDER, Validator } from '../../core';
import { ClusterSecurityRules } from '../cluster-security/cluster-security';
import { type KubeSphereBootstrapProps, KubeSphereCluster } from '../kubesphere-cluster/kubesphere-cluster';
import { NasCsiDriver } from '../nas-csi-driver/nas-csi-driver';
import { NasStorage } from '../nas-storage/nas-storage';
import { Network } from '../network/network';
import { NodePool } from '../node-pool/node-pool';
import { NodeRamRole } from '../node-role/node-role';
import { NAS_CSI_SUBPATH_ACTIONS } from '../node-role/policy';

/** KubeKey's minimum for a cluster whose every node is etcd, control plane and worker: one, or an odd quorum. */
export const DEFAULT_PLATFORM_NODE_COUNT = 3;
/** The one security group every node is in. */
const NODE_GROUP = 'nodes';

/** The nodes of a {@link KubeSpherePlatform}: one pool, every node etcd, control plane and worker. */
export interface KubeSpherePlatformNodes {
  /**
   * Number of nodes: 1, or an odd number for etcd's quorum.
   * @default DEFAULT_PLATFORM_NODE_COUNT (3)
   */
  readonly count?: number;
  /** ECS instance type, for example `ecs.c7.2xlarge` (KubeSphere needs 8 GiB of memory or more). */
  readonly instanceType: string;
  /** Image ID, for example an Ubuntu 22.04 image of the region. */
  readonly imageId: string;
  /** ECS key pair the nodes accept for SSH. */
  readonly keyPairName: pulumi.Input<string>;
}

/** Props of {@link KubeSpherePlatform}. */
export interface KubeSpherePlatformProps {
  /** The region the estate is in (`alicloud:region`): the CSI driver pulls from its VPC registry. */
  readonly region: string;
  /** The VPC's IPv4 CIDR, a private range. */
  readonly vpcCidr: string;
  /** Zones, one vSwitch each; the nodes are spread over them in this order. */
  readonly zones: readonly string[];
  /** The nodes. */
  readonly nodes: KubeSpherePlatformNodes;
  /** The only CIDRs that reach the nodes over SSH and the API server from outside the VPC. */
  readonly adminCidrs: readonly string[];
  /** The admin kubeconfig of a cluster installed outside this program (a secret). Give this or `bootstrap`. */
  readonly kubeconfig?: pulumi.Input<string>;
  /** Install KubeSphere with KubeKey over SSH (see `KubeSphereCluster`). Give this or `kubeconfig`. */
  readonly bootstrap?: KubeSphereBootstrapProps;
  /**
   * A NAT gateway (EIP + SNAT) for the nodes' egress: KubeKey's downloads and image pulls.
   * @default true
   */
  readonly natGateway?: boolean;
  /**
   * NAS for persistent data, its CSI driver, and the nodes' instance RAM role the driver uses.
   * @default true
   */
  readonly nas?: boolean;
  /**
   * Tags on every cloud resource.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Checks the props this construct adds to its parts' own checks, naming each bad prop.
 * @throws ValidationError
 */
export function validateKubeSpherePlatform(props: KubeSpherePlatformProps): void {
  const v = new Validator();
  const count = props.nodes.count ?? DEFAULT_PLATFORM_NODE_COUNT;
  if (!Number.isInteger(count) || count < 1 || count % 2 === 0)
    v.add('nodes.count', count, 'must be 1 or an odd number: every node is an etcd member');
  if (props.adminCidrs.length === 0) v.add('adminCidrs', props.adminCidrs, 'must name at least one CIDR: nobody could reach the nodes');
  if ((props.kubeconfig === undefined) === (props.bootstrap === undefined)) {
    v.add(
      'kubeconfig',
      props.kubeconfig === undefined ? undefined : SECRET_PLACEHOLDER,
      'give exactly one of kubeconfig (a cluster installed elsewhere) and bootstrap',
    );
  }
  v.throwIfAny('Invalid KubeSpherePlatform props');
}

/** A KubeSphere cluster estate on Alibaba Cloud. */
export class KubeSpherePlatform extends pulumi.ComponentResource {
  /** The component's type token. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:KubeSpherePlatform';

  /** The VPC, vSwitches, the nodes' security group and the NAT gateway. */
  public readonly network: Network;
  /** The KubeKey port matrix in the nodes' security group. */
  public readonly securityRules: ClusterSecurityRules;
  /** The nodes. */
  public readonly pool: NodePool;
  /** NAS, without `nas: false`. */
  public readonly nas?: NasStorage;
  /** The nodes' instance RAM role for the CSI driver, without `nas: false`. */
  public readonly nodeRole?: NodeRamRole;
  /** The KubeSphere cluster: its KubeKey document, kubeconfig and Kubernetes provider. */
  public readonly cluster: KubeSphereCluster;
  /** The NAS CSI driver, without `nas: false`. */
  public readonly csiDriver?: NasCsiDriver;

  constructor(name: string, props: KubeSpherePlatformProps, opts?: pulumi.ComponentResourceOptions) {
    super(KubeSpherePlatform.TYPE, name, {}, opts);
    validateKubeSpherePlatform(props);
    const tags = { ...(props.tags ?? {}) };
    const parent = { parent: this };

    this.network = new Network(
      name,
      {
        vpcCidr: props.vpcCidr,
        zones: props.zones,
        securityGroups: [NODE_GROUP],
        natGateway: (props.natGateway ?? true) ? {} : undefined,
        tags,
      },
      parent,
    );
    const group = this.network.securityGroups[NODE_GROUP];
    this.securityRules = new ClusterSecurityRules(
      `${name}-rules`,
      { controlPlaneSecurityGroupId: group.id, vpcCidr: this.network.vpcCidr, adminCidrs: props.adminCidrs },
      parent,
    );
    this.pool = new NodePool(
      name,
      {
        count: props.nodes.count ?? DEFAULT_PLATFORM_NODE_COUNT,
        roles: ['etcd', 'control-plane', 'worker'],
        instanceType: props.nodes.instanceType,
        imageId: props.nodes.imageId,
        keyName: props.nodes.keyPairName,
        securityGroupIds: [group.id],
        vswitches: this.network.vswitches,
        tags,
      },
      parent,
    );

    if (props.nas ?? true) {
      this.nas = new NasStorage(
        `${name}-data`,
        { vpc: { id: this.network.vpcId, cidr: this.network.vpcCidr }, vswitch: this.network.vswitches[0], tags },
        parent,
      );
      this.nodeRole = new NodeRamRole(
        `${name}-nodes`,
        {
          statements: [{ actions: NAS_CSI_SUBPATH_ACTIONS }],
          instances: this.pool.nodes,
          description: `Nodes of ${name}: the NAS CSI driver`,
        },
        parent,
      );
    }

    this.cluster = new KubeSphereCluster(
      name,
      {
        nodes: this.pool.nodes,
        kubeKey: { name, vpcCidr: this.network.vpcCidr },
        kubeconfig: props.kubeconfig,
        bootstrap: props.bootstrap,
      },
      parent,
    );
    if (this.nas !== undefined) {
      this.csiDriver = new NasCsiDriver(`${name}-csi`, { region: props.region, provider: this.cluster.provider }, parent);
    }
    this.registerOutputs({ vpcId: this.network.vpcId, nasMountDomain: this.nas?.mountDomain, egressIp: this.network.egressIp });
  }
}
