/**
 * Host and topology rules: addresses, names, roles, etcd quorum and the control-plane endpoint.
 * Split from `validate.ts` only to keep files short; `validateKubeKeyInput` is the entry point.
 */
import { cidrContainsIp, parseCidr, parseIpv4, type Validator } from '../core';
import type { ResolvedKubeKeyInput } from './defaults';
import { HOST_ROLES, type HostRole } from './types';

/** KubeKey's own message (kubekey PR #581); quoted so users can search for it. */
export const HAPROXY_WITH_ADDRESS_MESSAGE = 'You cannot set up the internal load balancer and the LB address at the same time.';

// Node names become Kubernetes object names: DNS-1123 subdomain.
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export function isDnsSubdomain(text: string): boolean {
  return DNS_SUBDOMAIN.test(text);
}

export function validateHosts(r: ResolvedKubeKeyInput, v: Validator): void {
  if (r.hosts.length === 0) {
    v.add('hosts', r.hosts, 'must list at least one host');
    return;
  }
  r.hosts.forEach((h, i) => {
    const key = `hosts[${i}]`;
    if (typeof h.name !== 'string' || !isDnsSubdomain(h.name)) {
      v.add(`${key}.name`, h.name, 'must be a lowercase DNS-1123 subdomain (it becomes the node name)');
    }
    if (typeof h.internalAddress !== 'string' || parseIpv4(h.internalAddress) === undefined) {
      v.add(`${key}.internalAddress`, h.internalAddress, 'is not a valid IPv4 address');
    }
    if (h.addressGiven && (typeof h.address !== 'string' || parseIpv4(h.address) === undefined)) {
      v.add(`${key}.address`, h.address, 'is not a valid IPv4 address');
    }
    validateRoles(h.roles, `${key}.roles`, v);
    for (const [name, value] of Object.entries(h.labels ?? {})) {
      if (!LABEL_KEY.test(name) || typeof value !== 'string' || !LABEL_VALUE.test(value)) {
        v.add(`${key}.labels.${name}`, value, 'is not a valid Kubernetes label (key [prefix/]name, value up to 63 of [A-Za-z0-9_.-])');
      }
    }
  });
  reportDuplicates(r, v);
}

function validateRoles(roles: readonly HostRole[], key: string, v: Validator): void {
  if (!Array.isArray(roles) || roles.length === 0) {
    v.add(key, roles, `must name at least one role (${HOST_ROLES.join(', ')})`);
    return;
  }
  roles.forEach((role, j) => {
    if (!HOST_ROLES.includes(role)) {
      v.add(`${key}[${j}]`, role, `is not a role (allowed: ${HOST_ROLES.join(', ')})`);
    } else if (roles.indexOf(role) !== j) {
      v.add(`${key}[${j}]`, role, 'is listed twice');
    }
  });
}

function reportDuplicates(r: ResolvedKubeKeyInput, v: Validator): void {
  const firstIndex = (values: readonly string[], i: number): number => values.indexOf(values[i]);
  const names = r.hosts.map((h) => h.name);
  const internals = r.hosts.map((h) => h.internalAddress);
  const addresses = r.hosts.map((h) => h.address);
  r.hosts.forEach((h, i) => {
    if (firstIndex(names, i) !== i) {
      v.add(`hosts[${i}].name`, h.name, `duplicates hosts[${firstIndex(names, i)}].name`);
    }
    if (firstIndex(internals, i) !== i) {
      v.add(`hosts[${i}].internalAddress`, h.internalAddress, `duplicates hosts[${firstIndex(internals, i)}].internalAddress`);
    }
    // An omitted address is a copy of internalAddress, already reported above; report a given one
    // when another host (given or defaulted) SSHes to the same place, once per pair.
    if (h.addressGiven) {
      const other = addresses.findIndex((a, j) => j !== i && a === h.address && (j < i || !r.hosts[j].addressGiven));
      if (other !== -1) {
        v.add(`hosts[${i}].address`, h.address, `is also the SSH address of hosts[${other}]`);
      }
    }
  });
}

