/**
 * The ks-installer `ClusterConfiguration` for KubeSphere v3.4.1, the second document of the KubeKey
 * file. Its presence is what makes KubeKey install KubeSphere.
 *
 * Shape: ks-installer v3.4.1 `deploy/cluster-configuration.yaml`, every section kept. Several roles
 * read keys such as `devops.enabled` or `logging.enabled` without an `is defined` guard, so a missing
 * section fails the installer rather than meaning "off".
 *
 * KubeKey appends this document verbatim to `/etc/kubernetes/addons/kubesphere.yaml` and then edits it
 * line by line with `sed` (`cmd/kk/pkg/kubesphere/tasks.go`):
 * - `endpointIps`: overwritten with the etcd hosts' internal IPs, so it is emitted as `localhost`.
 * - `local_registry` / `namespace_override`: overwritten from `spec.registry`, or the line deleted.
 *   Emitted only when set, with the same value KubeKey writes, so the document is right before sed too.
 * - `zone`: with `KKZONE=cn` every line containing it becomes `zone: cn` (ks-installer then pulls from
 *   KubeSphere's mirror in China); otherwise the line is deleted. So `zone: ""` is emitted last, as
 *   KubeKey's own template (`cc_v341.go`) does, and validation refuses user values containing any of
 *   these words. Not with a `privateRegistry`: ks-installer v3.4.1 (`roles/download/defaults/main.yml`)
 *   prefers `zone: cn` over `local_registry`, so KKZONE=cn (kept for KubeKey's binary downloads) would
 *   send KubeSphere's images to registry.cn-beijing.aliyuncs.com instead of the private registry.
 * - `containerruntime`: a v3.2-era logging key; v3.4.1 detects the runtime itself, so it is not emitted.
 */
import { DEFAULT_EXTERNAL_ES_PROTOCOL, type ResolvedKubeKeyInput } from './defaults';
import { envPlaceholder } from './cluster';
import type { KubeKeyClusterInput } from './types';
import { prepareKubeKeyInput } from './validate';
import { KUBESPHERE_VERSION } from './versions';

/** `apiVersion` of the ks-installer `ClusterConfiguration`. */
export const KS_INSTALLER_API_VERSION = 'installer.kubesphere.io/v1alpha1';

/** A JSON/YAML value, for the upstream sections this library passes through unchanged. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
/** A JSON/YAML mapping: an upstream section kept as ks-installer v3.4.1 ships it. */
export type JsonObject = { readonly [key: string]: JsonValue };

const ENABLED = { enabled: true } as const;
const DISABLED = { enabled: false } as const;
const toggle = (on: boolean): { readonly enabled: boolean } => (on ? ENABLED : DISABLED);

/**
 * The ks-installer `ClusterConfiguration` (v3.4.1), as {@link buildClusterConfiguration} builds it.
 * Its presence in the KubeKey file is what makes KubeKey install KubeSphere. The CRD has no schema
 * (`x-kubernetes-preserve-unknown-fields`), so only ks-installer's roles give the keys a meaning.
 * @see https://github.com/kubesphere/ks-installer/blob/v3.4.1/deploy/cluster-configuration.yaml
 */
