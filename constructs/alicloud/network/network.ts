import * as ecs from '@pulumi/alicloud/ecs';
import * as vpc from '@pulumi/alicloud/vpc';
import * as pulumi from '@pulumi/pulumi';
import { NetworkNatGatewayProps, ResolvedNatGateway, resolveNatGateway } from './nat';
import { VSwitchPlan, planVSwitches } from './plan';
import type { INetwork, IVSwitch } from './contract';

/** Props of {@link Network}. */
export interface NetworkProps {
  /** The VPC's IPv4 CIDR block, a private (RFC 1918) range of /8 to /28. */
  readonly vpcCidr: string;
  /** Zones to create one vSwitch in each, in this order (for example `['cn-shenzhen-e', 'cn-shenzhen-f']`). */
  readonly zones: readonly string[];
  /**
   * Prefix length of every vSwitch.
   * @default - the VPC split evenly between the zones, but no larger than a /20
   */
  readonly vswitchPrefixLength?: number;
  /**
   * Security groups to create in the VPC, by name. They start with no rules and with
   * `innerAccessPolicy: Drop`, so members reach each other only through rules added later.
   * @default []
   */
  readonly securityGroups?: readonly string[];
  /**
   * An enhanced NAT gateway with an EIP and one SNAT entry per vSwitch, so instances without a
   * public address (the cluster nodes) reach the internet: KubeKey downloads its binaries and
   * every node pulls container images from public registries, both of which fail without it.
   * `{}` takes every default.
   * @default - no NAT gateway: the VPC has no route out
   */
  readonly natGateway?: NetworkNatGatewayProps;
  /**
   * Tags for every resource.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A vSwitch together with the zone and CIDR it was planned with; an {@link IVSwitch} as it is. */
export interface NetworkVSwitch extends VSwitchPlan, IVSwitch {
  /** The created vSwitch. */
  readonly vswitch: vpc.Switch;
  /** `vswitch.id`: what node pools, NAS mount targets and intranet SLBs take. */
  readonly id: pulumi.Output<string>;
}

/**
 * The NAT gateway of a {@link Network} and what makes it route. Every part is Pulumi-protected
 * (`protect`), the EIP also retained on delete: removing any of them takes `pulumi state unprotect`.
 */
export interface NetworkNatGateway {
  /** The enhanced, pay-as-you-go NAT gateway. */
  readonly gateway: vpc.NatGateway;
  /** The EIP every vSwitch's traffic leaves through. */
  readonly eip: ecs.EipAddress;
  /** Binds the EIP to the gateway. */
  readonly eipAssociation: ecs.EipAssociation;
  /** One SNAT entry per vSwitch, in the order of `Network.vswitches`; egress works once they exist. */
  readonly snatEntries: readonly vpc.SnatEntry[];
}

/**
 * A VPC with one vSwitch per zone (CIDRs planned by {@link planVSwitches}) and a set of empty
 * security groups for the clusters to fill.
 */
export class Network extends pulumi.ComponentResource implements INetwork {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:Network';

  /** The VPC, named after the component. */
  public readonly vpc: vpc.Network;
  /** `vpc.id`. */
  public readonly vpcId: pulumi.Output<string>;
  /** One vSwitch per zone, in the order of `props.zones`. */
  public readonly vswitches: readonly NetworkVSwitch[];
  /** The security groups of `props.securityGroups`, by the names given there; all start without rules. */
  public readonly securityGroups: Readonly<Record<string, ecs.SecurityGroup>>;
  /** The VPC CIDR, as planned. */
  public readonly vpcCidr: string;
  /** The NAT gateway, its EIP and SNAT entries; absent without `props.natGateway`. */
  public readonly natGateway?: NetworkNatGateway;
  /**
   * The public address the VPC's instances reach the internet from (the NAT EIP): give it to
   * allow-lists of registries and APIs. Absent without `props.natGateway`.
   */
  public readonly egressIp?: pulumi.Output<string>;

