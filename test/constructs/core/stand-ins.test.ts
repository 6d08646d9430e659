import { standInDigest, standInNasMountDomain, standInOssEndpoints } from '../../../constructs/core/stand-ins';

test.each([
  ['platform-data-mt', 'cn-shenzhen', 'b71968c379-6cd8d.cn-shenzhen.nas.aliyuncs.com'],
  ['platform-data-mt', 'cn-beijing', 'b71968c379-6cd8d.cn-beijing.nas.aliyuncs.com'],
])('the NAS mount domain of %s in %s: from the resource name, shaped as Alibaba shapes one', (name, region, domain) => {
  expect(standInNasMountDomain(name, region)).toBe(domain);
});

test('a different mount target name gives a different domain', () => {
  expect(standInNasMountDomain('platform-test-data-mt', 'cn-shenzhen')).not.toBe(standInNasMountDomain('platform-data-mt', 'cn-shenzhen'));
});

test('the OSS endpoints of a region', () => {
  expect(standInOssEndpoints('cn-shenzhen')).toEqual({
    extranetEndpoint: 'oss-cn-shenzhen.aliyuncs.com',
    intranetEndpoint: 'oss-cn-shenzhen-internal.aliyuncs.com',
    location: 'oss-cn-shenzhen',
  });
});

test('the digest: the first hex digits of the SHA-256', () => {
  expect(standInDigest('abc', 12)).toBe('ba7816bf8f01');
});
