import { Provider } from '@pulumi/kubernetes/provider';
import { NasCsiDriver, nasCsiDriverValues } from '../../../../constructs/alicloud';
import { validateNasCsiDriver } from '../../../../constructs/alicloud/nas-csi-driver/plan';
import { ValidationError } from '../../../../constructs/core/validation';
import { evaluate, ofType } from '../../../helpers/evaluate';

const RELEASE = 'kubernetes:helm.sh/v3:Release';
const SECRET = 'kubernetes:core/v1:Secret';

describe('NasCsiDriver', () => {
  test('a pinned release of the chart in kube-system, under the component, through the provider', async () => {
    const stack = await evaluate(() => {
      const provider = new Provider('cluster', { kubeconfig: 'k' });
      new NasCsiDriver('csi', { region: 'cn-shenzhen', provider });
    });
    const [release] = ofType(stack, RELEASE);
    expect(release.name).toBe('csi-release');
    expect(release.parent).toBe('aliyun-kubesphere:alicloud:NasCsiDriver::csi');
    expect(release.inputs).toMatchObject({
      name: 'alibaba-cloud-csi-driver',
      chart: 'alibaba-cloud-csi-driver',
      version: '1.36.2',
      repositoryOpts: { repo: 'https://kubernetes-sigs.github.io/alibaba-cloud-csi-driver' },
      namespace: 'kube-system',
      skipCrds: true,
      atomic: true,
      values: { deploy: { ack: false, ecs: true, regionID: 'cn-shenzhen', accessKey: { enabled: false } } },
    });
    expect(ofType(stack, SECRET)).toEqual([]);
  });

  test("credentials 'accessKey': the Secret csi-access-key, values kept secret", async () => {
    const stack = await evaluate(() => {
      const provider = new Provider('cluster', { kubeconfig: 'k' });
      new NasCsiDriver('csi', {
        region: 'cn-shenzhen',
        provider,
        credentials: 'accessKey',
        accessKey: { id: 'leak-id-51c2', secret: 'leak-secret-51c2' },
      });
    });
    const [secret] = ofType(stack, SECRET);
    expect(secret.name).toBe('csi-release-access-key');
    expect(secret.inputs).toMatchObject({ metadata: { name: 'csi-access-key', namespace: 'kube-system' }, stringData: '[secret]' });
    expect(ofType(stack, RELEASE)[0].inputs.values).toMatchObject({
      deploy: { accessKey: { enabled: true, secretName: 'csi-access-key' } },
    });
    expect(JSON.stringify(stack.resources)).not.toMatch(/leak-/);
  });
});

test('bad props are named together, before anything is created', () => {
  expect(() => validateNasCsiDriver({ chartVersion: '^1.36', credentials: 'accessKey', hasAccessKey: false })).toThrow(
    new ValidationError(
      [
        { key: 'chartVersion', value: '^1.36', message: 'must be an exact chart version such as 1.36.2 (never a range or latest)' },
        {
          key: 'accessKey',
          value: undefined,
          message: 'is required with credentials: accessKey (the id and secret of a RAM user with the NAS actions)',
        },
      ],
      'Invalid NasCsiDriver props',
    ),
  );
  expect(() => validateNasCsiDriver({ credentials: 'token', hasAccessKey: false })).toThrow(
    /credentials: "token" must be one of ramRole, accessKey/,
  );
});

test('values: the NAS driver only, no default classes or snapshots', () => {
  expect(nasCsiDriverValues({ region: 'cn-hangzhou', credentials: 'ramRole' })).toEqual({
    deploy: { ack: false, ecs: true, regionID: 'cn-hangzhou', accessKey: { enabled: false, secretName: 'csi-access-key' } },
    csi: {
      nas: { enabled: true },
      disk: { enabled: false },
      oss: { enabled: false },
      local: { enabled: false },
      bmcpfs: { enabled: false },
    },
    defaultStorageClass: { enabled: false },
    defaultVolumeSnapshotClass: { enabled: false },
    volumeSnapshot: { controller: { enabled: false } },
  });
});
