import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { ImageRewrite, NO_IMAGE_REWRITE, Validator } from '../../core';
import { plainEnv, secretEnv, secureContainer } from '../workload/container';
import { checkImage } from '../workload/image';
import { workloadLabels } from '../workload/labels';
import { checkObjectName } from '../workload/names';
import { ResolvedResources } from '../workload/quantities';
import { restrictedPodSecurityContext } from '../workload/security';
import { MYSQL_IMAGE, MYSQL_PORT, MYSQL_SECRET_KEYS, MYSQL_UID } from '../middleware/mysql';
import { AllowTrafficPolicy, TrafficDirection } from '../network-policies';
import { MYSQL_BACKUP_ENV, renderMysqlBackupScript } from './mysql-backup-script';

/** rclone, which speaks OSS through its S3 API; a static binary in a small image, pinned. */
export const RCLONE_IMAGE = 'rclone/rclone:1.68.2';
/** Keys the object-store credentials Secret must hold. */
export const BACKUP_STORE_SECRET_KEYS = {
  /** The AccessKey ID. */
  accessKeyId: 'access-key-id',
  /** The AccessKey secret. */
  accessKeySecret: 'access-key-secret',
} as const;
/** Scratch space for one compressed dump; the CronJob's ephemeral storage is sized from it. */
export const DEFAULT_MYSQL_BACKUP_DUMP_STORAGE = '10Gi';
/** Resources of the dump and upload containers: both stream, neither holds much in memory. */
export const DEFAULT_MYSQL_BACKUP_RESOURCES: ResolvedResources = {
  cpuRequest: '100m',
  cpuLimit: '1',
  memoryRequest: '256Mi',
  memoryLimit: '256Mi',
};
/**
 * Where the OSS intranet endpoints answer from inside a VPC (Alibaba's 100.64.0.0/10 service
 * range). Only port 443 is opened to it, which keeps the metadata service (port 80) closed.
 */
export const DEFAULT_OBJECT_STORE_CIDRS: readonly string[] = ['100.64.0.0/10'];
/** A run that takes longer than this is stuck: it is stopped and the next one starts on schedule. */
const ACTIVE_DEADLINE_SECONDS = 3 * 3600;
const SCRIPT_FILE = 'mysql-backup.sh';
const SCRIPT_DIR = '/opt/mysql-backup';
const DUMP_DIR = '/backup';
/** rclone remote defined entirely by environment variables (no config file, nothing secret on disk). */
const REMOTE = 'oss';

/** Where the dumps go: an S3-compatible OSS bucket and the prefix under it. */
export interface BackupDestination {
  /** Bucket name. */
  readonly bucket: string;
  /** Key prefix, ending in `/`, for example `mysql/prod/`. */
  readonly prefix: string;
  /** OSS endpoint host, for example `oss-cn-shenzhen-internal.aliyuncs.com`; always reached over HTTPS. */
  readonly endpoint: string;
  /** Secret (created by the caller) holding {@link BACKUP_STORE_SECRET_KEYS}: a key that may only write the prefix. */
  readonly credentialsSecretName: string;
}

