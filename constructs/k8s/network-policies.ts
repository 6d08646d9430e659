import { Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { cidrContains, parseCidr, Validator } from '../core';
import { Labels } from './common';
import { checkObjectName, checkPort } from './workload/names';

/** The namespace label every namespace carries (Kubernetes ≥ 1.22), used to select namespaces by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Namespace of the cluster DNS. @default for {@link DnsEgressPolicyProps.dnsNamespace} */
export const DEFAULT_DNS_NAMESPACE = 'kube-system';
/** Labels of the CoreDNS pods as KubeKey deploys them. */
export const DEFAULT_DNS_POD_LABELS: Labels = { 'k8s-app': 'kube-dns' };
/**
 * KubeKey installs NodeLocal DNSCache by default; pods resolve through this link-local address on the host network,
 * which no pod selector matches, so it needs an ipBlock rule.
 */
export const DEFAULT_NODE_LOCAL_DNS_IPS: readonly string[] = ['169.254.25.10'];

/** Direction of an allow rule, seen from the selected pods. */
export enum TrafficDirection {
  /** Traffic into the selected pods, from the peers. */
  INGRESS = 'Ingress',
  /** Traffic out of the selected pods, to the peers. */
  EGRESS = 'Egress',
}

/**
 * The other side of an allow rule. Set `namespace` or `namespaceLabel`, `podLabels`, both (pods with those labels
 * in those namespaces), or `cidr` alone.
 */
export interface NetworkPeer {
  /** Namespace name; alone it means every pod in it. @default - the policy's own namespace when podLabels is set */
  readonly namespace?: string;
  /**
   * Every namespace carrying this label key, whatever its value: for namespaces created on demand whose names are
   * not known when the policy is written (one per pull request, say). Not combinable with `namespace`.
   * @default - none
   */
  readonly namespaceLabel?: string;
  /** Pod labels. @default - every pod of the namespace */
  readonly podLabels?: Labels;
  /** IPv4 CIDR, for endpoints outside the cluster (cannot be combined with the others). @default - none */
  readonly cidr?: string;
  /** Ranges strictly inside `cidr` that stay closed (the VPC, say, inside `0.0.0.0/0`). Only with `cidr`. @default - none */
  readonly except?: readonly string[];
}

/** A port of an allow rule. */
export interface NetworkPolicyPort {
  /** Port number on the destination pod (the container port, not a Service port). */
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

/** Props of {@link AllowTrafficPolicy}. */
export interface AllowTrafficPolicyProps {
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Object name. @default - generated from the construct path */
  readonly name?: string;
  /** Pods the rule applies to. @default - every pod of the namespace */
  readonly podLabels?: Labels;
  /** Ingress (traffic to the pods) or egress (traffic from the pods). */
  readonly direction: TrafficDirection;
  /** Who may connect (ingress) or be connected to (egress); at least one. */
  readonly peers: readonly NetworkPeer[];
  /** Ports allowed. @default - every port */
  readonly ports?: readonly NetworkPolicyPort[];
}

/** Adds an allow rule on top of a default-deny policy. */
export class AllowTrafficPolicy extends Construct {
  /** The NetworkPolicy object. */
  public readonly policy: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: AllowTrafficPolicyProps) {
    super(scope, id);
    const v = new Validator();
    if (props.peers.length === 0) {
      v.add('peers', props.peers, 'must list at least one peer (use cidr 0.0.0.0/0 for anywhere)');
    }
    props.peers.forEach((p, i) => checkPeer(v, `peers[${i}]`, p));
    (props.ports ?? []).forEach((p, i) => checkPort(v, `ports[${i}].port`, p.port));
    if (props.name !== undefined) checkObjectName(v, 'name', props.name);
    v.throwIfAny(`Invalid AllowTrafficPolicy props (${this.node.path})`);

    const rule = { ports: props.ports?.map(toPolicyPort) };
    const peers = props.peers.map(toPolicyPeer);
    const ingress = props.direction === TrafficDirection.INGRESS;
    this.policy = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        podSelector: { matchLabels: props.podLabels ? { ...props.podLabels } : undefined },
        policyTypes: [props.direction],
        ingress: ingress ? [{ ...rule, from: peers }] : undefined,
        egress: ingress ? undefined : [{ ...rule, to: peers }],
      },
    });
  }
}

/** Props of {@link DefaultDenyPolicy}. */
export interface DefaultDenyPolicyProps {
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default 'default-deny' */
  readonly name?: string;
}

/** Denies all ingress and egress of every pod in a namespace; allow rules are then added one by one. */
export class DefaultDenyPolicy extends Construct {
  constructor(scope: Construct, id: string, props: DefaultDenyPolicyProps = {}) {
    super(scope, id);
    new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name ?? 'default-deny', namespace: props.namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  }
}

