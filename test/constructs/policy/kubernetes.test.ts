/** Reading Kubernetes objects out of resources: typed resources, ConfigGroup objs and yaml. */
import { viewOf } from '../../../constructs/policy/crossguard';
import { planResourceArgs } from '../../../constructs/policy/evaluate';
import { kubeObjects, workloads } from '../../../constructs/policy/kubernetes';
import * as f from './fixtures';

const view = (r: ReturnType<typeof f.res>) => viewOf(planResourceArgs('unit', 'unit', r));
const YAML = `apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: data}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: wait, image: busybox:1.36}]
          containers: [{name: dump, image: mysql:8.0.39}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: backup}
`;

describe('kubeObjects and workloads', () => {
  test.each([
    ['objs as objects', f.res(f.CONFIG_GROUP, 'g', { objs: [f.deployment('a'), f.hpa('a')] }), ['Deployment apps/a']],
    [
      'objs as JSON and YAML strings',
      f.res(f.CONFIG_GROUP, 'g', { objs: [JSON.stringify(f.deployment('a')), YAML] }),
      ['Deployment apps/a', 'CronJob data/backup'],
    ],
    ['yaml as one string', f.res(f.CONFIG_GROUP, 'g', { yaml: YAML }), ['CronJob data/backup']],
    [
      'yaml as a list, with a List object',
      f.res(f.CONFIG_GROUP, 'g', { yaml: [YAML, JSON.stringify({ kind: 'List', items: [f.deployment('b')] })] }),
      ['CronJob data/backup', 'Deployment apps/b'],
    ],
    [
      'a typed Deployment (kind from the token)',
      f.res('kubernetes:apps/v1:Deployment', 'd', { ...f.deployment('c'), kind: undefined }),
      ['Deployment apps/c'],
    ],
    [
      'a typed Pod',
      f.res('kubernetes:core/v1:Pod', 'p', { metadata: { name: 'p' }, spec: { containers: [{ name: 'x' }] } }),
      ['Pod (default)/p'],
    ],
    ['a Helm release carries none', f.helm('1.0.0'), []],
    ['an ECS instance carries none', f.instance(), []],
  ])('%s', (_name, resource, ids) => {
    expect(workloads(view(resource)).map((w) => w.id)).toEqual(ids);
  });

  test('a CronJob gives its pod template, init containers first', () => {
    const [w] = workloads(view(f.res(f.CONFIG_GROUP, 'g', { yaml: YAML })));
    expect(w.containers.map((c) => [c.label, c.init])).toEqual([
      ['init container wait', true],
      ['container dump', false],
    ]);
  });

  test('each resource is parsed once, whatever number of rules read it', () => {
    const v = view(f.res(f.CONFIG_GROUP, 'g', { yaml: YAML }));
    expect(kubeObjects(v)).toBe(kubeObjects(v));
    expect(workloads(v)).toBe(workloads(v));
    expect(kubeObjects(v).map((o) => o.kind)).toEqual(['CronJob', 'ConfigMap']);
  });
});
