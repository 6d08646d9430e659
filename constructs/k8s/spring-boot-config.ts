/**
 * Pure rendering for {@link SpringBootService}: `application.yaml`, JVM options and endpoint parsing.
 */
import { stringify } from 'yaml';
import { Validator } from '../core';
import { YamlWriteOptions, fastYaml } from './manifest-yaml';

/** A configuration tree as Spring reads it from YAML. */
export type ConfigTree = { readonly [key: string]: unknown };

/** Inputs of {@link renderApplicationYaml}: what the managed part of `application.yaml` is built from. */
export interface SpringApplicationConfig {
  /** `spring.application.name`, also the `application` tag on every Micrometer metric. */
  readonly applicationName: string;
  /** `server.port`, which also serves the actuator endpoints. */
  readonly port: number;
  /**
   * Logstash TCP input `host:port`, written as `logstash.destination` for `logback-spring.xml`.
   * @default - no `logstash` key
   */
  readonly logstashDestination?: string;
  /**
   * Sentinel dashboard `host:port`, written as `spring.cloud.sentinel.transport.dashboard`.
   * @default - no `spring.cloud.sentinel` key
   */
  readonly sentinelDashboard?: string;
  /** Port the Sentinel client listens on for the dashboard; only written when `sentinelDashboard` is set. */
  readonly sentinelClientPort: number;
  /**
   * Caller properties; the keys this library manages (port, probes, endpoints) win over them.
   * @default - only the managed keys
   */
  readonly extra?: ConfigTree;
}

/** Seconds Spring waits for in-flight requests on shutdown; the pod grace period is longer. */
export const SHUTDOWN_PHASE_SECONDS = 20;

/** The managed part of `application.yaml`. */
export function managedApplicationConfig(c: SpringApplicationConfig): ConfigTree {
  const spring: Record<string, unknown> = {
    application: { name: c.applicationName },
    lifecycle: { 'timeout-per-shutdown-phase': `${SHUTDOWN_PHASE_SECONDS}s` },
  };
  if (c.sentinelDashboard !== undefined) {
    spring.cloud = {
      sentinel: { eager: true, transport: { dashboard: c.sentinelDashboard, port: c.sentinelClientPort } },
    };
  }
  const tree: Record<string, unknown> = {
    server: { port: c.port, shutdown: 'graceful' },
    spring,
    management: {
      endpoints: { web: { exposure: { include: 'health,info,prometheus' } } },
      endpoint: { health: { probes: { enabled: true }, 'show-details': 'never' } },
      health: { livenessstate: { enabled: true }, readinessstate: { enabled: true } },
      metrics: { tags: { application: c.applicationName } },
    },
  };
  if (c.logstashDestination !== undefined) {
    // Read by logback-spring.xml: <springProperty name="LOGSTASH_DESTINATION" source="logstash.destination"/>.
    tree.logstash = { destination: c.logstashDestination };
  }
  return tree;
}

/** How `application.yaml` is written: `yaml`'s defaults, keys sorted. */
const APPLICATION_YAML_OPTIONS: YamlWriteOptions = { version: '1.2', lineWidth: 80, sortMapEntries: true, keepUndefined: false };

/** `application.yaml` text: caller properties deep-merged under the managed ones. */
export function renderApplicationYaml(c: SpringApplicationConfig): string {
  const tree = deepMerge(c.extra ?? {}, managedApplicationConfig(c));
  // One per service: written directly where `yaml` has no choice to make, by `yaml` otherwise.
  return fastYaml(tree, APPLICATION_YAML_OPTIONS) ?? stringify(tree, { sortMapEntries: APPLICATION_YAML_OPTIONS.sortMapEntries });
}

/** Merges `over` into `base`; nested maps merge, anything else from `over` replaces. */
export function deepMerge(base: ConfigTree, over: ConfigTree): ConfigTree {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isTree(prev) && isTree(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isTree(value: unknown): value is ConfigTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Smallest container memory limit a Spring Boot JVM is given. */
export const MIN_JVM_MEMORY_MIB = 256;
/** Memory kept outside the heap for metaspace, thread stacks, code cache and direct buffers. */
export const MIN_NON_HEAP_MIB = 160;

/**
 * JVM flags for a container: heap as a share of the memory limit (the JVM reads the cgroup limit), processor
 * count from the CPU limit so thread pools and GC threads fit it, and exit on OOM so Kubernetes restarts the pod.
 */
export function jvmOptions(memoryLimitMiB: number, cpuLimitMillis: number, heapPercentage: number): string {
  const cpus = Math.max(1, Math.ceil(cpuLimitMillis / 1000));
  return [
    `-XX:MaxRAMPercentage=${heapPercentage.toFixed(1)}`,
    `-XX:InitialRAMPercentage=${heapPercentage.toFixed(1)}`,
    `-XX:ActiveProcessorCount=${cpus}`,
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.io.tmpdir=/tmp',
    '-Djava.security.egd=file:/dev/urandom',
  ].join(' ');
}

/** Reports a heap share that leaves too little non-heap memory under `memoryLimitMiB`. */
export function checkJvmSizing(v: Validator, memoryLimitMiB: number, heapPercentage: number): void {
  if (!Number.isFinite(heapPercentage) || heapPercentage < 25 || heapPercentage > 90) {
    v.add('heapPercentage', heapPercentage, 'must be between 25 and 90');
    return;
  }
  if (memoryLimitMiB < MIN_JVM_MEMORY_MIB) {
    v.add('resources.memoryLimit', `${memoryLimitMiB}Mi`, `must be at least ${MIN_JVM_MEMORY_MIB}Mi for a Spring Boot JVM`);
    return;
  }
  const nonHeap = memoryLimitMiB * (1 - heapPercentage / 100);
  if (nonHeap < MIN_NON_HEAP_MIB) {
    v.add(
      'heapPercentage',
      heapPercentage,
      `leaves ${Math.floor(nonHeap)}Mi outside the heap of a ${memoryLimitMiB}Mi limit; at least ${MIN_NON_HEAP_MIB}Mi is needed (lower it or raise memoryLimit)`,
    );
  }
}

const HOST_PORT = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*):(?<port>\d{1,5})$/;

/** Reports a `host:port` endpoint that is malformed. */
export function checkHostPort(v: Validator, key: string, value: string): void {
  const m = HOST_PORT.exec(value);
  const port = m?.groups ? Number(m.groups.port) : 0;
  if (!m || port < 1 || port > 65535) {
    v.add(key, value, 'must be host:port, e.g. logstash.logging.svc.cluster.local:5044');
  }
}