/** Host addresses must not sit inside the pod or service CIDR, where they would be routed to pods. */
export function validateHostsOutsideClusterCidrs(r: ResolvedKubeKeyInput, v: Validator): void {
  const cidrs = [
    { key: 'network.kubePodsCIDR', text: r.network.kubePodsCIDR },
    { key: 'network.kubeServiceCIDR', text: r.network.kubeServiceCIDR },
  ];
  for (const { key, text } of cidrs) {
    const cidr = typeof text === 'string' ? parseCidr(text) : 'missing';
    if (typeof cidr === 'string') {
      continue; // reported by the CIDR rules
    }
    r.hosts.forEach((h, i) => {
      const ip = typeof h.internalAddress === 'string' ? parseIpv4(h.internalAddress) : undefined;
      if (ip !== undefined && cidrContainsIp(cidr, ip)) {
        v.add(`hosts[${i}].internalAddress`, h.internalAddress, `lies inside ${key} ${text}`);
      }
    });
  }
}

/** etcd quorum, control-plane count and, for HA, a load-balanced endpoint. */
export function validateTopology(r: ResolvedKubeKeyInput, v: Validator): void {
  const count = (role: HostRole): number => r.hosts.filter((h) => Array.isArray(h.roles) && h.roles.includes(role)).length;
  const etcd = count('etcd');
  const controlPlanes = count('control-plane');
  const ha = r.requireHighAvailability;
  if (r.hosts.length === 0) {
    return; // reported once, on `hosts`
  }
  const etcdHosts = `hosts (role etcd)`;
  if (etcd < 1 || etcd % 2 === 0) {
    v.add(etcdHosts, etcd, 'etcd hosts; must be an odd number of at least 1 (an even count adds no fault tolerance)');
  } else if (ha && etcd < 3) {
    v.add(etcdHosts, etcd, 'etcd hosts; requireHighAvailability needs at least 3 to keep quorum after losing one');
  }
  if (controlPlanes < 1) {
    v.add('hosts (role control-plane)', controlPlanes, 'control-plane hosts; at least 1 is required');
  } else if (ha && controlPlanes < 2) {
    v.add('hosts (role control-plane)', controlPlanes, 'control-plane hosts; requireHighAvailability needs at least 2');
  }
  // Several control planes with neither an internal load balancer nor an address cannot reach
  // validation: the defaults give them haproxy (defaultInternalLoadbalancer).
}

export function validateControlPlaneEndpoint(r: ResolvedKubeKeyInput, v: Validator): void {
  const cpe = r.controlPlaneEndpoint;
  const lbs = ['haproxy', 'kube-vip'];
  if (cpe.internalLoadbalancer !== undefined && !lbs.includes(cpe.internalLoadbalancer)) {
    v.add('controlPlaneEndpoint.internalLoadbalancer', cpe.internalLoadbalancer, `is not supported (allowed: ${lbs.join(', ')})`);
  }
  if (typeof cpe.address !== 'string' || (cpe.address !== '' && parseIpv4(cpe.address) === undefined)) {
    // KubeKey writes `<address> <domain>` into /etc/hosts, so only an IP works here.
    v.add('controlPlaneEndpoint.address', cpe.address, 'must be empty or an IPv4 address');
  } else if (cpe.internalLoadbalancer === 'haproxy' && cpe.address !== '') {
    v.add(
      'controlPlaneEndpoint.address',
      cpe.address,
      `must be empty with internalLoadbalancer haproxy: KubeKey refuses it ("${HAPROXY_WITH_ADDRESS_MESSAGE}"). ` +
        'Put an SLB for external clients into kubernetes.apiserverCertExtraSans instead',
    );
  } else if (cpe.internalLoadbalancer === 'kube-vip' && cpe.address === '') {
    v.add('controlPlaneEndpoint.address', cpe.address, 'must be the virtual IP with internalLoadbalancer kube-vip');
  }
  if (typeof cpe.domain !== 'string' || !isDnsSubdomain(cpe.domain)) {
    v.add('controlPlaneEndpoint.domain', cpe.domain, 'must be a lowercase DNS name');
  }
  validatePort(cpe.port, 'controlPlaneEndpoint.port', v);
}

export function validatePort(port: unknown, key: string, v: Validator): void {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    v.add(key, port, 'must be an integer port from 1 to 65535');
  }
}
