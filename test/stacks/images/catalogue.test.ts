import { ImageCatalogue, clusterImageCatalogue, renderImageList } from '../../../stacks/images/catalogue';

const MIRROR = { host: 'registry.cn-shenzhen.aliyuncs.com', namespace: 'acme-mirror' };

describe('ImageCatalogue', () => {
  test('lists what goes through its rewrite and what is added, never the kept registry', () => {
    const c = clusterImageCatalogue({ harbor: { host: 'harbor.iot.example.com' }, images: { mirror: MIRROR } });
    expect(c.rewrite('redis:7.2.5')).toBe('registry.cn-shenzhen.aliyuncs.com/acme-mirror/redis:7.2.5');
    expect(c.rewrite('harbor.iot.example.com/iot/gateway:1.8.3')).toBe('harbor.iot.example.com/iot/gateway:1.8.3');
    c.add('goharbor/harbor-core:v2.10.3');
    c.rewrite('redis:7.2.5');
    expect(c.entries()).toEqual([
      { source: 'docker.io/goharbor/harbor-core:v2.10.3', mirrored: 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/harbor-core:v2.10.3' },
      { source: 'docker.io/library/redis:7.2.5', mirrored: 'registry.cn-shenzhen.aliyuncs.com/acme-mirror/redis:7.2.5' },
    ]);
  });

  test('without a mirror nothing is rewritten and each image is listed by its name under a mirror namespace', () => {
    const c = new ImageCatalogue(undefined, []);
    expect(c.rewrite('docker.elastic.co/kibana/kibana:8.14.3')).toBe('docker.elastic.co/kibana/kibana:8.14.3');
    expect(c.entries()).toEqual([{ source: 'docker.elastic.co/kibana/kibana:8.14.3', mirrored: 'kibana:8.14.3' }]);
  });

  test('refuses two sources that would share one name in the mirror', () => {
    const c = new ImageCatalogue(MIRROR, []);
    c.rewrite('redis:7.2.5');
    c.rewrite('bitnami/redis:7.2.5');
    expect(() => c.entries()).toThrow(
      'images: docker.io/bitnami/redis:7.2.5 and docker.io/library/redis:7.2.5 both map to registry.cn-shenzhen.aliyuncs.com/acme-mirror/redis:7.2.5 in the mirror',
    );
  });
});

test('renderImageList: comments, then one "<source> <mirrored>" line per image', () => {
  expect(
    renderImageList('prod', 'r.example.com/m', [
      { source: 'docker.io/library/redis:7.2.5', mirrored: 'r.example.com/m/redis:7.2.5' },
    ]).split('\n'),
  ).toEqual([
    "# Images cluster 'prod' pulls besides KubeKey's and KubeSphere's own (see README, \"Fill the image mirror\").",
    "# Generated from the code by the offline run; the company's own images on Harbor are not listed.",
    '# Columns: upstream source, name in the mirror platform:images.registry = r.example.com/m.',
    'docker.io/library/redis:7.2.5 r.example.com/m/redis:7.2.5',
    '',
  ]);
});
