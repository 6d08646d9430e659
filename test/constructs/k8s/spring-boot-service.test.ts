import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Validator } from '../../../constructs/core/validation';
import { checkJvmSizing } from '../../../constructs/k8s/spring-boot-config';
import { at, find, Manifest, ofKind } from './fixtures';
import { jvmOptions, renderApplicationYaml, SpringBootService, SpringBootServiceProps } from './helpers';

const IMAGE = 'registry.example.com/shop/orders:1.4.2';

function synth(props: Partial<SpringBootServiceProps> = {}): { svc: SpringBootService; objects: Manifest[] } {
  const chart = Testing.chart();
  const svc = new SpringBootService(chart, 'orders', { image: IMAGE, ...props });
  return { svc, objects: Testing.synth(chart) as Manifest[] };
}

describe('SpringBootService defaults', () => {
  const { svc, objects } = synth({
    namespace: 'apps',
    logstashDestination: 'logs-logstash.logging.svc.cluster.local:5044',
    sentinelDashboard: 'sentinel.middleware.svc.cluster.local:8858',
    secretEnv: [{ envName: 'DB_PASSWORD', secretName: 'orders-db', key: 'password' }],
    secretEnvFrom: ['orders-extra', 'orders-db'],
  });
  const deployment = find(objects, 'Deployment', 'orders');
  const pod = at(deployment, 'spec', 'template', 'spec');
  const app = pod.containers[0];
  const env = Object.fromEntries(app.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
  const config = parse(at(find(objects, 'ConfigMap', 'orders-config'), 'data', 'application.yaml'));

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('leaves the count (2 at least) to the HPA, with a surge-only rolling update, spread across hosts', () => {
    // kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured: a count here would reset the HPA's on every apply
    expect(deployment.spec).not.toHaveProperty('replicas');
    expect(at(find(objects, 'HorizontalPodAutoscaler', 'orders'), 'spec', 'minReplicas')).toBe(2);
    expect(at(deployment, 'spec', 'strategy', 'rollingUpdate')).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'kubernetes.io/hostname', maxSkew: 1 });
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
  });

  test('probes the actuator liveness and readiness groups, with a startup probe', () => {
    expect(app.livenessProbe.httpGet).toEqual({ path: '/actuator/health/liveness', port: 'http' });
    expect(app.readinessProbe.httpGet).toEqual({ path: '/actuator/health/readiness', port: 'http' });
    expect(app.startupProbe.httpGet.path).toBe('/actuator/health/liveness');
    expect(app.startupProbe.failureThreshold * app.startupProbe.periodSeconds).toBe(300);
  });

  test('default resources and JVM sizing from the memory limit', () => {
    expect(app.resources).toEqual({
      requests: { cpu: '250m', memory: '1Gi', 'ephemeral-storage': '256Mi' },
      limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '2Gi' },
    });
    expect(env.JAVA_TOOL_OPTIONS).toContain('-XX:MaxRAMPercentage=75.0');
    expect(env.JAVA_TOOL_OPTIONS).toContain('-XX:ActiveProcessorCount=1');
  });

  test('mounts /tmp as emptyDir and the config directory read-only', () => {
    expect(app.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'config', mountPath: '/etc/spring/', readOnly: true },
    ]);
    expect(pod.volumes.find((v: any) => v.name === 'tmp').emptyDir).toBeDefined();
    expect(env.SPRING_CONFIG_ADDITIONAL_LOCATION).toBe('optional:file:/etc/spring/');
  });

  test('application.yaml: port, probes, prometheus, Sentinel and Logstash', () => {
    expect(config.server.port).toBe(8080);
    expect(config.management.endpoint.health.probes.enabled).toBe(true);
    expect(config.management.endpoints.web.exposure.include).toContain('prometheus');
    expect(config.spring.cloud.sentinel.transport).toEqual({ dashboard: 'sentinel.middleware.svc.cluster.local:8858', port: 8719 });
    expect(config.logstash.destination).toBe('logs-logstash.logging.svc.cluster.local:5044');
    expect(env.LOGSTASH_DESTINATION).toBe('logs-logstash.logging.svc.cluster.local:5044');
  });

  test('reads Secrets by name only and lists them', () => {
    expect(env.DB_PASSWORD).toEqual({ secretKeyRef: { name: 'orders-db', key: 'password' } });
    expect(app.envFrom).toEqual([{ secretRef: { name: 'orders-extra' } }, { secretRef: { name: 'orders-db' } }]);
    expect(svc.secretNames).toEqual(['orders-db', 'orders-extra']);
    expect(ofKind(objects, 'Secret')).toHaveLength(0);
  });

  test('PDB, HPA (min = replicas, max = 2x, 70% CPU) and ServiceMonitor', () => {
    expect(at(find(objects, 'PodDisruptionBudget', 'orders'), 'spec', 'maxUnavailable')).toBe(1);
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'orders');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(at(hpa, 'spec')).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
    expect(at(hpa, 'spec', 'metrics', 0, 'resource', 'target', 'averageUtilization')).toBe(70);
    const sm = find(objects, 'ServiceMonitor', 'orders');
    expect(at(sm, 'spec', 'endpoints', 0)).toEqual({ port: 'http', path: '/actuator/prometheus', interval: '30s' });
    expect(at(sm, 'spec', 'namespaceSelector')).toEqual({ matchNames: ['apps'] });
  });
});

