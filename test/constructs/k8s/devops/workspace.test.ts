import { Chart, Testing } from 'cdk8s';
import { KubeSphereWorkspace, KubeSphereWorkspaceProps } from '../../../../constructs/k8s/devops';
import { ValidationErrorLike } from '../helpers';

function synth(props: KubeSphereWorkspaceProps = {}): unknown[] {
  // a namespaced chart: the cluster-scoped template must still carry no namespace
  const chart = new Chart(Testing.app(), 'test', { namespace: 'devops' });
  new KubeSphereWorkspace(chart, 'iot', props);
  return Testing.synth(chart);
}

describe('KubeSphereWorkspace', () => {
  test('a single-cluster WorkspaceTemplate: the controller makes the Workspace and its roles', () => {
    expect(synth()).toEqual([
      {
        apiVersion: 'tenant.kubesphere.io/v1alpha2',
        kind: 'WorkspaceTemplate',
        metadata: { name: 'iot' },
        spec: { template: { spec: {} } },
      },
    ]);
  });

  test('on a host: placed on the named clusters, with a manager and network isolation', () => {
    expect(synth({ name: 'shop', clusters: ['host', 'test'], manager: 'admin', networkIsolation: true })).toEqual([
      {
        apiVersion: 'tenant.kubesphere.io/v1alpha2',
        kind: 'WorkspaceTemplate',
        metadata: { name: 'shop' },
        spec: {
          template: { spec: { manager: 'admin', networkIsolation: true } },
          placement: { clusters: [{ name: 'host' }, { name: 'test' }] },
        },
      },
    ]);
  });

  test.each([
    ['an invalid name', { name: 'IoT' }, 'name'],
    ['no cluster', { clusters: [] }, 'clusters'],
    ['a cluster twice', { clusters: ['host', 'host'] }, 'clusters'],
    ['an invalid cluster name', { clusters: ['host', 'Test_1'] }, 'clusters[1]'],
  ])('refuses %s', (_, props, key) => {
    expect(() => synth(props)).toThrow(ValidationErrorLike(key));
  });
});
