/**
 * The offline run's dist/k8s for prod and test, checked as a cluster would: schemas, API versions,
 * the container checklist, disruption budgets and spread, Secrets created by Pulumi, no secret value.
 * They read the shared offline run of the shipped stacks (test/helpers/shipped-run.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CHART_NAMES, K8sObject } from '../../../stacks/workloads/build';
import { at, id, readManifests, validateSchemas } from './helpers';
import { SHIPPED_RUN_TIMEOUT_MS, shippedOutput } from '../../helpers/shipped-run';

const CLUSTERS = ['prod', 'test'] as const;
/** API versions Kubernetes v1.26 serves, plus the prometheus-operator CRD KubeSphere installs. */
const ALLOWED_API_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'policy/v1',
  'autoscaling/v2',
  'networking.k8s.io/v1',
  'storage.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'monitoring.coreos.com/v1',
];

let out: string;
const objects: Record<string, K8sObject[]> = {};
let plan: { stacks: Record<string, { resources: Array<{ type: string; inputs: Record<string, unknown> }> }> };

beforeAll(async () => {
  out = await shippedOutput();
  for (const cluster of CLUSTERS) {
    objects[cluster] = CHART_NAMES.flatMap((chart) => readManifests(path.join(out, 'k8s', cluster, `${chart}.k8s.yaml`)));
  }
  plan = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8'));
}, SHIPPED_RUN_TIMEOUT_MS);

/** The HPA that scales `w`, if any. */
function autoscalerOf(all: readonly K8sObject[], w: K8sObject): K8sObject | undefined {
  return all.find(
    (h) =>
      h.kind === 'HorizontalPodAutoscaler' &&
      h.metadata.namespace === w.metadata.namespace &&
      at(h, 'spec', 'scaleTargetRef', 'kind') === w.kind &&
      at(h, 'spec', 'scaleTargetRef', 'name') === w.metadata.name,
  );
}

/** Replicas of a workload: its HPA's minimum when one scales it, else `spec.replicas` (default 1). */
function desiredReplicas(all: readonly K8sObject[], w: K8sObject): number {
  const hpa = autoscalerOf(all, w);
  return hpa !== undefined ? at(hpa, 'spec', 'minReplicas') : (at(w, 'spec', 'replicas') ?? 1);
}

