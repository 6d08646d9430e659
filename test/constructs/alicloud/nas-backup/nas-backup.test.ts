import { NasBackup, hbrSchedule } from '../../../../constructs/alicloud';
import { evaluate, ofType } from '../../../helpers/evaluate';
import { issuesOf } from '../../../helpers/issues';

describe('hbrSchedule', () => {
  test.each([
    ['2026-01-01T03:00:00+08:00', 24, 'I|1767207600|PT24H'],
    ['2026-01-01T00:00:00Z', 6, 'I|1767225600|PT6H'],
  ])('%s every %i hours is %s', (start, hours, expected) => {
    expect(hbrSchedule(start, hours)).toBe(expected);
  });
});

describe('NasBackup', () => {
  test('an encrypted, protected vault and a daily full backup of the whole file system kept 30 days', async () => {
    const stack = await evaluate(() => {
      new NasBackup('data-backup', { fileSystemId: 'fs-1' });
    });
    const [vault] = ofType(stack, 'alicloud:hbr/vault:Vault');
    expect([vault.inputs.vaultName, vault.inputs.encryptType, vault.protect, vault.retainOnDelete]).toEqual([
      'data-backup',
      'HBR_PRIVATE',
      true,
      true,
    ]);
    const [plan] = ofType(stack, 'alicloud:hbr/nasBackupPlan:NasBackupPlan');
    expect(plan.inputs).toEqual({
      nasBackupPlanName: 'data-backup',
      vaultId: expect.any(String),
      fileSystemId: 'fs-1',
      backupType: 'COMPLETE',
      paths: ['/'],
      retention: '30',
      schedule: 'I|1767207600|PT24H',
    });
  });

  test('refuses bad retention, interval, start and paths, naming each', () => {
    expect(
      issuesOf(
        () => new NasBackup('b', { fileSystemId: 'fs', retentionDays: 0, intervalHours: 0, start: '2026-01-01 03:00', paths: ['data'] }),
      ).map(([k]) => k),
    ).toEqual(['retentionDays', 'intervalHours', 'start', 'paths']);
  });
});
