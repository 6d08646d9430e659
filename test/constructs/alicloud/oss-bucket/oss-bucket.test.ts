import { OssBucket } from '../../../../constructs/alicloud';
import { ValidationError } from '../../../../constructs/core/validation';
import { evaluate, ofType } from '../../../helpers/evaluate';

test('a private, versioned, encrypted bucket with its guards, and no CDN', async () => {
  const stack = await evaluate(() => {
    new OssBucket('backups', { bucketName: 'acme-backups', lifecycle: { transitionToIaDays: 60 }, tags: { team: 'platform' } });
  });
  const parent = 'aliyun-kubesphere:alicloud:OssBucket::backups';
  expect(stack.resources.map((r) => [r.type, r.name, r.parent, r.protect, r.retainOnDelete])).toEqual([
    ['aliyun-kubesphere:alicloud:OssBucket', 'backups', null, false, false],
    ['alicloud:oss/bucket:Bucket', 'backups-bucket', parent, true, true],
    ['alicloud:oss/bucketAcl:BucketAcl', 'backups-bucket-acl', parent, false, true],
    ['alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock', 'backups-bucket-pab', parent, false, true],
    ['alicloud:oss/bucketPolicy:BucketPolicy', 'backups-bucket-policy', parent, false, true],
  ]);
  const [bucket] = ofType(stack, 'alicloud:oss/bucket:Bucket');
  expect(bucket.inputs).toMatchObject({
    bucket: 'acme-backups',
    redundancyType: 'ZRS',
    versioning: { status: 'Enabled' },
    serverSideEncryptionRule: { sseAlgorithm: 'AES256' },
    forceDestroy: false,
    tags: { team: 'platform' },
  });
  expect(JSON.stringify(bucket.inputs.lifecycleRules)).toContain('"days":60');
  // The ACL and the policy are standalone resources: the bucket must not send their arguments.
  expect(bucket.ignoreChanges).toEqual(['acl', 'policy']);
  expect(ofType(stack, 'alicloud:oss/bucketAcl:BucketAcl')[0].inputs.acl).toBe('private');
  expect(JSON.parse(ofType(stack, 'alicloud:oss/bucketPolicy:BucketPolicy')[0].inputs.policy as string).Statement[0].Effect).toBe('Deny');
  expect(stack.resources.filter((r) => r.type.startsWith('alicloud:cdn'))).toEqual([]);
});

test('bad props are named together before anything is created', async () => {
  let caught: unknown;
  const stack = await evaluate(() => {
    try {
      new OssBucket('b', {
        bucketName: 'Bad_Name',
        encryption: { algorithm: 'AES256', kmsKeyId: 'k' },
        lifecycle: { abortMultipartUploadDays: 0 },
      });
    } catch (e) {
      caught = e;
    }
  });
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).issues.map((i) => [i.key, i.value])).toEqual([
    ['bucketName', 'Bad_Name'],
    ['encryption.kmsKeyId', 'k'],
    ['lifecycle.abortMultipartUploadDays', 0],
  ]);
  expect((caught as ValidationError).message.split('\n')[0]).toBe('Invalid OssBucket props (3 problems):');
  expect(ofType(stack, 'alicloud:oss/bucket:Bucket')).toEqual([]);
});
