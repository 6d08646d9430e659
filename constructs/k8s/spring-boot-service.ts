import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { NO_IMAGE_REWRITE, Validator } from '../core';
import { Labels, ResourceRequirements, SecretEnvVar, WorkloadCommonProps } from './common';
import { ServiceMonitor } from './imports/monitoring.coreos.com';
import { httpProbe, plainEnv, secretEnv, startupProbe } from './workload/container';
import { DeploymentWorkload } from './workload/deployment-workload';
import { checkImage } from './workload/image';
import { checkCount, checkName, checkObjectName, checkPort } from './workload/names';
import { parseCpuMillis, parseMemoryMiB, resolveResources, ResolvedResources } from './workload/quantities';
import { effectiveNamespace } from './network-policies';
import { ConfigTree, SHUTDOWN_PHASE_SECONDS, checkHostPort, checkJvmSizing, jvmOptions, renderApplicationYaml } from './spring-boot-config';

/** Two replicas, so that one node drain or rolling update never takes the service down (the PDB keeps one). */
export const SPRING_BOOT_DEFAULT_REPLICAS = 2;
/** Spring Boot's own default `server.port`. */
export const SPRING_BOOT_DEFAULT_PORT = 8080;
/** Average CPU (percent of the request) the HPA aims for; leaves headroom for the time new pods need to warm up. */
export const SPRING_BOOT_DEFAULT_TARGET_CPU_PERCENT = 70;
/** Heap share of the memory limit (`-XX:MaxRAMPercentage`); the rest covers metaspace, threads and direct buffers. */
export const SPRING_BOOT_DEFAULT_HEAP_PERCENTAGE = 75;
/** Port the Sentinel client opens for the dashboard to push rules and pull metrics. */
export const SENTINEL_CLIENT_DEFAULT_PORT = 8719;
/** A UID ≥ 10000 that no host account uses; images are expected to run as any UID (files readable by group 0). */
export const SPRING_BOOT_DEFAULT_UID = 10001;
/** Prometheus scrape interval of `/actuator/prometheus`: fine enough for latency and error-rate alerts, light on Prometheus storage. */
export const SPRING_BOOT_DEFAULT_SCRAPE_INTERVAL = '30s';
/** Time allowed for context start-up before the liveness probe takes over. */
export const SPRING_BOOT_DEFAULT_MAX_STARTUP_SECONDS = 300;
/**
 * Requests and limits of the app container. Memory request equals the limit so that the JVM heap, sized from
 * the limit, is never overcommitted; the CPU limit allows start-up bursts above the request.
 */
export const SPRING_BOOT_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '250m',
  cpuLimit: '1',
  memoryRequest: '1Gi',
  memoryLimit: '1Gi',
};
/** Where the ConfigMap with `application.yaml` is mounted; added to Spring's config search path. */
export const SPRING_CONFIG_DIR = '/etc/spring/';
/**
 * Name of the application container of every {@link SpringBootService} Deployment (its only container).
 * Whatever replaces the image, such as `kubectl set image deployment/<name> "<container>=<image>"` in a
 * pipeline, must name this container: the Deployment has no container named after the service.
 */
export const SPRING_BOOT_CONTAINER_NAME = 'app';

/** Variables this construct sets itself; the caller may not set them. */
const MANAGED_ENV = ['JAVA_TOOL_OPTIONS', 'SPRING_CONFIG_ADDITIONAL_LOCATION', 'SPRING_PROFILES_ACTIVE', 'LOGSTASH_DESTINATION'];

/** Props of {@link SpringBootService}. */
export interface SpringBootServiceProps extends WorkloadCommonProps {
  /** Application image with a pinned tag or digest. */
  readonly image: string;
  /** The autoscaler's minimum (the Deployment itself leaves the count to the HPA). @default SPRING_BOOT_DEFAULT_REPLICAS (2) */
  readonly replicas?: number;
  /** Autoscaler maximum. @default - twice `replicas` */
  readonly maxReplicas?: number;
  /** Average CPU utilisation (percent of request) the autoscaler aims for. @default SPRING_BOOT_DEFAULT_TARGET_CPU_PERCENT (70) */
  readonly targetCpuUtilization?: number;
  /** HTTP port (also serves the actuator). @default SPRING_BOOT_DEFAULT_PORT (8080) */
  readonly port?: number;
  /** @default SPRING_BOOT_DEFAULT_RESOURCES (cpu 250m/1, memory 1Gi/1Gi) */
  readonly resources?: ResourceRequirements;
  /** Heap as a percentage of the memory limit. @default SPRING_BOOT_DEFAULT_HEAP_PERCENTAGE (75) */
  readonly heapPercentage?: number;
  /** Plain environment variables. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Variables read from Secrets the caller creates. @default - none */
  readonly secretEnv?: readonly SecretEnvVar[];
  /** Secrets (by name) whose every key becomes an environment variable. @default - none */
  readonly secretEnvFrom?: readonly string[];
  /** Active Spring profiles. @default - none */
  readonly profiles?: readonly string[];
  /** Extra `application.yaml` properties; managed keys (port, actuator, Sentinel, Logstash) win. @default - none */
  readonly applicationConfig?: ConfigTree;
  /** Logstash TCP input, `host:port`; set as `logstash.destination` and `LOGSTASH_DESTINATION`. @default - not wired */
  readonly logstashDestination?: string;
  /** Sentinel dashboard, `host:port`, set as `spring.cloud.sentinel.transport.dashboard`. @default - not wired */
  readonly sentinelDashboard?: string;
  /** @default SENTINEL_CLIENT_DEFAULT_PORT (8719) */
  readonly sentinelClientPort?: number;
  /** Create a ServiceMonitor for `/actuator/prometheus`. @default true */
  readonly serviceMonitor?: boolean;
  /** Labels the Prometheus `serviceMonitorSelector` needs. @default - none */
  readonly serviceMonitorLabels?: Labels;
  /** @default SPRING_BOOT_DEFAULT_SCRAPE_INTERVAL ('30s') */
  readonly scrapeInterval?: string;
  /** @default SPRING_BOOT_DEFAULT_UID (10001) */
  readonly runAsUser?: number;
  /** @default SPRING_BOOT_DEFAULT_MAX_STARTUP_SECONDS (300) */
  readonly maxStartupSeconds?: number;
  /** Refuse to put two replicas on one node (otherwise only preferred). @default false */
  readonly strictSpread?: boolean;
}

