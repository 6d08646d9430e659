import { ConfigError, SharedSpec, parseStackConfig } from '../../../stacks/config';
import { RawConfig } from '../../../stacks/config/sources';
import { readStackFile } from '../../../stacks/config';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const NETWORK = { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e'], securityGroups: ['devtools'] };

function shared(backup: unknown): RawConfig {
  return {
    project: 'platform',
    stack: 'shared',
    values: { 'alicloud:region': 'cn-shenzhen', 'platform:network': NETWORK, 'platform:backup': backup },
  };
}

function issuesOf(config: RawConfig): Array<[string, unknown]> {
  try {
    parseStackConfig(config, { missingSecrets: 'placeholder' });
  } catch (err) {
    if (err instanceof ConfigError) {
      return err.issues.map((i) => [i.key, i.value]);
    }
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** The committed prod stack with `platform:backup` replaced. */
function prod(backup: unknown): RawConfig {
  const raw = readStackFile(ROOT, 'prod');
  return { ...raw, values: { ...raw.values, 'platform:backup': backup } };
}

describe('platform:backup on the shared stack', () => {
  test('defaults the retention when only the bucket is named', () => {
    const spec = parseStackConfig(shared({ bucketName: 'acme-backups' })) as SharedSpec;
    expect(spec.backup).toEqual({
      bucketName: 'acme-backups',
      redundancyType: undefined,
      retentionDays: { mysql: 30, etcd: 14 },
      noncurrentVersionDays: 14,
      nas: { retentionDays: 30, intervalHours: 24 },
    });
  });

  test('a partial retention keeps the other default', () => {
    const spec = parseStackConfig(shared({ bucketName: 'acme-backups', retentionDays: { mysql: 90 } })) as SharedSpec;
    expect(spec.backup?.retentionDays).toEqual({ mysql: 90, etcd: 14 });
  });

  test('names every bad key together', () => {
    expect(
      issuesOf(
        shared({ bucketName: 'Bad_Bucket', retentionDays: { mysql: 0, velero: 3 }, noncurrentVersionDays: 'x', redundancyType: 'GRS' }),
      ),
    ).toEqual([
      ['platform:backup.bucketName', 'Bad_Bucket'],
      ['platform:backup.redundancyType', 'GRS'],
      ['platform:backup.retentionDays.velero', 3],
      ['platform:backup.retentionDays.mysql', 0],
      ['platform:backup.noncurrentVersionDays', 'x'],
    ]);
    expect(issuesOf(shared({ bucketName: 'ok-name', nas: { retentionDays: 0, intervalHours: 200 } }))).toEqual([
      ['platform:backup.nas.retentionDays', 0],
      ['platform:backup.nas.intervalHours', 200],
    ]);
  });

  test('the bucket name is required', () => {
    expect(issuesOf(shared({}))).toEqual([['platform:backup.bucketName', undefined]]);
  });
});

describe('platform:backup on a cluster stack', () => {
  test('defaults apply when the key is absent', () => {
    const raw = readStackFile(ROOT, 'prod');
    const values = { ...raw.values };
    delete values['platform:backup'];
    const spec = parseStackConfig({ ...raw, values }, { missingSecrets: 'placeholder' });
    expect(spec.kind === 'cluster' && spec.backup).toEqual({
      mysql: { schedule: '30 2 * * *', scratchSize: '10Gi' },
      etcd: { periodMinutes: 60, keepBackupNumber: 24 },
    });
  });

  test.each([
    ['30 2 * *', 'platform:backup.mysql.schedule'],
    ['@daily', 'platform:backup.mysql.schedule'],
    ['30 2 * * * *', 'platform:backup.mysql.schedule'],
  ])('refuses the schedule %j', (schedule, key) => {
    expect(issuesOf(prod({ mysql: { schedule } }))).toEqual([[key, schedule]]);
  });

  test.each(['*/15 1-5 * * 1,3,5', '0 0 1 * *', '30 2 * * *'])('accepts the schedule %j', (schedule) => {
    const spec = parseStackConfig(prod({ mysql: { schedule } }), { missingSecrets: 'placeholder' });
    expect(spec.kind === 'cluster' && spec.backup.mysql.schedule).toBe(schedule);
  });

  test('refuses etcd periods and counts out of range, by key', () => {
    expect(issuesOf(prod({ etcd: { periodMinutes: 2, keepBackupNumber: 0 }, typo: 1 }))).toEqual([
      ['platform:backup.typo', 1],
      ['platform:backup.etcd.periodMinutes', 2],
      ['platform:backup.etcd.keepBackupNumber', 0],
    ]);
  });
});
