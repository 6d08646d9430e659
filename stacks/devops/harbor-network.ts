/**
 * The NetworkPolicies of Harbor's namespace, like every other namespace of the platform: default deny,
 * DNS, Harbor's components among themselves, the way in (the KubeSphere gateway, or the node port), and
 * HTTPS out (Trivy's vulnerability database, replication and webhooks).
 */
import { App, Chart } from 'cdk8s';
import { AllowTrafficPolicy, DefaultDenyPolicy, DnsEgressPolicy, TrafficDirection } from '../../constructs/k8s';
import { HarborInstallSpec } from '../config/devops';
// KubeSphere 3.4's gateways (`kubesphere-router-<namespace>` Deployments) run there: the ingress-nginx that serves Harbor's Ingress
import { KUBESPHERE_GATEWAY_NAMESPACE } from '../workloads/names';
/** Container port of harbor-core and harbor-portal (the Ingress backends) without internal TLS. */
export const HARBOR_HTTP_PORT = 8080;
/** Container ports of harbor-nginx, the node-port entry point (HTTP redirects to HTTPS). */
export const HARBOR_NGINX_PORTS: readonly number[] = [8080, 8443];
/** Labels harbor-helm puts on its nginx pods (`component: nginx`, with `release`). */
const HARBOR_NGINX_POD_LABELS = { component: 'nginx' };
const HTTPS_PORT = 443;
const ANYWHERE = '0.0.0.0/0';

/** A Kubernetes object as cdk8s writes it. */
export interface HarborNetworkObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

/** The policies, as plain objects for a ConfigGroup. */
export function harborNetworkPolicies(install: Pick<HarborInstallSpec, 'namespace' | 'expose'>): HarborNetworkObject[] {
  const chart = new Chart(new App(), 'harbor-network', { namespace: install.namespace });
  new DefaultDenyPolicy(chart, 'deny');
  new DnsEgressPolicy(chart, 'dns');
  const ownPods = [{ namespace: install.namespace }];
  // core, portal, registry, jobservice, database, redis and trivy call each other on many ports
  new AllowTrafficPolicy(chart, 'internal-in', {
    name: 'allow-harbor-internal-ingress',
    direction: TrafficDirection.INGRESS,
    peers: ownPods,
  });
  new AllowTrafficPolicy(chart, 'internal-out', {
    name: 'allow-harbor-internal-egress',
    direction: TrafficDirection.EGRESS,
    peers: ownPods,
  });
  if (install.expose === 'ingress') {
    new AllowTrafficPolicy(chart, 'gateway', {
      name: 'allow-harbor-from-gateway',
      direction: TrafficDirection.INGRESS,
      peers: [{ namespace: KUBESPHERE_GATEWAY_NAMESPACE }],
      ports: [{ port: HARBOR_HTTP_PORT }],
    });
  } else {
    // a node port's clients arrive with their own (or a node's) address: nodes, CI runners, laptops
    new AllowTrafficPolicy(chart, 'node-port', {
      name: 'allow-harbor-node-port',
      direction: TrafficDirection.INGRESS,
      podLabels: HARBOR_NGINX_POD_LABELS,
      peers: [{ cidr: ANYWHERE }],
      ports: HARBOR_NGINX_PORTS.map((port) => ({ port })),
    });
  }
  new AllowTrafficPolicy(chart, 'https-out', {
    name: 'allow-harbor-https-egress',
    direction: TrafficDirection.EGRESS,
    peers: [{ cidr: ANYWHERE }],
    ports: [{ port: HTTPS_PORT }],
  });
  return chart.toJson() as HarborNetworkObject[];
}