/**
 * A Spring Boot service: Deployment, Service, ConfigMap (`application.yaml`), HPA, PDB and ServiceMonitor.
 * Secrets are referenced by name only; {@link secretNames} lists them so the caller can make sure they exist.
 */
export class SpringBootService extends Construct {
  /** Name of the Deployment, Service, ConfigMap, HPA and ServiceMonitor. */
  public readonly name: string;
  /** HTTP port of the container and of the Service (port name `http`). */
  public readonly port: number;
  /** Secrets this service reads, sorted; none is created here. */
  public readonly secretNames: readonly string[];
  /** Labels that select this service's pods, for NetworkPolicy peers. */
  public readonly selectorLabels: Labels;
  /** The Deployment; {@link hpa} scales it between `replicas` and `maxReplicas`. */
  public readonly deployment: k8s.KubeDeployment;
  /** The ClusterIP Service in front of the pods. */
  public readonly service: k8s.KubeService;
  /** The CPU-based HorizontalPodAutoscaler (`autoscaling/v2`), from `replicas` to `maxReplicas`. */
  public readonly hpa: k8s.KubeHorizontalPodAutoscalerV2;

  constructor(scope: Construct, id: string, props: SpringBootServiceProps) {
    super(scope, id);
    this.name = props.name ?? id;
    this.port = props.port ?? SPRING_BOOT_DEFAULT_PORT;
    const replicas = props.replicas ?? SPRING_BOOT_DEFAULT_REPLICAS;
    const maxReplicas = props.maxReplicas ?? replicas * 2;
    const targetCpu = props.targetCpuUtilization ?? SPRING_BOOT_DEFAULT_TARGET_CPU_PERCENT;
    const heap = props.heapPercentage ?? SPRING_BOOT_DEFAULT_HEAP_PERCENTAGE;
    const sentinelPort = props.sentinelClientPort ?? SENTINEL_CLIENT_DEFAULT_PORT;
    const uid = props.runAsUser ?? SPRING_BOOT_DEFAULT_UID;
    const secretEnvVars = props.secretEnv ?? [];
    const secretEnvFrom = props.secretEnvFrom ?? [];

    const v = new Validator();
    checkName(v, 'name', this.name);
    checkImage(v, 'image', props.image);
    checkCount(v, 'replicas', replicas, 1);
    // A bad replicas count is reported once, not again through the maxReplicas derived from it.
    if (Number.isInteger(replicas) && replicas >= 1) checkCount(v, 'maxReplicas', maxReplicas, replicas);
    checkCount(v, 'targetCpuUtilization', targetCpu, 1, 100);
    checkPort(v, 'port', this.port);
    checkPort(v, 'sentinelClientPort', sentinelPort);
    checkCount(v, 'runAsUser', uid, 1);
    if (props.priorityClassName !== undefined) checkObjectName(v, 'priorityClassName', props.priorityClassName);
    if (props.sentinelDashboard !== undefined && sentinelPort === this.port) {
      v.add('sentinelClientPort', sentinelPort, `must differ from port (${this.port})`);
    }
    const resources = resolveResources(v, 'resources', props.resources, SPRING_BOOT_DEFAULT_RESOURCES);
    const memLimit = parseMemoryMiB(resources.memoryLimit);
    const cpuLimit = parseCpuMillis(resources.cpuLimit);
    if (memLimit !== undefined) checkJvmSizing(v, memLimit, heap);
    if (props.logstashDestination !== undefined) checkHostPort(v, 'logstashDestination', props.logstashDestination);
    if (props.sentinelDashboard !== undefined) checkHostPort(v, 'sentinelDashboard', props.sentinelDashboard);
    secretEnvVars.forEach((s, i) => checkObjectName(v, `secretEnv[${i}].secretName`, s.secretName));
    secretEnvFrom.forEach((s, i) => checkObjectName(v, `secretEnvFrom[${i}]`, s));
    checkEnvNames(v, props.env ?? {}, secretEnvVars);
    v.throwIfAny(`Invalid SpringBootService props (${this.node.path})`);

    const applicationYaml = renderApplicationYaml({
      applicationName: this.name,
      port: this.port,
      logstashDestination: props.logstashDestination,
      sentinelDashboard: props.sentinelDashboard,
      sentinelClientPort: sentinelPort,
      extra: props.applicationConfig,
    });
    const managedEnv: Record<string, string> = {
      JAVA_TOOL_OPTIONS: jvmOptions(memLimit ?? 0, cpuLimit ?? 1000, heap),
      SPRING_CONFIG_ADDITIONAL_LOCATION: `optional:file:${SPRING_CONFIG_DIR}`,
    };
    if (props.profiles && props.profiles.length > 0) managedEnv.SPRING_PROFILES_ACTIVE = props.profiles.join(',');
    if (props.logstashDestination !== undefined) managedEnv.LOGSTASH_DESTINATION = props.logstashDestination;

    const ports: k8s.ContainerPort[] = [{ name: 'http', containerPort: this.port, protocol: 'TCP' }];
    if (props.sentinelDashboard !== undefined) ports.push({ name: 'sentinel', containerPort: sentinelPort, protocol: 'TCP' });
    const liveness = httpProbe('/actuator/health/liveness', 'http');
    const workload = new DeploymentWorkload(this, 'Workload', {
      name: this.name,
      namespace: props.namespace,
      component: this.name,
      extraLabels: props.labels,
      priorityClassName: props.priorityClassName,
      replicas,
      // The HPA below starts at `replicas` and owns the count from then on.
      autoscaled: true,
      identity: { runAsUser: uid, runAsGroup: uid, fsGroup: uid },
      ports: [{ name: 'http', port: this.port }],
      emptyDirs: ['tmp'],
      configData: { 'application.yaml': applicationYaml },
      strictSpread: props.strictSpread,
      terminationGracePeriodSeconds: SHUTDOWN_PHASE_SECONDS + 10,
      containers: [
        {
          name: SPRING_BOOT_CONTAINER_NAME,
          image: (props.imageRewrite ?? NO_IMAGE_REWRITE)(props.image),
          resources,
          ports,
          env: [...plainEnv({ ...props.env, ...managedEnv }), ...secretEnv(secretEnvVars)],
          envFrom: secretEnvFrom.map((name) => ({ secretRef: { name } })),
          volumeMounts: [
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'config', mountPath: SPRING_CONFIG_DIR, readOnly: true },
          ],
          livenessProbe: liveness,
          readinessProbe: httpProbe('/actuator/health/readiness', 'http', 5),
          startupProbe: startupProbe(liveness, props.maxStartupSeconds ?? SPRING_BOOT_DEFAULT_MAX_STARTUP_SECONDS),
        },
      ],
    });
    this.deployment = workload.deployment;
    this.service = workload.service;
    this.selectorLabels = workload.selectorLabels;
    this.secretNames = [...new Set([...secretEnvVars.map((s) => s.secretName), ...secretEnvFrom])].sort();

