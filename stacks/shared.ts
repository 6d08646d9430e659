/** The `shared` stack: the network, NAS, the OSS + CDN site, the backup bucket and the dev-tools host (GitLab, Mantis). */
import { BackupBucket, DevToolsHost, NasBackup, DEFAULT_NAS_SQUASH, NasStorage, Network, OssCdnSite } from '../constructs';
import type { StackResult } from '../constructs/core';
import { SharedSpec } from './config';
import { devtoolsAddress } from './config/cross-stack';
import { BACKUP_PREFIXES, SharedNasOutputs, SharedOutputs } from './shared-outputs';
import { nasComponentName } from './shared-names';

export { nasComponentName };

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
    const nasSpec = spec.nas;
    const vswitch = requireVSwitch(vswitchIn(nasSpec.zone), 'nas.zone', nasSpec.zone);
    const squash = nasSpec.squash ?? DEFAULT_NAS_SQUASH;
    const perCluster = nasSpec.clusters.map((cluster) => {
      const nas = new NasStorage(nasComponentName(spec.project, cluster, nasSpec.existingFileSystemFor), {
        vpc: { id: network.vpc.id, cidr: network.vpcCidr },
        vswitch: { id: vswitch.vswitch.id, cidr: vswitch.cidr, zone: vswitch.zone },
        storageType: nasSpec.storageType,
        squash,
        recycleBinDays: nasSpec.recycleBinDays,
        // Nobody mounts until the cluster's stack admits its own nodes, one /32 each: no other
        // cluster, no other host of the VPC (GitLab faces the internet) reaches this data.
        clientCidrs: [],
        description: `Business and middleware data of cluster ${cluster}`,
        tags: { ...tags, cluster },
      });
      if (spec.backup) {
        // General-purpose NAS has no snapshots: Cloud Backup keeps copies outside the file system.
        new NasBackup(`${spec.project}-${cluster}-data-backup`, {
          fileSystemId: nas.fileSystemId,
          retentionDays: spec.backup.nas.retentionDays,
          intervalHours: spec.backup.nas.intervalHours,
        });
      }
      const out: { [K in keyof SharedNasOutputs]: unknown } = {
        fileSystemId: nas.fileSystemId,
        mountDomain: nas.mountDomain,
        accessGroupName: nas.accessGroup.accessGroupName,
        squash,
      };
      return [cluster, out] as const;
    });
    outputs.nas = Object.fromEntries(perCluster);
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

  if (spec.backup) {
    const b = spec.backup;
    const backups = new BackupBucket(`${spec.project}-backups`, {
      bucketName: b.bucketName,
      redundancyType: b.redundancyType,
      retention: [
        { prefix: BACKUP_PREFIXES.mysql, days: b.retentionDays.mysql },
        { prefix: BACKUP_PREFIXES.etcd, days: b.retentionDays.etcd },
        // Velero expires its own backups (each Schedule's TTL) and keeps an index of them.
        { prefix: BACKUP_PREFIXES.velero },
      ],
      noncurrentVersionExpirationDays: b.noncurrentVersionDays,
      tags,
    });
    outputs.backup = { bucketName: backups.bucketName, intranetEndpoint: backups.intranetEndpoint };
  }

  if (spec.devtools) {
    const d = spec.devtools;
    const vswitch = requireVSwitch(vswitchIn(d.zone), 'devtools.zone', d.zone);
    const host = new DevToolsHost(`${spec.project}-devtools`, {
      vswitch: { id: vswitch.vswitch.id, cidr: vswitch.cidr, zone: vswitch.zone },
      securityGroupId: network.securityGroups[d.securityGroup].id,
      privateIp: devtoolsAddress(d, vswitch.cidr),
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
    // null until the key is set (it exists only once the host does); offline, a placeholder.
    outputs.devtools = { privateIp: host.privateIp, publicIp: host.publicIp, sshHostKey: d.sshHostKey ?? null };
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
