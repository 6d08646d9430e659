/** Where a cluster's MySQL dumps go: the same answer for `pulumi up` and for `cdk8s synth`. */
import type { ClusterSpec } from '../config';
import { BACKUP_PREFIXES, SharedOutputsForWorkloads } from '../shared-outputs';
import type { MysqlBackupOptions } from './middleware-chart';

/** The cluster's own prefix of the shared backup bucket, or undefined without a bucket or a MySQL. */
export function mysqlBackupTarget(spec: ClusterSpec, backup: SharedOutputsForWorkloads['backup']): MysqlBackupOptions | undefined {
  if (backup === undefined || backup === null || spec.middleware.mysql === undefined) {
    return undefined;
  }
  return {
    bucket: backup.bucketName,
    prefix: `${BACKUP_PREFIXES.mysql}${spec.cluster.name}/`,
    endpoint: backup.intranetEndpoint,
    schedule: spec.backup.mysql.schedule,
    scratchSize: spec.backup.mysql.scratchSize,
  };
}