describe.each(CLUSTERS)('dist/k8s/%s', (cluster) => {
  const all = () => objects[cluster];
  // Jobs included: they face the same checklist, bar the probes (see below).
  const workloads = () => all().filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));

  test('no workload an HPA scales sets spec.replicas (kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured)', () => {
    const autoscaled = workloads().filter((w) => autoscalerOf(all(), w) !== undefined);
    expect(autoscaled.length).toBeGreaterThan(0);
    expect(autoscaled.filter((w) => at(w, 'spec', 'replicas') !== undefined).map(id)).toEqual([]);
  });

  test('middleware and the log pipeline outrank business pods: their PriorityClasses, from the platform chart, above 0', () => {
    const classes = new Map(
      all()
        .filter((o) => o.kind === 'PriorityClass')
        .map((o) => [o.metadata.name, o]),
    );
    expect([...classes.keys()].sort()).toEqual(['iot-middleware', 'iot-platform']);
    const priorityOf = (w: K8sObject) => at(w, 'spec', 'template', 'spec', 'priorityClassName');
    const byNamespace = (ns: string) => workloads().filter((w) => w.metadata.namespace === ns);
    expect(byNamespace('iot-middleware').length).toBeGreaterThan(0);
    expect(
      byNamespace('iot-middleware')
        .filter((w) => priorityOf(w) !== 'iot-middleware')
        .map(id),
    ).toEqual([]);
    expect(
      byNamespace('iot-logging')
        .filter((w) => priorityOf(w) !== 'iot-platform')
        .map(id),
    ).toEqual([]);
    expect(
      byNamespace('iot-apps')
        .filter((w) => priorityOf(w) !== undefined)
        .map(id),
    ).toEqual([]);
    for (const c of classes.values()) expect(at(c, 'value')).toBeGreaterThan(0);
    // the classes exist before the pods that name them: the platform chart is applied first
    expect(readManifests(path.join(out, 'k8s', cluster, 'platform.k8s.yaml')).filter((o) => o.kind === 'PriorityClass')).toHaveLength(2);
  });

  test('one file per chart', () => {
    for (const chart of CHART_NAMES) expect(fs.existsSync(path.join(out, 'k8s', cluster, `${chart}.k8s.yaml`))).toBe(true);
  });

  test('every object passes the kubernetes-models schemas strictly (no unknown field), ServiceMonitors included', () => {
    const result = validateSchemas(all());
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  test('only API versions Kubernetes v1.26 serves', () => {
    expect(
      all()
        .filter((o) => !ALLOWED_API_VERSIONS.includes(o.apiVersion))
        .map(id),
    ).toEqual([]);
  });

  test('every container: pinned tag, requests and limits, probes, restricted security context', () => {
    const problems: string[] = [];
    for (const w of workloads()) {
      for (const c of at(w, 'spec', 'template', 'spec', 'containers')) {
        const where = `${id(w)}/${c.name}`;
        if (!/:[^/:]+$/.test(c.image) || /:latest$/.test(c.image)) problems.push(`${where}: image ${c.image}`);
        for (const k of ['requests', 'limits'])
          for (const r of ['cpu', 'memory', 'ephemeral-storage'])
            if (at(c, 'resources', k, r) === undefined) problems.push(`${where}: no ${k}.${r}`);
        // A Job's container ends by itself: liveness could only restart a finite task and readiness gates traffic it
        // never receives, so instead of probes its Job must be bounded (retries, deadline, clean-up).
        if (w.kind === 'Job') {
          if (!(
            at(w, 'spec', 'backoffLimit') > 0 &&
            at(w, 'spec', 'activeDeadlineSeconds') > 0 &&
            at(w, 'spec', 'ttlSecondsAfterFinished') > 0
          ))
            problems.push(`${where}: unbounded Job`);
          if (c.livenessProbe || c.readinessProbe) problems.push(`${where}: probes on a Job`);
        } else if (!c.livenessProbe || !c.readinessProbe) {
          problems.push(`${where}: probes`);
        }
        const sc = c.securityContext ?? {};
        if (
          sc.runAsNonRoot !== true ||
          sc.readOnlyRootFilesystem !== true ||
          sc.allowPrivilegeEscalation !== false ||
          JSON.stringify(sc.capabilities) !== '{"drop":["ALL"]}' ||
          sc.seccompProfile?.type !== 'RuntimeDefault'
        ) {
          problems.push(`${where}: securityContext ${JSON.stringify(sc)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(workloads().length).toBeGreaterThan(10);
  });

  test('every workload with more than one replica has a PDB and spreads across nodes', () => {
    const problems: string[] = [];
    for (const w of workloads().filter((o) => desiredReplicas(all(), o) > 1)) {
      const selector = JSON.stringify(at(w, 'spec', 'selector', 'matchLabels'));
      const pdbs = all().filter(
        (p) =>
          p.kind === 'PodDisruptionBudget' &&
          p.metadata.namespace === w.metadata.namespace &&
          JSON.stringify(at(p, 'spec', 'selector', 'matchLabels')) === selector,
      );
      const pod = at(w, 'spec', 'template', 'spec');
      if (pdbs.length !== 1) problems.push(`${id(w)}: ${pdbs.length} PDBs`);
      if (at(pod, 'topologySpreadConstraints', 0, 'topologyKey') !== 'kubernetes.io/hostname' || !at(pod, 'affinity', 'podAntiAffinity'))
        problems.push(`${id(w)}: no spread`);
    }
    expect(problems).toEqual([]);
  });

  test('every secretKeyRef / secretRef names a Secret the Pulumi program creates in that namespace', () => {
    const created = new Set(
      plan.stacks[cluster].resources
        .filter((r) => r.type === 'kubernetes:core/v1:Secret')
        .map((r) => {
          const m = r.inputs.metadata as { name: string; namespace: string };
          return `${m.namespace}/${m.name}`;
        }),
    );
    const refs: string[] = [];
    for (const w of workloads()) {
      for (const c of at(w, 'spec', 'template', 'spec', 'containers')) {
        for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) refs.push(`${w.metadata.namespace}/${e.valueFrom.secretKeyRef.name}`);
        for (const e of c.envFrom ?? []) if (e.secretRef) refs.push(`${w.metadata.namespace}/${e.secretRef.name}`);
      }
    }
    expect(refs.length).toBeGreaterThan(10);
    expect([...new Set(refs)].filter((r) => !created.has(r))).toEqual([]);
  });

  test('no Secret object and no secret placeholder in the manifests', () => {
    expect(all().filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const chart of CHART_NAMES) {
      const text = fs.readFileSync(path.join(out, 'k8s', cluster, `${chart}.k8s.yaml`), 'utf8');
      expect(text).not.toContain('[secret]');
      expect(text).not.toMatch(/stringData|^data:\s*\n\s+password/m);
    }
  });

  test('the NAS class is not default and the local class is not emitted: KubeKey keeps the single default', () => {
    const classes = all().filter((o) => o.kind === 'StorageClass');
    expect(classes.map((o) => [o.metadata.name, at(o, 'metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class')])).toEqual([
      ['alicloud-nas', 'false'],
    ]);
    // Each cluster's own file system.
    const nasDomain = (plan.stacks as unknown as Record<string, { outputs: { nas: Record<string, { mountDomain: string }> } }>).shared
      .outputs.nas[cluster].mountDomain;
    expect(at(classes[0], 'parameters', 'server')).toBe(`${nasDomain}:/${cluster}`);
  });
});

test('both clusters set the Nacos admin password with a Job that reads it from a Secret', () => {
  for (const cluster of CLUSTERS) {
    const job = objects[cluster].find((o) => o.kind === 'Job' && o.metadata.name === 'nacos-bootstrap');
    const env = at(job, 'spec', 'template', 'spec', 'containers', 0, 'env') as Array<{ name: string; value?: string; valueFrom?: unknown }>;
    expect(env.find((e) => e.name === 'NACOS_ADMIN_PASSWORD')).toEqual({
      name: 'NACOS_ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'nacos-credentials', key: 'nacos-admin-password' } },
    });
  }
});

test('only the test cluster admits preview namespaces, on middleware, Logstash and Sentinel', () => {
  const admitting = (cluster: string) =>
    objects[cluster]
      .filter((o) => o.kind === 'NetworkPolicy' && JSON.stringify(o.spec).includes('iot.platform/pull-request'))
      .map((o) => o.metadata.name)
      .sort();
  expect(admitting('prod')).toEqual([]);
  expect(admitting('test')).toEqual([
    'allow-emqx-from-apps',
    'allow-mysql-from-apps',
    'allow-nacos-from-apps',
    'allow-rabbitmq-from-apps',
    'allow-redis-from-apps',
    'allow-sentinel-from-apps',
    'allow-sentinel-to-clients',
    'logs-logstash-ingress',
  ]);
});

test('production runs HA replicas; test one replica each', () => {
  const replicas = (cluster: string) =>
    objects[cluster]
      .filter((o) => o.kind === 'Deployment' && o.metadata.namespace === 'iot-apps')
      .map((o) => desiredReplicas(objects[cluster], o));
  expect(Math.min(...replicas('prod'))).toBeGreaterThanOrEqual(2);
  expect(new Set(replicas('test'))).toEqual(new Set([1]));
});
