import * as ecs from '@pulumi/alicloud/ecs';
import * as pvtz from '@pulumi/alicloud/pvtz';
import * as pulumi from '@pulumi/pulumi';
import { Validator } from '../../core';
import {
  DEFAULT_DEVTOOLS_IMAGES,
  DevToolsCloudInitOptions,
  DevToolsImages,
  devToolsCloudInitIssues,
  renderDevToolsCloudInit,
} from './cloud-init';
import { PRIVATE_DNS_TTL, PrivateDnsZonePlan, planPrivateDnsZones } from './private-dns';
import { devToolsHostIssues } from './validate';
import type { IVSwitch } from '../network/contract';
import {
  DEFAULT_DEVTOOLS_INSTANCE_TYPE,
  DEFAULT_DISK_CATEGORY,
  DEFAULT_SYSTEM_DISK_GIB,
  DEFAULT_DATA_DISK_GIB,
  DEFAULT_GIT_SSH_PORT,
  DEFAULT_TIMEZONE,
  DEFAULT_EIP_BANDWIDTH_MBPS,
  DEFAULT_SNAPSHOT_POLICY,
} from './defaults';

// The defaults live in a Pulumi-free module (the config layer reads them); they stay exported from here.
export * from './defaults';

/** The vSwitch the host lives in (its `cidr` must hold `privateIp`; the data disk is created in its `zone`): an {@link IVSwitch}. */
export type DevToolsVSwitchRef = IVSwitch;

/** Automatic snapshots of the data disk. */
export interface DevToolsSnapshotPolicyProps {
  /** @default 30 (days; -1 keeps them forever) */
  readonly retentionDays?: number;
  /** Hours of the day (UTC+8). @default [2] */
  readonly timePoints?: readonly number[];
  /** Weekdays, 1 = Monday. @default [1, 2, 3, 4, 5, 6, 7] */
  readonly repeatWeekdays?: readonly number[];
}

/** In-VPC name resolution of the GitLab and Mantis hosts (Alibaba Cloud PrivateZone). */
export interface DevToolsPrivateDnsProps {
  /** The VPC whose instances resolve the names to the host's private IP. */
  readonly vpcId: pulumi.Input<string>;
}

/** The PrivateZone resources of one host name. */
export interface DevToolsPrivateDnsZone {
  /** The host name the zone answers for, for example `git.example.com`. */
  readonly zoneName: string;
  /** The private zone, named exactly the host name. */
  readonly zone: pvtz.Zone;
  /** The zone's apex A record: the host's private IP. */
  readonly record: pvtz.ZoneRecord;
  /** Binds the zone to the VPC. */
  readonly attachment: pvtz.ZoneAttachment;
}

