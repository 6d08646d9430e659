/**
 * `platform:backup`. On the shared stack: the backup bucket and how long each kind of backup is
 * kept. On a cluster stack: when its backups run. Retention lives with the bucket (its lifecycle
 * rules enforce it), schedules with the cluster that runs them.
 */
import { OSS_REDUNDANCY_TYPES } from '../../constructs/alicloud/plan';
import { type Infer, Checker, int, object, oneOf, optional, required, str, withDefault } from './schema';

/** Five-field cron: minute hour day-of-month month day-of-week, digits, `*`, `/`, `,` and `-`. */
export function cron(): Checker<string> {
  const field = /^(\*|[0-9]+(-[0-9]+)?)(\/[0-9]+)?(,(\*|[0-9]+(-[0-9]+)?)(\/[0-9]+)?)*$/;
  return (value, key, issues) => {
    const fields = typeof value === 'string' ? value.trim().split(/\s+/) : [];
    if (fields.length !== 5 || !fields.every((f) => field.test(f))) {
      issues.push({
        key,
        value,
        message:
          "is not a five-field cron schedule; expected e.g. '30 2 * * *' (minute hour day month weekday, in the cluster's time zone)",
      });
      return undefined;
    }
    return value as string;
  };
}

/** Days kept by default: a month of database dumps, two weeks of etcd snapshots (a cluster older than that is rebuilt from config and Velero). */
export const DEFAULT_BACKUP_RETENTION_DAYS = { mysql: 30, etcd: 14 } as const;

/** A daily NAS backup, kept a month. */
export const DEFAULT_NAS_BACKUP = { retentionDays: 30, intervalHours: 24 } as const;

const days = (fallback: number) => withDefault(int({ min: 1, max: 3650 }), fallback);

export const sharedBackupSchema = object({
  bucketName: required(str({ pattern: /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, patternHint: '3-63 lower-case letters, digits and dashes' })),
  redundancyType: optional(oneOf(OSS_REDUNDANCY_TYPES)),
  /** Days each kind of backup is kept; Velero keeps its own (`platform:backup.velero.ttlDays` on each cluster). */
  retentionDays: withDefault(object({ mysql: days(DEFAULT_BACKUP_RETENTION_DAYS.mysql), etcd: days(DEFAULT_BACKUP_RETENTION_DAYS.etcd) }), {
    ...DEFAULT_BACKUP_RETENTION_DAYS,
  }),
  /** Days an overwritten or deleted backup stays restorable. */
  noncurrentVersionDays: days(14),
  /** Cloud Backup (HBR) of the NAS file system (`platform:nas`): how long and how often. */
  nas: withDefault(
    object({
      retentionDays: days(DEFAULT_NAS_BACKUP.retentionDays),
      intervalHours: withDefault(int({ min: 1, max: 168 }), DEFAULT_NAS_BACKUP.intervalHours),
    }),
    { ...DEFAULT_NAS_BACKUP },
  ),
});

/** Daily MySQL dump at 02:30, off-peak. */
export const DEFAULT_MYSQL_BACKUP_SCHEDULE = '30 2 * * *';
/** KubeKey takes an etcd snapshot every hour; the last 24 stay on the node's data disk. */
export const DEFAULT_ETCD_BACKUP = { periodMinutes: 60, keepBackupNumber: 24 } as const;

/** Node-local room for one compressed dump (the kubelet's ephemeral storage, on the system disk). */
export const DEFAULT_MYSQL_BACKUP_SCRATCH = '10Gi';

export const clusterBackupSchema = object({
  mysql: withDefault(
    object({
      schedule: withDefault(cron(), DEFAULT_MYSQL_BACKUP_SCHEDULE),
      scratchSize: withDefault(
        str({ pattern: /^[1-9][0-9]*(Mi|Gi)$/, patternHint: 'a size in Mi or Gi such as 10Gi' }),
        DEFAULT_MYSQL_BACKUP_SCRATCH,
      ),
    }),
    { schedule: DEFAULT_MYSQL_BACKUP_SCHEDULE, scratchSize: DEFAULT_MYSQL_BACKUP_SCRATCH },
  ),
  etcd: withDefault(
    object({
      /** KubeKey's `backupPeriod`: minutes between snapshots (KubeKey turns it into a systemd OnCalendar). */
      periodMinutes: withDefault(int({ min: 5, max: 1440 }), DEFAULT_ETCD_BACKUP.periodMinutes),
      /** KubeKey's `keepBackupNumber`: snapshots kept on each etcd node. */
      keepBackupNumber: withDefault(int({ min: 1, max: 1000 }), DEFAULT_ETCD_BACKUP.keepBackupNumber),
    }),
    { ...DEFAULT_ETCD_BACKUP },
  ),
});

export type SharedBackupSpec = Infer<typeof sharedBackupSchema>;
export type ClusterBackupSpec = Infer<typeof clusterBackupSchema>;
