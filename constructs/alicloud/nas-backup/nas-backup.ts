import * as hbr from '@pulumi/alicloud/hbr';
import * as pulumi from '@pulumi/pulumi';
import { Validator } from '../../core';

/** Days each NAS backup is kept in the vault. */
export const DEFAULT_NAS_BACKUP_RETENTION_DAYS = 30;
/** Hours between backups: daily. */
export const DEFAULT_NAS_BACKUP_INTERVAL_HOURS = 24;
/** First backup, and the time of day of the later ones: 03:00 China Standard Time, off-peak. */
export const DEFAULT_NAS_BACKUP_START = '2026-01-01T03:00:00+08:00';

/** Props of {@link NasBackup}. */
export interface NasBackupProps {
  /** The file system to back up. */
  readonly fileSystemId: pulumi.Input<string>;
  /**
   * Days each backup is kept.
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * Hours between backups.
   * @default 24
   */
  readonly intervalHours?: number;
  /**
   * ISO 8601 time of the first backup; later ones follow every `intervalHours`. A fixed value, so
   * the plan does not change on every run.
   * @default '2026-01-01T03:00:00+08:00'
   */
  readonly start?: string;
  /**
   * Directories of the file system to back up.
   * @default ['/']
   */
  readonly paths?: readonly string[];
}

/** HBR's schedule string: `I|<start, Unix seconds>|PT<hours>H`. */
export function hbrSchedule(start: string, intervalHours: number): string {
  return `I|${Math.floor(Date.parse(start) / 1000)}|PT${intervalHours}H`;
}

/**
 * Backs a General-purpose NAS file system up with Cloud Backup (HBR): a backup vault and a NAS
 * backup plan. General-purpose NAS has no snapshots (only Extreme NAS does, per the provider's
 * `alicloud_nas_snapshot` docs), and its recycle bin only covers deletions, not overwrites or a
 * deleted file system; HBR keeps full copies outside the file system, for `retentionDays`.
 *
 * The vault holds the backups: protected and retained on delete, so neither a `pulumi destroy`
 * nor removing this component loses them.
 */
export class NasBackup extends pulumi.ComponentResource {
  /** Pulumi type token of the component. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:NasBackup';

  /** The backup vault; protected and retained on delete. */
  public readonly vault: hbr.Vault;
  /** The backup plan. */
  public readonly plan: hbr.NasBackupPlan;

  constructor(name: string, props: NasBackupProps, opts?: pulumi.ComponentResourceOptions) {
    super(NasBackup.TYPE, name, {}, opts);
    const retentionDays = props.retentionDays ?? DEFAULT_NAS_BACKUP_RETENTION_DAYS;
    const intervalHours = props.intervalHours ?? DEFAULT_NAS_BACKUP_INTERVAL_HOURS;
    const start = props.start ?? DEFAULT_NAS_BACKUP_START;
    const paths = props.paths ?? ['/'];
    const v = new Validator();
    if (!Number.isInteger(retentionDays) || retentionDays < 1)
      v.add('retentionDays', retentionDays, 'must be a whole number of days, at least 1');
    if (!Number.isInteger(intervalHours) || intervalHours < 1 || intervalHours > 168)
      v.add('intervalHours', intervalHours, 'must be a whole number of hours from 1 to 168');
    if (Number.isNaN(Date.parse(start)) || !/(Z|[+-]\d\d:\d\d)$/.test(start))
      v.add('start', start, 'must be an ISO 8601 time with a zone, for example 2026-01-01T03:00:00+08:00');
    if (paths.length === 0 || !paths.every((p) => p.startsWith('/'))) v.add('paths', paths, 'must list absolute directories, at least one');
    v.throwIfAny('Invalid NasBackup props');

    this.vault = new hbr.Vault(
      `${name}-vault`,
      { vaultName: name, description: `NAS backups of ${name}`, encryptType: 'HBR_PRIVATE' },
      { parent: this, protect: true, retainOnDelete: true },
    );
    this.plan = new hbr.NasBackupPlan(
      `${name}-plan`,
      {
        nasBackupPlanName: name,
        vaultId: this.vault.id,
        fileSystemId: props.fileSystemId,
        backupType: 'COMPLETE',
        paths: [...paths],
        retention: String(retentionDays),
        schedule: hbrSchedule(start, intervalHours),
      },
      { parent: this },
    );
    this.registerOutputs({ vaultId: this.vault.id });
  }
}
