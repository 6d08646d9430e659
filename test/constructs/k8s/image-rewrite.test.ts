/**
 * The `imageRewrite` prop: every container and init container of every workload construct pulls
 * through it, and without it each pulls its pinned image.
 */
import { Chart, Testing } from 'cdk8s';
import {
  ELASTICSEARCH_IMAGE,
  EMQX_IMAGE,
  Emqx,
  KIBANA_IMAGE,
  LOGSTASH_IMAGE,
  LogPipeline,
  MYSQL_IMAGE,
  MySql,
  NACOS_BOOTSTRAP_IMAGE,
  NACOS_IMAGE,
  Nacos,
  NacosMode,
  RABBITMQ_IMAGE,
  REDIS_IMAGE,
  RabbitMq,
  Redis,
  SENTINEL_DASHBOARD_IMAGE,
  SentinelDashboard,
  SpringBootService,
} from '../../../constructs/k8s';
import { ImageRewrite, imageMirrorRewrite } from '../../../constructs/core/images';
import { Manifest } from './fixtures';

const MIRROR = { host: 'registry.cn-shenzhen.aliyuncs.com', namespace: 'acme-mirror' };
const SERVICE_IMAGE = 'harbor.example.com/shop/orders:1.4.2';

/** Every construct that runs a container, each given `imageRewrite`. */
function synth(imageRewrite?: ImageRewrite): Manifest[] {
  const chart = new Chart(Testing.app(), 'images', { namespace: 'middleware' });
  new MySql(chart, 'mysql', { credentialsSecretName: 'mysql-credentials', imageRewrite });
  new Redis(chart, 'redis', { credentialsSecretName: 'redis-credentials', imageRewrite });
  new RabbitMq(chart, 'rabbitmq', { credentialsSecretName: 'rabbitmq-credentials', imageRewrite });
  new Nacos(chart, 'nacos', {
    credentialsSecretName: 'nacos-credentials',
    mode: NacosMode.CLUSTER,
    mysql: { host: 'mysql' },
    adminBootstrap: {},
    imageRewrite,
  });
  new SentinelDashboard(chart, 'sentinel', { credentialsSecretName: 'sentinel-credentials', imageRewrite });
  new Emqx(chart, 'emqx', { credentialsSecretName: 'emqx-credentials', imageRewrite });
  new LogPipeline(chart, 'logs', { imageRewrite });
  new SpringBootService(chart, 'orders', { image: SERVICE_IMAGE, namespace: 'apps', imageRewrite });
  return Testing.synth(chart) as Manifest[];
}

/** `<kind>/<name>/<container>` → image, init containers included. */
function imagesOf(objects: Manifest[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const o of objects) {
    const pod = (o.spec as { template?: { spec?: Record<string, Array<{ name: string; image: string }>> } } | undefined)?.template?.spec;
    for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
      found[`${o.kind}/${o.metadata.name}/${c.name}`] = c.image;
    }
  }
  return found;
}

const PINNED: Record<string, string> = {
  mysql: MYSQL_IMAGE,
  redis: REDIS_IMAGE,
  rabbitmq: RABBITMQ_IMAGE,
  nacos: NACOS_IMAGE,
  'nacos-bootstrap': NACOS_BOOTSTRAP_IMAGE,
  sentinel: SENTINEL_DASHBOARD_IMAGE,
  emqx: EMQX_IMAGE,
  'logs-logstash': LOGSTASH_IMAGE,
  'logs-elasticsearch': ELASTICSEARCH_IMAGE,
  'logs-kibana': KIBANA_IMAGE,
  orders: SERVICE_IMAGE,
};

/** The pinned image of the workload an image key belongs to. */
function pinnedFor(key: string): string {
  const name = key.split('/')[1];
  const image = PINNED[name];
  if (image === undefined) throw new Error(`no pinned image known for ${key}`);
  return image;
}

describe('imageRewrite on the workload constructs', () => {
  test('without it every container pulls the pinned image', () => {
    const images = imagesOf(synth());
    expect(Object.keys(images).length).toBeGreaterThanOrEqual(Object.keys(PINNED).length);
    for (const [key, image] of Object.entries(images)) {
      expect([key, image]).toEqual([key, pinnedFor(key)]);
    }
  });

  test('with a mirror rewrite every container and init container pulls from the mirror, the kept registry excepted', () => {
    const images = imagesOf(synth(imageMirrorRewrite(MIRROR, ['harbor.example.com'])));
    // The Elasticsearch StatefulSet's config-seeding init container counts too.
    expect(
      Object.keys(images).some(
        (k) =>
          k.startsWith('StatefulSet/logs-elasticsearch/') &&
          images[k] === 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/elasticsearch:8.14.3',
      ),
    ).toBe(true);
    for (const [key, image] of Object.entries(images)) {
      const pinned = pinnedFor(key);
      const expected =
        pinned === SERVICE_IMAGE
          ? SERVICE_IMAGE
          : `registry.cn-shenzhen.aliyuncs.com/acme-mirror/${pinned.slice(pinned.lastIndexOf('/') + 1)}`;
      expect([key, image]).toEqual([key, expected]);
    }
  });

  test('the pinned-tag check still reads the image as given', () => {
    expect(
      () =>
        new Redis(new Chart(Testing.app(), 'bad'), 'redis', {
          credentialsSecretName: 's',
          image: 'redis',
          imageRewrite: () => 'mirror.example.com/m/redis:7',
        }),
    ).toThrow(/image: "redis" must name a pinned tag/);
  });
});