    this.hpa = new k8s.KubeHorizontalPodAutoscalerV2(this, 'Hpa', {
      metadata: { name: this.name, namespace: props.namespace, labels: { ...workload.labels } },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.name },
        minReplicas: replicas,
        maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCpu } } }],
      },
    });

    if (props.serviceMonitor ?? true) {
      const namespace = effectiveNamespace(this, props.namespace);
      new ServiceMonitor(this, 'ServiceMonitor', {
        metadata: { name: this.name, namespace: props.namespace, labels: { ...workload.labels, ...props.serviceMonitorLabels } },
        spec: {
          selector: { matchLabels: { ...workload.selectorLabels } },
          namespaceSelector: namespace !== undefined ? { matchNames: [namespace] } : undefined,
          endpoints: [
            { port: 'http', path: '/actuator/prometheus', interval: props.scrapeInterval ?? SPRING_BOOT_DEFAULT_SCRAPE_INTERVAL },
          ],
        },
      });
    }
  }
}

function checkEnvNames(v: Validator, env: Readonly<Record<string, string>>, secretVars: readonly SecretEnvVar[]): void {
  const seen = new Set<string>();
  for (const name of [...Object.keys(env), ...secretVars.map((s) => s.envName)]) {
    if (MANAGED_ENV.includes(name)) v.add(`env.${name}`, name, 'is set by SpringBootService; use the matching prop');
    if (seen.has(name)) v.add(`env.${name}`, name, 'is set twice (env and secretEnv)');
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) v.add(`env.${name}`, name, 'is not a valid environment variable name');
    seen.add(name);
  }
}