describe('SpringBootService options', () => {
  test('one replica has no PDB or spread rule; no Sentinel or Logstash wiring unless given', () => {
    const { objects } = synth({ replicas: 1, maxReplicas: 3 });
    expect(ofKind(objects, 'PodDisruptionBudget')).toHaveLength(0);
    const pod = at(find(objects, 'Deployment', 'orders'), 'spec', 'template', 'spec');
    expect(pod.topologySpreadConstraints).toBeUndefined();
    const config = parse(at(find(objects, 'ConfigMap', 'orders-config'), 'data', 'application.yaml'));
    expect(config.spring.cloud).toBeUndefined();
    expect(config.logstash).toBeUndefined();
  });

  test('strictSpread requires anti-affinity and refuses skew', () => {
    const { objects } = synth({ strictSpread: true });
    const pod = at(find(objects, 'Deployment', 'orders'), 'spec', 'template', 'spec');
    expect(pod.topologySpreadConstraints[0].whenUnsatisfiable).toBe('DoNotSchedule');
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
  });

  test('serviceMonitor: false omits it', () => {
    expect(ofKind(synth({ serviceMonitor: false }).objects, 'ServiceMonitor')).toHaveLength(0);
  });

  test('caller config merges under managed keys', () => {
    const { objects } = synth({ applicationConfig: { server: { port: 9999, compression: { enabled: true } }, feature: { x: 1 } } });
    const config = parse(at(find(objects, 'ConfigMap', 'orders-config'), 'data', 'application.yaml'));
    expect(config.server).toEqual({ port: 8080, shutdown: 'graceful', compression: { enabled: true } });
    expect(config.feature).toEqual({ x: 1 });
  });
});

describe('SpringBootService validation', () => {
  test.each<[string, Partial<SpringBootServiceProps>, string]>([
    ['latest tag', { image: 'orders:latest' }, 'image'],
    ['missing tag', { image: 'registry.example.com:5000/orders' }, 'image'],
    ['zero replicas', { replicas: 0 }, 'replicas'],
    ['max below replicas', { replicas: 3, maxReplicas: 2 }, 'maxReplicas'],
    ['cpu target', { targetCpuUtilization: 150 }, 'targetCpuUtilization'],
    ['bad memory', { resources: { memoryLimit: '1GB' } }, 'resources.memoryLimit'],
    ['request above limit', { resources: { cpuRequest: '2', cpuLimit: '1' } }, 'resources.cpuRequest'],
    ['heap too large', { heapPercentage: 90, resources: { memoryRequest: '512Mi', memoryLimit: '512Mi' } }, 'heapPercentage'],
    ['bad logstash', { logstashDestination: 'logstash' }, 'logstashDestination'],
    ['bad sentinel', { sentinelDashboard: 'http://sentinel:8858' }, 'sentinelDashboard'],
    ['managed env', { env: { JAVA_TOOL_OPTIONS: '-Xmx1g' } }, 'env.JAVA_TOOL_OPTIONS'],
    ['duplicate env', { env: { A: '1' }, secretEnv: [{ envName: 'A', secretName: 's', key: 'k' }] }, 'env.A'],
    ['bad secret name', { secretEnvFrom: ['Bad_Name'] }, 'secretEnvFrom\\[0\\]'],
    ['bad name', { name: 'Orders' }, 'name'],
  ])('rejects %s', (_n, props, key) => {
    expect(() => synth(props)).toThrow(new RegExp(`- ${key}:`));
  });

  test('reports every problem at once', () => {
    expect(() => synth({ image: 'x', replicas: 0 })).toThrow(/2 problems/);
  });
});

describe('spring-boot-config pure functions', () => {
  test.each([
    [1024, 1000, 75, '-XX:MaxRAMPercentage=75.0', '-XX:ActiveProcessorCount=1'],
    [2048, 1500, 60, '-XX:MaxRAMPercentage=60.0', '-XX:ActiveProcessorCount=2'],
  ])('jvmOptions(%i MiB, %i m, %i%%)', (mem, cpu, pct, heapFlag, cpuFlag) => {
    const opts = jvmOptions(mem, cpu, pct);
    expect(opts).toContain(heapFlag);
    expect(opts).toContain(cpuFlag);
    expect(opts).toContain('-XX:+ExitOnOutOfMemoryError');
  });

  test.each([
    [1024, 75, 0],
    [512, 75, 1],
    [200, 50, 1],
    [1024, 95, 1],
  ])('checkJvmSizing(%i MiB, %i%%) reports %i issue(s)', (mem, pct, count) => {
    const v = new Validator();
    checkJvmSizing(v, mem, pct);
    expect(v.issues).toHaveLength(count);
  });

  test('renderApplicationYaml is stable YAML', () => {
    const text = renderApplicationYaml({ applicationName: 'a', port: 8080, sentinelClientPort: 8719 });
    expect(parse(text).spring.application.name).toBe('a');
  });
});
