import { BackupBucket, BackupWriter, backupLifecycleRules, backupWriterStatements } from '../../../../constructs/alicloud';
import { BUCKET_ARGS_MANAGED_STANDALONE } from '../../../../constructs/alicloud/oss-bucket/private-bucket';
import { issuesOf } from '../../../helpers/issues';
import { evaluate, ofType } from '../../../helpers/evaluate';

const RETENTION = [{ prefix: 'etcd/', days: 7 }, { prefix: 'mysql/', days: 30 }, { prefix: 'velero/' }];

const keysOf = (run: () => unknown) => issuesOf(run).map(([key]) => key);

describe('backupLifecycleRules', () => {
  test('one expiry per retained prefix, noncurrent versions kept for the grace period, uploads cleaned up', () => {
    expect(backupLifecycleRules(RETENTION, { noncurrentVersionExpirationDays: 14, abortMultipartUploadDays: 3 })).toEqual([
      { id: 'expire-etcd', prefix: 'etcd/', enabled: true, expirations: [{ days: 7 }] },
      { id: 'expire-mysql', prefix: 'mysql/', enabled: true, expirations: [{ days: 30 }] },
      {
        id: 'expire-noncurrent-versions',
        enabled: true,
        noncurrentVersionExpirations: [{ days: 14 }],
        expirations: [{ expiredObjectDeleteMarker: true }],
      },
      { id: 'abort-incomplete-multipart-uploads', enabled: true, abortMultipartUploads: [{ days: 3 }] },
    ]);
  });

  test.each([
    [[{ prefix: 'mysql', days: 3 }], 'retention[0].prefix'],
    [[{ prefix: '/mysql/', days: 3 }], 'retention[0].prefix'],
    [[{ prefix: 'mysql/', days: 0 }], 'retention[0].days'],
    [[{ prefix: 'mysql/', days: 1.5 }], 'retention[0].days'],
    [
      [
        { prefix: 'mysql/', days: 3 },
        { prefix: 'mysql/', days: 4 },
      ],
      'retention[1].prefix',
    ],
  ])('refuses %j under %s', (retention, key) => {
    expect(keysOf(() => backupLifecycleRules(retention, { noncurrentVersionExpirationDays: 1, abortMultipartUploadDays: 1 }))).toEqual([
      key,
    ]);
  });
});

describe('backupWriterStatements', () => {
  test('write: objects under the prefix only, no read, no delete, no listing', () => {
    expect(backupWriterStatements('b', 'mysql/prod/', 'write')).toEqual([
      { actions: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'], resources: ['acs:oss:*:*:b/mysql/prod/*'] },
    ]);
  });

  test('manage: read and delete under the prefix, listing confined to it', () => {
    expect(backupWriterStatements('b', 'velero/prod/', 'manage')).toEqual([
      {
        actions: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts', 'oss:GetObject', 'oss:DeleteObject'],
        resources: ['acs:oss:*:*:b/velero/prod/*'],
      },
      { actions: ['oss:ListObjects'], resources: ['acs:oss:*:*:b'], condition: { StringLike: { 'oss:Prefix': ['velero/prod/*'] } } },
    ]);
  });
});

describe('BackupBucket', () => {
  test('a private, versioned, encrypted bucket, protected and retained, that ignores its standalone sub-resources', async () => {
    const stack = await evaluate(() => {
      new BackupBucket('backups', { bucketName: 'acme-backups', retention: RETENTION, tags: { team: 'sre' } });
    });
    expect(stack.resources.map((r) => [r.type, r.name])).toEqual([
      [BackupBucket.TYPE, 'backups'],
      ['alicloud:oss/bucket:Bucket', 'backups-bucket'],
      ['alicloud:oss/bucketAcl:BucketAcl', 'backups-bucket-acl'],
      ['alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock', 'backups-bucket-pab'],
      ['alicloud:oss/bucketPolicy:BucketPolicy', 'backups-bucket-policy'],
    ]);
    const [bucket] = ofType(stack, 'alicloud:oss/bucket:Bucket');
    expect(bucket.inputs).toMatchObject({
      bucket: 'acme-backups',
      redundancyType: 'ZRS',
      versioning: { status: 'Enabled' },
      serverSideEncryptionRule: { sseAlgorithm: 'AES256' },
      forceDestroy: false,
      tags: { team: 'sre' },
    });
    expect(bucket.inputs.lifecycleRules).toHaveLength(4);
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([true, true]);
    expect(bucket.ignoreChanges).toEqual([...BUCKET_ARGS_MANAGED_STANDALONE]);
    expect(ofType(stack, 'alicloud:oss/bucketAcl:BucketAcl')[0].inputs.acl).toBe('private');
    expect(ofType(stack, 'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock')[0].inputs.blockPublicAccess).toBe(true);
    expect(JSON.parse(ofType(stack, 'alicloud:oss/bucketPolicy:BucketPolicy')[0].inputs.policy as string).Statement[0].Condition).toEqual({
      Bool: { 'acs:SecureTransport': ['false'] },
    });
    for (const guard of [
      'alicloud:oss/bucketAcl:BucketAcl',
      'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock',
      'alicloud:oss/bucketPolicy:BucketPolicy',
    ]) {
      expect(ofType(stack, guard)[0].retainOnDelete).toBe(true);
    }
  });

  test('refuses a bad name, a KMS key without KMS and a bad retention before creating anything', () => {
    expect(keysOf(() => new BackupBucket('b', { bucketName: 'Bad_Name', retention: [], sseAlgorithm: 'AES256', kmsKeyId: 'k' }))).toEqual([
      'bucketName',
      'kmsKeyId',
    ]);
    expect(keysOf(() => new BackupBucket('b', { bucketName: 'ok-name', retention: [{ prefix: 'x/', days: -1 }] }))).toEqual([
      'retention[0].days',
    ]);
  });
});

describe('BackupWriter', () => {
  test('a RAM user confined to its prefix, with an AccessKey whose secret stays secret', async () => {
    const stack = await evaluate(() => {
      const w = new BackupWriter('prod-mysql-backup', { bucketName: 'acme-backups', prefix: 'mysql/prod/' });
      return { outputs: { id: w.accessKeyId } };
    });
    expect(stack.resources.map((r) => [r.type, r.name])).toEqual([
      [BackupWriter.TYPE, 'prod-mysql-backup'],
      ['alicloud:ram/user:User', 'prod-mysql-backup-user'],
      ['alicloud:ram/policy:Policy', 'prod-mysql-backup-policy'],
      ['alicloud:ram/userPolicyAttachment:UserPolicyAttachment', 'prod-mysql-backup-policy-attachment'],
      ['alicloud:ram/accessKey:AccessKey', 'prod-mysql-backup-key'],
    ]);
    expect(JSON.parse(ofType(stack, 'alicloud:ram/policy:Policy')[0].inputs.policyDocument as string)).toEqual({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'],
          Resource: ['acs:oss:*:*:acme-backups/mysql/prod/*'],
        },
      ],
    });
    expect(ofType(stack, 'alicloud:ram/userPolicyAttachment:UserPolicyAttachment')[0].inputs).toMatchObject({ policyType: 'Custom' });
  });
});
