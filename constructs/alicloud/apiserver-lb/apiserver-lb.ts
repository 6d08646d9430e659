/**
 * An Alibaba CLB (SLB) in front of the kube-apiservers, for clients OUTSIDE the cluster only:
 * laptops, CI, KubeSphere multi-cluster members.
 *
 * The nodes must never use it. A layer-4 CLB keeps the client's source address, so a backend
 * that connects to the VIP and is scheduled to itself gets its reply delivered locally and the
 * connection hangs (the "hairpin" problem; kubernetes/kubeadm#2996, kubernetes/kubernetes#55677).
 * So KubeKey's `controlPlaneEndpoint` keeps `internalLoadbalancer: haproxy` with an empty
 * `address` (nodes reach the apiservers through a local haproxy or directly), and this SLB's
 * {@link ApiServerLoadBalancer.address} goes into KubeKey's `kubernetes.apiserverCertExtraSans`
 * instead, so the apiserver certificate is valid for clients that come in through it.
 */
import * as slb from '@pulumi/alicloud/slb';
import * as pulumi from '@pulumi/pulumi';
import { PoolNode } from '../node-pool/node-pool';
import { HEALTH_CHECK, LoadBalancerAddressType, resolveApiServerLb } from './plan';

/** A backend: a control-plane node as {@link NodePool} exposes it. */
export type ApiServerBackend = Pick<PoolNode, 'name' | 'roles' | 'instance'>;

/** Props of {@link ApiServerLoadBalancer}. */
export interface ApiServerLoadBalancerProps {
  /** The control-plane nodes (`NodePool.nodes`); each must carry the `control-plane` role. */
  readonly controlPlaneNodes: readonly ApiServerBackend[];
  /**
   * CIDRs allowed through the listener's white-list ACL. Must not be empty; `0.0.0.0/0` and
   * anything broader than a /8 are refused. The same CIDRs belong in the control-plane security
   * group's `apiClientCidrs`, since the SLB keeps the client address.
   */
  readonly allowedCidrs: readonly string[];
  /**
   * `internet` for clients outside the VPC, or `intranet` (then `vswitchId` is required).
   * @default DEFAULT_ADDRESS_TYPE ('internet')
   */
  readonly addressType?: LoadBalancerAddressType;
  /**
   * vSwitch of an intranet SLB.
   * @default - none (required when addressType is intranet)
   */
  readonly vswitchId?: pulumi.Input<string>;
  /**
   * Listener and backend port.
   * @default DEFAULT_APISERVER_PORT (6443)
   */
  readonly port?: number;
  /**
   * Primary and standby zones of the SLB.
   * @default - chosen by Alibaba
   */
  readonly masterZoneId?: string;
  /** @default - chosen by Alibaba */
  readonly slaveZoneId?: string;
  /**
   * Tags for the SLB and its ACL.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A TCP listener on the apiserver port with a white-list ACL and TCP health checks, forwarding
 * to the control-plane nodes through a server group. Delete and console-modification
 * protection are on; the SLB is pay-as-you-go (delete protection requires it), billed by LCU
 * (`PayByCLCU`, no spec): pay-by-specification CLBs can no longer be created (see `INSTANCE_CHARGE_TYPE`).
 */
export class ApiServerLoadBalancer extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:ApiServerLoadBalancer';

  /** The CLB instance, pay-as-you-go by LCU, with delete and console-modification protection on. */
  public readonly loadBalancer: slb.ApplicationLoadBalancer;
  /** The white-list ACL of the listener. */
  public readonly acl: slb.Acl;
  /** One ACL entry per `allowedCidrs` entry, in that order. */
  public readonly aclEntries: readonly slb.AclEntryAttachment[];
  /** The server group (VServer group) holding the control-plane nodes. */
  public readonly serverGroup: slb.ServerGroup;
  /** One server-group member per control-plane node, on the apiserver port, weight 100. */
  public readonly backends: readonly slb.ServerGroupServerAttachment[];
  /** The TCP listener on the apiserver port, with the ACL and TCP health checks. */
  public readonly listener: slb.Listener;
  /** The SLB's address: give it to API clients and to KubeKey's `apiserverCertExtraSans`. */
  public readonly address: pulumi.Output<string>;

