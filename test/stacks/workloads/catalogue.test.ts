/** The catalogue is config: a new entry in Pulumi.test.yaml adds its objects, a bad one is refused by key. */
import * as fs from 'fs';
import * as path from 'path';
import { OfflineConfigError, runOffline } from '../../../stacks/offline';
import { buildWorkloads } from '../../../stacks/workloads';
import { NAS_DOMAIN, clusterSpec, copyProject, id, readManifests } from './helpers';

const ALARM = [
  '    - name: alarm-service',
  '      image: harbor.iot.example.com/iot/alarm-service',
  '      tag: 0.4.0',
  '      replicas: 2',
  '      resources: { cpuRequest: 100m, cpuLimit: "1", memoryRequest: 768Mi, memoryLimit: 768Mi }',
  '      middleware: [mysql, rabbitmq]',
  '      secrets: [alarmSmsKey]',
  '',
].join('\n');
const addService = (entry: string) => (text: string) => text.replace('  platform:services:\n', `  platform:services:\n${entry}`);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function objectIds(projectDir: string): Set<string> {
  const built = buildWorkloads(clusterSpec(projectDir, 'test'), { nasMountDomain: NAS_DOMAIN });
  return new Set(built.charts.flatMap((c) => c.objects.map(id)));
}

test('a new catalogue entry adds exactly its Deployment, Service, ConfigMap, PDB, HPA and ServiceMonitor', () => {
  const base = copyProject();
  const added = copyProject({ stack: 'test', change: addService(ALARM) });
  dirs.push(base, added);
  const before = objectIds(base);
  const after = objectIds(added);
  expect([...before].filter((o) => !after.has(o))).toEqual([]);
  expect([...after].filter((o) => !before.has(o)).sort()).toEqual([
    'ConfigMap/iot-apps/alarm-service-config',
    'Deployment/iot-apps/alarm-service',
    'HorizontalPodAutoscaler/iot-apps/alarm-service',
    'PodDisruptionBudget/iot-apps/alarm-service',
    'Service/iot-apps/alarm-service',
    'ServiceMonitor/iot-apps/alarm-service',
  ]);
});

test('through the offline run: the manifests hold it and Pulumi creates its Secret', async () => {
  const added = copyProject({ stack: 'test', change: addService(ALARM) });
  dirs.push(added);
  const out = path.join(added, 'out');
  const result = await runOffline({ projectDir: added, outDir: out, stack: 'test' });
  const apps = readManifests(path.join(out, 'k8s', 'test', 'apps.k8s.yaml'));
  expect(
    apps
      .filter((o) => o.metadata.name === 'alarm-service')
      .map((o) => o.kind)
      .sort(),
  ).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'ServiceMonitor']);
  const secrets = result.plan.stacks.test.resources.filter((r) => r.type === 'kubernetes:core/v1:Secret').map((r) => r.inputs.metadata);
  expect(secrets).toContainEqual(expect.objectContaining({ name: 'alarm-service-secrets', namespace: 'iot-apps' }));
  expect(result.missingSecrets.test).toContain('alarmSmsKey');
}, 60000);

test('a service naming middleware the stack does not deploy is refused, naming the key', async () => {
  const bad = copyProject({ stack: 'test', change: addService(ALARM.replace('[mysql, rabbitmq]', '[mysql, kafka]')) });
  dirs.push(bad);
  const out = path.join(bad, 'out');
  const run = runOffline({ projectDir: bad, outDir: out, stack: 'test' });
  await expect(run).rejects.toBeInstanceOf(OfflineConfigError);
  await expect(run).rejects.toThrow(
    'platform:services[0].middleware[1]: "kafka" is not a middleware of this stack; expected one of mysql, redis, rabbitmq, nacos, sentinel, emqx',
  );
  expect(fs.existsSync(out)).toBe(false);
});
