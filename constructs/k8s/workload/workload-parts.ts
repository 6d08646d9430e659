import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Labels } from '../common';
import { toPolicyPeer } from '../network-policies';

/** A port a workload's Service exposes. */
export interface ServicePortSpec {
  readonly name: string;
  readonly port: number;
  /** Only reachable between replicas (cluster traffic), not through the client Service. */
  readonly peerOnly?: boolean;
}

interface Meta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Labels;
}

export function createConfigMap(scope: Construct, meta: Meta, data: Readonly<Record<string, string>>): k8s.KubeConfigMap {
  return new k8s.KubeConfigMap(scope, 'Config', {
    metadata: { name: `${meta.name}-config`, namespace: meta.namespace, labels: { ...meta.labels } },
    data: { ...data },
  });
}

/** A ClusterIP Service (or, with `headless`, the governing Service of a StatefulSet). */
export function createService(
  scope: Construct,
  id: string,
  meta: Meta,
  selector: Labels,
  ports: readonly ServicePortSpec[],
  headless = false,
): k8s.KubeService {
  return new k8s.KubeService(scope, id, {
    metadata: { name: headless ? `${meta.name}-headless` : meta.name, namespace: meta.namespace, labels: { ...meta.labels } },
    spec: {
      clusterIp: headless ? 'None' : undefined,
      // Peers must find each other before they are ready, or a cluster never forms.
      publishNotReadyAddresses: headless ? true : undefined,
      selector: { ...selector },
      ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromString(p.name), protocol: 'TCP' })),
    },
  });
}

/** Keeps all but one replica up during voluntary disruptions; only created for more than one replica. */
export function createDisruptionBudget(
  scope: Construct,
  meta: Meta,
  selector: Labels,
  replicas: number,
): k8s.KubePodDisruptionBudget | undefined {
  if (replicas <= 1) {
    return undefined;
  }
  return new k8s.KubePodDisruptionBudget(scope, 'Pdb', {
    metadata: { name: meta.name, namespace: meta.namespace, labels: { ...meta.labels } },
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(1),
      selector: { matchLabels: { ...selector } },
      // unhealthyPodEvictionPolicy would be better, but it is alpha (feature-gated) in v1.26.
    },
  });
}

/**
 * Lets replicas reach each other on their cluster ports in a default-deny namespace; only created for more than
 * one replica.
 */
export function createPeerPolicy(
  scope: Construct,
  meta: Meta,
  selector: Labels,
  replicas: number,
  ports: readonly number[],
): k8s.KubeNetworkPolicy | undefined {
  if (replicas <= 1 || ports.length === 0) {
    return undefined;
  }
  const peer = toPolicyPeer({ podLabels: selector });
  const policyPorts = ports.map((port) => ({ port: k8s.IntOrString.fromNumber(port), protocol: 'TCP' }));
  return new k8s.KubeNetworkPolicy(scope, 'PeerPolicy', {
    metadata: { name: `${meta.name}-peers`, namespace: meta.namespace, labels: { ...meta.labels } },
    spec: {
      podSelector: { matchLabels: { ...selector } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [peer], ports: policyPorts }],
      egress: [{ to: [peer], ports: policyPorts }],
    },
  });
}
