/** The `shared` stack: the network, NAS, the OSS + CDN site and the dev-tools host (GitLab, Mantis). */
import { DevToolsHost } from '../constructs/alicloud/devtools-host';
import { NasStorage } from '../constructs/alicloud/nas-storage';
import { Network } from '../constructs/alicloud/network';
import { planNodeAddresses } from '../constructs/alicloud/node-pool/addresses';
import { OssCdnSite } from '../constructs/alicloud/oss-cdn-site';
import { StackResult } from '../constructs/offline/evaluate';
import { SharedSpec } from './config';
import { SharedOutputs } from './shared-outputs';

/** The dev-tools host's planned address, also checked against the cluster nodes' addresses offline. */
export function devtoolsAddress(spec: SharedSpec, vswitchCidr: string): string {
  const devtools = spec.devtools!;
  return planNodeAddresses({ vswitches: [{ zone: devtools.zone, cidr: vswitchCidr }], count: 1, namePrefix: 'devtools', addressOffset: devtools.addressOffset })[0].privateIp;
}

export async function sharedProgram(spec: SharedSpec): Promise<StackResult> {
  const tags = { project: spec.project, stack: spec.stack };
  const network = new Network(spec.project, {
    vpcCidr: spec.network.vpcCidr,
    zones: spec.network.zones,
    vswitchPrefixLength: spec.network.vswitchPrefixLength,
    securityGroups: spec.network.securityGroups,
    // The nodes have no public address: without NAT, KubeKey cannot download its binaries and no
    // node can pull an image. The cluster stacks install only after this stack is up (they read
    // it through a StackReference), so the SNAT entries exist by then.
    natGateway: spec.network.natGateway,
    tags,
  });
  const vswitchIn = (zone: string | undefined) => network.vswitches.find((v) => v.zone === (zone ?? network.vswitches[0].zone));
  const outputs: { -readonly [K in keyof SharedOutputs]: unknown } = {
    network: {
      vpcId: network.vpc.id,
      vpcCidr: network.vpcCidr,
      vswitches: network.vswitches.map((v) => ({ zone: v.zone, cidr: v.cidr, id: v.vswitch.id })),
      securityGroupIds: Object.fromEntries(Object.entries(network.securityGroups).map(([k, sg]) => [k, sg.id])),
      egressIp: network.egressIp ?? null,
    },
  };

  if (spec.nas) {
    const vswitch = requireVSwitch(vswitchIn(spec.nas.zone), 'nas.zone', spec.nas.zone);
    const nas = new NasStorage(`${spec.project}-data`, {
      vpc: { id: network.vpc.id, cidr: network.vpcCidr },
      vswitch: { id: vswitch.vswitch.id, cidr: vswitch.cidr, zone: vswitch.zone },
      storageType: spec.nas.storageType,
      squash: spec.nas.squash,
      recycleBinDays: spec.nas.recycleBinDays,
      description: 'Business and middleware data - the NAS storage class',
      tags,
    });
    outputs.nas = { fileSystemId: nas.fileSystemId, mountDomain: nas.mountDomain };
  }

  if (spec.site) {
    const site = new OssCdnSite(`${spec.project}-site`, {
      bucketName: spec.site.bucketName,
      domainName: spec.site.domainName,
      certificateId: spec.site.certificateId,
      httpsEnabled: spec.site.httpsEnabled,
      scope: spec.site.scope,
      redundancyType: spec.site.redundancyType,
      lifecycle: { noncurrentVersionExpirationDays: spec.site.noncurrentVersionExpirationDays },
      tags,
    });
    outputs.site = { bucketName: site.bucketName, domainName: site.domainName, cdnCname: site.cdnCname };
  }

  if (spec.devtools) {
    const d = spec.devtools;
    const vswitch = requireVSwitch(vswitchIn(d.zone), 'devtools.zone', d.zone);
    const host = new DevToolsHost(`${spec.project}-devtools`, {
      vswitch: { id: vswitch.vswitch.id, cidr: vswitch.cidr, zone: vswitch.zone },
      securityGroupId: network.securityGroups[d.securityGroup].id,
      privateIp: devtoolsAddress(spec, vswitch.cidr),
      instanceType: d.instanceType,
      imageId: d.imageId,
      keyPairName: d.keyPairName,
      gitlabUrl: d.gitlabUrl,
      mantisUrl: d.mantisUrl,
      publicIngressCidrs: d.publicIngressCidrs,
      adminCidrs: d.adminCidrs,
      // The clusters (Jenkins agents, image builds) reach GitLab and Mantis inside the VPC.
      internalCidrs: [network.vpcCidr],
      privateDns: d.privateDns ? { vpcId: network.vpc.id } : undefined,
      dataDiskSize: d.dataDiskGiB,
      gitSshPort: d.gitSshPort,
      tags,
    });
    outputs.devtools = { privateIp: host.privateIp, publicIp: host.publicIp };
  }
  return { outputs };
}

function requireVSwitch<T>(found: T | undefined, key: string, zone: string | undefined): T {
  if (found === undefined) {
    // The offline run checks this up front; this guards `pulumi up` on hand-edited config.
    throw new Error(`platform:${key} '${zone}' is not one of the network's zones`);
  }
  return found;
}
