import { OssCdnSite, OssCdnSiteProps } from '../../../../constructs/alicloud';
import { LifecycleDays, denyInsecureTransportPolicy, lifecycleRules } from '../../../../constructs/alicloud/oss-cdn-site/documents';
import { bucketNameProblem, domainNameProblem } from '../../../../constructs/alicloud/oss-cdn-site/validate';
import { ValidationError } from '../../../../constructs/core/validation';
import { evaluate, ofType } from '../../../helpers/evaluate';

const PARENT = 'aliyun-kubesphere:alicloud:OssCdnSite::site';
const PROPS: OssCdnSiteProps = { bucketName: 'acme-static-files', domainName: 'static.example.com', certificateId: '12345678' };

function issuesOf(props: OssCdnSiteProps): Array<[string, string]> {
  try {
    new OssCdnSite('site', props);
  } catch (e) {
    if (e instanceof ValidationError) {
      return e.issues.map((i) => [i.key, i.message]);
    }
    throw e;
  }
  return [];
}

describe('OssCdnSite', () => {
  test('creates a private, versioned, encrypted bucket behind an HTTPS CDN domain', async () => {
    const stack = await evaluate(() => {
      const site = new OssCdnSite('site', { ...PROPS, tags: { team: 'web' } });
      return { outputs: { bucketName: site.bucketName, cdnCname: site.cdnCname, originEndpoint: site.originEndpoint } };
    });

    expect(stack.resources.map((r) => [r.type, r.name])).toEqual([
      [OssCdnSite.TYPE, 'site'],
      ['alicloud:oss/bucket:Bucket', 'site-bucket'],
      ['alicloud:oss/bucketAcl:BucketAcl', 'site-bucket-acl'],
      ['alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock', 'site-bucket-pab'],
      ['alicloud:oss/bucketPolicy:BucketPolicy', 'site-bucket-policy'],
      ['alicloud:cdn/domainNew:DomainNew', 'site-cdn'],
      ['alicloud:cdn/domainConfig:DomainConfig', 'site-cdn-l2-oss-key'],
      ['alicloud:cdn/domainConfig:DomainConfig', 'site-cdn-https-force'],
    ]);
    expect(stack.resources.slice(1).every((r) => r.parent === PARENT)).toBe(true);

    const [bucket] = ofType(stack, 'alicloud:oss/bucket:Bucket');
    expect(bucket.inputs).toMatchObject({
      bucket: 'acme-static-files',
      redundancyType: 'ZRS',
      versioning: { status: 'Enabled' },
      serverSideEncryptionRule: { sseAlgorithm: 'AES256' },
      forceDestroy: false,
      tags: { team: 'web' },
    });
    expect(bucket.inputs.acl).toBeUndefined();
    expect(bucket.inputs.policy).toBeUndefined();
    expect(bucket.inputs.lifecycleRules).toEqual([
      {
        id: 'expire-noncurrent-versions',
        enabled: true,
        noncurrentVersionExpirations: [{ days: 30 }],
        expirations: [{ expiredObjectDeleteMarker: true }],
      },
      { id: 'abort-incomplete-multipart-uploads', enabled: true, abortMultipartUploads: [{ days: 7 }] },
    ]);
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([true, true]);
    // ACL and policy are standalone resources: without the matching ignore, an update after a
    // refresh sends the bucket's empty `policy`, which the provider turns into DeleteBucketPolicy.
    expect(bucket.ignoreChanges).toEqual(['acl', 'policy']);
    const standalone: Record<string, string> = {
      'alicloud:oss/bucketAcl:BucketAcl': 'acl',
      'alicloud:oss/bucketPolicy:BucketPolicy': 'policy',
    };
    const subResources = stack.resources.filter((r) => r.type.startsWith('alicloud:oss/bucket') && r.type !== 'alicloud:oss/bucket:Bucket');
    // Every standalone sub-resource either has its bucket argument ignored or has no bucket argument at all.
    for (const sub of subResources) {
      const argument = standalone[sub.type];
      if (argument !== undefined) {
        expect(bucket.ignoreChanges).toContain(argument);
      } else {
        expect(sub.type).toBe('alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock');
      }
    }

    expect(ofType(stack, 'alicloud:oss/bucketAcl:BucketAcl')[0].inputs).toEqual({ bucket: 'acme-static-files', acl: 'private' });
    expect(ofType(stack, 'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock')[0].inputs).toEqual({
      bucket: 'acme-static-files',
      blockPublicAccess: true,
    });
    const [policy] = ofType(stack, 'alicloud:oss/bucketPolicy:BucketPolicy');
    expect(policy.inputs.bucket).toBe('acme-static-files');
    expect(JSON.parse(policy.inputs.policy as string)).toEqual(JSON.parse(denyInsecureTransportPolicy('acme-static-files')));
    for (const guard of [
      'alicloud:oss/bucketAcl:BucketAcl',
      'alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock',
      'alicloud:oss/bucketPolicy:BucketPolicy',
    ]) {
      expect([ofType(stack, guard)[0].protect, ofType(stack, guard)[0].retainOnDelete]).toEqual([false, true]);
    }

    const [cdn] = ofType(stack, 'alicloud:cdn/domainNew:DomainNew');
    expect(cdn.inputs).toMatchObject({
      domainName: 'static.example.com',
      cdnType: 'web',
      scope: 'domestic',
      sources: [{ type: 'oss', content: 'acme-static-files.oss-cn-shenzhen.aliyuncs.com', port: 443, priority: 20, weight: 10 }],
      certificateConfig: { certType: 'cas', certId: '12345678', certRegion: 'cn-hangzhou', serverCertificateStatus: 'on' },
    });

    const configs = ofType(stack, 'alicloud:cdn/domainConfig:DomainConfig').map((c) => c.inputs);
    expect(configs).toEqual([
      { domainName: 'static.example.com', functionName: 'l2_oss_key', functionArgs: [{ argName: 'private_oss_auth', argValue: 'on' }] },
      {
        domainName: 'static.example.com',
        functionName: 'https_force',
        functionArgs: [
          { argName: 'enable', argValue: 'on' },
          { argName: 'https_rewrite', argValue: '301' },
        ],
      },
    ]);

    expect(stack.outputs).toEqual({
      bucketName: 'acme-static-files',
      cdnCname: 'static.example.com.w.kunlunaq.com',
      originEndpoint: 'acme-static-files.oss-cn-shenzhen.aliyuncs.com',
    });
  });

  test('takes KMS encryption, LRS, an IA transition, another scope and certificate region', async () => {
    const stack = await evaluate(() => {
      new OssCdnSite('site', {
        ...PROPS,
        scope: 'global',
        redundancyType: 'LRS',
        certificateRegion: 'ap-southeast-1',
        encryption: { algorithm: 'KMS', kmsKeyId: 'key-abc' },
        lifecycle: { noncurrentVersionExpirationDays: 90, abortMultipartUploadDays: 3, transitionToIaDays: 60 },
      });
    });
    const [bucket] = ofType(stack, 'alicloud:oss/bucket:Bucket');
    expect(bucket.inputs).toMatchObject({
      redundancyType: 'LRS',
      serverSideEncryptionRule: { sseAlgorithm: 'KMS', kmsMasterKeyId: 'key-abc' },
    });
    expect(bucket.inputs.lifecycleRules).toEqual(
      lifecycleRules({ noncurrentVersionExpirationDays: 90, abortMultipartUploadDays: 3, transitionToIaDays: 60 }),
    );
    const [cdn] = ofType(stack, 'alicloud:cdn/domainNew:DomainNew');
    expect(cdn.inputs).toMatchObject({ scope: 'global', certificateConfig: { certRegion: 'ap-southeast-1' } });
  });

  test('serves plain HTTP only when httpsEnabled is false explicitly: no certificate, no redirect', async () => {
    const stack = await evaluate(() => {
      new OssCdnSite('site', { bucketName: 'acme-static-files', domainName: 'static.example.com', httpsEnabled: false });
    });
    expect(ofType(stack, 'alicloud:cdn/domainNew:DomainNew')[0].inputs.certificateConfig).toBeUndefined();
    expect(ofType(stack, 'alicloud:cdn/domainConfig:DomainConfig').map((c) => c.inputs.functionName)).toEqual(['l2_oss_key']);
    // The origin hop stays HTTPS either way.
    expect(ofType(stack, 'alicloud:cdn/domainNew:DomainNew')[0].inputs.sources).toEqual([expect.objectContaining({ port: 443 })]);
  });

  test('refuses a missing certificate with a message that names the way out', () => {
    const issues = issuesOf({ bucketName: 'acme-static-files', domainName: 'static.example.com' });
    expect(issues).toHaveLength(1);
    expect(issues[0][0]).toBe('certificateId');
    expect(issues[0][1]).toMatch(/CAS.*httpsEnabled: false/);
  });

  test.each<[string, Partial<OssCdnSiteProps>, string, RegExp]>([
    ['a blank certificate id', { certificateId: '  ' }, 'certificateId', /is required/],
    ['a certificate with HTTPS off', { httpsEnabled: false }, 'certificateId', /httpsEnabled is false/],
    ['an uppercase bucket name', { bucketName: 'Acme-Files' }, 'bucketName', /lowercase/],
    ['a two-character bucket name', { bucketName: 'ab' }, 'bucketName', /3 to 63/],
    ['a 64-character bucket name', { bucketName: 'a'.repeat(64) }, 'bucketName', /3 to 63/],
    ['a bucket name ending in a hyphen', { bucketName: 'acme-' }, 'bucketName', /start and end/],
    ['a bucket name with a dot', { bucketName: 'acme.files' }, 'bucketName', /lowercase letters, digits and hyphens/],
    ['a bare host name', { domainName: 'static' }, 'domainName', /fully qualified/],
    ['a domain with a scheme', { domainName: 'https://static.example.com' }, 'domainName', /not a valid/],
    ['an uppercase domain', { domainName: 'Static.Example.com' }, 'domainName', /lowercase/],
    ['a .sh domain', { domainName: 'static.example.sh' }, 'domainName', /\.sh/],
    ['an unknown scope', { scope: 'mars' as OssCdnSiteProps['scope'] }, 'scope', /domestic, overseas, global/],
    ['an unknown redundancy type', { redundancyType: 'GRS' as OssCdnSiteProps['redundancyType'] }, 'redundancyType', /ZRS, LRS/],
    ['an unknown SSE algorithm', { encryption: { algorithm: 'SM4' as 'KMS' } }, 'encryption.algorithm', /AES256, KMS/],
    ['a KMS key with AES256', { encryption: { kmsKeyId: 'key-1' } }, 'encryption.kmsKeyId', /only applies to algorithm KMS/],
    [
      'zero noncurrent days',
      { lifecycle: { noncurrentVersionExpirationDays: 0 } },
      'lifecycle.noncurrentVersionExpirationDays',
      /at least 1/,
    ],
    ['fractional multipart days', { lifecycle: { abortMultipartUploadDays: 1.5 } }, 'lifecycle.abortMultipartUploadDays', /whole number/],
    ['negative IA days', { lifecycle: { transitionToIaDays: -1 } }, 'lifecycle.transitionToIaDays', /at least 1/],
  ])('refuses %s', (_label, override, key, message) => {
    const issues = issuesOf({ ...PROPS, ...override });
    expect(issues).toHaveLength(1);
    expect(issues[0][0]).toBe(key);
    expect(issues[0][1]).toMatch(message);
  });

  test('reports every problem at once', () => {
    expect(issuesOf({ bucketName: 'A', domainName: 'x', scope: 'mars' as OssCdnSiteProps['scope'] }).map(([k]) => k)).toEqual([
      'bucketName',
      'domainName',
      'certificateId',
      'scope',
    ]);
  });

  test.each(['abc', 'acme-static-files', 'a1-b2', '0'.repeat(63)])('accepts bucket name %s', (name) => {
    expect(bucketNameProblem(name)).toBeUndefined();
  });

  test.each(['static.example.com', 'cdn.files.example.com.cn', '*.example.com', 'a-b.example.io'])('accepts domain %s', (name) => {
    expect(domainNameProblem(name)).toBeUndefined();
  });
});

