/**
 * The constructs' own prop checks, run in the config layer on the values config gives them, so
 * a value the schema lets through but a construct refuses fails before any resource is
 * registered, and under the user's config key (`platform:devtools.gitlabUrl`), not the prop's.
 */
import { ValidationError, ValidationIssue } from '../../constructs/core';
import {
  planVSwitches,
  planNodeAddresses,
  DEFAULT_DEVTOOLS_IMAGES,
  devToolsCloudInitIssues,
  DEFAULT_DEVTOOLS_EIP_BANDWIDTH_MBPS,
  DEFAULT_DEVTOOLS_GIT_SSH_PORT,
  DEFAULT_DEVTOOLS_SYSTEM_DISK_GIB,
  DEFAULT_DEVTOOLS_TIMEZONE,
  devToolsHostIssues,
  ZONE_LABEL,
  resolveNodePoolSpec,
  resolveApiServerLb,
} from '../../constructs/alicloud/plan';
import { validateDevOpsProjectProps } from '../../constructs/k8s';
import { prepareKubeKeyInput } from '../../constructs/kubekey';
import type { NetworkSpec } from './network';
import type { DevtoolsSpec } from './shared';
import type { ClusterSpec } from './spec';
import type { PlannedPool } from './cluster-checks';
import { EtcdShippingTarget, catalogueServices, devopsProjectProps, kubeKeyInput, nodePoolSecurityGroups } from './construct-props';

/**
 * Renames a construct's issue keys to config keys: `props` maps a prop path (`labels`,
 * `systemDisk.sizeGiB`, `services[0].branch`) to its config key; the longest path that starts the
 * issue key wins and the rest of the key is kept. Props config does not set keep `fallback`.
 */
export function underConfigKeys(
  issues: readonly ValidationIssue[],
  props: Readonly<Record<string, string>>,
  fallback: string,
): ValidationIssue[] {
  const paths = Object.keys(props).sort((a, b) => b.length - a.length);
  return issues.map((issue) => {
    const prop = paths.find((p) => issue.key === p || issue.key.startsWith(`${p}.`) || issue.key.startsWith(`${p}[`));
    return { ...issue, key: prop !== undefined ? `${props[prop]}${issue.key.slice(prop.length)}` : `${fallback} (${issue.key})` };
  });
}

/** The issues a construct's throwing validator reports (its ValidationError), or none. */
function issuesOf(validate: () => unknown): ValidationIssue[] {
  try {
    validate();
    return [];
  } catch (err) {
    if (err instanceof ValidationError) {
      return [...err.issues];
    }
    throw err;
  }
}

/** What `DevToolsHost` would refuse, from `platform:devtools` and `platform:network`. */
export function devtoolsConstructIssues(devtools: DevtoolsSpec, network: NetworkSpec, key: (k: string) => string): ValidationIssue[] {
  const at = (k: string) => key(`devtools.${k}`);
  const props = {
    gitlabUrl: at('gitlabUrl'),
    mantisUrl: at('mantisUrl'),
    gitSshPort: at('gitSshPort'),
    privateIp: at('addressOffset'),
    imageId: at('imageId'),
    keyPairName: at('keyPairName'),
    publicIngressCidrs: at('publicIngressCidrs'),
    adminCidrs: at('adminCidrs'),
    dataDiskSize: at('dataDiskGiB'),
  };
  const issues = [
    ...devToolsCloudInitIssues({
      gitlabUrl: devtools.gitlabUrl,
      mantisUrl: devtools.mantisUrl,
      gitSshPort: devtools.gitSshPort ?? DEFAULT_DEVTOOLS_GIT_SSH_PORT,
      timezone: DEFAULT_DEVTOOLS_TIMEZONE,
      images: DEFAULT_DEVTOOLS_IMAGES,
    }),
  ];
  // The zone is checked against the network elsewhere; without its vSwitch there is no address to check.
  const vswitch = planVSwitches(network).find((v) => v.zone === devtools.zone);
  if (vswitch !== undefined) {
    let privateIp: string | undefined;
    try {
      privateIp = planNodeAddresses({ vswitches: [vswitch], count: 1, namePrefix: 'devtools', addressOffset: devtools.addressOffset })[0]
        .privateIp;
    } catch (err) {
      if (!(err instanceof ValidationError)) {
        throw err;
      }
      issues.push(...err.issues.map((i) => ({ ...i, key: 'privateIp' })));
    }
    if (privateIp !== undefined) {
      issues.push(
        ...devToolsHostIssues({
          vswitchCidr: vswitch.cidr,
          privateIp,
          imageId: devtools.imageId,
          keyPairName: devtools.keyPairName,
          publicIngressCidrs: devtools.publicIngressCidrs,
          adminCidrs: devtools.adminCidrs,
          internalCidrs: [network.vpcCidr],
          systemDiskSize: DEFAULT_DEVTOOLS_SYSTEM_DISK_GIB,
          dataDiskSize: devtools.dataDiskGiB,
          eipBandwidthMbps: DEFAULT_DEVTOOLS_EIP_BANDWIDTH_MBPS,
        }),
      );
    }
  }
  return underConfigKeys(issues, props, key('devtools'));
}

