import * as ecs from '@pulumi/alicloud/ecs';
import * as pulumi from '@pulumi/pulumi';
import { Validator } from '../../core';
import { planNodeAddresses } from './addresses';
import { NODE_ADDRESS_ARGS, NodeAddressState, NodeMoveError, nodeMoveProblem, unknownReplaceNodes } from './moves';
import { DataDiskSpec, NodeRole, SystemDiskSpec, ZONE_LABEL, resolveNodePoolSpec } from './spec';
import type { IVSwitch } from '../network/contract';

// Defined with the pure spec, which the config layer reads without loading Pulumi.
export { ZONE_LABEL };

/**
 * Instance arguments whose later changes the pool ignores, so they never replace or re-image a
 * running node:
 * - `dataDisks`: the pool sets no inline data disks any more (each node's data disks are separate
 *   `EcsDisk`s, see {@link NodePool}), but nodes created by earlier versions carry them in their
 *   state, and the argument is create-only: without this, upgrading would replace every such node.
 * - `imageId`: a new image re-installs the system disk of every node at once. New images are
 *   for new nodes; move existing ones by draining and replacing them one at a time.
 * - `privateIp`, `vswitchId` ({@link NODE_ADDRESS_ARGS}): the provider re-addresses a running node in
 *   place (stop, modify, start), which breaks its etcd peer URL, certificate SANs and KubeKey host
 *   entry. A config edit that moves a node is refused instead (see `moves.ts`), and a node is only
 *   re-addressed by replacing it, when `replaceNodes` lists it.
 * - `keyName`: the provider detaches the old key pair, attaches the new one and reboots the
 *   instance, every node of the pool at once. A new key pair is for new nodes; existing ones get
 *   the new public key in `authorized_keys` over SSH (README, "Rotate a cluster's SSH key").
 */
export const NODE_IGNORED_CHANGES: readonly string[] = ['dataDisks', 'imageId', 'keyName', ...NODE_ADDRESS_ARGS];

/** A vSwitch nodes are placed in: the network contract's {@link IVSwitch}, so `Network.vswitches` fits as it is. */
export type NodePoolVSwitch = IVSwitch;

