import { Chart, Testing } from 'cdk8s';
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MYSQL_IMAGE, MySqlBackup, MySqlBackupProps, RCLONE_IMAGE, renderMysqlBackupScript } from '../../../../constructs/k8s';
import { ValidationErrorLike } from '../helpers';
import { Manifest, at, find, ofKind } from '../fixtures';
import { describeShellcheck, shellScriptsIn } from '../../../helpers/shellcheck';

const PROPS: MySqlBackupProps = {
  name: 'mysql-backup',
  namespace: 'middleware',
  mysqlHost: 'mysql',
  mysqlPodLabels: { 'app.kubernetes.io/instance': 'mysql' },
  mysqlCredentialsSecretName: 'mysql-credentials',
  schedule: '30 2 * * *',
  destination: {
    bucket: 'acme-backups',
    prefix: 'mysql/prod/',
    endpoint: 'oss-cn-shenzhen-internal.aliyuncs.com',
    credentialsSecretName: 'mysql-backup-oss',
  },
};

function synth(props: MySqlBackupProps = PROPS): Manifest[] {
  const chart = new Chart(Testing.app(), 'backup');
  new MySqlBackup(chart, 'backup', props);
  return Testing.synth(chart) as Manifest[];
}

const objects = synth();
const cronJob = find(objects, 'CronJob', 'mysql-backup');
const restore = find(objects, 'CronJob', 'mysql-backup-restore');
const podOf = (c: Manifest) => at(c, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
const containersOf = (c: Manifest): any[] => [...podOf(c).initContainers, ...podOf(c).containers];

describe('MySqlBackup', () => {
  test('a CronJob on the schedule: dump with the server image, then upload with rclone to the prefix', () => {
    expect(at(cronJob, 'spec')).toMatchObject({ schedule: '30 2 * * *', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 3600 });
    const pod = podOf(cronJob);
    expect(pod.initContainers.map((c: any) => [c.name, c.image, c.command])).toEqual([
      ['dump', MYSQL_IMAGE, ['/opt/mysql-backup/mysql-backup.sh', 'dump', '/backup']],
    ]);
    expect(pod.containers.map((c: any) => [c.name, c.image, c.command])).toEqual([
      ['upload', RCLONE_IMAGE, ['rclone', 'copy', '--no-check-dest', '--no-traverse', '/backup', 'oss:acme-backups/mysql/prod/']],
    ]);
    expect(find(objects, 'ConfigMap', 'mysql-backup-script').data).toEqual({ 'mysql-backup.sh': renderMysqlBackupScript() });
  });

  test('passwords and keys come from Secrets through the environment, never argv', () => {
    const secretRefs = (c: any) =>
      (c.env ?? [])
        .filter((e: any) => e.valueFrom?.secretKeyRef)
        .map((e: any) => [e.name, e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key]);
    const [dump, upload] = containersOf(cronJob);
    expect(secretRefs(dump)).toEqual([['MYSQL_PASSWORD', 'mysql-credentials', 'mysql-root-password']]);
    expect(secretRefs(upload)).toEqual([
      ['RCLONE_CONFIG_OSS_ACCESS_KEY_ID', 'mysql-backup-oss', 'access-key-id'],
      ['RCLONE_CONFIG_OSS_SECRET_ACCESS_KEY', 'mysql-backup-oss', 'access-key-secret'],
    ]);
    for (const c of [...containersOf(cronJob), ...containersOf(restore)]) {
      expect(JSON.stringify([c.command, c.args])).not.toMatch(/password|secret|key-id/i);
    }
    expect(ofKind(objects, 'Secret')).toEqual([]);
  });

  test('restricted Pod Security, bounded resources including ephemeral-storage, no service account token', () => {
    for (const job of [cronJob, restore]) {
      const pod = podOf(job);
      expect(pod).toMatchObject({
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      });
      expect(pod.volumes.every((vol: any) => vol.hostPath === undefined)).toBe(true);
      for (const c of containersOf(job)) {
        expect(c.securityContext).toEqual({
          runAsNonRoot: true,
          runAsUser: 999,
          runAsGroup: 999,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        for (const side of ['requests', 'limits']) {
          expect(Object.keys(c.resources[side]).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
        }
      }
    }
    expect(containersOf(cronJob).map((c) => c.resources.limits['ephemeral-storage'])).toEqual(['10Gi', '64Mi']);
    expect(podOf(cronJob).volumes.find((vol: any) => vol.name === 'tmp').emptyDir).toEqual({ medium: 'Memory', sizeLimit: '16Mi' });
  });

  test('the restore template never runs by itself and reads the object name from its ConfigMap', () => {
    expect(at(restore, 'spec', 'suspend')).toBe(true);
    const [download, load] = containersOf(restore);
    expect(download.env.find((e: any) => e.name === 'BACKUP_OBJECT').valueFrom).toEqual({
      configMapKeyRef: { name: 'mysql-backup-restore', key: 'object' },
    });
    expect(download.env.find((e: any) => e.name === 'RCLONE_CONFIG_OSS_ACCESS_KEY_ID').valueFrom.secretKeyRef.name).toBe(
      'mysql-backup-restore',
    );
    expect(load.command[2]).toContain('/opt/mysql-backup/mysql-backup.sh restore /backup/restore.sql.gz');
  });

  test('the pods reach MySQL on 3306 and the object store on 443 only, and MySQL admits them', () => {
    const policies = ofKind(objects, 'NetworkPolicy').map((p) => [
      p.metadata.name,
      at(p, 'spec', 'policyTypes'),
      JSON.stringify(at(p, 'spec')),
    ]);
    expect(policies.map(([name, types]) => [name, types])).toEqual([
      ['allow-mysql-backup-to-mysql', ['Egress']],
      ['allow-mysql-backup-to-object-store', ['Egress']],
      ['allow-mysql-from-mysql-backup', ['Ingress']],
      ['allow-mysql-backup-restore-to-mysql', ['Egress']],
      ['allow-mysql-backup-restore-to-object-store', ['Egress']],
      ['allow-mysql-from-mysql-backup-restore', ['Ingress']],
    ]);
    expect(policies[1][2]).toContain('"cidr":"100.64.0.0/10"');
    expect(policies[1][2]).toContain('"port":443');
  });

  test('the manifests pass the Kubernetes schemas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-schemas-'));
    try {
      writeFileSync(join(dir, 'objects.json'), JSON.stringify(objects));
      const run = spawnSync(process.execPath, [join(__dirname, '..', 'validate-schemas.mjs'), join(dir, 'objects.json')], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ['uploaderImage', { uploaderImage: 'rclone/rclone:latest' }],
    ['destination.prefix', { destination: { ...PROPS.destination, prefix: 'mysql' } }],
    ['dumpStorage', { dumpStorage: '10G' }],
  ])('refuses a bad %s', (key, change) => {
    expect(() => synth({ ...PROPS, ...change })).toThrow(ValidationErrorLike(key));
  });
});

test('every image goes through the mirror rewrite', () => {
  const mirrored = synth({ ...PROPS, imageRewrite: (image) => `mirror.example.com/lib/${image.slice(image.lastIndexOf('/') + 1)}` });
  const images = ['mysql-backup', 'mysql-backup-restore'].flatMap((name) =>
    containersOf(find(mirrored, 'CronJob', name)).map((c) => c.image),
  );
  expect(images).toEqual([
    'mirror.example.com/lib/mysql:8.0.39',
    'mirror.example.com/lib/rclone:1.68.2',
    'mirror.example.com/lib/rclone:1.68.2',
    'mirror.example.com/lib/mysql:8.0.39',
  ]);
});

describeShellcheck("the backup and restore jobs' commands (sh -c in the images) and the script they mount", () =>
  objects.flatMap((o) => shellScriptsIn(o, `${o.kind}/${o.metadata.name}`)),
);
