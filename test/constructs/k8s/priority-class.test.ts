import { Chart, Testing } from 'cdk8s';
import { Redis, WorkloadPriorityClass, WorkloadPriorityClassProps } from './helpers';
import { ValidationErrorLike } from './helpers';
import { at, find, Manifest } from './fixtures';

function synth(props: WorkloadPriorityClassProps, id = 'middleware-high'): Manifest[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'middleware' });
  new WorkloadPriorityClass(chart, id, props);
  return Testing.synth(chart) as Manifest[];
}

describe('WorkloadPriorityClass', () => {
  test('a cluster-scoped class that is never the global default, preempting lower priorities', () => {
    expect(synth({ value: 200000, description: 'middleware' })).toEqual([
      {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: 'middleware-high' },
        value: 200000,
        globalDefault: false,
        description: 'middleware',
        preemptionPolicy: 'PreemptLowerPriority',
      },
    ]);
  });

  test('name and preemption policy from props', () => {
    const [pc] = synth({ name: 'logs', value: 1, preemptionPolicy: 'Never' });
    expect(pc).toMatchObject({ metadata: { name: 'logs' }, value: 1, preemptionPolicy: 'Never' });
  });

  test.each([
    ['a value above the user range', { value: 1_000_000_001 }, 'value'],
    ['a fractional value', { value: 1.5 }, 'value'],
    ['a reserved name', { name: 'system-middleware', value: 1 }, 'name'],
    ['an invalid name', { name: 'Middleware', value: 1 }, 'name'],
  ])('refuses %s', (_, props, key) => {
    expect(() => synth(props as WorkloadPriorityClassProps)).toThrow(ValidationErrorLike(key));
  });
});

describe('priorityClassName and ephemeral storage on a workload', () => {
  const objects = (props: Partial<ConstructorParameters<typeof Redis>[2]> = {}) => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'middleware' });
    new Redis(chart, 'redis', { credentialsSecretName: 'redis-credentials', ...props });
    return Testing.synth(chart) as Manifest[];
  };
  const pod = (o: Manifest[]) => at(find(o, 'StatefulSet', 'redis'), 'spec', 'template', 'spec');

  test('defaults: no class (priority 0); 256Mi / 2Gi of ephemeral storage on every container', () => {
    const p = pod(objects());
    expect(p.priorityClassName).toBeUndefined();
    for (const c of [...p.initContainers, ...p.containers]) {
      expect([c.resources.requests['ephemeral-storage'], c.resources.limits['ephemeral-storage']]).toEqual(['256Mi', '2Gi']);
    }
  });

  test('props set the class and override the ephemeral storage of the main container', () => {
    const p = pod(
      objects({ priorityClassName: 'middleware-high', resources: { ephemeralStorageRequest: '1Gi', ephemeralStorageLimit: '4Gi' } }),
    );
    expect(p.priorityClassName).toBe('middleware-high');
    expect(p.containers[0].resources).toEqual({
      requests: { cpu: '250m', memory: '1Gi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '4Gi' },
    });
  });

  test.each([
    ['a malformed size', { resources: { ephemeralStorageLimit: 'lots' } }, 'resources.ephemeralStorageLimit'],
    [
      'a request above the limit',
      { resources: { ephemeralStorageRequest: '8Gi', ephemeralStorageLimit: '4Gi' } },
      'resources.ephemeralStorageRequest',
    ],
    ['an invalid class name', { priorityClassName: 'Middleware High' }, 'priorityClassName'],
  ])('refuses %s', (_, props, key) => {
    expect(() => objects(props)).toThrow(ValidationErrorLike(key));
  });
});