/** What `NodePool` would refuse, from each of `platform:nodePools` and `platform:cluster`. */
export function nodePoolConstructIssues(spec: ClusterSpec, key: (k: string) => string): ValidationIssue[] {
  return spec.nodePools.flatMap((pool, i) => {
    const at = (k: string) => key(`nodePools[${i}].${k}`);
    const props = {
      count: at('count'),
      instanceType: at('instanceType'),
      roles: at('roles'),
      labels: at('labels'),
      securityGroupIds: key('cluster.securityGroups'),
      imageId: at('imageId'),
      keyName: key('cluster.ssh.keyPairName'),
      'systemDisk.sizeGiB': at('systemDiskGiB'),
      'dataDisks[0].sizeGiB': at('dataDiskGiB'),
    };
    const issues = issuesOf(() =>
      resolveNodePoolSpec({
        count: pool.count,
        instanceType: pool.instanceType,
        roles: pool.roles,
        labels: pool.labels,
        securityGroupCount: nodePoolSecurityGroups(spec, pool).length,
        imageId: pool.imageId,
        keyName: spec.cluster.ssh.keyPairName,
        systemDisk: { sizeGiB: pool.systemDiskGiB },
        dataDisks: [{ sizeGiB: pool.dataDiskGiB }],
      }),
    );
    return underConfigKeys(issues, props, key(`nodePools[${i}]`));
  });
}

/** What `ApiServerLoadBalancer` would refuse, from `platform:apiServer` and the control-plane pools. */
export function apiServerConstructIssues(spec: ClusterSpec, key: (k: string) => string): ValidationIssue[] {
  const lb = spec.apiServer?.loadBalancer;
  if (lb === undefined) {
    return [];
  }
  const nodes = spec.nodePools
    .filter((p) => p.roles.includes('control-plane'))
    .flatMap((p) => Array.from({ length: p.count }, (_, n) => ({ name: `${p.name}-${n + 1}`, roles: p.roles })));
  const props = {
    allowedCidrs: key('apiServer.loadBalancer.allowedCidrs'),
    vswitchId: key('apiServer.loadBalancer.addressType'),
    controlPlaneNodes: key('nodePools'),
  };
  // The stack gives an intranet SLB a vSwitch of the network, and an internet one none.
  const issues = issuesOf(() =>
    resolveApiServerLb({ nodes, allowedCidrs: lb.allowedCidrs, addressType: lb.addressType, hasVSwitch: lb.addressType === 'intranet' }),
  );
  return underConfigKeys(issues, props, key('apiServer'));
}

