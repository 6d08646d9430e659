import * as ecs from '@pulumi/alicloud/ecs';
import * as pulumi from '@pulumi/pulumi';
import { ClusterRuleSpec, GroupRef, Overlay, clusterRuleMatrix } from './matrix';

/** Props of {@link ClusterSecurityRules}. */
export interface ClusterSecurityRulesProps {
  /** The SG of the control-plane (and etcd) nodes. */
  readonly controlPlaneSecurityGroupId: pulumi.Input<string>;
  /**
   * The SG of the worker nodes. Leave it out (or pass the very same value) when every node
   * carries every role and sits in one SG: the rules are then deduplicated. Two different
   * Outputs that resolve to the same ID cannot be told apart while planning, so pass it once.
   * @default - the control-plane SG (single-group mode)
   */
  readonly workerSecurityGroupId?: pulumi.Input<string>;
  /** The VPC CIDR, as planned: NodePorts are reachable from inside the VPC. */
  readonly vpcCidr: string;
  /**
   * The administrators' sources, typically the jump host's address as a /32: they alone SSH to
   * every node and reach the KubeSphere console's NodePort. `0.0.0.0/0` and anything broader than
   * a /8 are refused.
   * @default []
   */
  readonly adminCidrs?: readonly string[];
  /**
   * The node KubeKey runs on (its private IPv4): KubeKey reaches every host, itself included, over SSH.
   * @default - none: SSH only from `adminCidrs`
   */
  readonly installHost?: string;
  /**
   * ks-console's NodePort, open only to `adminCidrs` and cut out of the NodePort range the VPC and the SLBs reach.
   * @default KUBESPHERE_CONSOLE_NODE_PORT (30880)
   */
  readonly consoleNodePort?: number;
  /**
   * Clients of the apiserver SLB (laptops, CI). The SLB is layer 4 and keeps their source
   * address, so the control plane accepts them on 6443. `0.0.0.0/0` and anything broader than a
   * /8 are refused.
   * @default []
   */
  readonly apiClientCidrs?: readonly string[];
  /**
   * Calico's encapsulation, as configured in KubeKey (`ipipMode: Always` is its default).
   * @default DEFAULT_OVERLAY ('ipip')
   */
  readonly overlay?: Overlay;
}

/** A created rule with the spec it came from. */
export interface ClusterSecurityRule {
  /** The matrix entry the rule was created from (target group, port range, source, priority). */
  readonly spec: ClusterRuleSpec;
  /** The ingress rule, named `<component name>-<spec.key>`. */
  readonly rule: ecs.SecurityGroupRule;
}

/**
 * The ingress rules of a KubeKey cluster's security groups, one `SecurityGroupRule` per spec of
 * {@link clusterRuleMatrix}. Every rule names its source explicitly (a CIDR or a source SG),
 * never relying on a provider default, and is `intranet`.
 */
export class ClusterSecurityRules extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:ClusterSecurityRules';

  /** One entry per rule of the matrix, in the matrix's order. */
  public readonly rules: readonly ClusterSecurityRule[];

  constructor(name: string, props: ClusterSecurityRulesProps, opts?: pulumi.ComponentResourceOptions) {
    super(ClusterSecurityRules.TYPE, name, {}, opts);
    const singleGroup = props.workerSecurityGroupId === undefined || props.workerSecurityGroupId === props.controlPlaneSecurityGroupId;
    const specs = clusterRuleMatrix({
      singleGroup,
      vpcCidr: props.vpcCidr,
      adminCidrs: props.adminCidrs ?? [],
      installHost: props.installHost,
      consoleNodePort: props.consoleNodePort,
      apiClientCidrs: props.apiClientCidrs ?? [],
      overlay: props.overlay,
    });
    const groupId = (g: GroupRef): pulumi.Input<string> =>
      g === 'worker' && props.workerSecurityGroupId !== undefined ? props.workerSecurityGroupId : props.controlPlaneSecurityGroupId;

    this.rules = specs.map((spec) => ({
      spec,
      rule: new ecs.SecurityGroupRule(
        `${name}-${spec.key}`,
        {
          securityGroupId: groupId(spec.target),
          type: 'ingress',
          policy: spec.policy,
          priority: spec.priority,
          ipProtocol: spec.ipProtocol,
          portRange: spec.portRange,
          nicType: 'intranet',
          ...('cidr' in spec.source ? { cidrIp: spec.source.cidr } : { sourceSecurityGroupId: groupId(spec.source.group) }),
          description: spec.description,
        },
        { parent: this },
      ),
    }));

    this.registerOutputs({ ruleIds: this.rules.map((r) => r.rule.id) });
  }
}
