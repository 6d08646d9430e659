import * as nas from '@pulumi/alicloud/nas';
import * as pulumi from '@pulumi/pulumi';
import { NasSquash, NasStorageType, validateNasClients, validateNasStorage } from './validate';
import { nasMountTargetName } from './names';

/** A VPC or vSwitch as this component needs it: its ID and the CIDR it was planned with. */
export interface NasNetworkRef {
  /** The VPC or vSwitch ID. */
  readonly id: pulumi.Input<string>;
  /** IPv4 CIDR block, for example `10.0.0.0/16`. */
  readonly cidr: string;
}

/** The vSwitch the mount target lives in; `zone` pins the file system next to it. */
export interface NasVSwitchRef extends NasNetworkRef {
  /**
   * Zone of the vSwitch. When given, the file system is created in the same zone, which
   * avoids cross-zone latency for every NFS call.
   * @default - NAS picks a zone
   */
  readonly zone?: string;
}

/** The general-purpose type with the lowest latency; `Capacity` is cheaper per GiB for cold data. */
export const DEFAULT_NAS_STORAGE_TYPE: NasStorageType = 'Performance';
/**
 * `no_squash`: the NAS CSI driver (subpath provisioning, `archiveOnDelete`) and kubelet's
 * fsGroup ownership change both act as root on the node; with `root_squash` those chown/mkdir
 * calls are mapped to `nobody` and fail, so pods with `securityContext.fsGroup` never start.
 * The exposure is bounded by the access rule, which admits only the VPC CIDR.
 */
export const DEFAULT_NAS_SQUASH: NasSquash = 'no_squash';
/** Days a deleted file stays restorable: a month covers a mistake noticed at the next monthly check. */
export const DEFAULT_RECYCLE_BIN_DAYS = 30;

/** Props of {@link NasStorage}. */
export interface NasStorageProps {
  /** The VPC of the mount target; by default its CIDR is the one source allowed to mount the file system. */
  readonly vpc: NasNetworkRef;
  /**
   * Sources (CIDRs inside `vpc`) admitted read-write, one access rule each. Pass `[]` to create the
   * access group empty and add its rules where the clients are known, with {@link NasAccessRules}
   * (a cluster's nodes, from the cluster's own stack): nobody mounts until then.
   * @default [vpc.cidr] - the whole VPC
   */
  readonly clientCidrs?: readonly string[];
  /** The vSwitch (inside `vpc`) that gets the mount target. */
  readonly vswitch: NasVSwitchRef;
  /**
   * General-purpose NAS storage type: `Performance`, `Capacity` or `Premium`.
   * @default 'Performance'
   */
  readonly storageType?: NasStorageType;
  /**
   * How root on a client is mapped (`no_squash`, `root_squash`, `all_squash`).
   * @default 'no_squash' (see {@link DEFAULT_NAS_SQUASH} for why)
   */
  readonly squash?: NasSquash;
  /**
   * Days a deleted file stays restorable in the NAS recycle bin (1-180).
   * @default 30
   */
  readonly recycleBinDays?: number;
  /**
   * Description of the file system (2-128 characters, starting with a letter).
   * @default `NAS file system <name>`
   */
  readonly description?: string;
  /**
   * Tags for the file system.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A general-purpose NFS file system, encrypted with a NAS-managed key, reachable only from
 * one VPC through one mount target, with the recycle bin on. The file system and its recycle
 * bin survive `pulumi destroy`.
 */
export class NasStorage extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:NasStorage';

  /** The general-purpose NFS file system; protected and retained on delete, since it holds the data. */
  public readonly fileSystem: nas.FileSystem;
  /** The VPC permission group, named after the component. */
  public readonly accessGroup: nas.AccessGroup;
  /** The group's rules, one per client CIDR: read-write, with the configured squash. */
  public readonly accessRules: readonly nas.AccessRule[];
  /** The mount target in the given vSwitch. */
  public readonly mountTarget: nas.MountTarget;
  /** The recycle bin of the file system; protected and retained like the file system. */
  public readonly recycleBin: nas.RecycleBin;
  /** The file system ID. */
  public readonly fileSystemId: pulumi.Output<string>;
  /** The mount target's domain: the `server` of an NFS/NAS storage class. */
  public readonly mountDomain: pulumi.Output<string>;

