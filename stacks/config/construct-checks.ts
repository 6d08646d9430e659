/**
 * The constructs' own prop checks, run in the config layer on the values config gives them, so
 * a value the schema lets through but a construct refuses fails before any resource is
 * registered, and under the user's config key (`platform:devtools.gitlabUrl`), not the prop's.
 */
import { ValidationError, ValidationIssue } from '../../constructs/lib/validation';
import { planVSwitches } from '../../constructs/alicloud/network/plan';
import { planNodeAddresses } from '../../constructs/alicloud/node-pool/addresses';
import { DEFAULT_DEVTOOLS_IMAGES, devToolsCloudInitIssues } from '../../constructs/alicloud/devtools-host/cloud-init';
import {
  DEFAULT_EIP_BANDWIDTH_MBPS,
  DEFAULT_GIT_SSH_PORT,
  DEFAULT_SYSTEM_DISK_GIB,
  DEFAULT_TIMEZONE,
} from '../../constructs/alicloud/devtools-host/defaults';
import { devToolsHostIssues } from '../../constructs/alicloud/devtools-host/validate';
import type { NetworkSpec } from './network';
import type { DevtoolsSpec } from './shared';

/**
 * Renames a construct's issue keys to config keys: `props` maps a prop (the first part of the
 * issue key) to its config key; props config does not set keep `fallback`.
 */
export function underConfigKeys(
  issues: readonly ValidationIssue[],
  props: Readonly<Record<string, string>>,
  fallback: string,
): ValidationIssue[] {
  return issues.map((issue) => {
    const prop = /^[A-Za-z0-9_]+/.exec(issue.key)?.[0] ?? '';
    const configKey = props[prop];
    return { ...issue, key: configKey !== undefined ? `${configKey}${issue.key.slice(prop.length)}` : `${fallback} (${issue.key})` };
  });
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
      gitSshPort: devtools.gitSshPort ?? DEFAULT_GIT_SSH_PORT,
      timezone: DEFAULT_TIMEZONE,
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
          systemDiskSize: DEFAULT_SYSTEM_DISK_GIB,
          dataDiskSize: devtools.dataDiskGiB,
          eipBandwidthMbps: DEFAULT_EIP_BANDWIDTH_MBPS,
        }),
      );
    }
  }
  return underConfigKeys(issues, props, key('devtools'));
}
