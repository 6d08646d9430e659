/** Keys of the `shared` stack besides the network: NAS, the OSS + CDN site, the dev-tools host. */
import { NAS_SQUASH_MODES, NAS_STORAGE_TYPES, CDN_SCOPES, OSS_REDUNDANCY_TYPES } from '../../constructs/alicloud/plan';
import { ZONE_ID } from './regions';
import { type Infer, CLOUD_ID, bool, cidr, int, list, object, oneOf, optional, required, str, withDefault } from './schema';
import { sshHostKey } from './cluster';

const HTTPS_URL = { pattern: /^https?:\/\/[a-z0-9.-]+(:\d+)?\/?$/, patternHint: 'a URL such as https://git.example.com' };

export const nasSchema = object({
  /** Zone of the mount target: one of the network's zones. @default the network's first zone */
  zone: optional(str(ZONE_ID)),
  storageType: withDefault(oneOf(NAS_STORAGE_TYPES), 'Performance'),
  squash: optional(oneOf(NAS_SQUASH_MODES)),
  recycleBinDays: withDefault(int({ min: 1, max: 180 }), 30),
  /**
   * One file system per cluster (`platform:cluster.name` of the cluster stacks), each mountable
   * only by that cluster's nodes: the cluster stack adds one access rule per node.
   */
  clusters: required(
    list(str({ pattern: /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, patternHint: 'a cluster name (platform:cluster.name)' }), {
      minLength: 1,
      unique: (c) => c,
    }),
  ),
  /**
   * The cluster that keeps the file system of the time before per-cluster file systems (resource
   * `<project>-data`), with all its data; the others get new ones (`<project>-<cluster>-data`).
   */
  existingFileSystemFor: optional(str()),
});

export const siteSchema = object({
  bucketName: required(str({ pattern: /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, patternHint: '3-63 lower-case letters, digits and dashes' })),
  domainName: required(str({ pattern: /^([a-z0-9-]+\.)+[a-z]{2,}$/, patternHint: 'a domain name such as files.example.com' })),
  /** The CDN HTTPS certificate, by its Certificate Management Service id. */
  certificateId: optional(str(CLOUD_ID)),
  httpsEnabled: withDefault(bool(), true),
  scope: optional(oneOf(CDN_SCOPES)),
  redundancyType: optional(oneOf(OSS_REDUNDANCY_TYPES)),
  noncurrentVersionExpirationDays: optional(int({ min: 1, max: 3650 })),
});

export const devtoolsSchema = object({
  zone: required(str(ZONE_ID)),
  /** Host index inside the zone's vSwitch of the host's fixed address. */
  addressOffset: required(int({ min: 1, max: 65000 })),
  instanceType: required(str({ pattern: /^ecs\.[a-z0-9-]+\.[a-z0-9]+$/, patternHint: 'an ECS instance type such as ecs.c7.2xlarge' })),
  imageId: required(str({ ...CLOUD_ID, minLength: 3 })),
  /** The jump host's own ECS key pair: no cluster's key opens it. */
  keyPairName: required(str(CLOUD_ID)),
  /**
   * The host's SSH host public key (`/etc/ssh/ssh_host_ed25519_key.pub`), known once it exists:
   * exported to the cluster stacks, whose installs pin it. Required before a cluster installs.
   */
  sshHostKey: optional(sshHostKey(false)),
  /** The network security group the host joins. */
  securityGroup: required(str(CLOUD_ID)),
  gitlabUrl: required(str(HTTPS_URL)),
  mantisUrl: required(str(HTTPS_URL)),
  /** Who reaches GitLab and Mantis (HTTP/HTTPS and Git over SSH). The only rules that may be 0.0.0.0/0. */
  publicIngressCidrs: required(list(cidr(), { minLength: 1 })),
  /** Who may SSH to the host itself. */
  adminCidrs: required(list(cidr(), { minLength: 1 })),
  dataDiskGiB: withDefault(int({ min: 20, max: 32768 }), 500),
  gitSshPort: optional(int({ min: 1024, max: 65535 })),
  /**
   * Resolve the GitLab and Mantis host names to the host's private IP inside the VPC (PrivateZone),
   * so the clusters (Jenkins, image builds, webhooks) reach GitLab without leaving the VPC.
   */
  privateDns: withDefault(bool(), true),
});

export type NasSpec = Infer<typeof nasSchema>;
export type SiteSpec = Infer<typeof siteSchema>;
export type DevtoolsSpec = Infer<typeof devtoolsSchema>;
