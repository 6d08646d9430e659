import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { VSwitchPlan, planVSwitches } from './plan';

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
   * Tags for every resource.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A vSwitch together with the zone and CIDR it was planned with. */
export interface NetworkVSwitch extends VSwitchPlan {
  /** The created vSwitch; its `id` is what node pools, NAS mount targets and intranet SLBs take. */
  readonly vswitch: alicloud.vpc.Switch;
}

/**
 * A VPC with one vSwitch per zone (CIDRs planned by {@link planVSwitches}) and a set of empty
 * security groups for the clusters to fill.
 */
export class Network extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:Network';

  /** The VPC, named after the component. */
  public readonly vpc: alicloud.vpc.Network;
  /** One vSwitch per zone, in the order of `props.zones`. */
  public readonly vswitches: readonly NetworkVSwitch[];
  /** The security groups of `props.securityGroups`, by the names given there; all start without rules. */
  public readonly securityGroups: Readonly<Record<string, alicloud.ecs.SecurityGroup>>;
  /** The VPC CIDR, as planned. */
  public readonly vpcCidr: string;

  constructor(name: string, props: NetworkProps, opts?: pulumi.ComponentResourceOptions) {
    super(Network.TYPE, name, {}, opts);
    // Plan first: a bad CIDR or zone list throws before any child is registered.
    const plan = planVSwitches(props);
    const tags = { ...(props.tags ?? {}) };
    this.vpcCidr = props.vpcCidr;

    this.vpc = new alicloud.vpc.Network(`${name}-vpc`, { vpcName: name, cidrBlock: props.vpcCidr, tags }, { parent: this });
    this.vswitches = plan.map((p) => ({
      ...p,
      vswitch: new alicloud.vpc.Switch(
        `${name}-vsw-${p.zone}`,
        { vswitchName: `${name}-${p.zone}`, vpcId: this.vpc.id, cidrBlock: p.cidr, zoneId: p.zone, tags },
        { parent: this },
      ),
    }));
    this.securityGroups = Object.fromEntries(
      (props.securityGroups ?? []).map((sg) => [
        sg,
        new alicloud.ecs.SecurityGroup(
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

    this.registerOutputs({
      vpcId: this.vpc.id,
      vpcCidr: this.vpcCidr,
      vswitches: this.vswitches.map((v) => ({ zone: v.zone, cidr: v.cidr, id: v.vswitch.id })),
      securityGroupIds: Object.fromEntries(Object.entries(this.securityGroups).map(([k, sg]) => [k, sg.id])),
    });
  }
}
