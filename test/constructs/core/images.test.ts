import {
  ImageMirror,
  NO_IMAGE_REWRITE,
  canonicalImage,
  imageMirrorRewrite,
  mirrorImage,
  parseImageMirror,
  parseImageReference,
} from '../../../constructs/core/images';
import { Validator } from '../../../constructs/core/validation';

const MIRROR: ImageMirror = { host: 'registry.cn-shenzhen.aliyuncs.com', namespace: 'acme-mirror' };
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  test.each([
    ['redis:7.2.5', { registry: 'docker.io', namespace: 'library', name: 'redis', tag: '7.2.5' }],
    ['emqx/emqx:5.8.0', { registry: 'docker.io', namespace: 'emqx', name: 'emqx', tag: '5.8.0' }],
    [
      'docker.elastic.co/elasticsearch/elasticsearch:8.15.3',
      { registry: 'docker.elastic.co', namespace: 'elasticsearch', name: 'elasticsearch', tag: '8.15.3' },
    ],
    [
      'registry-cn-shenzhen-vpc.ack.aliyuncs.com/acs/csi-plugin:v1.36.2-init',
      { registry: 'registry-cn-shenzhen-vpc.ack.aliyuncs.com', namespace: 'acs', name: 'csi-plugin', tag: 'v1.36.2-init' },
    ],
    ['localhost:5000/a/b/c:1', { registry: 'localhost:5000', namespace: 'a/b', name: 'c', tag: '1' }],
    ['localhost/app:1', { registry: 'localhost', namespace: '', name: 'app', tag: '1' }],
    ['goharbor/harbor-core', { registry: 'docker.io', namespace: 'goharbor', name: 'harbor-core' }],
    [`mysql@${DIGEST}`, { registry: 'docker.io', namespace: 'library', name: 'mysql', digest: DIGEST }],
    [`quay.io/org/app:1.0@${DIGEST}`, { registry: 'quay.io', namespace: 'org', name: 'app', tag: '1.0', digest: DIGEST }],
  ])('%s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  test.each([
    ['redis:7.2.5', 'docker.io/library/redis:7.2.5'],
    ['curlimages/curl:8.10.1', 'docker.io/curlimages/curl:8.10.1'],
    ['quay.io/org/app:1.0', 'quay.io/org/app:1.0'],
  ])('canonicalImage(%s) is %s', (image, expected) => {
    expect(canonicalImage(image)).toBe(expected);
  });
});

describe('mirrorImage: the namespaceOverride rule', () => {
  test.each([
    // Official images: KubeKey pulls library/haproxy as <host>/<override>/haproxy.
    ['redis:7.2.5', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/redis:7.2.5'],
    ['docker.io/library/mysql:8.0.39', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/mysql:8.0.39'],
    // Any namespace is replaced, any source registry dropped.
    ['nacos/nacos-server:v2.3.2', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/nacos-server:v2.3.2'],
    ['docker.elastic.co/kibana/kibana:8.15.3', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/kibana:8.15.3'],
    [
      'registry-cn-shenzhen-vpc.ack.aliyuncs.com/acs/csi-plugin:v1.36.2',
      'registry.cn-shenzhen.aliyuncs.com/acme-mirror/csi-plugin:v1.36.2',
    ],
    ['localhost:5000/a/b/c:1', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/c:1'],
    // A repository without tag (a chart's `image.repository` value) stays without tag.
    ['goharbor/harbor-core', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/harbor-core'],
    [`mysql@${DIGEST}`, `registry.cn-shenzhen.aliyuncs.com/acme-mirror/mysql@${DIGEST}`],
    // Idempotent: a mirrored reference maps to itself.
    ['registry.cn-shenzhen.aliyuncs.com/acme-mirror/redis:7.2.5', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/redis:7.2.5'],
  ])('%s → %s', (image, expected) => {
    expect(mirrorImage(image, MIRROR)).toBe(expected);
  });
});

describe('imageMirrorRewrite', () => {
  test('without a mirror nothing changes', () => {
    expect(imageMirrorRewrite(undefined)).toBe(NO_IMAGE_REWRITE);
    expect(NO_IMAGE_REWRITE('redis:7.2.5')).toBe('redis:7.2.5');
  });

  test.each([
    ['harbor.iot.example.com/iot/gateway:1.8.3', 'harbor.iot.example.com/iot/gateway:1.8.3'],
    ['redis:7.2.5', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/redis:7.2.5'],
    ['goharbor/harbor-core:v2.10.3', 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/harbor-core:v2.10.3'],
  ])('the kept registry stays, the rest is mirrored: %s', (image, expected) => {
    expect(imageMirrorRewrite(MIRROR, ['harbor.iot.example.com'])(image)).toBe(expected);
  });
});

describe('parseImageMirror', () => {
  test.each([
    ['registry.cn-shenzhen.aliyuncs.com/acme-mirror', MIRROR],
    ['registry-vpc.cn-shenzhen.aliyuncs.com/acme_mirror', { host: 'registry-vpc.cn-shenzhen.aliyuncs.com', namespace: 'acme_mirror' }],
    ['harbor.example.com:30003/mirror', { host: 'harbor.example.com:30003', namespace: 'mirror' }],
    ['localhost:5000/mirror', { host: 'localhost:5000', namespace: 'mirror' }],
  ])('%s', (value, expected) => {
    const v = new Validator();
    expect(parseImageMirror(v, 'registry', value)).toEqual(expected);
    expect(v.issues).toEqual([]);
  });

  test.each([
    'registry.cn-shenzhen.aliyuncs.com',
    'registry.cn-shenzhen.aliyuncs.com/',
    'registry.cn-shenzhen.aliyuncs.com/a/b',
    'https://registry.cn-shenzhen.aliyuncs.com/acme',
    'Registry.example.com/acme',
    'registry.example.com/Acme',
    'mirror/acme',
    'registry.example.com/-acme',
  ])('%s is refused', (value) => {
    const v = new Validator();
    expect(parseImageMirror(v, 'platform:images.registry', value)).toBeUndefined();
    expect(v.issues).toHaveLength(1);
    expect(v.issues[0].key).toBe('platform:images.registry');
    expect(v.issues[0].value).toBe(value);
    expect(v.issues[0].message).toMatch(/^must be <registry host>\/<namespace>, e\.g\. registry\.cn-shenzhen\.aliyuncs\.com\/acme-mirror/);
  });
});