export interface ClusterConfigurationDocument {
  /** Always {@link KS_INSTALLER_API_VERSION}. */
  readonly apiVersion: typeof KS_INSTALLER_API_VERSION;
  /** Always `ClusterConfiguration`. */
  readonly kind: 'ClusterConfiguration';
  /** The fixed name and namespace ks-installer watches, and the KubeSphere version label. */
  readonly metadata: {
    /** Always `ks-installer`: the installer reads only the object of that name. */
    readonly name: 'ks-installer';
    /** Always `kubesphere-system`. */
    readonly namespace: 'kubesphere-system';
    /** KubeKey refuses the file unless this names a KubeSphere version it knows. */
    readonly labels: {
      /** The KubeSphere release, {@link KUBESPHERE_VERSION}. */
      readonly version: string;
    };
  };
  /** What ks-installer installs and how. */
  readonly spec: {
    /** Storage of KubeSphere's own volumes. */
    readonly persistence: {
      /** StorageClass of those volumes; ks-installer requires it to exist. */
      readonly storageClass: string;
    };
    /** Console and API authentication. */
    readonly authentication: {
      /** Secret that signs KubeSphere's tokens: a `${NAME}` placeholder, or empty to let ks-installer generate one. */
      readonly jwtSecret: string;
    };
    /** Registry ks-installer pulls KubeSphere's images from (KubeKey rewrites it from `registry.privateRegistry`); left out when unset. */
    readonly local_registry?: string;
    /** Project inside that registry replacing upstream namespaces (rewritten by KubeKey likewise); left out when unset. */
    readonly namespace_override?: string;
    /** How KubeSphere's monitoring reaches etcd. */
    readonly etcd: {
      /** Install the etcd dashboards and scrape etcd. */
      readonly monitoring: boolean;
      /** Written as `localhost`; KubeKey replaces it with the etcd hosts' internal addresses. */
      readonly endpointIps: string;
      /** etcd client port, 2379. */
      readonly port: number;
      /** Scrape etcd over TLS with the client certificate KubeKey stores as a secret. */
      readonly tlsEnable: boolean;
    };
    /** Shared services: console, Redis, OpenLDAP, MinIO, the monitoring endpoint, GPU kinds and the log store (`es`/`opensearch`). */
    readonly common: JsonObject;
    /** Custom alerting policies (Thanos ruler). */
    readonly alerting: {
      /** Install the component. */
      readonly enabled: boolean;
    };
    /** KubeSphere's audit log. */
    readonly auditing: {
      /** Install the component. */
      readonly enabled: boolean;
    };
    /** KubeSphere DevOps and the size of its Jenkins. */
    readonly devops: {
      /** Install KubeSphere DevOps (Jenkins, the DevOps controllers, MinIO and OpenLDAP). */
      readonly enabled: boolean;
      /** Jenkins CPU request in cores. */
      readonly jenkinsCpuReq: number;
      /** Jenkins CPU limit in cores. */
      readonly jenkinsCpuLim: number;
      /** Jenkins memory request. */
      readonly jenkinsMemoryReq: string;
      /** Jenkins memory limit; the JVM heap is sized from it. */
      readonly jenkinsMemoryLim: string;
      /** Size of the Jenkins home volume. */
      readonly jenkinsVolumeSize: string;
    };
    /** Kubernetes events export. */
    readonly events: {
      /** Install the component. */
      readonly enabled: boolean;
      /** The events ruler that turns events into alerts; kept as upstream ships it (on, 2 replicas). */
      readonly ruler: JsonObject;
    };
    /** Log search: fluent-bit collecting container logs into the log store. */
    readonly logging: {
      /** Install the component. */
      readonly enabled: boolean;
      /** The sidecar that collects logs written to files inside pods; kept as upstream ships it (on, 2 replicas). */
      readonly logsidecar: JsonObject;
    };
    /** metrics-server, which the HorizontalPodAutoscaler and `kubectl top` need. */
    readonly metrics_server: {
      /** Install the component. */
      readonly enabled: boolean;
    };
    /** Prometheus stack settings: the StorageClass of its volume, the node-exporter port, GPU exporters. */
    readonly monitoring: JsonObject;
    /** Multi-cluster management. */
    readonly multicluster: {
      /** `host`, `member` or `none`. */
      readonly clusterRole: string;
    };
    /** Network policy, pod IP pools and topology; all off, as upstream ships them. */
    readonly network: JsonObject;
    /** The application store. */
    readonly openpitrix: {
      /** The built-in App Store. */
      readonly store: {
        /** Install the App Store (and MinIO for its packages). */
        readonly enabled: boolean;
      };
    };
    /** Istio service mesh; off. */
    readonly servicemesh: JsonObject;
    /** KubeEdge edge nodes; off. */
    readonly edgeruntime: JsonObject;
    /** OPA Gatekeeper policies. */
    readonly gatekeeper: {
      /** Always false: this library installs no Gatekeeper. */
      readonly enabled: boolean;
    };
    /** The web kubectl terminal of the console. */
    readonly terminal: {
      /** Seconds of inactivity before a terminal session closes (600). */
      readonly timeout: number;
    };
    /**
     * `""` here: KubeKey rewrites it to `cn` when kk runs with `KKZONE=cn` (ks-installer then
     * pulls KubeSphere's images from its mirror in China) and deletes the line otherwise. Left out
     * with a private registry, which `zone: cn` would override.
     */
    readonly zone?: '';
  };
}

/** Builds the ks-installer ClusterConfiguration. Validates first: throws `ValidationError` on bad input. */
export function buildClusterConfiguration(input: KubeKeyClusterInput): ClusterConfigurationDocument {
  return clusterConfigurationFromResolved(prepareKubeKeyInput(input).resolved);
}