/** Props of {@link DnsEgressPolicy}. */
export interface DnsEgressPolicyProps {
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** @default 'allow-dns-egress' */
  readonly name?: string;
  /** @default DEFAULT_DNS_NAMESPACE ('kube-system') */
  readonly dnsNamespace?: string;
  /** @default DEFAULT_DNS_POD_LABELS ({ 'k8s-app': 'kube-dns' }) */
  readonly dnsPodLabels?: Labels;
  /** NodeLocal DNSCache addresses; an empty list disables the rule. @default DEFAULT_NODE_LOCAL_DNS_IPS (['169.254.25.10']) */
  readonly nodeLocalDnsIps?: readonly string[];
}

/** Lets every pod of a namespace resolve names (UDP and TCP 53) through the cluster DNS. */
export class DnsEgressPolicy extends Construct {
  constructor(scope: Construct, id: string, props: DnsEgressPolicyProps = {}) {
    super(scope, id);
    const nodeLocal = props.nodeLocalDnsIps ?? DEFAULT_NODE_LOCAL_DNS_IPS;
    const peers: NetworkPeer[] = [
      { namespace: props.dnsNamespace ?? DEFAULT_DNS_NAMESPACE, podLabels: props.dnsPodLabels ?? DEFAULT_DNS_POD_LABELS },
      ...nodeLocal.map((ip) => ({ cidr: `${ip}/32` })),
    ];
    new AllowTrafficPolicy(this, 'Resource', {
      namespace: props.namespace,
      name: props.name ?? 'allow-dns-egress',
      direction: TrafficDirection.EGRESS,
      peers,
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    });
  }
}

/** A label key: optional DNS-subdomain prefix and a name of at most 63 characters. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Reports a peer that selects nothing sensible. */
export function checkPeer(v: Validator, key: string, peer: NetworkPeer): void {
  if (peer.cidr !== undefined) {
    if (peer.namespace !== undefined || peer.namespaceLabel !== undefined || peer.podLabels !== undefined) {
      v.add(key, peer, 'must set either cidr or namespace/namespaceLabel/podLabels, not both');
    }
    const parsed = parseCidr(peer.cidr);
    if (typeof parsed === 'string') v.add(`${key}.cidr`, peer.cidr, parsed);
    (peer.except ?? []).forEach((text, i) => {
      const inner = parseCidr(text);
      if (typeof inner === 'string') {
        v.add(`${key}.except[${i}]`, text, inner);
      } else if (typeof parsed !== 'string' && !(cidrContains(parsed, inner) && inner.prefixLength > parsed.prefixLength)) {
        v.add(`${key}.except[${i}]`, text, `must be strictly inside cidr ${peer.cidr} (the API server refuses it otherwise)`);
      }
    });
    return;
  }
  if (peer.except !== undefined) {
    v.add(`${key}.except`, peer.except, 'only applies with cidr');
  }
  if (peer.namespace !== undefined && peer.namespaceLabel !== undefined) {
    v.add(key, peer, 'must set namespace or namespaceLabel, not both (one namespaceSelector holds one of them)');
  }
  if (peer.namespaceLabel !== undefined && !LABEL_KEY.test(peer.namespaceLabel)) {
    v.add(`${key}.namespaceLabel`, peer.namespaceLabel, 'must be a label key ([prefix/]name)');
  }
  if (peer.namespace === undefined && peer.namespaceLabel === undefined && peer.podLabels === undefined) {
    v.add(key, peer, 'must set namespace, namespaceLabel, podLabels or cidr');
  }
}

/** Renders a peer as a NetworkPolicy peer. */
export function toPolicyPeer(peer: NetworkPeer): k8s.NetworkPolicyPeer {
  if (peer.cidr !== undefined) {
    return { ipBlock: { cidr: peer.cidr, except: peer.except !== undefined && peer.except.length > 0 ? [...peer.except] : undefined } };
  }
  return {
    namespaceSelector: namespaceSelector(peer),
    podSelector: peer.podLabels !== undefined ? { matchLabels: { ...peer.podLabels } } : undefined,
  };
}

function namespaceSelector(peer: NetworkPeer): k8s.LabelSelector | undefined {
  if (peer.namespace !== undefined) {
    return { matchLabels: { [NAMESPACE_NAME_LABEL]: peer.namespace } };
  }
  // Exists, not a value: the label's value (a pull-request number, say) differs per namespace.
  return peer.namespaceLabel !== undefined ? { matchExpressions: [{ key: peer.namespaceLabel, operator: 'Exists' }] } : undefined;
}

function toPolicyPort(p: NetworkPolicyPort): k8s.NetworkPolicyPort {
  return { port: k8s.IntOrString.fromNumber(p.port), protocol: p.protocol ?? 'TCP' };
}

/** The namespace objects without an explicit one land in. */
export function effectiveNamespace(scope: Construct, namespace: string | undefined): string | undefined {
  return namespace ?? Chart.of(scope).namespace;
}