/** Props of {@link NodePool}. */
export interface NodePoolProps {
  /** Number of nodes. Pools with the `etcd` role need an odd count. */
  readonly count: number;
  /** ECS instance type, for example `ecs.c7.2xlarge` (8 vCPU, 16 GiB). */
  readonly instanceType: string;
  /** Image ID, for example `ubuntu_22_04_x64_20G_alibase_20240130.vhd`. */
  readonly imageId: pulumi.Input<string>;
  /** Name of an existing ECS key pair. Nodes log in with it only: no password is ever set. */
  readonly keyName: pulumi.Input<string>;
  /** Security groups every node joins (1 to 5). */
  readonly securityGroupIds: readonly pulumi.Input<string>[];
  /** vSwitches to spread the nodes over, round-robin in this order (one per zone for HA). */
  readonly vswitches: readonly NodePoolVSwitch[];
  /** KubeKey role groups every node of the pool belongs to. */
  readonly roles: readonly NodeRole[];
  /**
   * Extra Kubernetes labels for every node (KubeKey's `hosts[].labels`). The zone label
   * `topology.kubernetes.io/zone` is added per node.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Node names are `<poolName>-1`, `<poolName>-2`, ...: ECS instance name, host name and
   * Kubernetes node name alike.
   * @default - the component's name
   */
  readonly poolName?: string;
  /**
   * Host index inside each vSwitch where this pool's fixed addresses start. Pools sharing
   * vSwitches need disjoint ranges.
   * @default DEFAULT_ADDRESS_OFFSET (10)
   */
  readonly addressOffset?: number;
  /**
   * Explicit private IPs by node index (`undefined` keeps the planned one).
   * @default []
   */
  readonly privateIps?: readonly (string | undefined)[];
  /**
   * Nodes (`<poolName>-<n>`) the config may re-address: their instance is replaced (deleted first)
   * when its planned `privateIp` or vSwitch changes, instead of the change being refused. Only for
   * a node already taken out of the cluster with the node replacement procedure
   * (`NODE_REPLACEMENT_PROCEDURE`), one at a time, and with its ECS deletion protection turned off.
   * @default []
   */
  readonly replaceNodes?: readonly string[];
  /**
   * System disk; always encrypted.
   * @default { category: 'cloud_essd', sizeGiB: 120 }
   */
  readonly systemDisk?: SystemDiskSpec;
  /**
   * Data disks for every node: separate, encrypted `EcsDisk`s attached to the node, which outlive
   * it (they hold OpenEBS local volumes and containerd's data) and come back attached to its
   * replacement. They are attached raw: give every node exactly one and prepare it with
   * `kubekey.nodeDataDiskPreInstall()` as a `system.preInstall` script, which formats it (only
   * when blank), mounts it and binds the OpenEBS base path and containerd's root onto it.
   * @default []
   */
  readonly dataDisks?: readonly DataDiskSpec[];
  /**
   * KMS key for the system and data disks.
   * @default - the account's default ECS disk encryption key
   */
  readonly kmsKeyId?: pulumi.Input<string>;
  /**
   * ECS deletion protection. Turn it off only for throw-away pools.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Install the ECS security-enhancement agent (`securityEnhancementStrategy: Active`). It only
   * works on Alibaba public images: turn it off for custom images.
   * @default true
   */
  readonly securityEnhancement?: boolean;
  /**
   * Deployment set, to spread the nodes over physical hosts.
   * @default - none
   */
  readonly deploymentSetId?: pulumi.Input<string>;
  /**
   * Tags for every instance and its disks.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One node, as the KubeKey documents and the apiserver load balancer need it. */
export interface PoolNode {
  /** `<poolName>-<n>` (from 1): the ECS instance name, host name and Kubernetes node name. */
  readonly name: string;
  /** Zone of the node's vSwitch. */
  readonly zone: string;
  /** The fixed private IPv4 address planned by {@link planNodeAddresses}; KubeKey's `internalAddress`. */
  readonly privateIp: string;
  /** The pool's KubeKey role groups. */
  readonly roles: readonly NodeRole[];
  /** The pool's labels plus this node's zone label. */
  readonly labels: Readonly<Record<string, string>>;
  /** The ECS instance; depend on it to wait until the node exists. */
  readonly instance: ecs.Instance;
  /**
   * The instance ID once the instance's address is the planned one; fails with the node replacement
   * message (`NodeMoveError`) when the config would move a node that exists. The data-disk
   * attachments use it, so nothing that waits for them (the installation) runs after such an edit.
   */
  readonly verifiedInstanceId: pulumi.Output<string>;
  /**
   * The node's data disks, in the order of `dataDisks`: named `<name>-data` (then `<name>-data-2`,
   * ...). Unless the spec says `deleteWithInstance`, each is Pulumi-protected and retained on delete.
   */
  readonly dataDisks: readonly ecs.EcsDisk[];
  /**
   * Attach `dataDisks` to `instance`, in the same order, each after the one before it: depend on
   * the last one to wait until the node has all its disks.
   */
  readonly dataDiskAttachments: readonly ecs.EcsDiskAttachment[];
}

/**
 * N identical, hardened ECS instances for one KubeKey role set, spread over zones, each with a
 * fixed private IP planned by {@link planNodeAddresses}.
 *
 * Each data disk is a separate `EcsDisk`, protected and retained on delete, attached with an
 * `EcsDiskAttachment`: replacing a node detaches its disks from the old instance and attaches
 * them to the new one, so the node keeps its OpenEBS local volumes and containerd data.
 *
 * Always on: encrypted system and data disks, metadata only in hardened mode (IMDSv2:
 * `httpTokens: required`, so a pod cannot read the node's RAM credentials with a plain GET),
 * no public IP (`internetMaxBandwidthOut: 0`; reach nodes through a bastion or VPN), key-pair
 * login only. On by default: deletion protection and the security-enhancement agent.
 */
export class NodePool extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:NodePool';