/** Props of {@link DevToolsHost}. */
export interface DevToolsHostProps {
  /** The vSwitch the host's fixed private address is taken from. */
  readonly vswitch: DevToolsVSwitchRef;
  /** The security group the host joins; this component adds its ingress rules to it. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Fixed private address inside the vSwitch, so DNS and webhooks never chase a new one. */
  readonly privateIp: string;
  /** ECS image ID (an Ubuntu 22.04 or later image with cloud-init). */
  readonly imageId: string;
  /** Name of the ECS key pair for SSH; no password is ever set. */
  readonly keyPairName: string;
  /** GitLab's external URL, `https://<host>`. */
  readonly gitlabUrl: string;
  /** MantisBT's URL, `https://<host>`. */
  readonly mantisUrl: string;
  /**
   * Sources allowed to reach the public listeners (HTTPS 443, HTTP 80, Git over SSH). The only
   * rules that may take `0.0.0.0/0`, and only when listed here.
   */
  readonly publicIngressCidrs: readonly string[];
  /**
   * Sources inside the VPC (or networks peered with it) also allowed to reach HTTPS 443, HTTP 80
   * and Git over SSH, for example the VPC CIDR: the clusters' Jenkins agents, image builds and
   * webhooks reach GitLab through its private address, never through `publicIngressCidrs`.
   * @default []
   */
  readonly internalCidrs?: readonly string[];
  /**
   * Resolve the GitLab and Mantis host names to `privateIp` inside the VPC: one PrivateZone zone
   * per host name (never its parent domain, which would hide the domain's other names), its A
   * record and the zone's attachment to the VPC. Combine with `internalCidrs`.
   * @default - none: inside the VPC the names resolve to the public DNS (the EIP)
   */
  readonly privateDns?: DevToolsPrivateDnsProps;
  /** Sources allowed to reach the host's sshd on 22. `0.0.0.0/0` is refused. */
  readonly adminCidrs: readonly string[];
  /** @default 'ecs.c7.2xlarge' */
  readonly instanceType?: string;
  /** @default 2222 */
  readonly gitSshPort?: number;
  /** @default 'cloud_essd' (both disks) */
  readonly diskCategory?: string;
  /** @default 60 (GiB) */
  readonly systemDiskSize?: number;
  /** @default 200 (GiB) */
  readonly dataDiskSize?: number;
  /**
   * KMS key for both disks.
   * @default - the account's default ECS disk key
   */
  readonly kmsKeyId?: string;
  /**
   * Automatic snapshots of the data disk, or `false` for none.
   * @default daily at 02:00 UTC+8, kept 30 days
   */
  readonly snapshotPolicy?: DevToolsSnapshotPolicyProps | false;
  /** @default 10 (Mbit/s, pay by traffic) */
  readonly eipBandwidthMbps?: number;
  /**
   * Container images, each pinned; unset ones take {@link DEFAULT_DEVTOOLS_IMAGES}.
   * @default DEFAULT_DEVTOOLS_IMAGES
   */
  readonly images?: Partial<DevToolsImages>;
  /** @default 'Asia/Shanghai' */
  readonly timezone?: string;
  /**
   * Contact address for Let's Encrypt. Without it the proxy expects `<host>.crt`/`<host>.key`
   * in /srv/secrets/tls, placed out of band (ACME needs 80/443 open to the CA, which a
   * restricted `publicIngressCidrs` does not allow).
   * @default - certificates provided out of band
   */
  readonly acmeEmail?: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A stable name fragment for a CIDR: `10.0.0.0/8` → `10-0-0-0-8`. */
function cidrSlug(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

/**
 * One hardened ECS instance running GitLab CE and MantisBT in Docker, with its data on a
 * separate encrypted disk that outlives the instance, a fixed private IP, an EIP for the public
 * listeners, and ingress rules only from the CIDRs given.
 *
 * Secrets are generated on the host on first boot into /srv/secrets (see `cloud-init.ts`): read
 * the GitLab root password there over SSH, then change it.
 */
export class DevToolsHost extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:DevToolsHost';

  /** The ECS instance: deletion protection, hardened metadata access, no ECS public IP. */
  public readonly instance: ecs.Instance;
  /** The encrypted data disk mounted at /srv; protected and retained on delete, since it holds the data. */
  public readonly dataDisk: ecs.EcsDisk;
  /** Attaches the data disk to the instance; the disk stays when the instance goes. */
  public readonly dataDiskAttachment: ecs.EcsDiskAttachment;
  /** The data disk's automatic snapshot policy; absent with `snapshotPolicy: false`. */
  public readonly snapshotPolicy?: ecs.AutoSnapshotPolicy;
  /** The elastic IP of the public listeners: deletion protection, Pulumi-protected and retained on delete. */
  public readonly eip: ecs.EipAddress;
  /** Binds the EIP to the instance; Pulumi-protected. */
  public readonly eipAssociation: ecs.EipAssociation;
  /**
   * The ingress rules added to `securityGroupId`: 443, 80 and the Git SSH port per public CIDR,
   * then 22 per admin CIDR, then 443, 80 and the Git SSH port per internal CIDR.
   */
  public readonly securityGroupRules: readonly ecs.SecurityGroupRule[];
  /** The PrivateZone zones, one per host name of the URLs; empty without `privateDns`. */
  public readonly privateDnsZones: readonly DevToolsPrivateDnsZone[];
  /** The host's fixed private address, as given. */
  public readonly privateIp: string;
  /** The EIP's address: point the GitLab and Mantis DNS names here. */
  public readonly publicIp: pulumi.Output<string>;

  constructor(name: string, props: DevToolsHostProps, opts?: pulumi.ComponentResourceOptions) {
    super(DevToolsHost.TYPE, name, {}, opts);
    const category = props.diskCategory ?? DEFAULT_DISK_CATEGORY;
    const systemDiskSize = props.systemDiskSize ?? DEFAULT_SYSTEM_DISK_GIB;
    const dataDiskSize = props.dataDiskSize ?? DEFAULT_DATA_DISK_GIB;
    const eipBandwidthMbps = props.eipBandwidthMbps ?? DEFAULT_EIP_BANDWIDTH_MBPS;
    const snapshot =
      props.snapshotPolicy === false
        ? undefined
        : {
            retentionDays: props.snapshotPolicy?.retentionDays ?? DEFAULT_SNAPSHOT_POLICY.retentionDays,
            timePoints: props.snapshotPolicy?.timePoints ?? DEFAULT_SNAPSHOT_POLICY.timePoints,
            repeatWeekdays: props.snapshotPolicy?.repeatWeekdays ?? DEFAULT_SNAPSHOT_POLICY.repeatWeekdays,
          };
    const cloudInit: DevToolsCloudInitOptions = {
      gitlabUrl: props.gitlabUrl,
      mantisUrl: props.mantisUrl,
      gitSshPort: props.gitSshPort ?? DEFAULT_GIT_SSH_PORT,
      timezone: props.timezone ?? DEFAULT_TIMEZONE,
      images: { ...DEFAULT_DEVTOOLS_IMAGES, ...(props.images ?? {}) },
      acmeEmail: props.acmeEmail,
    };
    const v = new Validator();
    v.addAll(
      devToolsHostIssues({
        vswitchCidr: props.vswitch.cidr,
        privateIp: props.privateIp,
        imageId: props.imageId,
        keyPairName: props.keyPairName,
        publicIngressCidrs: props.publicIngressCidrs,
        adminCidrs: props.adminCidrs,
        internalCidrs: props.internalCidrs ?? [],
        systemDiskSize,
        dataDiskSize,
        eipBandwidthMbps,
        snapshot,
      }),
    );
    v.addAll(devToolsCloudInitIssues(cloudInit));
    v.throwIfAny('Invalid DevToolsHost props');

    const tags = { ...(props.tags ?? {}) };
    this.privateIp = props.privateIp;

    // The data disk holds GitLab's repositories and Mantis' database. It is a separate disk, not
    // an instance data disk, so replacing the instance never touches it: `deleteWithInstance:
    // false`, `protect` against any plan that would delete or replace it, `retainOnDelete` so a
    // destroy that gets past `protect` only forgets it. Automatic snapshots outlive it too.
    this.dataDisk = new ecs.EcsDisk(
      `${name}-data`,
      {
        diskName: `${name}-data`,
        description: `GitLab and Mantis data of ${name}`,
        zoneId: props.vswitch.zone,
        category,
        size: dataDiskSize,
        encrypted: true,
        kmsKeyId: props.kmsKeyId,
        deleteWithInstance: false,
        deleteAutoSnapshot: false,
        paymentType: 'PayAsYouGo',
        tags,
      },
      { parent: this, protect: true, retainOnDelete: true },
    );

    // The guest finds the disk by serial, which is its ID without `d-`; the user data is
    // rendered once the ID is known.
    const userData = this.dataDisk.id.apply((id) =>
      Buffer.from(renderDevToolsCloudInit({ ...cloudInit, dataDiskSerial: id.replace(/^d-/, '') })).toString('base64'),
    );
    this.instance = new ecs.Instance(
      `${name}-instance`,
      {
        instanceName: name,
        description: 'GitLab CE and MantisBT (Docker Compose)',
        imageId: props.imageId,
        instanceType: props.instanceType ?? DEFAULT_DEVTOOLS_INSTANCE_TYPE,
        instanceChargeType: 'PostPaid',
        vswitchId: props.vswitch.id,
        privateIp: props.privateIp,
        securityGroups: [props.securityGroupId],
        keyName: props.keyPairName,
        // The EIP is the only public address; no ECS-assigned public IP.
        internetMaxBandwidthOut: 0,
        deletionProtection: true,
        securityEnhancementStrategy: 'Active',
        // Metadata only with a session token (IMDSv2-style): SSRF in a web app cannot read it.
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        systemDiskCategory: category,
        systemDiskSize,
        systemDiskEncrypted: true,
        systemDiskKmsKeyId: props.kmsKeyId,
        userData,
        tags,
        volumeTags: tags,
      },
      // A fixed private IP cannot be held by two instances: the old one must go first.
      { parent: this, deleteBeforeReplace: true },
    );
    this.dataDiskAttachment = new ecs.EcsDiskAttachment(
      `${name}-data-attachment`,
      { diskId: this.dataDisk.id, instanceId: this.instance.id, deleteWithInstance: false },
      // Detach from the old instance before attaching to its replacement.
      { parent: this, deleteBeforeReplace: true },
    );

    if (snapshot !== undefined) {
      this.snapshotPolicy = new ecs.AutoSnapshotPolicy(
        `${name}-snapshots`,
        {
          autoSnapshotPolicyName: `${name}-data`,
          retentionDays: snapshot.retentionDays,
          timePoints: snapshot.timePoints.map(String),
          repeatWeekdays: snapshot.repeatWeekdays.map(String),
          tags,
        },
        { parent: this },
      );
      new ecs.EcsAutoSnapshotPolicyAttachment(
        `${name}-snapshots-data`,
        { autoSnapshotPolicyId: this.snapshotPolicy.id, diskId: this.dataDisk.id },
        { parent: this },
      );
    }

    this.eip = new ecs.EipAddress(
      `${name}-eip`,
      {
        addressName: name,
        description: `Public address of ${name}`,
        paymentType: 'PayAsYouGo',
        internetChargeType: 'PayByTraffic',
        bandwidth: String(eipBandwidthMbps),
        // DNS for GitLab and Mantis points here; losing the address breaks every clone URL.
        deletionProtection: true,
        tags,
      },
      // DNS records and allow-lists name this address. `deletionProtection` guards against the
      // console, `protect` against plans (`pulumi destroy --exclude-protected` included), and
      // `retainOnDelete` makes a destroy after `pulumi state unprotect` only forget it.
      { parent: this, protect: true, retainOnDelete: true },
    );
    this.eipAssociation = new ecs.EipAssociation(
      `${name}-eip-association`,
      { allocationId: this.eip.id, instanceId: this.instance.id, instanceType: 'EcsInstance' },
      // Deleting or replacing the association takes GitLab and Mantis off their public address:
      // a plan that would (a destroy, a replaced instance) fails until it is unprotected on purpose.
      { parent: this, protect: true },
    );
    this.publicIp = this.eip.ipAddress;

    const rule = (suffix: string, port: number, cidr: string, description: string) =>
      new ecs.SecurityGroupRule(
        `${name}-${suffix}-${cidrSlug(cidr)}`,
        {
          securityGroupId: props.securityGroupId,
          type: 'ingress',
          ipProtocol: 'tcp',
          portRange: `${port}/${port}`,
          cidrIp: cidr,
          policy: 'accept',
          priority: 1,
          nicType: 'intranet',
          description,
        },
        { parent: this },
      );
    this.securityGroupRules = [
      ...props.publicIngressCidrs.flatMap((cidr) => [
        rule('https', 443, cidr, `${name}: HTTPS (GitLab, Mantis)`),
        rule('http', 80, cidr, `${name}: HTTP, redirected to HTTPS`),
        rule('git-ssh', cloudInit.gitSshPort, cidr, `${name}: Git over SSH`),
      ]),
      ...props.adminCidrs.map((cidr) => rule('ssh', 22, cidr, `${name}: administrator SSH`)),
      // Own names: a CIDR may be both public and internal.
      ...(props.internalCidrs ?? []).flatMap((cidr) => [
        rule('internal-https', 443, cidr, `${name}: HTTPS from inside the VPC`),
        rule('internal-http', 80, cidr, `${name}: HTTP from inside the VPC, redirected to HTTPS`),
        rule('internal-git-ssh', cloudInit.gitSshPort, cidr, `${name}: Git over SSH from inside the VPC`),
      ]),
    ];

    this.privateDnsZones =
      props.privateDns === undefined
        ? []
        : this.createPrivateDns(
            name,
            props.privateDns,
            planPrivateDnsZones({ gitlabUrl: props.gitlabUrl, mantisUrl: props.mantisUrl }),
            tags,
          );

    this.registerOutputs({
      instanceId: this.instance.id,
      privateIp: this.privateIp,
      publicIp: this.publicIp,
      dataDiskId: this.dataDisk.id,
      gitlabUrl: props.gitlabUrl,
      mantisUrl: props.mantisUrl,
      privateDnsZones: this.privateDnsZones.map((z) => ({ zoneName: z.zoneName, zoneId: z.zone.id })),
    });
  }

  private createPrivateDns(
    name: string,
    dns: DevToolsPrivateDnsProps,
    zones: readonly PrivateDnsZonePlan[],
    tags: Record<string, string>,
  ): DevToolsPrivateDnsZone[] {
    return zones.map((plan) => {
      const slug = plan.zoneName.replace(/\./g, '-');
      const zone = new pvtz.Zone(
        `${name}-dns-${slug}`,
        { zoneName: plan.zoneName, remark: `${name}: ${plan.servedFor.join(', ')} inside the VPC`, tags },
        { parent: this },
      );
      const record = new pvtz.ZoneRecord(
        `${name}-dns-${slug}-a`,
        { zoneId: zone.id, rr: '@', type: 'A', value: this.privateIp, ttl: PRIVATE_DNS_TTL, remark: `${name} private address` },
        { parent: this },
      );
      const attachment = new pvtz.ZoneAttachment(`${name}-dns-${slug}-vpc`, { zoneId: zone.id, vpcIds: [dns.vpcId] }, { parent: this });
      return { zoneName: plan.zoneName, zone, record, attachment };
    });
  }
}
