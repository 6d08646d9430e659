import { HostRole, buildClusterDocument } from '../../../constructs/kubekey';
import { kubeKeyInput } from '../../../stacks/config/construct-props';
import { ClusterSpec } from '../../../stacks/config';
import {
  IMAGES_PASSWORD_ENV,
  IMAGES_USERNAME_ENV,
  clusterRegistrySettings,
  imagesBootstrapEnvironment,
} from '../../../stacks/images/registry';
import { HARBOR_PASSWORD_ENV, HARBOR_USERNAME_ENV } from '../../../stacks/config/construct-props';
import { ROOT, clusterSpec } from '../workloads/helpers';

const MIRROR = { host: 'registry-vpc.cn-shenzhen.aliyuncs.com', namespace: 'acme-mirror' };
const HARBOR_AUTH = {
  host: 'harbor.iot.example.com',
  usernameEnv: HARBOR_USERNAME_ENV,
  passwordEnv: HARBOR_PASSWORD_ENV,
  skipTLSVerify: false,
};

function testSpec(images?: ClusterSpec['images']): ClusterSpec {
  return { ...clusterSpec(ROOT, 'test'), images };
}

describe('clusterRegistrySettings', () => {
  test('without a mirror: Harbor credentials only, as before', () => {
    expect(clusterRegistrySettings(testSpec())).toEqual({ auths: [HARBOR_AUTH] });
  });

  test('an anonymous mirror: privateRegistry and namespaceOverride, Harbor credentials kept', () => {
    expect(clusterRegistrySettings(testSpec({ registry: `${MIRROR.host}/${MIRROR.namespace}`, mirror: MIRROR }))).toEqual({
      privateRegistry: MIRROR.host,
      namespaceOverride: MIRROR.namespace,
      auths: [HARBOR_AUTH],
    });
  });

  test('a mirror with a user: its credentials by placeholder in the KubeKey document, values only in the bootstrap environment', () => {
    const spec = testSpec({ registry: `${MIRROR.host}/${MIRROR.namespace}`, mirror: MIRROR, username: 'mirror-puller' });
    const doc = buildClusterDocument({
      ...kubeKeyInput(spec, '10.20.0.0/16'),
      hosts: [1, 2, 3].map((i) => ({
        name: `n${i}`,
        internalAddress: `10.20.0.4${i}`,
        roles: ['etcd', 'control-plane', 'worker'] as HostRole[],
      })),
    });
    expect(doc.spec.registry.privateRegistry).toBe(MIRROR.host);
    expect(doc.spec.registry.namespaceOverride).toBe(MIRROR.namespace);
    expect(doc.spec.registry.auths?.[MIRROR.host]).toEqual({
      username: `\${${IMAGES_USERNAME_ENV}}`,
      password: `\${${IMAGES_PASSWORD_ENV}}`,
      skipTLSVerify: false,
      plainHTTP: false,
    });
    const env = imagesBootstrapEnvironment(spec.images, 'mirror-secret');
    expect(Object.keys(env)).toEqual([IMAGES_USERNAME_ENV, IMAGES_PASSWORD_ENV]);
    expect(env[IMAGES_USERNAME_ENV]).toBe('mirror-puller');
    expect(JSON.stringify(doc)).not.toContain('mirror-secret');
  });

  test('an anonymous mirror needs nothing in the bootstrap environment', () => {
    expect(imagesBootstrapEnvironment({ registry: 'r', mirror: MIRROR }, undefined)).toEqual({});
  });
});
