/** Security groups, the CLB and EIPs: nothing sensitive open to the internet, protected load balancers. */
import { PolicyRule, RuleInfo } from '../types';
import { PortRange, isAnywhere, isPublicIngress, isTrue, list, overlaps, resourceRule, rulePorts, showRange, text } from './helpers';

export const SECURITY_GROUP_RULE = 'alicloud:ecs/securityGroupRule:SecurityGroupRule';
export const CLB = 'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer';
export const CLB_LISTENER = 'alicloud:slb/listener:Listener';
export const CLB_ACL_ENTRY = 'alicloud:slb/aclEntryAttachment:AclEntryAttachment';
export const EIP = 'alicloud:ecs/eipAddress:EipAddress';

/** The Kubernetes ports of the control plane and nodes (kubernetes.io "Ports and Protocols"). */
export const KUBERNETES_PORTS: readonly PortRange[] = [
  [6443, 6443],
  [2379, 2380],
  [10250, 10250],
  [10257, 10257],
  [10259, 10259],
  [30000, 32767],
];

/**
 * Database, cache, queue and search ports: InfraGuard's sg-risky-ports-check list (3306, 5432,
 * 27017, 6379, 1433) and KICS' sensitive ports, plus the middleware this library runs
 * (RabbitMQ, Nacos, EMQX dashboard, Elasticsearch, Kibana, Docker API).
 */
export const DATA_PORTS: readonly PortRange[] = [
  [1433, 1434],
  [1521, 1521],
  [2375, 2376],
  [3306, 3306],
  [5432, 5432],
  [5601, 5601],
  [5672, 5672],
  [6379, 6379],
  [8848, 8848],
  [9200, 9200],
  [9300, 9300],
  [11211, 11211],
  [15672, 15672],
  [18083, 18083],
  [27017, 27018],
];

/** A rule refusing ingress from the internet to any of `ports`. */
function publicPortsRule(info: Omit<RuleInfo, 'resourceTypes' | 'enforcementLevel'>, ports: readonly PortRange[]): PolicyRule {
  return resourceRule({ ...info, enforcementLevel: 'mandatory', resourceTypes: [SECURITY_GROUP_RULE] }, (p) => {
    const opened = rulePorts(p);
    if (opened === undefined || !isPublicIngress(p)) {
      return [];
    }
    const hit = ports.filter((range) => overlaps(range, opened));
    return hit.length === 0
      ? []
      : [
          `ingress ${text(p.portRange) ?? '-1/-1'} (${text(p.ipProtocol) ?? '?'}) from ${text(p.cidrIp) ?? text(p.ipv6CidrIp) ?? 'anywhere (no source)'} opens ${hit.map(showRange).join(', ')} to the internet`,
        ];
  });
}

/** The widest admin network SSH may come from: a /24 is one office or jump subnet; a VPC is not. */
const NARROW_SSH_PREFIX = 24;

const NARROW = 'admit only named CIDRs (cidrIp) or a source security group; reach admin ports through the jump host or a VPN';