  constructor(name: string, props: NetworkProps, opts?: pulumi.ComponentResourceOptions) {
    super(Network.TYPE, name, {}, opts);
    // Plan first: a bad CIDR or zone list throws before any child is registered.
    const plan = planVSwitches(props);
    const nat = props.natGateway === undefined ? undefined : resolveNatGateway(props.zones, props.natGateway);
    const tags = { ...(props.tags ?? {}) };
    this.vpcCidr = props.vpcCidr;

    this.vpc = new vpc.Network(`${name}-vpc`, { vpcName: name, cidrBlock: props.vpcCidr, tags }, { parent: this });
    this.vpcId = this.vpc.id;
    this.vswitches = plan.map((p) => {
      const vswitch = new vpc.Switch(
        `${name}-vsw-${p.zone}`,
        { vswitchName: `${name}-${p.zone}`, vpcId: this.vpc.id, cidrBlock: p.cidr, zoneId: p.zone, tags },
        { parent: this },
      );
      return { ...p, vswitch, id: vswitch.id };
    });
    this.securityGroups = Object.fromEntries(
      (props.securityGroups ?? []).map((sg) => [
        sg,
        new ecs.SecurityGroup(
          `${name}-sg-${sg}`,
          {
            securityGroupName: `${name}-${sg}`,
            description: `${sg} (rules are managed by the stack that owns them)`,
            vpcId: this.vpc.id,
            securityGroupType: 'normal',
            innerAccessPolicy: 'Drop',
            tags,
          },
          { parent: this },
        ),
      ]),
    );

    if (nat !== undefined) {
      this.natGateway = this.createNatGateway(name, nat, tags);
      this.egressIp = this.natGateway.eip.ipAddress;
    }

    this.registerOutputs({
      natGatewayId: this.natGateway?.gateway.id,
      egressIp: this.egressIp,
      vpcId: this.vpc.id,
      vpcCidr: this.vpcCidr,
      vswitches: this.vswitches.map((v) => ({ zone: v.zone, cidr: v.cidr, id: v.vswitch.id })),
      securityGroupIds: Object.fromEntries(Object.entries(this.securityGroups).map(([k, sg]) => [k, sg.id])),
    });
  }

  private createNatGateway(name: string, nat: ResolvedNatGateway, tags: Record<string, string>): NetworkNatGateway {
    const home = this.vswitches.find((v) => v.zone === nat.vswitchZone)!;
    // The nodes' only way out, from an address on other parties' allow-lists. `deletionProtection`
    // guards against the console; Pulumi's `protect` against plans: a `pulumi destroy
    // --exclude-protected` or a replaced association would otherwise unbind the EIP or delete the
    // SNAT entries and cut the nodes' egress. The EIP is also `retainOnDelete`: once someone
    // unprotects it, a destroy only forgets the allow-listed address instead of releasing it.
    const keep = { parent: this, protect: true } as const;
    const gateway = new vpc.NatGateway(
      `${name}-nat`,
      {
        natGatewayName: name,
        description: `Internet egress of ${name}`,
        vpcId: this.vpc.id,
        vswitchId: home.vswitch.id,
        natType: 'Enhanced',
        networkType: 'internet',
        paymentType: 'PayAsYouGo',
        internetChargeType: 'PayByLcu',
        deletionProtection: nat.deletionProtection,
        tags,
      },
      keep,
    );
    const eip = new ecs.EipAddress(
      `${name}-nat-eip`,
      {
        addressName: `${name}-nat`,
        description: `Egress address of ${name}`,
        paymentType: 'PayAsYouGo',
        internetChargeType: 'PayByTraffic',
        bandwidth: String(nat.bandwidthMbps),
        deletionProtection: nat.deletionProtection,
        tags,
      },
      { ...keep, retainOnDelete: true },
    );
    const eipAssociation = new ecs.EipAssociation(
      `${name}-nat-eip-association`,
      { allocationId: eip.id, instanceId: gateway.id, instanceType: 'Nat' },
      keep,
    );
    // An SNAT entry can only use an EIP already bound to the gateway.
    const snatEntries = this.vswitches.map(
      (v) =>
        new vpc.SnatEntry(
          `${name}-snat-${v.zone}`,
          { snatEntryName: `${name}-${v.zone}`, snatTableId: gateway.snatTableIds, sourceVswitchId: v.vswitch.id, snatIp: eip.ipAddress },
          { ...keep, dependsOn: [eipAssociation] },
        ),
    );
    return { gateway, eip, eipAssociation, snatEntries };
  }
}
