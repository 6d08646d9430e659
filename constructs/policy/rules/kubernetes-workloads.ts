/** Workload reliability and hygiene: resources, pinned images, probes, secrets, HPA ownership, namespaces. */
import { HPA, KubeObject, NAMESPACE, WORKLOAD_CARRIERS, kubeObjects, objectId, workloads } from '../kubernetes';
import { PolicyRule, StackFinding, StackRule } from '../types';
import { list, record, resourceRule, text } from './helpers';
import { containerRule, workloadRule } from './kubernetes-pod-security';

/** Kinds that run forever and so need probes (Jobs and their pods run to completion). */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** Env var names that hold credentials (Polaris sensitiveContainerEnvVar's idea, on name words). */
const SENSITIVE_NAME = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)($|_)/i;
/**
 * Name words that make a sensitive-looking name a setting about the secret, not the secret:
 * `…_TOKEN_EXPIRE_SECONDS`, `…_PASSWORD_FILE`, and `…_DEFAULT_PASSWORD` (a vendor's published
 * default, e.g. Nacos' `nacos`, which a bootstrap Job logs in with once to set the real one).
 */
const SETTING_WORD = /(^|_)(EXPIRE|EXPIRES|EXPIRY|TTL|SECONDS|LENGTH|ENABLED|FILE|PATH|NAME|HEADER|TYPE|DEFAULT)($|_)/i;

/** The names of the env vars a container takes from Secrets. */
function secretEnvNames(container: Readonly<Record<string, unknown>>): Set<string> {
  return new Set(
    list(container.env)
      .map(record)
      .filter((e) => record(record(e.valueFrom).secretKeyRef).name !== undefined)
      .map((e) => String(e.name)),
  );
}

/** An image reference is pinned when it has a digest, or a tag other than `latest`. */
export function imagePinned(image: string): boolean {
  if (image.includes('@sha256:')) {
    return true;
  }
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon > 0 && last.slice(colon + 1) !== '' && last.slice(colon + 1) !== 'latest';
}

function quantities(c: Readonly<Record<string, unknown>>, resource: string): string[] {
  const res = record(c.resources);
  return ['requests', 'limits'].filter((k) => record(res[k])[resource] === undefined).map((k) => `${resource} ${k}`);
}

/** The HPA of a stack's objects, and the scale target it owns (`Kind namespace/name`). */
function hpaTargets(objects: readonly KubeObject[]): Map<string, string> {
  const targets = new Map<string, string>();
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler') {
      continue;
    }
    const ref = record(record(o.spec).scaleTargetRef);
    const namespace = text(record(o.metadata).namespace) ?? '(default)';
    targets.set(`${String(ref.kind)} ${namespace}/${String(ref.name)}`, objectId(o));
  }
  return targets;
}

const hpaOwnsReplicas: StackRule = {
  kind: 'stack',
  name: 'k8s-hpa-target-without-replicas',
  description: 'A Deployment or StatefulSet scaled by an HPA does not set replicas, so an apply does not reset what the autoscaler chose.',
  enforcementLevel: 'mandatory',
  resourceTypes: [...WORKLOAD_CARRIERS, HPA],
  references: ['kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured'],
  remediation: 'leave spec.replicas out of the workload; the HPA minReplicas sets the floor',
  check(resources) {
    const targets = hpaTargets(resources.flatMap((r) => kubeObjects(r)));
    const findings: StackFinding[] = [];
    for (const resource of resources) {
      for (const w of workloads(resource)) {
        const hpa = targets.get(w.id);
        if (hpa !== undefined && record(w.object.spec).replicas !== undefined) {
          findings.push({ resource, message: `${w.id}: sets replicas ${String(record(w.object.spec).replicas)} while ${hpa} scales it` });
        }
      }
    }
    return findings;
  },
};