  constructor(name: string, props: ApiServerLoadBalancerProps, opts?: pulumi.ComponentResourceOptions) {
    super(ApiServerLoadBalancer.TYPE, name, {}, opts);
    const settings = resolveApiServerLb({
      nodes: props.controlPlaneNodes,
      allowedCidrs: props.allowedCidrs,
      addressType: props.addressType,
      hasVSwitch: props.vswitchId !== undefined,
      port: props.port,
    });
    const tags = { ...(props.tags ?? {}) };

    this.loadBalancer = new slb.ApplicationLoadBalancer(
      `${name}-slb`,
      {
        loadBalancerName: name,
        addressType: settings.addressType,
        vswitchId: props.vswitchId,
        // Delete protection is only available on pay-as-you-go CLBs.
        paymentType: 'PayAsYouGo',
        // No `loadBalancerSpec`: a PayByCLCU CLB has none (see INSTANCE_CHARGE_TYPE).
        instanceChargeType: settings.instanceChargeType,
        internetChargeType: 'PayByTraffic',
        deleteProtection: 'on',
        modificationProtectionStatus: 'ConsoleProtection',
        modificationProtectionReason: 'Managed by Pulumi',
        masterZoneId: props.masterZoneId,
        slaveZoneId: props.slaveZoneId,
        tags,
      },
      { parent: this },
    );

    // Entries as separate attachments: the Acl's inline `entryLists` is deprecated since 1.162.0.
    this.acl = new slb.Acl(`${name}-acl`, { name: `${name}-apiserver-clients`, ipVersion: 'ipv4', tags }, { parent: this });
    this.aclEntries = props.allowedCidrs.map(
      (cidr) =>
        new slb.AclEntryAttachment(
          `${name}-acl-${cidr.replace(/[./]/g, '-')}`,
          { aclId: this.acl.id, entry: cidr, comment: 'apiserver client' },
          { parent: this },
        ),
    );

    // Server members as attachments: ServerGroup's inline `servers` is deprecated since 1.163.0.
    this.serverGroup = new slb.ServerGroup(
      `${name}-apiservers`,
      { loadBalancerId: this.loadBalancer.id, name: `${name}-apiservers`, deleteProtectionValidation: true, tags },
      { parent: this },
    );
    this.backends = props.controlPlaneNodes.map(
      (node) =>
        new slb.ServerGroupServerAttachment(
          `${name}-backend-${node.name}`,
          {
            serverGroupId: this.serverGroup.id,
            serverId: node.instance.id,
            port: settings.port,
            type: 'ecs',
            weight: 100,
            description: node.name,
          },
          { parent: this },
        ),
    );

    this.listener = new slb.Listener(
      `${name}-listener`,
      {
        loadBalancerId: this.loadBalancer.id,
        protocol: 'tcp',
        frontendPort: settings.port,
        serverGroupId: this.serverGroup.id,
        // -1: no bandwidth cap, the only sensible value on a pay-by-traffic CLB.
        bandwidth: -1,
        aclStatus: 'on',
        aclType: 'white',
        aclIds: [this.acl.id],
        healthCheck: 'on',
        healthCheckType: 'tcp',
        healthCheckConnectPort: settings.port,
        healthyThreshold: HEALTH_CHECK.healthyThreshold,
        unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
        healthCheckInterval: HEALTH_CHECK.intervalSeconds,
        healthCheckTimeout: HEALTH_CHECK.timeoutSeconds,
        deleteProtectionValidation: true,
        description: `kube-apiserver (${name})`,
      },
      // The attachments fill the group the listener forwards to; the ACL must hold entries first.
      { parent: this, dependsOn: [...this.backends, ...this.aclEntries] },
    );

    this.address = this.loadBalancer.address;
    this.registerOutputs({ address: this.address, loadBalancerId: this.loadBalancer.id, port: settings.port });
  }
}