/** Props of {@link MySqlBackup}. */
export interface MySqlBackupProps {
  /** Name of the CronJob; the restore template is `<name>-restore`. */
  readonly name: string;
  /** Namespace of the MySQL server. */
  readonly namespace: string;
  /** The server's Service name (`MySql.host`). */
  readonly mysqlHost: string;
  /** Labels of the server's pods, for the NetworkPolicy that admits the backup pods. */
  readonly mysqlPodLabels: Readonly<Record<string, string>>;
  /** The server's credentials Secret (`MySqlProps.credentialsSecretName`). */
  readonly mysqlCredentialsSecretName: string;
  /**
   * Key of the dump user's password in that Secret.
   * @default MYSQL_SECRET_KEYS.rootPassword
   */
  readonly mysqlPasswordKey?: string;
  /**
   * The user the dump runs as.
   * @default 'root'
   */
  readonly mysqlUser?: string;
  /** Five-field cron schedule of the dump. */
  readonly schedule: string;
  /** Where the dumps go. */
  readonly destination: BackupDestination;
  /**
   * The image with `mysqldump`: the server's own, so client and server versions match.
   * @default MYSQL_IMAGE
   */
  readonly mysqlImage?: string;
  /**
   * The uploader image.
   * @default RCLONE_IMAGE
   */
  readonly uploaderImage?: string;
  /**
   * Scratch space of one compressed dump (emptyDir size and ephemeral-storage).
   * @default '10Gi'
   */
  readonly dumpStorage?: string;
  /**
   * Rewrites every image reference, for a registry mirror (`platform:images`). Applied after the
   * pinned references are checked.
   * @default NO_IMAGE_REWRITE (images as given)
   */
  readonly imageRewrite?: ImageRewrite;
  /**
   * Where the object store answers, for the egress rule on 443.
   * @default ['100.64.0.0/10']
   */
  readonly objectStoreCidrs?: readonly string[];
}

/**
 * A scheduled logical backup of a MySQL server to an object store, and a restore template.
 *
 * The backup CronJob dumps (init container, the server's image) into a scratch volume, then
 * uploads the dump and its checksum (rclone). The restore template is a suspended CronJob that
 * never runs by itself: `kubectl create job --from=cronjob/<name>-restore` starts it, after the
 * ConfigMap `<name>-restore` names the object (`object` key) and the Secret `<name>-restore`
 * holds a key that may read the prefix (the backup identity itself cannot read).
 * Passwords only travel in environment variables from Secrets, never in argv or a manifest.
 */