describe('denyInsecureTransportPolicy', () => {
  test('denies every action on the bucket and its objects unless the request came over HTTPS', () => {
    expect(JSON.parse(denyInsecureTransportPolicy('b1'))).toEqual({
      Version: '1',
      Statement: [
        {
          Effect: 'Deny',
          Principal: ['*'],
          Action: ['oss:*'],
          Resource: ['acs:oss:*:*:b1', 'acs:oss:*:*:b1/*'],
          Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
        },
      ],
    });
  });
});

describe('lifecycleRules', () => {
  test.each<[LifecycleDays, string[]]>([
    [
      { noncurrentVersionExpirationDays: 30, abortMultipartUploadDays: 7 },
      ['expire-noncurrent-versions', 'abort-incomplete-multipart-uploads'],
    ],
    [
      { noncurrentVersionExpirationDays: 30, abortMultipartUploadDays: 7, transitionToIaDays: 45 },
      ['expire-noncurrent-versions', 'abort-incomplete-multipart-uploads', 'transition-to-ia'],
    ],
  ])('builds enabled rules %#', (days, ids) => {
    const rules = lifecycleRules(days);
    expect(rules.map((r) => r.id)).toEqual(ids);
    expect(rules.every((r) => r.enabled === true)).toBe(true);
    if (days.transitionToIaDays !== undefined) {
      expect(rules[2].transitions).toEqual([{ days: 45, storageClass: 'IA' }]);
    }
  });
});
