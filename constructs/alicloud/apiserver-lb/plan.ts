/**
 * Pure settings of the apiserver load balancer: defaults applied and every prop checked before
 * anything is registered.
 */
import { Validator } from '../../core';
import { checkClientCidrs } from '../cluster-security/client-cidrs';
import { NodeRole } from '../node-pool/spec';

/** Internet-facing, so laptops and CI outside the VPC reach it (through the ACL only). */
export const DEFAULT_ADDRESS_TYPE: LoadBalancerAddressType = 'internet';
/**
 * Pay-as-you-go by LCU (capacity unit): the only billing a new CLB can get. Alibaba stopped creating
 * pay-by-specification CLBs on 2025-06-01 (international site) and 2026-01-01 (China), help doc 127268
 * "Modify the configurations of a pay-as-you-go instance". A `PayByCLCU` CLB has no spec: the provider
 * suppresses any `load_balancer_spec` diff for it (terraform-provider-alicloud
 * `resource_alicloud_slb_load_balancer.go`). A CLB created by spec before the cut-off is switched in
 * place (`ModifyLoadBalancerInstanceChargeType`), keeping its address.
 */
export const INSTANCE_CHARGE_TYPE = 'PayByCLCU';
/** Why a CLB spec or `PayBySpec` billing is refused wherever it is asked for (the stack config). */
export const PAY_BY_SPEC_WITHDRAWN =
  'pay-by-specification CLBs can no longer be created (Alibaba help doc 127268: since 2025-06-01 on the international site, 2026-01-01 in China); the SLB is billed by LCU (PayByCLCU), which has no spec';
/** kube-apiserver's port (KubeKey `controlPlaneEndpoint.port`); the listener and the backends use it. */
export const DEFAULT_APISERVER_PORT = 6443;
/** Health-check tuning: a dead apiserver leaves rotation in about 3 × 2 s. */
export const HEALTH_CHECK = { healthyThreshold: 2, unhealthyThreshold: 3, intervalSeconds: 2, timeoutSeconds: 5 } as const;

/** CLB network type: a public address (`internet`) or an address from a vSwitch of the VPC (`intranet`). */
export type LoadBalancerAddressType = 'internet' | 'intranet';
/** Every {@link LoadBalancerAddressType}, for checking values from untyped sources (stack config). */
export const LOAD_BALANCER_ADDRESS_TYPES: readonly LoadBalancerAddressType[] = ['internet', 'intranet'];

/** What the plan needs to know about each backend node. */
export interface BackendNodeInfo {
  /** The node's name, unique among the backends. */
  readonly name: string;
  /** Its Kubernetes roles. */
  readonly roles: readonly NodeRole[];
}

/** The parts of the SLB's props that can be checked without Pulumi. */
export interface ApiServerLbInput {
  /** The backend nodes: every one must carry the `control-plane` role. */
  readonly nodes: readonly BackendNodeInfo[];
  /** The client CIDRs the listener's access-control list admits. */
  readonly allowedCidrs: readonly string[];
  /** Public or VPC address; see {@link LoadBalancerAddressType}. */
  readonly addressType?: LoadBalancerAddressType;
  /** Whether a vSwitch was given (needed for, and only used by, an intranet SLB). */
  readonly hasVSwitch: boolean;
  /** The listener's port (the apiserver's, 6443, unless set). */
  readonly port?: number;
}

/** What the SLB is created with, defaults resolved. */
export interface ApiServerLbSettings {
  /** Public or VPC address. */
  readonly addressType: LoadBalancerAddressType;
  /** Always pay-as-you-go, billed by capacity units (CLB's only choice without a spec). */
  readonly instanceChargeType: typeof INSTANCE_CHARGE_TYPE;
  /** The listener's port. */
  readonly port: number;
}

/**
 * Checks the backends (at least one, all `control-plane`, unique names), the ACL
 * (non-empty, no `0.0.0.0/0`), the address type / vSwitch pair and port.
 * @throws ValidationError naming `controlPlaneNodes`, `controlPlaneNodes[i]`, `allowedCidrs`,
 * `allowedCidrs[i]`, `vswitchId` or `port`
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
  const port = input.port ?? DEFAULT_APISERVER_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    v.add('port', port, 'must be a TCP port (1-65535)');
  }
  v.throwIfAny('Invalid ApiServerLoadBalancer props');
  return { addressType, instanceChargeType: INSTANCE_CHARGE_TYPE, port };
}