/** What `DevOpsProject` would refuse, from `platform:devops`, `platform:harbor` and the catalogue. */
export function devopsConstructIssues(spec: ClusterSpec, key: (k: string) => string): ValidationIssue[] {
  const { devops, harbor } = spec;
  if (devops === undefined || harbor === undefined) {
    return [];
  }
  const services = catalogueServices(spec);
  const props: Record<string, string> = {
    name: key('devops.project'),
    workspace: key('devops.workspace'),
    gitlabUrl: key('devops.gitlabUrl'),
    harborHost: key('harbor.host'),
    harborProject: key('harbor.project'),
    harborCredentialId: key('devops.credentials.harbor'),
    gitlabCredentialId: key('devops.credentials.gitlab'),
    tokenCredentialId: key('devops.credentials.webhookToken'),
    wecomCredentialId: key('devops.credentials.wecom'),
  };
  services.forEach((service, i) => {
    const at = `services[${i}]`;
    props[`${at}.name`] = key(`services[${i}].name`);
    props[`${at}.repository`] = key(
      devops.repositories[service.name] !== undefined ? `devops.repositories.${service.name}` : 'devops.gitlabGroup',
    );
    props[`${at}.branch`] = key('devops.branch');
    props[`${at}.imageName`] = key(`services[${i}].image`);
    devops.deploy.forEach((_, j) => {
      props[`${at}.deployTargets[${j}]`] = key(`devops.deploy[${j}]`);
      props[`${at}.deployTargets[${j}].namespace`] = key('namespaces.apps');
      props[`${at}.deployTargets[${j}].deployment`] = key(`services[${i}].name`);
    });
  });
  const issues = underConfigKeys(
    issuesOf(() => validateDevOpsProjectProps(devopsProjectProps(devops, harbor, services))),
    props,
    key('devops'),
  );
  // Every service repeats the project's settings (branch, deploy targets): one issue per key and message.
  return issues.filter((issue, i) => issues.findIndex((o) => o.key === issue.key && o.message === issue.message) === i);
}

/**
 * What `KubeSphereCluster` would refuse in the KubeKey documents (`prepareKubeKeyInput`), from the
 * cluster spec and its planned nodes. Needs the shared network: run where `checkPlacement` runs.
 */
export function kubeKeyConstructIssues(
  spec: ClusterSpec,
  pools: readonly PlannedPool[],
  vpcCidr: string,
  key: (k: string) => string,
  etcdShipping?: EtcdShippingTarget,
): ValidationIssue[] {
  const props: Record<string, string> = {
    name: key('cluster.name'),
    'ssh.user': key('cluster.ssh.user'),
    'ssh.privateKeyPath': key('cluster.ssh.privateKeyPath'),
    'kubernetes.version': key('kubernetes.version'),
    'network.kubePodsCIDR': key('kubernetes.podCidr'),
    'network.kubeServiceCIDR': key('kubernetes.serviceCidr'),
    'registry.privateRegistry': key(spec.images !== undefined ? 'images.registry' : 'harbor.host'),
    'registry.namespaceOverride': key('images.registry'),
    'registry.auths[0]': key(spec.harbor !== undefined ? 'harbor.host' : 'images.registry'),
    'registry.auths[1]': key('images.registry'),
    'etcd.backupPeriod': key('backup.etcd.periodMinutes'),
    'etcd.keepBackupNumber': key('backup.etcd.keepBackupNumber'),
    'kubesphere.multicluster': key('kubesphere.multiclusterRole'),
    'kubesphere.loggingBackend': key('kubesphere.logStore'),
  };
  const hosts = pools.flatMap((planned) => {
    const i = spec.nodePools.findIndex((p) => p.name === planned.name);
    const pool = spec.nodePools[i];
    return planned.nodes.map((node) => ({
      i,
      host: { name: node.name, internalAddress: node.privateIp, roles: pool.roles, labels: { ...pool.labels, [ZONE_LABEL]: node.zone } },
    }));
  });
  hosts.forEach(({ i }, h) => {
    props[`hosts[${h}]`] = key(`nodePools[${i}]`);
    props[`hosts[${h}].internalAddress`] = key(`nodePools[${i}].addressOffset`);
  });
  const issues = issuesOf(() => prepareKubeKeyInput({ ...kubeKeyInput(spec, vpcCidr, etcdShipping), hosts: hosts.map((h) => h.host) }));
  const renamed = underConfigKeys(issues, props, key('cluster'));
  // Every node of a pool repeats the pool's labels, and a pool's nodes share its keys: one issue per key.
  return renamed.filter((issue, i) => renamed.findIndex((o) => o.key === issue.key) === i);
}
