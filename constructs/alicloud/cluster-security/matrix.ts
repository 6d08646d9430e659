/**
 * Pure security-group rule matrix for a KubeKey-installed cluster: which ingress each node group
 * accepts, from where. Port table: KubeKey `docs/network-access.md` and kubernetes.io "Ports and
 * Protocols". Groups are referred to symbolically, so the matrix is plain data and table-tested.
 */
import { parseCidr, parseIpv4, Validator } from '../../core';
import { checkClientCidrs } from './client-cidrs';

/**
 * Alibaba CLB health-checks its backends from, and (for layer-7 listeners) forwards from, this
 * range; it is not routable from the internet.
 * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/user-guide/faq-about-backend-servers
 */
export const SLB_BACKEND_CIDR = '100.64.0.0/10';
/** Highest precedence: explicit accepts and the drop guards. Same priority: drop wins. */
export const RULE_PRIORITY = 1;
/** Lowest precedence: the catch-all between nodes that carries Calico IPIP, so the guards win. */
export const OVERLAY_ALL_PRIORITY = 100;
/** Calico VXLAN (Linux and Calico default port). */
export const VXLAN_PORT = 4789;
/** IPIP, because KubeKey configures Calico with `ipipMode: Always` unless told otherwise. */
export const DEFAULT_OVERLAY: Overlay = 'ipip';
/** ks-console's NodePort in KubeSphere 3.4.1 (`common.core.console.port` of the ClusterConfiguration). */
export const KUBESPHERE_CONSOLE_NODE_PORT = 30880;
/** The Kubernetes NodePort range (kube-apiserver `--service-node-port-range` default). */
export const NODE_PORT_RANGE = { from: 30000, to: 32767 } as const;

/** How Calico carries pod traffic between nodes (KubeKey `network.calico.ipipMode` / `vxlanMode`). */
export type Overlay = 'ipip' | 'vxlan';
/** A node group: the control-plane (+etcd) nodes' SG or the workers' SG (the same in single-group mode). */
export type GroupRef = 'controlPlane' | 'worker';
/** Where a rule admits traffic from: a CIDR block, or the members of a node group's security group. */
export type RuleSource =
  | {
      /** An IPv4 CIDR block (`cidrIp` of the rule). */
      readonly cidr: string;
    }
  | {
      /** A node group, whose security group becomes the rule's `sourceSecurityGroupId`. */
      readonly group: GroupRef;
    };

/** One ingress rule, as the component turns it into an `alicloud.ecs.SecurityGroupRule`. */
export interface ClusterRuleSpec {
  /** Unique within the matrix and stable: the rule's child name is derived from it. */
  readonly key: string;
  /** The group the rule is added to. */
  readonly target: GroupRef;
  /** `drop` only for the guards that keep workers off etcd and the controllers in split mode. */
  readonly policy: 'accept' | 'drop';
  /** IP protocol; `all` only for the Calico IPIP catch-all, since security group rules cannot name protocol 4. */
  readonly ipProtocol: 'tcp' | 'udp' | 'all';
  /** `from/to`, or `-1/-1` for protocol `all`. */
  readonly portRange: string;
  /** Who the rule admits. */
  readonly source: RuleSource;
  /** Alibaba rule priority, 1 (highest) to 100; at equal priority a drop wins over an accept. */
  readonly priority: number;
  /** Rule description shown in the console: what the port is and who it is opened to. */
  readonly description: string;
}

/** Input of {@link clusterRuleMatrix}. */
export interface ClusterRuleMatrixInput {
  /** True when control-plane and worker nodes share one SG (every node carries every role). */
  readonly singleGroup: boolean;
  /** The VPC CIDR: NodePorts are reachable from inside the VPC only. */
  readonly vpcCidr: string;
  /**
   * The administrators' sources (the jump host): SSH to every node, and the KubeSphere console's
   * NodePort, which nothing else reaches. May be empty.
   */
  readonly adminCidrs: readonly string[];
  /**
   * The node KubeKey runs on (IPv4): it reaches every host over SSH, itself included.
   * @default - none: SSH only from `adminCidrs`
   */
  readonly installHost?: string;
  /**
   * ks-console's NodePort: cut out of the NodePort range opened to the VPC and the SLBs, open only to `adminCidrs`.
   * @default KUBESPHERE_CONSOLE_NODE_PORT (30880)
   */
  readonly consoleNodePort?: number;
  /**
   * Clients of the apiserver SLB (laptops, CI). A layer-4 CLB keeps the client's source address,
   * so the control-plane group must accept these on 6443 too, not just the SLB range.
   */
  readonly apiClientCidrs: readonly string[];
  /**
   * Calico's encapsulation, which decides the overlay rule (IPIP: all protocols between nodes; VXLAN: UDP 4789).
   * @default DEFAULT_OVERLAY ('ipip')
   */
  readonly overlay?: Overlay;
}