/** Builds from an already validated, resolved input (the renderer validates once for both documents). */
export function clusterConfigurationFromResolved(r: ResolvedKubeKeyInput): ClusterConfigurationDocument {
  const ks = r.kubesphere;
  return {
    apiVersion: KS_INSTALLER_API_VERSION,
    kind: 'ClusterConfiguration',
    metadata: { name: 'ks-installer', namespace: 'kubesphere-system', labels: { version: KUBESPHERE_VERSION } },
    spec: {
      persistence: { storageClass: ks.storageClass },
      // Empty makes ks-installer generate a secret. The placeholder is filled by envsubst before kk
      // runs, i.e. before KubeKey's sed, so a secret value containing `zone` would lose its line.
      authentication: { jwtSecret: ks.jwtSecretEnv !== undefined ? envPlaceholder(ks.jwtSecretEnv) : '' },
      ...(r.registry.privateRegistry !== '' ? { local_registry: r.registry.privateRegistry } : {}),
      ...(r.registry.namespaceOverride !== '' ? { namespace_override: r.registry.namespaceOverride } : {}),
      etcd: { monitoring: ks.etcdMonitoring, endpointIps: 'localhost', port: 2379, tlsEnable: true },
      common: commonSection(r),
      alerting: toggle(ks.alerting),
      auditing: toggle(ks.auditing),
      devops: { ...toggle(ks.devops.enabled), ...withoutEnabled(ks.devops) },
      events: { ...toggle(ks.events), ruler: { enabled: true, replicas: 2 } },
      logging: { ...toggle(ks.logging), logsidecar: { enabled: true, replicas: 2 } },
      metrics_server: toggle(ks.metricsServer),
      monitoring: {
        storageClass: ks.monitoringStorageClass,
        node_exporter: { port: 9100 },
        gpu: { nvidia_dcgm_exporter: DISABLED },
      },
      multicluster: { clusterRole: ks.clusterRole },
      network: { networkpolicy: DISABLED, ippool: { type: 'none' }, topology: { type: 'none' } },
      // Also installs MinIO (as DevOps does); Harbor is then installed from the store.
      openpitrix: { store: toggle(ks.appStore) },
      servicemesh: {
        enabled: false,
        istio: { components: { ingressGateways: [{ name: 'istio-ingressgateway', enabled: false }], cni: DISABLED } },
      },
      edgeruntime: { enabled: false, kubeedge: DISABLED },
      gatekeeper: DISABLED,
      terminal: { timeout: 600 },
      ...(r.registry.privateRegistry === '' ? { zone: '' as const } : {}),
    },
  };
}

function withoutEnabled(devops: ResolvedKubeKeyInput['kubesphere']['devops']): Omit<typeof devops, 'enabled'> {
  return {
    jenkinsCpuReq: devops.jenkinsCpuReq,
    jenkinsCpuLim: devops.jenkinsCpuLim,
    jenkinsMemoryReq: devops.jenkinsMemoryReq,
    jenkinsMemoryLim: devops.jenkinsMemoryLim,
    jenkinsVolumeSize: devops.jenkinsVolumeSize,
  };
}

function commonSection(r: ResolvedKubeKeyInput): JsonObject {
  return {
    core: { console: { enableMultiLogin: true, port: 30880, type: 'NodePort' } },
    redis: { enabled: false, enableHA: false, volumeSize: '2Gi' },
    openldap: { enabled: false, volumeSize: '2Gi' },
    minio: { volumeSize: '20Gi' },
    monitoring: { endpoint: 'http://prometheus-operated.kubesphere-monitoring-system.svc:9090', GPUMonitoring: DISABLED },
    gpu: { kinds: [{ resourceName: 'nvidia.com/gpu', resourceType: 'GPU', default: true }] },
    ...logStores(r),
  };
}

/**
 * `common.es` and `common.opensearch`. ks-installer v3.4 bundles no Elasticsearch any more: `es.enabled`
 * only installs the curator and points KubeSphere at the external host (reference §2, finding 1).
 * The external host/port keys are left out for OpenSearch: every reader guards them with `is defined`.
 */
function logStores(r: ResolvedKubeKeyInput): { es: JsonObject; opensearch: JsonObject } {
  const backend = r.kubesphere.loggingBackend;
  const external = backend.kind === 'external-elasticsearch';
  return {
    es: {
      enabled: external,
      logMaxAge: 7,
      elkPrefix: 'logstash',
      basicAuth: DISABLED,
      ...(external
        ? {
            externalElasticsearchProtocol: backend.protocol ?? DEFAULT_EXTERNAL_ES_PROTOCOL,
            externalElasticsearchHost: backend.host,
            externalElasticsearchPort: backend.port,
          }
        : {}),
    },
    opensearch: {
      enabled: !external,
      logMaxAge: 7,
      opensearchPrefix: 'whizard',
      // Not a secret: the built-in OpenSearch runs the security plugin's demo config, whose admin user
      // is fixed to admin/admin by the chart ks-installer ships; every client (ks-apiserver, fluent-bit,
      // curator) needs these values to reach it, and changing them here would only break that.
      basicAuth: { enabled: true, username: 'admin', password: 'admin' },
      dashboard: DISABLED,
    },
  };
}