export const NETWORK_RULES: readonly PolicyRule[] = [
  publicPortsRule(
    {
      name: 'sg-ssh-not-public',
      description: 'No security-group rule opens SSH (22) to the internet.',
      references: ['CKV_ALI_2', 'InfraGuard rule:aliyun:sg-risky-ports-check'],
      remediation: NARROW,
    },
    [[22, 22]],
  ),
  publicPortsRule(
    {
      name: 'sg-rdp-not-public',
      description: 'No security-group rule opens RDP (3389) to the internet.',
      references: ['CKV_ALI_3', 'InfraGuard rule:aliyun:sg-risky-ports-check'],
      remediation: NARROW,
    },
    [[3389, 3389]],
  ),
  publicPortsRule(
    {
      name: 'sg-kubernetes-ports-not-public',
      description:
        'No security-group rule opens the API server (6443), etcd, the kubelet or the NodePort range (30000-32767) to the internet.',
      references: [
        'KICS dd706080-b7a8-47dc-81fb-3e8184430ec0 (public rule, unknown port)',
        'CIS Alibaba Cloud ACK 6.3.1 (restrict access to the control plane endpoint)',
      ],
      remediation: 'admit 6443 only from the load balancer or named client CIDRs, NodePorts only from the VPC or the gateway',
    },
    KUBERNETES_PORTS,
  ),
  publicPortsRule(
    {
      name: 'sg-data-ports-not-public',
      description:
        'No security-group rule opens database, cache, queue or search ports (MySQL, Redis, RabbitMQ, Nacos, Elasticsearch, …) to the internet.',
      references: [
        'InfraGuard rule:aliyun:sg-risky-ports-check',
        'KICS 2ae9d554-23fb-4065-bfd1-fe43d5f7c419 (public rule, sensitive port)',
      ],
      remediation: 'keep data services inside the VPC; admit only the clients that need them',
    },
    DATA_PORTS,
  ),
  resourceRule(
    {
      name: 'sg-ssh-narrow-source',
      description:
        'SSH (22) is admitted only from a jump host, a source security group or an admin network of /24 or narrower, never a whole VPC or office range.',
      enforcementLevel: 'advisory',
      resourceTypes: [SECURITY_GROUP_RULE],
      references: ['CIS Alibaba Cloud ACK 6.3.1 (restrict access to the nodes)', 'InfraGuard rule:aliyun:sg-risky-ports-check (SSH)'],
      remediation: "admit SSH from the jump host's address (/32) or security group",
    },
    (p) => {
      const opened = rulePorts(p);
      const cidr = text(p.cidrIp);
      if (
        opened === undefined ||
        !overlaps(opened, [22, 22]) ||
        text(p.type) !== 'ingress' ||
        text(p.policy) === 'drop' ||
        cidr === undefined ||
        isAnywhere(cidr)
      ) {
        return [];
      }
      const prefix = Number(cidr.split('/')[1] ?? 32);
      return prefix < NARROW_SSH_PREFIX ? [`SSH is open to ${cidr} (/${prefix}; at most /${NARROW_SSH_PREFIX} expected)`] : [];
    },
  ),
  resourceRule(
    {
      name: 'sg-all-ports-not-public',
      description: 'No security-group rule opens every port (protocol all, or -1/-1, or 1/65535) to the internet.',
      enforcementLevel: 'mandatory',
      resourceTypes: [SECURITY_GROUP_RULE],
      references: ['InfraGuard rule:aliyun:sg-public-access-check', 'KICS 60587dbd-6b67-432e-90f7-a8cf1892d968'],
      remediation: 'open only the ports a service needs, from the sources that need them',
    },
    (p) => {
      const opened = rulePorts(p);
      return opened !== undefined && opened[0] <= 1 && opened[1] >= 65535 && isPublicIngress(p)
        ? ['every port is open to the internet']
        : [];
    },
  ),
  resourceRule(
    {
      name: 'slb-pay-by-lcu',
      description: 'CLBs are pay-by-LCU: pay-by-specification CLBs can no longer be created, so such a program fails on a real account.',
      enforcementLevel: 'mandatory',
      resourceTypes: [CLB],
      references: ['platform: Alibaba Cloud help doc 127268 (pay-by-specification CLB discontinued)'],
      remediation: "set instanceChargeType: 'PayByCLCU' and remove loadBalancerSpec",
    },
    (p) => {
      const problems =
        text(p.instanceChargeType) === 'PayByCLCU' ? [] : [`instanceChargeType is ${JSON.stringify(p.instanceChargeType ?? 'PayBySpec')}`];
      if (p.loadBalancerSpec !== undefined) {
        problems.push(`loadBalancerSpec ${JSON.stringify(p.loadBalancerSpec)} is set`);
      }
      return problems;
    },
  ),
  resourceRule(
    {
      name: 'slb-delete-protection',
      description: 'CLBs have deletion protection.',
      enforcementLevel: 'mandatory',
      resourceTypes: [CLB],
      references: ['InfraGuard rule:aliyun:slb-delete-protection-enabled'],
      remediation: "set deleteProtection: 'on'",
    },
    (p) => (text(p.deleteProtection) === 'on' ? [] : [`deleteProtection is ${JSON.stringify(p.deleteProtection ?? 'off')}`]),
  ),
  resourceRule(
    {
      name: 'slb-modification-protection',
      description: "CLBs cannot be changed from the console behind the program's back.",
      enforcementLevel: 'advisory',
      resourceTypes: [CLB],
      references: ['InfraGuard rule:aliyun:slb-modify-protection-check'],
      remediation: "set modificationProtectionStatus: 'ConsoleProtection' with a modificationProtectionReason",
    },
    (p) =>
      text(p.modificationProtectionStatus) === 'ConsoleProtection'
        ? []
        : [`modificationProtectionStatus is ${JSON.stringify(p.modificationProtectionStatus ?? 'NonProtection')}`],
  ),
  resourceRule(
    {
      name: 'slb-listener-whitelist',
      description: 'Every CLB listener admits only a white-list ACL of client CIDRs.',
      enforcementLevel: 'mandatory',
      resourceTypes: [CLB_LISTENER],
      references: ['InfraGuard rule:aliyun:slb-all-listener-enabled-acl'],
      remediation: "set aclStatus: 'on', aclType: 'white' and aclIds (or aclId) to an ACL of the allowed CIDRs",
    },
    (p) => {
      const acls = [...list(p.aclIds), ...(p.aclId === undefined ? [] : [p.aclId])];
      const ok = text(p.aclStatus) === 'on' && text(p.aclType) === 'white' && acls.length > 0;
      return ok
        ? []
        : [`aclStatus ${JSON.stringify(p.aclStatus ?? 'off')}, aclType ${JSON.stringify(p.aclType ?? 'unset')}, ${acls.length} ACL(s)`];
    },
  ),
  resourceRule(
    {
      name: 'slb-acl-entry-not-public',
      description: 'No CLB access-control entry admits the whole internet.',
      enforcementLevel: 'mandatory',
      resourceTypes: [CLB_ACL_ENTRY],
      references: ['CKV_ALI_29 (ALB ACL entry not 0.0.0.0/0)', 'InfraGuard rule:aliyun:slb-acl-public-access-check'],
      remediation: 'list the client networks instead of 0.0.0.0/0',
    },
    (p) => (isAnywhere(p.entry) ? [`entry ${String(p.entry)} admits everyone`] : []),
  ),
  resourceRule(
    {
      name: 'eip-deletion-protection',
      description: 'EIPs that others allow-list cannot be released by accident.',
      enforcementLevel: 'advisory',
      resourceTypes: [EIP],
      references: ['InfraGuard rule:aliyun:eip-delete-protection-enabled'],
      remediation: 'set deletionProtection: true on the EIP',
    },
    (p) => (isTrue(p.deletionProtection) ? [] : ['deletionProtection is not true']),
  ),
];
