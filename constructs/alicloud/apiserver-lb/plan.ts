/**
 * Pure settings of the apiserver load balancer: defaults applied and every prop checked before
 * anything is registered.
 */
import { Validator } from '../../lib/validation';
import { checkClientCidrs } from '../cluster-security/client-cidrs';
import { NodeRole } from '../node-pool/spec';

/** Internet-facing, so laptops and CI outside the VPC reach it (through the ACL only). */
export const DEFAULT_ADDRESS_TYPE: LoadBalancerAddressType = 'internet';
/** The smallest performance-guaranteed CLB spec; kubectl traffic is light. */
export const DEFAULT_LOAD_BALANCER_SPEC: LoadBalancerSpec = 'slb.s1.small';
/** Billed by spec, so `loadBalancerSpec` applies (a `PayByCLCU` CLB ignores it). */
export const DEFAULT_INSTANCE_CHARGE_TYPE: LoadBalancerChargeType = 'PayBySpec';
/** kube-apiserver's port (KubeKey `controlPlaneEndpoint.port`); the listener and the backends use it. */
export const DEFAULT_APISERVER_PORT = 6443;
/** Health-check tuning: a dead apiserver leaves rotation in about 3 × 2 s. */
export const HEALTH_CHECK = { healthyThreshold: 2, unhealthyThreshold: 3, intervalSeconds: 2, timeoutSeconds: 5 } as const;
/**
 * The performance-guaranteed CLB specs the provider accepts (`ApplicationLoadBalancerArgs.loadBalancerSpec`).
 * Not every `slb.s<n>.<size>` pair exists: `slb.s1.large` or `slb.s4.small` fail at create time,
 * so the list is spelled out and shared with the stack config.
 * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/product-overview/high-performance-clb-instances
 */
export const LOAD_BALANCER_SPECS = ['slb.s1.small', 'slb.s2.small', 'slb.s2.medium', 'slb.s3.small', 'slb.s3.medium', 'slb.s3.large', 'slb.s4.large'] as const;
/** A performance-guaranteed CLB spec: one of {@link LOAD_BALANCER_SPECS}. */
export type LoadBalancerSpec = (typeof LOAD_BALANCER_SPECS)[number];

/** CLB network type: a public address (`internet`) or an address from a vSwitch of the VPC (`intranet`). */
export type LoadBalancerAddressType = 'internet' | 'intranet';
/**
 * Pay-as-you-go CLB billing: `PayBySpec` (a fixed performance spec) or `PayByCLCU` (by capacity unit used).
 * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/product-overview/pay-as-you-go
 */
export type LoadBalancerChargeType = 'PayBySpec' | 'PayByCLCU';

/** What the plan needs to know about each backend node. */
export interface BackendNodeInfo {
  readonly name: string;
  readonly roles: readonly NodeRole[];
}

export interface ApiServerLbInput {
  readonly nodes: readonly BackendNodeInfo[];
  readonly allowedCidrs: readonly string[];
  readonly addressType?: LoadBalancerAddressType;
  /** Whether a vSwitch was given (needed for, and only used by, an intranet SLB). */
  readonly hasVSwitch: boolean;
  readonly loadBalancerSpec?: string;
  readonly instanceChargeType?: LoadBalancerChargeType;
  readonly port?: number;
}

export interface ApiServerLbSettings {
  readonly addressType: LoadBalancerAddressType;
  /** Undefined for `PayByCLCU`, which has no spec. */
  readonly loadBalancerSpec: string | undefined;
  readonly instanceChargeType: LoadBalancerChargeType;
  readonly port: number;
}

/**
 * Checks the backends (at least one, all `control-plane`, unique names), the ACL
 * (non-empty, no `0.0.0.0/0`), the address type / vSwitch pair, spec and port.
 * @throws ValidationError naming `controlPlaneNodes`, `controlPlaneNodes[i]`, `allowedCidrs`,
 * `allowedCidrs[i]`, `vswitchId`, `loadBalancerSpec` or `port`
 */
export function resolveApiServerLb(input: ApiServerLbInput): ApiServerLbSettings {
  const v = new Validator();
  if (input.nodes.length === 0) {
    v.add('controlPlaneNodes', [], 'is empty; expected the control-plane nodes the apiserver runs on');
  }
  input.nodes.forEach((node, i) => {
    if (!node.roles.includes('control-plane')) {
      v.add(`controlPlaneNodes[${i}]`, node.name, `has roles ${JSON.stringify(node.roles)}; only control-plane nodes run kube-apiserver`);
    }
    if (input.nodes.findIndex((n) => n.name === node.name) !== i) {
      v.add(`controlPlaneNodes[${i}]`, node.name, 'is listed twice');
    }
  });
  checkClientCidrs(v, 'allowedCidrs', input.allowedCidrs, true, 'the Kubernetes API');

  const addressType = input.addressType ?? DEFAULT_ADDRESS_TYPE;
  if (addressType === 'intranet' && !input.hasVSwitch) {
    v.add('vswitchId', undefined, 'is required for an intranet SLB (the address is taken from that vSwitch)');
  }
  if (addressType === 'internet' && input.hasVSwitch) {
    v.add('vswitchId', '(given)', 'is ignored by an internet SLB; leave it out, or set addressType: intranet');
  }
  const instanceChargeType = input.instanceChargeType ?? DEFAULT_INSTANCE_CHARGE_TYPE;
  const spec = input.loadBalancerSpec ?? DEFAULT_LOAD_BALANCER_SPEC;
  if (instanceChargeType === 'PayByCLCU' && input.loadBalancerSpec !== undefined) {
    v.add('loadBalancerSpec', input.loadBalancerSpec, 'is ignored by a PayByCLCU SLB; leave it out, or use PayBySpec');
  } else if (!(LOAD_BALANCER_SPECS as readonly string[]).includes(spec)) {
    v.add('loadBalancerSpec', spec, `is not a CLB spec; expected one of ${LOAD_BALANCER_SPECS.join(', ')}`);
  }
  const port = input.port ?? DEFAULT_APISERVER_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    v.add('port', port, 'must be a TCP port (1-65535)');
  }
  v.throwIfAny('Invalid ApiServerLoadBalancer props');
  return { addressType, loadBalancerSpec: instanceChargeType === 'PayBySpec' ? spec : undefined, instanceChargeType, port };
}