interface Port {
  readonly key: string;
  readonly ipProtocol: 'tcp' | 'udp';
  readonly portRange: string;
  readonly what: string;
}

/** Between cluster nodes, into every group: things every node serves to every other node. */
const NODE_PORTS: readonly Port[] = [
  // Apiserver to kubelet (logs, exec) and, SNATed to their node's IP by Calico natOutgoing,
  // Prometheus and metrics-server pods scraping every kubelet.
  { key: 'kubelet', ipProtocol: 'tcp', portRange: '10250/10250', what: 'kubelet API' },
  // Calico's node-to-node mesh distributes pod routes over BGP even in IPIP mode.
  { key: 'bgp', ipProtocol: 'tcp', portRange: '179/179', what: 'Calico BGP' },
  { key: 'calico', ipProtocol: 'tcp', portRange: '9099/9100', what: 'Calico felix health / node metrics' },
  { key: 'dns-tcp', ipProtocol: 'tcp', portRange: '53/53', what: 'cluster DNS (TCP)' },
  { key: 'dns-udp', ipProtocol: 'udp', portRange: '53/53', what: 'cluster DNS (UDP)' },
];

/** Ports only the control plane serves to workers in split mode, and the guards that keep them closed. */
const ETCD: Port = { key: 'etcd', ipProtocol: 'tcp', portRange: '2379/2380', what: 'etcd client and peer' };
const APISERVER: Port = { key: 'apiserver', ipProtocol: 'tcp', portRange: '6443/6443', what: 'kube-apiserver' };
// kube-controller-manager 10257, cloud-controller-manager 10258, kube-scheduler 10259: kubeadm binds them to localhost.
const CONTROLLERS: Port = { key: 'controllers', ipProtocol: 'tcp', portRange: '10257/10259', what: 'controller-manager / scheduler' };
const SSH: Port = { key: 'ssh', ipProtocol: 'tcp', portRange: '22/22', what: 'SSH' };

/**
 * The NodePort range without the console's port, as the (one or two) ranges opened to the VPC and
 * the SLBs, and the console's port alone, opened to the administrators only. The first range keeps
 * the key the whole range had, so its rule keeps its name.
 */
function nodePortRules(consolePort: number): { open: Port[]; console: Port } {
  const what = 'Kubernetes NodePorts';
  const open: Port[] = [];
  if (consolePort > NODE_PORT_RANGE.from) {
    open.push({
      key: 'nodeport',
      ipProtocol: 'tcp',
      portRange: `${NODE_PORT_RANGE.from}/${consolePort - 1}`,
      what: `${what} (below the console's)`,
    });
  }
  if (consolePort < NODE_PORT_RANGE.to) {
    open.push({
      key: open.length === 0 ? 'nodeport' : 'nodeport-high',
      ipProtocol: 'tcp',
      portRange: `${consolePort + 1}/${NODE_PORT_RANGE.to}`,
      what: `${what} (above the console's)`,
    });
  }
  return {
    open,
    console: { key: 'console', ipProtocol: 'tcp', portRange: `${consolePort}/${consolePort}`, what: 'the KubeSphere console NodePort' },
  };
}