export class MySqlBackup extends Construct {
  /** The backup CronJob. */
  public readonly cronJob: k8s.KubeCronJob;
  /** The suspended restore template. */
  public readonly restoreTemplate: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: MySqlBackupProps) {
    super(scope, id);
    const mysqlImage = props.mysqlImage ?? MYSQL_IMAGE;
    const uploaderImage = props.uploaderImage ?? RCLONE_IMAGE;
    const dumpStorage = props.dumpStorage ?? DEFAULT_MYSQL_BACKUP_DUMP_STORAGE;
    const v = new Validator();
    checkObjectName(v, 'name', props.name);
    checkImage(v, 'mysqlImage', mysqlImage);
    checkImage(v, 'uploaderImage', uploaderImage);
    if (!/^([a-z0-9][a-z0-9-]*\/)+$/.test(props.destination.prefix)) {
      v.add(
        'destination.prefix',
        props.destination.prefix,
        'is not a key prefix; expected lowercase path segments ending in /, for example mysql/prod/',
      );
    }
    if (!/^[0-9]+(Mi|Gi)$/.test(dumpStorage)) {
      v.add('dumpStorage', dumpStorage, 'must be a size in Mi or Gi, for example 10Gi');
    }
    v.throwIfAny(`Invalid MySqlBackup props (${this.node.path})`);
    const rewrite = props.imageRewrite ?? NO_IMAGE_REWRITE;

    const labels = workloadLabels('mysql-backup', props.name);
    const restoreName = `${props.name}-restore`;
    const restoreLabels = workloadLabels('mysql-restore', restoreName);
    const scriptConfigMap = new k8s.KubeConfigMap(this, 'Script', {
      metadata: { name: `${props.name}-script`, namespace: props.namespace, labels: { ...labels.all } },
      data: { [SCRIPT_FILE]: renderMysqlBackupScript() },
    });
    const identity = { runAsUser: MYSQL_UID, runAsGroup: MYSQL_UID, fsGroup: MYSQL_UID };
    const mysqlEnv: k8s.EnvVar[] = [
      ...plainEnv({
        [MYSQL_BACKUP_ENV.host]: props.mysqlHost,
        [MYSQL_BACKUP_ENV.port]: String(MYSQL_PORT),
        [MYSQL_BACKUP_ENV.user]: props.mysqlUser ?? 'root',
        [MYSQL_BACKUP_ENV.name]: props.name,
        TMPDIR: '/tmp',
      }),
      ...secretEnv([
        {
          envName: MYSQL_BACKUP_ENV.password,
          secretName: props.mysqlCredentialsSecretName,
          key: props.mysqlPasswordKey ?? MYSQL_SECRET_KEYS.rootPassword,
        },
      ]),
    ];
    const remoteEnv = (secretName: string): k8s.EnvVar[] => [
      ...plainEnv({
        [`RCLONE_CONFIG_${REMOTE.toUpperCase()}_TYPE`]: 's3',
        [`RCLONE_CONFIG_${REMOTE.toUpperCase()}_PROVIDER`]: 'Alibaba',
        [`RCLONE_CONFIG_${REMOTE.toUpperCase()}_ENDPOINT`]: props.destination.endpoint,
        // The key may neither list buckets nor create one, nor read back what it wrote.
        RCLONE_S3_NO_CHECK_BUCKET: 'true',
        RCLONE_S3_NO_HEAD: 'true',
        RCLONE_CONFIG: '/tmp/rclone.conf',
        HOME: '/tmp',
      }),
      ...secretEnv([
        { envName: `RCLONE_CONFIG_${REMOTE.toUpperCase()}_ACCESS_KEY_ID`, secretName, key: BACKUP_STORE_SECRET_KEYS.accessKeyId },
        { envName: `RCLONE_CONFIG_${REMOTE.toUpperCase()}_SECRET_ACCESS_KEY`, secretName, key: BACKUP_STORE_SECRET_KEYS.accessKeySecret },
      ]),
    ];
    const destination = `${REMOTE}:${props.destination.bucket}/${props.destination.prefix}`;
    const mounts = {
      script: { name: 'script', mountPath: SCRIPT_DIR, readOnly: true },
      dump: { name: 'dump', mountPath: DUMP_DIR },
      tmp: { name: 'tmp', mountPath: '/tmp' },
    };
    const volumes: k8s.Volume[] = [
      { name: 'script', configMap: { name: scriptConfigMap.name, defaultMode: 0o555 } },
      { name: 'dump', emptyDir: { sizeLimit: k8s.Quantity.fromString(dumpStorage) } },
      // In memory: the defaults file with the password never touches the node's disk.
      { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('16Mi') } },
    ];
    const container = (name: string, image: string, command: string[], env: k8s.EnvVar[], scratch: string) =>
      withEphemeralStorage(
        secureContainer(
          { name, image, resources: DEFAULT_MYSQL_BACKUP_RESOURCES, command, env, volumeMounts: [mounts.script, mounts.dump, mounts.tmp] },
          identity,
        ),
        scratch,
      );
    const pod = (podLabels: Readonly<Record<string, string>>, init: k8s.Container, main: k8s.Container): k8s.PodTemplateSpec => ({
      metadata: { labels: { ...podLabels } },
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: restrictedPodSecurityContext(identity),
        initContainers: [init],
        containers: [main],
        volumes,
      },
    });
    const job = (podLabels: Readonly<Record<string, string>>, init: k8s.Container, main: k8s.Container): k8s.JobTemplateSpec => ({
      metadata: { labels: { ...podLabels } },
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: ACTIVE_DEADLINE_SECONDS,
        ttlSecondsAfterFinished: 7 * 86400,
        template: pod(podLabels, init, main),
      },
    });

    this.cronJob = new k8s.KubeCronJob(this, 'CronJob', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...labels.all } },
      spec: {
        schedule: props.schedule,
        // A dump still running when the next one is due finishes first; two at once only double the load.
        concurrencyPolicy: 'Forbid',
        // A run missed by more than an hour (controller down) is skipped, not started at peak time.
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: job(
          labels.all,
          container('dump', rewrite(mysqlImage), [`${SCRIPT_DIR}/${SCRIPT_FILE}`, 'dump', DUMP_DIR], mysqlEnv, dumpStorage),
          // `copy` of the whole scratch directory: the dump and its checksum; nothing is ever deleted remotely.
          container(
            'upload',
            rewrite(uploaderImage),
            ['rclone', 'copy', '--no-check-dest', '--no-traverse', DUMP_DIR, destination],
            remoteEnv(props.destination.credentialsSecretName),
            '64Mi',
          ),
        ),
      },
    });

    const objectEnv: k8s.EnvVar = { name: 'BACKUP_OBJECT', valueFrom: { configMapKeyRef: { name: restoreName, key: 'object' } } };
    this.restoreTemplate = new k8s.KubeCronJob(this, 'RestoreTemplate', {
      metadata: {
        name: restoreName,
        namespace: props.namespace,
        labels: { ...restoreLabels.all },
        annotations: {
          'aliyun-kubesphere/usage': `kubectl -n ${props.namespace} create job --from=cronjob/${restoreName} ${restoreName}-$(date +%s)`,
        },
      },
      spec: {
        // Never runs on its own: a template for `kubectl create job --from=cronjob/...`.
        suspend: true,
        schedule: '0 0 31 2 *',
        jobTemplate: job(
          restoreLabels.all,
          withEnv(
            container(
              'download',
              rewrite(uploaderImage),
              [
                'sh',
                '-c',
                `rclone copyto "${destination}$BACKUP_OBJECT" "${DUMP_DIR}/restore.sql.gz" && rclone copyto "${destination}$BACKUP_OBJECT.sha256" "${DUMP_DIR}/restore.sql.gz.sha256.orig"`,
              ],
              remoteEnv(restoreName),
              dumpStorage,
            ),
            [objectEnv],
          ),
          // The checksum file names the original object; rewrite it for the local name before checking.
          container(
            'restore',
            rewrite(mysqlImage),
            [
              'sh',
              '-c',
              `sed "s#  .*#  restore.sql.gz#" ${DUMP_DIR}/restore.sql.gz.sha256.orig > ${DUMP_DIR}/restore.sql.gz.sha256 && exec ${SCRIPT_DIR}/${SCRIPT_FILE} restore ${DUMP_DIR}/restore.sql.gz`,
            ],
            mysqlEnv,
            '64Mi',
          ),
        ),
      },
    });

    // The namespace denies by default: the backup and restore pods reach the server and the object store, nothing else.
    const both = [labels.selector, restoreLabels.selector];
    both.forEach((podLabels, i) => {
      const suffix = i === 0 ? props.name : restoreName;
      new AllowTrafficPolicy(this, `ToMysql${i}`, {
        name: `allow-${suffix}-to-mysql`,
        namespace: props.namespace,
        podLabels,
        direction: TrafficDirection.EGRESS,
        peers: [{ podLabels: props.mysqlPodLabels }],
        ports: [{ port: MYSQL_PORT }],
      });
      new AllowTrafficPolicy(this, `ToStore${i}`, {
        name: `allow-${suffix}-to-object-store`,
        namespace: props.namespace,
        podLabels,
        direction: TrafficDirection.EGRESS,
        peers: (props.objectStoreCidrs ?? DEFAULT_OBJECT_STORE_CIDRS).map((cidr) => ({ cidr })),
        ports: [{ port: 443 }],
      });
      new AllowTrafficPolicy(this, `FromBackup${i}`, {
        name: `allow-mysql-from-${suffix}`,
        namespace: props.namespace,
        podLabels: props.mysqlPodLabels,
        direction: TrafficDirection.INGRESS,
        peers: [{ podLabels }],
        ports: [{ port: MYSQL_PORT }],
      });
    });
  }
}

/** Adds ephemeral-storage to a container's requests and limits: the scratch it writes is bounded and scheduled for. */
function withEphemeralStorage(c: k8s.Container, size: string): k8s.Container {
  const q = k8s.Quantity.fromString(size);
  return {
    ...c,
    resources: {
      requests: { ...c.resources?.requests, 'ephemeral-storage': q },
      limits: { ...c.resources?.limits, 'ephemeral-storage': q },
    },
  };
}

function withEnv(c: k8s.Container, env: k8s.EnvVar[]): k8s.Container {
  return { ...c, env: [...(c.env ?? []), ...env] };
}
