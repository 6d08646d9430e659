import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Validator } from '../core';
import { Labels } from './common';
import { markClusterScoped } from './workload/cluster-scoped';
import { checkName } from './workload/names';
import {
  AllowTrafficPolicy,
  DefaultDenyPolicy,
  DnsEgressPolicy,
  NetworkPeer,
  NetworkPolicyPort,
  TrafficDirection,
} from './network-policies';

/** Pod Security Standards levels. */
export enum PodSecurityLevel {
  /** No restrictions: for system and infrastructure workloads that need host access. */
  PRIVILEGED = 'privileged',
  /** Blocks known privilege escalations (host namespaces, privileged containers, hostPath) with minimal app changes. */
  BASELINE = 'baseline',
  /** Baseline plus hardening: non-root, no privilege escalation, all capabilities dropped, a seccomp profile. */
  RESTRICTED = 'restricted',
}

/** @default for {@link RestrictedNamespaceProps.enforceLevel}, `auditLevel` and `warnLevel` */
export const DEFAULT_POD_SECURITY_LEVEL: PodSecurityLevel.RESTRICTED = PodSecurityLevel.RESTRICTED;
/** Pod Security policy version matching the cluster (Kubernetes v1.26 under KubeSphere 3.4.1). */
export const DEFAULT_POD_SECURITY_VERSION = 'v1.26';

const POD_SECURITY_VERSION_PATTERN = /^(latest|v1\.\d+)$/;

/** Props of {@link RestrictedNamespace}. */
export interface RestrictedNamespaceProps {
  /** Namespace name. @default - the construct id */
  readonly name?: string;
  /** Extra namespace labels. @default - none */
  readonly labels?: Labels;
  /** `pod-security.kubernetes.io/enforce`. @default PodSecurityLevel.RESTRICTED */
  readonly enforceLevel?: PodSecurityLevel;
  /** `pod-security.kubernetes.io/audit`. @default PodSecurityLevel.RESTRICTED */
  readonly auditLevel?: PodSecurityLevel;
  /** `pod-security.kubernetes.io/warn`. @default PodSecurityLevel.RESTRICTED */
  readonly warnLevel?: PodSecurityLevel;
  /** Policy version for all three modes (`v1.N` or `latest`). @default DEFAULT_POD_SECURITY_VERSION ('v1.26') */
  readonly podSecurityVersion?: string;
  /** Create the default-deny (ingress and egress) policy. @default true */
  readonly defaultDeny?: boolean;
  /** Allow DNS egress to the cluster DNS; only meaningful with defaultDeny. @default true */
  readonly allowDns?: boolean;
  /** NodeLocal DNSCache addresses for the DNS rule. @default DEFAULT_NODE_LOCAL_DNS_IPS (['169.254.25.10']) */
  readonly nodeLocalDnsIps?: readonly string[];
}

/** Options of {@link RestrictedNamespace.allowIngress} and {@link RestrictedNamespace.allowEgress}. */
export interface AllowRuleOptions {
  /** Pods in this namespace the rule applies to. @default - every pod of the namespace */
  readonly podLabels?: Labels;
  /** The other side. */
  readonly peers: readonly NetworkPeer[];
  /** @default - every port */
  readonly ports?: readonly NetworkPolicyPort[];
}

/**
 * A namespace under the restricted Pod Security level with default-deny networking and DNS allowed.
 * Allow rules are added with {@link allowIngress} / {@link allowEgress}.
 */
export class RestrictedNamespace extends Construct {
  /** Name of the namespace. */
  public readonly name: string;
  /** The Namespace object, carrying the Pod Security labels. */
  public readonly namespace: k8s.KubeNamespace;

  constructor(scope: Construct, id: string, props: RestrictedNamespaceProps = {}) {
    super(scope, id);
    this.name = props.name ?? id;
    const version = props.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;
    const v = new Validator();
    checkName(v, 'name', this.name);
    if (!POD_SECURITY_VERSION_PATTERN.test(version)) {
      v.add('podSecurityVersion', version, "must be 'latest' or 'v1.N' (for example v1.26)");
    }
    if (props.allowDns === true && props.defaultDeny === false) {
      v.add('allowDns', props.allowDns, 'only makes sense with defaultDeny (without it every egress is already allowed)');
    }
    v.throwIfAny(`Invalid RestrictedNamespace props (${this.node.path})`);

    const enforce = props.enforceLevel ?? DEFAULT_POD_SECURITY_LEVEL;
    const audit = props.auditLevel ?? DEFAULT_POD_SECURITY_LEVEL;
    const warn = props.warnLevel ?? DEFAULT_POD_SECURITY_LEVEL;
    this.namespace = markClusterScoped(
      new k8s.KubeNamespace(this, 'Resource', {
        metadata: {
          name: this.name,
          labels: {
            ...props.labels,
            'pod-security.kubernetes.io/enforce': enforce,
            'pod-security.kubernetes.io/enforce-version': version,
            'pod-security.kubernetes.io/audit': audit,
            'pod-security.kubernetes.io/audit-version': version,
            'pod-security.kubernetes.io/warn': warn,
            'pod-security.kubernetes.io/warn-version': version,
          },
        },
      }),
    );

    const defaultDeny = props.defaultDeny ?? true;
    if (defaultDeny) {
      new DefaultDenyPolicy(this, 'DefaultDeny', { namespace: this.name });
      if (props.allowDns ?? true) {
        new DnsEgressPolicy(this, 'DnsEgress', { namespace: this.name, nodeLocalDnsIps: props.nodeLocalDnsIps });
      }
    }
  }

  /** Allows traffic into pods of this namespace. */
  public allowIngress(id: string, options: AllowRuleOptions): AllowTrafficPolicy {
    return this.allow(id, TrafficDirection.INGRESS, options);
  }

  /** Allows traffic out of pods of this namespace. */
  public allowEgress(id: string, options: AllowRuleOptions): AllowTrafficPolicy {
    return this.allow(id, TrafficDirection.EGRESS, options);
  }

  private allow(id: string, direction: TrafficDirection, options: AllowRuleOptions): AllowTrafficPolicy {
    return new AllowTrafficPolicy(this, id, {
      namespace: this.name,
      name: `allow-${id.toLowerCase()}`,
      direction,
      podLabels: options.podLabels,
      peers: options.peers,
      ports: options.ports,
    });
  }
}
