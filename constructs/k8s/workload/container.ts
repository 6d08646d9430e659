import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { SecretEnvVar } from '../common';
import { DEFAULT_EPHEMERAL_STORAGE_LIMIT, DEFAULT_EPHEMERAL_STORAGE_REQUEST, ResolvedResources } from './quantities';
import { PodIdentity, restrictedContainerSecurityContext } from './security';

/** What a workload says about one container; security settings are not negotiable and are added here. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly resources: ResolvedResources;
  readonly ports?: readonly k8s.ContainerPort[];
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly k8s.EnvVar[];
  readonly envFrom?: readonly k8s.EnvFromSource[];
  readonly volumeMounts?: readonly k8s.VolumeMount[];
  readonly livenessProbe?: k8s.Probe;
  readonly readinessProbe?: k8s.Probe;
  readonly startupProbe?: k8s.Probe;
}

/**
 * Pinned tags make `Always` redundant, and `IfNotPresent` lets pods restart while the registry is unreachable.
 */
const IMAGE_PULL_POLICY = 'IfNotPresent';

/** Builds a container that satisfies the restricted Pod Security level. */
export function secureContainer(spec: ContainerSpec, identity: PodIdentity): k8s.Container {
  return {
    name: spec.name,
    image: spec.image,
    imagePullPolicy: IMAGE_PULL_POLICY,
    command: spec.command ? [...spec.command] : undefined,
    args: spec.args ? [...spec.args] : undefined,
    ports: spec.ports ? [...spec.ports] : undefined,
    env: spec.env && spec.env.length > 0 ? [...spec.env] : undefined,
    envFrom: spec.envFrom && spec.envFrom.length > 0 ? [...spec.envFrom] : undefined,
    volumeMounts: spec.volumeMounts ? [...spec.volumeMounts] : undefined,
    livenessProbe: spec.livenessProbe,
    readinessProbe: spec.readinessProbe,
    startupProbe: spec.startupProbe,
    resources: {
      // every container, init containers included, states its local disk too (kube-score, Polaris)
      requests: {
        cpu: k8s.Quantity.fromString(spec.resources.cpuRequest),
        memory: k8s.Quantity.fromString(spec.resources.memoryRequest),
        'ephemeral-storage': k8s.Quantity.fromString(spec.resources.ephemeralStorageRequest ?? DEFAULT_EPHEMERAL_STORAGE_REQUEST),
      },
      limits: {
        cpu: k8s.Quantity.fromString(spec.resources.cpuLimit),
        memory: k8s.Quantity.fromString(spec.resources.memoryLimit),
        'ephemeral-storage': k8s.Quantity.fromString(spec.resources.ephemeralStorageLimit ?? DEFAULT_EPHEMERAL_STORAGE_LIMIT),
      },
    },
    securityContext: restrictedContainerSecurityContext(identity),
  };
}

/** Plain environment variables, in key order so output is stable. */
export function plainEnv(values: Readonly<Record<string, string>>): k8s.EnvVar[] {
  return Object.keys(values)
    .sort()
    .map((name) => ({ name, value: values[name] }));
}

/** Environment variables read from Secrets by name. */
export function secretEnv(vars: readonly SecretEnvVar[]): k8s.EnvVar[] {
  return vars.map((s) => ({ name: s.envName, valueFrom: { secretKeyRef: { name: s.secretName, key: s.key } } }));
}

/** Downward-API variables for the pod's own name and namespace (used to build peer host names). */
export function podIdentityEnv(): k8s.EnvVar[] {
  return [
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
  ];
}

/** Probe helpers with timings that suit a JVM or database that takes a while to answer. */
export function httpProbe(path: string, port: string | number, periodSeconds = 10, failureThreshold = 3): k8s.Probe {
  return {
    httpGet: { path, port: toPort(port) },
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold,
  };
}

export function tcpProbe(port: string | number, periodSeconds = 10, failureThreshold = 3): k8s.Probe {
  return { tcpSocket: { port: toPort(port) }, periodSeconds, timeoutSeconds: 5, failureThreshold };
}

export function execProbe(command: readonly string[], periodSeconds = 10, failureThreshold = 3, timeoutSeconds = 10): k8s.Probe {
  return { exec: { command: [...command] }, periodSeconds, timeoutSeconds, failureThreshold };
}

/** A startup probe that allows `maxStartupSeconds` before liveness takes over. */
export function startupProbe(base: k8s.Probe, maxStartupSeconds: number): k8s.Probe {
  const period = 10;
  return { ...base, periodSeconds: period, failureThreshold: Math.ceil(maxStartupSeconds / period) };
}

function toPort(port: string | number): k8s.IntOrString {
  return typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port);
}