/** `10.0.0.0/8` → `10-0-0-0-8`, for rule keys. */
function cidrKey(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

/**
 * Every ingress rule a cluster needs, in a fixed order. Split mode (control-plane and worker SGs
 * differ): etcd only from the control plane, 6443 only on the control plane, NodePorts only on
 * workers. Single-group mode: the same matrix with both groups folded into one, deduplicated.
 * @throws ValidationError naming `vpcCidr`, `adminCidrs[i]` or `apiClientCidrs[i]`
 */
export function clusterRuleMatrix(input: ClusterRuleMatrixInput): ClusterRuleSpec[] {
  const v = new Validator();
  const vpc = parseCidr(input.vpcCidr);
  if (typeof vpc === 'string') {
    v.add('vpcCidr', input.vpcCidr, vpc);
  } else if (vpc.prefixLength === 0) {
    v.add('vpcCidr', input.vpcCidr, 'is the whole internet; expected the VPC CIDR');
  }
  checkClientCidrs(v, 'adminCidrs', input.adminCidrs, false, 'SSH on the nodes');
  checkClientCidrs(v, 'apiClientCidrs', input.apiClientCidrs, false, 'the Kubernetes API');
  if (input.installHost !== undefined && parseIpv4(input.installHost) === undefined) {
    v.add('installHost', input.installHost, 'is not an IPv4 address (expected a.b.c.d)');
  }
  const consolePort = input.consoleNodePort ?? KUBESPHERE_CONSOLE_NODE_PORT;
  if (!Number.isInteger(consolePort) || consolePort < NODE_PORT_RANGE.from || consolePort > NODE_PORT_RANGE.to) {
    v.add('consoleNodePort', consolePort, `is not a NodePort; expected ${NODE_PORT_RANGE.from} to ${NODE_PORT_RANGE.to}`);
  }
  v.throwIfAny('Invalid cluster security rules');
  const nodePorts = nodePortRules(consolePort);

  const overlay = input.overlay ?? DEFAULT_OVERLAY;
  // Every node is in one of these groups, and every group gets rules.
  const groups: readonly GroupRef[] = input.singleGroup ? ['controlPlane'] : ['controlPlane', 'worker'];
  const label = (g: GroupRef): string => (input.singleGroup ? 'nodes' : g === 'controlPlane' ? 'cp' : 'worker');
  const specs: ClusterRuleSpec[] = [];

  const fromGroup = (target: GroupRef, port: Port, group: GroupRef, policy: 'accept' | 'drop' = 'accept'): void => {
    specs.push({
      key: `${label(target)}-${policy === 'drop' ? 'deny-' : ''}${port.key}-from-${label(group)}`,
      target,
      policy,
      ipProtocol: port.ipProtocol,
      portRange: port.portRange,
      source: { group },
      priority: RULE_PRIORITY,
      description: `${policy === 'drop' ? 'Deny' : 'Allow'} ${port.what} from ${label(group)} nodes`,
    });
  };
  const fromCidr = (target: GroupRef, port: Port, cidr: string, who: string): void => {
    specs.push({
      key: `${label(target)}-${port.key}-from-${cidrKey(cidr)}`,
      target,
      policy: 'accept',
      ipProtocol: port.ipProtocol,
      portRange: port.portRange,
      source: { cidr },
      priority: RULE_PRIORITY,
      description: `Allow ${port.what} from ${who} ${cidr}`,
    });
  };

  for (const target of groups) {
    for (const cidr of input.adminCidrs) {
      fromCidr(target, SSH, cidr, 'admin network');
    }
    if (input.installHost !== undefined) {
      fromCidr(target, SSH, `${input.installHost}/32`, 'the KubeKey install host');
    }
    if (target === 'controlPlane') {
      // etcd: the control plane (kube-apiserver and the etcd peers) only.
      fromGroup(target, ETCD, 'controlPlane');
      // Workers reach the apiserver through KubeKey's local haproxy, which connects to the node IPs.
      for (const group of groups) {
        fromGroup(target, APISERVER, group);
      }
      fromCidr(target, APISERVER, SLB_BACKEND_CIDR, 'the apiserver SLB (health checks)');
      for (const cidr of input.apiClientCidrs) {
        fromCidr(target, APISERVER, cidr, 'API clients via the SLB');
      }
    }
    for (const port of NODE_PORTS) {
      for (const group of groups) {
        fromGroup(target, port, group);
      }
    }
    // NodePorts only where workloads run: workers, or every node in single-group mode. The
    // console (admin / every cluster's workspaces) only from the administrators: the VPC holds
    // the other cluster and the internet-facing dev-tools host.
    if (target === 'worker' || input.singleGroup) {
      for (const port of nodePorts.open) {
        fromCidr(target, port, input.vpcCidr, 'the VPC');
        fromCidr(target, port, SLB_BACKEND_CIDR, 'Alibaba SLBs');
      }
      for (const cidr of input.adminCidrs) {
        fromCidr(target, nodePorts.console, cidr, 'admin network');
      }
    }
    for (const group of groups) {
      specs.push(overlayRule(overlay, target, group, label));
    }
    if (overlay === 'ipip' && target === 'controlPlane' && !input.singleGroup) {
      // The IPIP catch-all below would otherwise let workers reach etcd and the controllers.
      fromGroup(target, ETCD, 'worker', 'drop');
      fromGroup(target, CONTROLLERS, 'worker', 'drop');
    }
  }
  return specs;
}

function overlayRule(overlay: Overlay, target: GroupRef, group: GroupRef, label: (g: GroupRef) => string): ClusterRuleSpec {
  if (overlay === 'vxlan') {
    return {
      key: `${label(target)}-vxlan-from-${label(group)}`,
      target,
      policy: 'accept',
      ipProtocol: 'udp',
      portRange: `${VXLAN_PORT}/${VXLAN_PORT}`,
      source: { group },
      priority: RULE_PRIORITY,
      description: `Allow Calico VXLAN from ${label(group)} nodes`,
    };
  }
  // Calico IPIP is IP protocol 4; Alibaba SG rules only take tcp, udp, icmp, icmpv6, gre or all.
  // `all` from the node groups is the narrowest rule that lets it through; it sits at the lowest
  // priority so the drop guards on etcd and the controllers still win for workers.
  return {
    key: `${label(target)}-ipip-from-${label(group)}`,
    target,
    policy: 'accept',
    ipProtocol: 'all',
    portRange: '-1/-1',
    source: { group },
    priority: OVERLAY_ALL_PRIORITY,
    description: `Allow Calico IPIP (IP protocol 4; SG rules cannot name it, so all protocols) from ${label(group)} nodes`,
  };
}
