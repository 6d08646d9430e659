import { createHash } from 'crypto';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Labels } from '../common';
import { ContainerSpec, secureContainer } from './container';
import { PodIdentity, restrictedPodSecurityContext } from './security';

/** Node label used to spread replicas across hosts. */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';

export interface PodTemplateOptions {
  readonly labels: Labels;
  readonly selectorLabels: Labels;
  readonly replicas: number;
  readonly identity: PodIdentity;
  readonly containers: readonly ContainerSpec[];
  readonly initContainers?: readonly ContainerSpec[];
  readonly volumes?: readonly k8s.Volume[];
  readonly annotations?: Readonly<Record<string, string>>;
  /** Refuse to co-locate replicas on one node instead of only preferring not to. */
  readonly strictSpread?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  readonly priorityClassName?: string;
}

/** What a Deployment or StatefulSet helper knows about its pods. */
export interface WorkloadPodSource {
  readonly replicas: number;
  readonly identity: PodIdentity;
  readonly containers: readonly ContainerSpec[];
  readonly initContainers?: readonly ContainerSpec[];
  /** ConfigMap data; its checksum goes on the pods, so a config change rolls them. */
  readonly configData?: Readonly<Record<string, string>>;
  readonly strictSpread?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  /** PriorityClass of the pods. @default - none (priority 0) */
  readonly priorityClassName?: string;
}

/** The pod template of a Deployment or StatefulSet helper, from its options, labels and volumes. */
export function workloadPodTemplate(
  o: WorkloadPodSource,
  labels: { readonly all: Labels; readonly selector: Labels },
  volumes: readonly k8s.Volume[],
): k8s.PodTemplateSpec {
  return buildPodTemplate({
    labels: labels.all,
    selectorLabels: labels.selector,
    replicas: o.replicas,
    identity: o.identity,
    containers: o.containers,
    initContainers: o.initContainers,
    volumes,
    annotations: o.configData ? configChecksum(o.configData) : undefined,
    strictSpread: o.strictSpread,
    terminationGracePeriodSeconds: o.terminationGracePeriodSeconds,
    priorityClassName: o.priorityClassName,
  });
}

/** A pod template under the restricted profile, spread across nodes when there is more than one replica. */
export function buildPodTemplate(o: PodTemplateOptions): k8s.PodTemplateSpec {
  const spread = o.replicas > 1;
  const selector = { matchLabels: { ...o.selectorLabels } };
  const term = { labelSelector: selector, topologyKey: HOSTNAME_TOPOLOGY_KEY };
  return {
    metadata: { labels: { ...o.labels }, annotations: o.annotations ? { ...o.annotations } : undefined },
    spec: {
      // None of these workloads talk to the Kubernetes API.
      automountServiceAccountToken: false,
      // Service links inject *_SERVICE_HOST variables that collide with images configured by env (Nacos reads MYSQL_SERVICE_HOST).
      enableServiceLinks: false,
      securityContext: restrictedPodSecurityContext(o.identity),
      terminationGracePeriodSeconds: o.terminationGracePeriodSeconds,
      priorityClassName: o.priorityClassName,
      initContainers: o.initContainers?.map((c) => secureContainer(c, o.identity)),
      containers: o.containers.map((c) => secureContainer(c, o.identity)),
      volumes: o.volumes && o.volumes.length > 0 ? [...o.volumes] : undefined,
      topologySpreadConstraints: spread
        ? [
            {
              maxSkew: 1,
              topologyKey: HOSTNAME_TOPOLOGY_KEY,
              whenUnsatisfiable: o.strictSpread ? 'DoNotSchedule' : 'ScheduleAnyway',
              labelSelector: selector,
            },
          ]
        : undefined,
      affinity: spread
        ? {
            podAntiAffinity: o.strictSpread
              ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
              : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] },
          }
        : undefined,
    },
  };
}

/** Annotation whose change rolls the pods when their configuration changes. */
export function configChecksum(data: Readonly<Record<string, string>>): Record<string, string> {
  const hash = createHash('sha256');
  for (const key of Object.keys(data).sort()) {
    hash.update(key).update('\0').update(data[key]).update('\0');
  }
  return { 'checksum/config': hash.digest('hex').slice(0, 16) };
}

/** An emptyDir volume, optionally size-limited so a runaway writer is evicted rather than filling the node. */
export function emptyDirVolume(name: string, sizeLimit = '1Gi'): k8s.Volume {
  return { name, emptyDir: { sizeLimit: k8s.Quantity.fromString(sizeLimit) } };
}

export function configMapVolume(name: string, configMapName: string): k8s.Volume {
  return { name, configMap: { name: configMapName } };
}
