import { Testing } from 'cdk8s';
import { NasStorageClass, OpenEbsLocalStorageClass, PlatformStorageClasses, ValidationErrorLike } from './helpers';
import { at, find, Manifest } from './fixtures';

const DOMAIN = 'abc-123.cn-hangzhou.nas.aliyuncs.com';

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void): Manifest[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

describe('PlatformStorageClasses', () => {
  const objects = synth((c) => new PlatformStorageClasses(c, 'Storage', { nas: { mountDomain: DOMAIN } }));
  const local = find(objects, 'StorageClass', 'local');
  const nas = find(objects, 'StorageClass', 'alicloud-nas');

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('makes the OpenEBS class the only default', () => {
    expect(at(local, 'metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class')).toBe('true');
    expect(at(nas, 'metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class')).toBe('false');
  });

  test('OpenEBS hostpath defaults: provisioner, binding mode, base path', () => {
    expect(local.provisioner).toBe('openebs.io/local');
    expect(local.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(at(local, 'metadata', 'annotations', 'cas.openebs.io/config')).toContain('value: "hostpath"');
    expect(at(local, 'metadata', 'annotations', 'cas.openebs.io/config')).toContain('value: "/var/openebs/local"');
  });

  test('NAS defaults: subpath, server, archive, retain, mount options, expansion', () => {
    expect(nas.provisioner).toBe('nasplugin.csi.alibabacloud.com');
    expect(nas.parameters).toEqual({
      volumeAs: 'subpath',
      server: `${DOMAIN}:/`,
      archiveOnDelete: 'true',
      mode: '755',
      'csi.storage.k8s.io/fstype': 'nfs',
    });
    expect(nas.reclaimPolicy).toBe('Retain');
    expect(nas.mountOptions).toEqual(['nolock,tcp,noresvport', 'vers=3']);
    expect(nas.allowVolumeExpansion).toBe(true);
  });

  test("NAS PVs carry fsType nfs, so kubelet applies the pod's fsGroup (non-root middleware can write)", () => {
    // Without an fsType, the CSIDriver's default fsGroupPolicy (ReadWriteOnceWithFSType) skips the chown.
    expect(at(nas, 'parameters', 'csi.storage.k8s.io/fstype')).toBe('nfs');
    const custom = synth((c) => new NasStorageClass(c, 'Nas', { mountDomain: DOMAIN, name: 'data', path: '/k8s', mode: '750' }));
    expect(at(custom[0], 'parameters', 'csi.storage.k8s.io/fstype')).toBe('nfs');
  });

  test('NAS server joins domain and path', () => {
    const o = synth((c) => new NasStorageClass(c, 'Nas', { mountDomain: DOMAIN, path: '/k8s/volumes' }));
    expect(at(o[0], 'parameters', 'server')).toBe(`${DOMAIN}:/k8s/volumes`);
  });

  test('OpenEBS base path and name are configurable', () => {
    const o = synth((c) => new OpenEbsLocalStorageClass(c, 'L', { name: 'fast', basePath: '/data/openebs' }));
    expect(o[0].metadata.name).toBe('fast');
    expect(at(o[0], 'metadata', 'annotations', 'cas.openebs.io/config')).toContain('/data/openebs');
  });

  test('NAS can be the default instead', () => {
    const o = synth(
      (c) => new PlatformStorageClasses(c, 'S', { local: { isDefault: false }, nas: { mountDomain: DOMAIN, isDefault: true } }),
    );
    expect(at(find(o, 'StorageClass', 'alicloud-nas'), 'metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class')).toBe(
      'true',
    );
    expect(at(find(o, 'StorageClass', 'local'), 'metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class')).toBe('false');
  });
});

describe('storage class validation', () => {
  test.each<[string, (c: ReturnType<typeof Testing.chart>) => void, string]>([
    ['both default', (c) => new PlatformStorageClasses(c, 'S', { nas: { mountDomain: DOMAIN, isDefault: true } }), 'nas.isDefault'],
    ['neither default', (c) => new PlatformStorageClasses(c, 'S', { local: { isDefault: false } }), 'local.isDefault'],
    ['same name', (c) => new PlatformStorageClasses(c, 'S', { nas: { mountDomain: DOMAIN, name: 'local' } }), 'nas.name'],
    ['bad domain', (c) => new NasStorageClass(c, 'N', { mountDomain: 'nfs://x' }), 'mountDomain'],
    ['relative path', (c) => new NasStorageClass(c, 'N', { mountDomain: DOMAIN, path: 'k8s' }), 'path'],
    ['bad mode', (c) => new NasStorageClass(c, 'N', { mountDomain: DOMAIN, mode: 'rwx' }), 'mode'],
    ['bad base path', (c) => new OpenEbsLocalStorageClass(c, 'L', { basePath: 'var/openebs' }), 'basePath'],
    ['bad name', (c) => new OpenEbsLocalStorageClass(c, 'L', { name: 'Local_SC' }), 'name'],
  ])('%s', (_name, build, key) => {
    expect(() => build(Testing.chart())).toThrow(ValidationErrorLike(key));
  });
});