  constructor(name: string, props: NasStorageProps, opts?: pulumi.ComponentResourceOptions) {
    super(NasStorage.TYPE, name, {}, opts);
    const storageType = props.storageType ?? DEFAULT_NAS_STORAGE_TYPE;
    const squash = props.squash ?? DEFAULT_NAS_SQUASH;
    const recycleBinDays = props.recycleBinDays ?? DEFAULT_RECYCLE_BIN_DAYS;
    const description = props.description ?? `NAS file system ${name}`;
    // Validate first: bad props throw before any child is registered.
    const clientCidrs = props.clientCidrs ?? [props.vpc.cidr];
    // The default client is the VPC itself, checked as such.
    validateNasStorage({
      vpcCidr: props.vpc.cidr,
      vswitchCidr: props.vswitch.cidr,
      storageType,
      squash,
      recycleBinDays,
      description,
      clientCidrs: props.clientCidrs ?? [],
    });

    // The file system holds the data. `protect` makes any plan that would delete or replace it
    // fail; `retainOnDelete` covers what `protect` cannot: once someone unprotects it (or removes
    // this component) to get a destroy through, Pulumi still only forgets it and never calls the
    // NAS delete API. Both, because either alone leaves one path to losing the data.
    this.fileSystem = new nas.FileSystem(
      `${name}-fs`,
      {
        protocolType: 'NFS',
        fileSystemType: 'standard',
        storageType,
        // 1 = NAS-managed key; user-managed KMS keys (2) are only offered for Extreme NAS.
        encryptType: 1,
        description,
        // vpcId/vswitchId are not set: for standard NAS they are unused and cause a permanent diff.
        zoneId: props.vswitch.zone,
        tags: { ...(props.tags ?? {}) },
      },
      { parent: this, protect: true, retainOnDelete: true },
    );
    this.fileSystemId = this.fileSystem.id;

    // Access group, rule and mount target hold no data: losing them only cuts access, and they
    // are recreated by the next `up`, so they are left deletable.
    this.accessGroup = new nas.AccessGroup(
      `${name}-ag`,
      { accessGroupName: name, accessGroupType: 'Vpc', fileSystemType: 'standard', description: `VPC access to ${name}` },
      { parent: this },
    );
    // The VPC-wide default keeps the rule's original name, so existing estates see no change.
    const defaultRule = props.clientCidrs === undefined;
    this.accessRules = clientCidrs.map(
      (cidr) =>
        new nas.AccessRule(
          defaultRule ? `${name}-ag-rule` : `${name}-ag-rule-${cidr.replace(/[./]/g, '-')}`,
          nasAccessRuleArgs(this.accessGroup.accessGroupName, cidr, squash),
          { parent: this },
        ),
    );
    this.mountTarget = new nas.MountTarget(
      nasMountTargetName(name),
      {
        fileSystemId: this.fileSystem.id,
        accessGroupName: this.accessGroup.accessGroupName,
        networkType: 'Vpc',
        vpcId: props.vpc.id,
        vswitchId: props.vswitch.id,
      },
      // The rules must exist before the mount target is usable; without them every mount is refused.
      { parent: this, dependsOn: [...this.accessRules] },
    );
    this.mountDomain = this.mountTarget.mountTargetDomain;

    // The separate RecycleBin resource rather than the file system's inline `recycleBin` block:
    // it owns the feature's lifecycle explicitly. It holds deleted files: disabling the recycle
    // bin empties it for good, so it gets the same protection as the file system.
    this.recycleBin = new nas.RecycleBin(
      `${name}-recycle-bin`,
      { fileSystemId: this.fileSystem.id, reservedDays: recycleBinDays },
      { parent: this, protect: true, retainOnDelete: true },
    );

    this.registerOutputs({
      fileSystemId: this.fileSystemId,
      mountDomain: this.mountDomain,
      accessGroupName: this.accessGroup.accessGroupName,
      recycleBinDays,
    });
  }
}

/** The arguments of one read-write NAS access rule for `cidr`. */
function nasAccessRuleArgs(accessGroupName: pulumi.Input<string>, cidr: string, squash: NasSquash): nas.AccessRuleArgs {
  return { accessGroupName, fileSystemType: 'standard', sourceCidrIp: cidr, rwAccessType: 'RDWR', userAccessType: squash, priority: 1 };
}

/** Props of {@link NasAccessRules}. */
export interface NasAccessRulesProps {
  /** The access group (of a {@link NasStorage} created with `clientCidrs: []`, typically another stack's output). */
  readonly accessGroupName: pulumi.Input<string>;
  /** The clients admitted read-write, for example each node of a cluster as a `/32`. At least one. */
  readonly clientCidrs: readonly string[];
  /**
   * How root on a client is mapped; use the file system's setting.
   * @default 'no_squash' (see {@link DEFAULT_NAS_SQUASH})
   */
  readonly squash?: NasSquash;
}

/**
 * Read-write access rules for given clients in an existing NAS access group: the file system
 * lives in one stack, its clients (a cluster's nodes) in another, which alone knows their addresses.
 * Rules hold no data: deleting one only stops new mounts from that client.
 */
export class NasAccessRules extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:NasAccessRules';

  /** One rule per client CIDR, named `<component name>-<cidr>`. */
  public readonly rules: readonly nas.AccessRule[];

  constructor(name: string, props: NasAccessRulesProps, opts?: pulumi.ComponentResourceOptions) {
    super(NasAccessRules.TYPE, name, {}, opts);
    const squash = props.squash ?? DEFAULT_NAS_SQUASH;
    validateNasClients(props.clientCidrs, squash);
    this.rules = props.clientCidrs.map(
      (cidr) =>
        new nas.AccessRule(`${name}-${cidr.replace(/[./]/g, '-')}`, nasAccessRuleArgs(props.accessGroupName, cidr, squash), {
          parent: this,
        }),
    );
    this.registerOutputs({ ruleIds: this.rules.map((r) => r.id) });
  }
}