  /** The nodes in index order: node `i` is named `<poolName>-<i + 1>`. */
  public readonly nodes: readonly PoolNode[];

  constructor(name: string, props: NodePoolProps, opts?: pulumi.ComponentResourceOptions) {
    super(NodePool.TYPE, name, {}, opts);
    // Validate and plan first: bad props throw before any child is registered.
    const disks = resolveNodePoolSpec({
      count: props.count,
      instanceType: props.instanceType,
      roles: props.roles,
      labels: props.labels,
      securityGroupCount: props.securityGroupIds.length,
      imageId: typeof props.imageId === 'string' ? props.imageId : undefined,
      keyName: typeof props.keyName === 'string' ? props.keyName : undefined,
      systemDisk: props.systemDisk,
      dataDisks: props.dataDisks,
    });
    const poolName = props.poolName ?? name;
    const replaceNodes = props.replaceNodes ?? [];
    const badReplace = new Validator();
    for (const node of unknownReplaceNodes(poolName, props.count, replaceNodes)) {
      badReplace.add(
        `replaceNodes[${replaceNodes.indexOf(node)}]`,
        node,
        `is not a node of pool ${poolName} (${poolName}-1 … ${poolName}-${props.count})`,
      );
    }
    badReplace.throwIfAny('Invalid NodePool props');
    const plan = planNodeAddresses({
      vswitches: props.vswitches,
      count: props.count,
      namePrefix: poolName,
      addressOffset: props.addressOffset,
      privateIps: props.privateIps,
    });
    const tags = { ...(props.tags ?? {}) };
    const roles = [...props.roles];

    // Each instance waits for the one before it, so a change that restarts nodes (instance type,
    // host name) goes through the pool one node at a time, never all at once.
    let previousInstance: ecs.Instance | undefined;
    this.nodes = plan.map((node) => {
      const replaceable = replaceNodes.includes(node.name);
      const instance = new ecs.Instance(
        `${name}-${node.name}`,
        {
          instanceName: node.name,
          hostName: node.name,
          description: `${poolName} node (${roles.join(', ')})`,
          instanceType: props.instanceType,
          imageId: props.imageId,
          // Spelled out: provider 1.243.0 dropped these defaults.
          instanceChargeType: 'PostPaid',
          internetChargeType: 'PayByTraffic',
          internetMaxBandwidthOut: 0,
          keyName: props.keyName,
          securityGroups: [...props.securityGroupIds],
          vswitchId: props.vswitches[node.vswitchIndex].id,
          privateIp: node.privateIp,
          systemDiskCategory: disks.systemDisk.category,
          systemDiskSize: disks.systemDisk.sizeGiB,
          systemDiskEncrypted: true,
          systemDiskKmsKeyId: props.kmsKeyId,
          deletionProtection: props.deletionProtection ?? true,
          httpEndpoint: 'enabled',
          httpTokens: 'required',
          securityEnhancementStrategy: (props.securityEnhancement ?? true) ? 'Active' : 'Deactive',
          deploymentSetId: props.deploymentSetId,
          tags,
          volumeTags: tags,
        },
        // The node keeps a fixed private IP, which two instances cannot hold at once: a
        // replacement must delete the old instance first, or the new one fails to create. A node
        // listed in `replaceNodes` takes its new address by replacement, never in place.
        {
          parent: this,
          deleteBeforeReplace: true,
          ignoreChanges: replaceable ? NODE_IGNORED_CHANGES.filter((a) => !NODE_ADDRESS_ARGS.includes(a)) : [...NODE_IGNORED_CHANGES],
          replaceOnChanges: replaceable ? [...NODE_ADDRESS_ARGS] : [],
          dependsOn: previousInstance === undefined ? [] : [previousInstance],
        },
      );
      previousInstance = instance;
      const verifiedInstanceId = replaceable
        ? instance.id
        : verifiedId(node.name, instance, { privateIp: node.privateIp, vswitchId: props.vswitches[node.vswitchIndex].id });

      // Separate disks, not instance data disks: an inline disk is created with the instance, so a
      // replacement node got a new blank one (which the data-disk script then formatted) while the
      // old one, with the node's OpenEBS volumes, stayed behind detached. A separate disk does not
      // depend on the instance: replacing the node only replaces the attachment. The node-disk
      // script (`kubekey.nodeDataDiskPreInstall()`) mounts a disk that already carries its
      // `kube-data` label without formatting it, so the replacement node picks its volumes back up.
      // `protect` fails any plan that would delete or replace a disk; `retainOnDelete` makes a
      // destroy that gets past `protect` only forget it. A disk the spec marks `deleteWithInstance`
      // is scratch space and gets neither, so throw-away pools can still be destroyed.
      const dataDisks = disks.dataDisks.map((d, i) => {
        const diskName = i === 0 ? `${node.name}-data` : `${node.name}-data-${i + 1}`;
        const keep = !d.deleteWithInstance;
        return new ecs.EcsDisk(
          `${name}-${diskName}`,
          {
            diskName,
            description: `Data disk of ${poolName} node ${node.name}: OpenEBS local volumes and containerd`,
            zoneId: node.zone,
            category: d.category,
            size: d.sizeGiB,
            encrypted: true,
            kmsKeyId: props.kmsKeyId,
            deleteWithInstance: d.deleteWithInstance,
            deleteAutoSnapshot: false,
            paymentType: 'PayAsYouGo',
            tags,
          },
          { parent: this, protect: keep, retainOnDelete: keep },
        );
      });
      // Chained, so the disks attach in spec order and the last attachment means all are there.
      const dataDiskAttachments: ecs.EcsDiskAttachment[] = [];
      dataDisks.forEach((disk, i) => {
        const previous = dataDiskAttachments[i - 1];
        dataDiskAttachments.push(
          new ecs.EcsDiskAttachment(
            `${name}-${node.name}-data${i === 0 ? '' : `-${i + 1}`}-attachment`,
            { diskId: disk.id, instanceId: verifiedInstanceId, deleteWithInstance: disks.dataDisks[i].deleteWithInstance },
            // A disk attaches to one instance at a time: detach from the old node first.
            { parent: this, deleteBeforeReplace: true, dependsOn: previous === undefined ? [] : [previous] },
          ),
        );
      });
      return {
        name: node.name,
        zone: node.zone,
        privateIp: node.privateIp,
        roles,
        labels: { ...(props.labels ?? {}), [ZONE_LABEL]: node.zone },
        instance,
        verifiedInstanceId,
        dataDisks,
        dataDiskAttachments,
      };
    });

    this.registerOutputs({
      nodes: this.nodes.map((n) => ({
        name: n.name,
        zone: n.zone,
        privateIp: n.privateIp,
        roles: n.roles,
        labels: n.labels,
        // The checked ID: a refused move fails the update even for a pool without data disks.
        instanceId: n.verifiedInstanceId,
        dataDiskIds: n.dataDisks.map((d) => d.id),
      })),
    });
  }
}

/**
 * The instance's ID, after checking that the instance is where the plan puts it. With the address
 * arguments ignored, the instance's outputs are its state: a difference is a config edit that would
 * move the node. While the instance is being created its outputs are unknown in a preview, and the
 * check waits for them.
 */
function verifiedId(
  name: string,
  instance: ecs.Instance,
  planned: { privateIp: string; vswitchId: pulumi.Input<string> },
): pulumi.Output<string> {
  return pulumi
    .all([instance.id, instance.privateIp, instance.vswitchId, planned.vswitchId])
    .apply(([id, privateIp, vswitchId, plannedVswitch]) => {
      const live: NodeAddressState = { privateIp: privateIp ?? '', vswitchId: vswitchId ?? '' };
      const problem = nodeMoveProblem({ name, planned: { privateIp: planned.privateIp, vswitchId: plannedVswitch }, live });
      if (problem !== undefined) {
        throw new NodeMoveError(problem);
      }
      return id;
    });
}