export const WORKLOAD_RULES: readonly PolicyRule[] = [
  containerRule(
    {
      name: 'k8s-cpu-memory-bounded',
      description: 'Every container requests and limits CPU and memory.',
      enforcementLevel: 'mandatory',
      references: [
        'kube-score container-resources',
        'Polaris cpuRequestsMissing, cpuLimitsMissing, memoryRequestsMissing, memoryLimitsMissing',
        'CKV_K8S_10',
        'CKV_K8S_11',
        'CKV_K8S_12',
        'CKV_K8S_13',
      ],
      remediation: 'set resources.requests and resources.limits for cpu and memory',
    },
    (c) => {
      const missing = [...quantities(c.spec, 'cpu'), ...quantities(c.spec, 'memory')];
      return missing.length > 0 ? `has no ${missing.join(', ')}` : undefined;
    },
  ),
  containerRule(
    {
      name: 'k8s-ephemeral-storage-bounded',
      description:
        "Every container requests and limits ephemeral storage, so one pod cannot fill a node's disk and get its neighbours evicted.",
      enforcementLevel: 'mandatory',
      references: ['kube-score container-ephemeral-storage-request-and-limit'],
      remediation: "set resources.requests and resources.limits['ephemeral-storage']",
    },
    (c) => {
      const missing = quantities(c.spec, 'ephemeral-storage');
      return missing.length > 0 ? `has no ${missing.join(', ')}` : undefined;
    },
  ),
  containerRule(
    {
      name: 'k8s-image-pinned',
      description: 'Every image names a tag other than latest, or a digest.',
      enforcementLevel: 'mandatory',
      references: ['Polaris tagNotSpecified', 'kube-score container-image-tag', 'CKV_K8S_14'],
      remediation: 'pin the image to a release tag or a digest',
    },
    (c) => {
      const image = text(c.spec.image) ?? '';
      return imagePinned(image) ? undefined : `image ${JSON.stringify(image)} is not pinned`;
    },
  ),
  containerRule(
    {
      name: 'k8s-probes',
      description: 'Long-running containers have readiness and liveness probes.',
      enforcementLevel: 'advisory',
      references: ['Polaris readinessProbeMissing, livenessProbeMissing', 'kube-score pod-probes', 'CKV_K8S_8', 'CKV_K8S_9'],
      remediation: 'add a readinessProbe and a livenessProbe',
    },
    (c, w) => {
      if (c.init || !LONG_RUNNING.has(w.kind)) {
        return undefined;
      }
      const missing = ['readinessProbe', 'livenessProbe'].filter((k) => c.spec[k] === undefined);
      return missing.length > 0 ? `has no ${missing.join(', ')}` : undefined;
    },
  ),
  containerRule(
    {
      name: 'k8s-read-only-root-filesystem',
      description: 'Containers run with a read-only root file system; writable paths are explicit volumes.',
      enforcementLevel: 'advisory',
      references: ['Polaris notReadOnlyRootFilesystem', 'kube-score container-security-context-readonlyrootfilesystem', 'CKV_K8S_22'],
      remediation: 'set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the program writes',
    },
    (c) => (record(c.spec.securityContext).readOnlyRootFilesystem === true ? undefined : 'has a writable root file system'),
  ),
  workloadRule(
    {
      name: 'k8s-service-account-token-not-mounted',
      description: 'Pods that do not call the Kubernetes API do not get a service-account token.',
      enforcementLevel: 'advisory',
      references: ['Polaris automountServiceAccountToken', 'CKV_K8S_38', 'CIS Kubernetes 5.1.6'],
      remediation: 'set automountServiceAccountToken: false on the pod (or on its service account)',
    },
    (w) => (w.pod.automountServiceAccountToken === false ? [] : ['mounts a service-account token']),
  ),
  containerRule(
    {
      name: 'k8s-secrets-not-in-argv',
      description:
        'No container puts a Secret on its command line ($(VAR) of a secret env var in command or args), where ps and the pod spec show it.',
      enforcementLevel: 'mandatory',
      references: ['CKV_K8S_35 (secrets as files)', 'CIS Kubernetes 5.4.1 (prefer secrets as files)'],
      remediation: 'pass the secret as a mounted file or through the environment the program reads itself, not as $(VAR) in args',
    },
    (c) => {
      const secrets = secretEnvNames(c.spec);
      const argv = [...list(c.spec.command), ...list(c.spec.args)].map(String).join(' ');
      const leaked = [...secrets].filter((name) => argv.includes(`$(${name})`));
      return leaked.length > 0 ? `passes secret env ${leaked.join(', ')} on its command line` : undefined;
    },
  ),
  containerRule(
    {
      name: 'k8s-no-literal-secret-env',
      description: 'No env var whose name says credential (PASSWORD, TOKEN, SECRET, API_KEY, …) has a literal value in the manifest.',
      enforcementLevel: 'mandatory',
      references: ['Polaris sensitiveContainerEnvVar', 'CIS Kubernetes 5.4.1'],
      remediation: 'take the value from a Secret (valueFrom.secretKeyRef), created from platform:secrets',
    },
    (c) => {
      const literal = list(c.spec.env)
        .map(record)
        .filter(
          (e) => typeof e.value === 'string' && e.value !== '' && SENSITIVE_NAME.test(String(e.name)) && !SETTING_WORD.test(String(e.name)),
        )
        .map((e) => String(e.name));
      return literal.length > 0 ? `has literal credential env ${literal.join(', ')}` : undefined;
    },
  ),
  hpaOwnsReplicas,
  resourceRule(
    {
      name: 'k8s-namespace-pod-security-enforced',
      description: 'Namespaces enforce a Pod Security Standards level through the pod-security.kubernetes.io/enforce label.',
      enforcementLevel: 'advisory',
      resourceTypes: [NAMESPACE, ...WORKLOAD_CARRIERS.filter((t) => t.includes('ConfigGroup'))],
      references: [
        'Pod Security Admission: pod-security.kubernetes.io/enforce',
        'CIS Kubernetes 5.2.1 (a policy control mechanism in place)',
      ],
      remediation: 'label the namespace pod-security.kubernetes.io/enforce: restricted (or baseline where the chart needs it)',
    },
    (_p, resource) =>
      kubeObjects(resource)
        .filter((o) => o.kind === 'Namespace' && record(record(o.metadata).labels)['pod-security.kubernetes.io/enforce'] === undefined)
        .map((o) => `Namespace ${String(record(o.metadata).name)} has no pod-security.kubernetes.io/enforce label`),
  ),
];
