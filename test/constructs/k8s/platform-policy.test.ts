import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FIXTURE_PRIORITY_CLASS, Manifest, at, ofKind, platformChart } from './fixtures';

const { objects } = platformChart();
/** Jobs are workloads too: their containers face the same checklist, bar probes (see below). */
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'];
const workloads = objects.filter((o) => WORKLOAD_KINDS.includes(o.kind));
const containers = workloads.flatMap((w) =>
  [...(at(w, 'spec', 'template', 'spec', 'initContainers') ?? []), ...at(w, 'spec', 'template', 'spec', 'containers')].map((c: any) => ({
    workload: `${w.kind}/${w.metadata.name}`,
    c,
    init: (at(w, 'spec', 'template', 'spec', 'initContainers') ?? []).includes(c),
    job: w.kind === 'Job',
  })),
);
const ALLOWED_API_VERSIONS = [
  'v1',
  'apps/v1',
  'policy/v1',
  'autoscaling/v2',
  'batch/v1',
  'networking.k8s.io/v1',
  'storage.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'monitoring.coreos.com/v1',
];

/** Runs validate-schemas.mjs under plain node: kubernetes-models is ES-module only. */
function validateSchemas(list: readonly Manifest[]): { errors: unknown[]; skipped: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-schemas-'));
  try {
    const file = join(dir, 'objects.json');
    writeFileSync(file, JSON.stringify(list));
    const run = spawnSync(process.execPath, [join(__dirname, 'validate-schemas.mjs'), file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`validate-schemas.mjs failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('every synthesized object', () => {
  test('the fixture has an autoscaled Deployment', () => {
    expect(ofKind(objects, 'HorizontalPodAutoscaler').map((h) => at(h, 'spec', 'scaleTargetRef', 'name'))).toEqual(['orders']);
  });

  test('the fixture covers every workload construct', () => {
    expect(workloads.map((w) => w.metadata.name).sort()).toEqual(
      [
        'emqx',
        'logs-elasticsearch',
        'logs-kibana',
        'logs-logstash',
        'mysql',
        'nacos',
        'nacos-bootstrap',
        'orders',
        'rabbitmq',
        'redis',
        'sentinel',
      ].sort(),
    );
  });

  test('validates strictly against the kubernetes-models schemas, ServiceMonitors included', () => {
    const result = validateSchemas(objects);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(ofKind(objects, 'ServiceMonitor').length).toBeGreaterThan(0);
  });

  test('the schema check itself rejects a malformed object', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two' } };
    expect(validateSchemas([broken as unknown as Manifest]).errors).toHaveLength(1);
  });

  test('the schema check is strict: a misspelled or unknown field is an error, as kubeconform -strict makes it', () => {
    const deployment = ofKind(objects, 'Deployment')[0];
    const misspelled = structuredClone(deployment);
    at(misspelled, 'spec', 'template', 'spec', 'containers')[0].imagePullPolicyy = 'Always';
    const monitor = ofKind(objects, 'ServiceMonitor')[0];
    const badMonitor = structuredClone(monitor);
    at(badMonitor, 'spec').endpoints = [{ port: 'http', intervall: '30s' }];
    expect(validateSchemas([misspelled, badMonitor] as Manifest[]).errors).toEqual([
      { id: `apps/v1/Deployment/${deployment.metadata.name}`, message: '/spec/template/spec/containers/0/imagePullPolicyy: unknown field' },
      { id: `monitoring.coreos.com/v1/ServiceMonitor/${monitor.metadata.name}`, message: '/spec/endpoints/0/intervall: unknown field' },
    ]);
  });

  test('uses only API versions Kubernetes v1.26 serves', () => {
    expect(objects.filter((o) => !ALLOWED_API_VERSIONS.includes(o.apiVersion))).toEqual([]);
  });

  test('contains no Secret with data', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('leaves no namespace on cluster-scoped objects', () => {
    const clusterScoped = objects.filter((o) => ['StorageClass', 'Namespace', 'PriorityClass'].includes(o.kind));
    expect(clusterScoped.length).toBeGreaterThan(0);
    expect(clusterScoped.filter((o) => o.metadata.namespace !== undefined)).toEqual([]);
  });
});

describe.each(containers.map((x) => [`${x.workload} ${x.c.name}`, x] as const))('container %s', (_label, { c, init, job }) => {
  test('pins its image tag', () => {
    expect(c.image).toMatch(/:[^/:]+$/);
    expect(c.image).not.toMatch(/:latest$/);
  });
  test('sets cpu, memory and ephemeral-storage requests and limits', () => {
    for (const kind of ['requests', 'limits']) {
      expect(at(c, 'resources', kind, 'cpu')).toBeDefined();
      expect(at(c, 'resources', kind, 'memory')).toBeDefined();
      expect(at(c, 'resources', kind, 'ephemeral-storage')).toBeDefined();
    }
  });
  test('has liveness and readiness probes (none for run-to-completion containers)', () => {
    if (init || job) {
      // Init and Job containers end by themselves: a liveness probe could only restart a finite task, and a
      // readiness probe gates Service traffic they never receive. Jobs are bounded by their deadline instead (below).
      expect([c.livenessProbe, c.readinessProbe, c.startupProbe]).toEqual([undefined, undefined, undefined]);
      return;
    }
    expect(c.livenessProbe).toBeDefined();
    expect(c.readinessProbe).toBeDefined();
  });
  test('puts no Secret-sourced variable on its command line (visible in ps and the pod spec)', () => {
    const secretVars = (c.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef !== undefined).map((e: any) => e.name);
    const argv = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
    expect(secretVars.filter((name: string) => argv.includes(`$(${name})`))).toEqual([]);
  });
  test('runs under the restricted security context', () => {
    expect(c.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.securityContext.runAsUser).toBeGreaterThan(0);
    expect(c.securityContext.capabilities.add).toBeUndefined();
  });
});

/** The HPA that scales `w`, if any. */
function autoscalerOf(w: Manifest): Manifest | undefined {
  return ofKind(objects, 'HorizontalPodAutoscaler').find(
    (h) =>
      h.metadata.namespace === w.metadata.namespace &&
      at(h, 'spec', 'scaleTargetRef', 'kind') === w.kind &&
      at(h, 'spec', 'scaleTargetRef', 'name') === w.metadata.name,
  );
}

describe.each(workloads.map((w) => [`${w.kind}/${w.metadata.name}`, w] as const))('workload %s', (_label, w: Manifest) => {
  const pod = at(w, 'spec', 'template', 'spec');
  const hpa = autoscalerOf(w);
  test('leaves spec.replicas to its HPA, if one targets it (kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured)', () => {
    if (hpa === undefined) return;
    expect(w.spec).not.toHaveProperty('replicas');
  });
  test('does not mount a service account token and uses no host namespaces or hostPath', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.hostNetwork ?? false).toBe(false);
    expect(pod.hostPID ?? false).toBe(false);
    expect((pod.volumes ?? []).filter((v: any) => v.hostPath !== undefined)).toEqual([]);
  });
  test('middleware and platform pods name a PriorityClass above business pods; the business service names none', () => {
    if (w.metadata.namespace === 'apps') {
      expect(pod.priorityClassName).toBeUndefined();
      return;
    }
    expect(pod.priorityClassName).toBe(FIXTURE_PRIORITY_CLASS);
    const [priorityClass] = ofKind(objects, 'PriorityClass').filter((p) => p.metadata.name === pod.priorityClassName);
    expect(priorityClass).toMatchObject({ apiVersion: 'scheduling.k8s.io/v1', value: 100000, globalDefault: false });
  });
  test('declares no volume that no container mounts', () => {
    const mounted = new Set(
      [...(pod.initContainers ?? []), ...pod.containers].flatMap((c: any) => (c.volumeMounts ?? []).map((m: any) => m.name)),
    );
    expect((pod.volumes ?? []).map((v: any) => v.name).filter((name: string) => !mounted.has(name))).toEqual([]);
  });
  test('a Job is bounded: retries, deadline, clean-up, and each retry a new pod', () => {
    if (w.kind !== 'Job') return;
    expect(at(w, 'spec', 'backoffLimit')).toBeGreaterThan(0);
    expect(at(w, 'spec', 'activeDeadlineSeconds')).toBeGreaterThan(0);
    expect(at(w, 'spec', 'ttlSecondsAfterFinished')).toBeGreaterThan(0);
    expect(pod.restartPolicy).toBe('Never');
  });
  test('with more than one replica, has a PDB and a spread rule', () => {
    // A Job has no replicas: its pods are not a service whose availability a PDB would protect.
    if ((hpa !== undefined ? at(hpa, 'spec', 'minReplicas') : (at(w, 'spec', 'replicas') ?? 1)) <= 1) return;
    const selector = at(w, 'spec', 'selector', 'matchLabels');
    const pdbs = ofKind(objects, 'PodDisruptionBudget').filter(
      (p) =>
        p.metadata.namespace === w.metadata.namespace &&
        JSON.stringify(at(p, 'spec', 'selector', 'matchLabels')) === JSON.stringify(selector),
    );
    expect(pdbs).toHaveLength(1);
    expect(pod.topologySpreadConstraints?.[0]?.topologyKey).toBe('kubernetes.io/hostname');
    expect(pod.affinity?.podAntiAffinity).toBeDefined();
  });
});
