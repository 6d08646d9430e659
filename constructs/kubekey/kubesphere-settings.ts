/**
 * The KubeSphere part of the KubeKey input: what ks-installer's `ClusterConfiguration` is built from.
 * Field names follow ks-installer v3.4.1's own keys. Defaults live in `defaults.ts`.
 */

/** Where KubeSphere logging, events and auditing store their data. */
export type LoggingBackend =
  /** KubeSphere's built-in OpenSearch (the v3.4.1 default; v3.4 no longer bundles Elasticsearch). */
  | {
      /** Selects the built-in OpenSearch (`common.opensearch.enabled: true`). */
      readonly kind: 'opensearch';
    }
  /** An Elasticsearch outside the cluster; built-in OpenSearch is then disabled. */
  | {
      /** Selects an external Elasticsearch (`common.es.enabled: true`, `common.opensearch.enabled: false`). */
      readonly kind: 'external-elasticsearch';
      /** Host name or IPv4 address of Elasticsearch (`externalElasticsearchHost`), without scheme or port. */
      readonly host: string;
      /** Port of Elasticsearch's HTTP API (`externalElasticsearchPort`), usually 9200. */
      readonly port: number;
      /**
       * Scheme KubeSphere uses to reach Elasticsearch (`externalElasticsearchProtocol`).
       * @default 'http'
       */
      readonly protocol?: 'http' | 'https';
    };

/**
 * This cluster's role in KubeSphere multi-cluster management: the `host` that manages members, a
 * `member` managed by a host, or `none` (stand-alone).
 * @see https://kubesphere.io/docs/v3.4/multicluster-management/introduction/overview/
 */
export type MulticlusterRole = 'host' | 'member' | 'none';
/** Every {@link MulticlusterRole}, for checking values from untyped sources (stack config). */
export const MULTICLUSTER_ROLES: readonly MulticlusterRole[] = ['host', 'member', 'none'];

/** The KubeSphere DevOps (Jenkins) component. */
export interface DevOpsSettings {
  /**
   * Install KubeSphere DevOps: Jenkins, the DevOps controllers, and the MinIO and OpenLDAP they need.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Jenkins CPU request in cores.
   * @default 0.5
   */
  readonly jenkinsCpuReq?: number;
  /**
   * Jenkins CPU limit in cores.
   * @default 1
   */
  readonly jenkinsCpuLim?: number;
  /**
   * Jenkins memory request (`Mi`/`Gi` quantity). Equal to the limit, so the pod is not the first
   * evicted under node memory pressure.
   * @default '4Gi'
   */
  readonly jenkinsMemoryReq?: string;
  /**
   * Jenkins memory limit (`Mi`/`Gi` quantity); ks-installer sizes the JVM heap from it
   * (`-XX:MaxRAMPercentage=70 -XX:MaxRAM=<limit>`).
   * @default '4Gi'
   */
  readonly jenkinsMemoryLim?: string;
  /**
   * Size of the Jenkins home volume (`Mi`/`Gi` quantity).
   * @default '16Gi'
   */
  readonly jenkinsVolumeSize?: string;
}

/** An on/off switch of one KubeSphere component. */
export interface ComponentToggle {
  /**
   * Install the component.
   * @default false (ks-installer's default)
   */
  readonly enabled?: boolean;
}

/**
 * Options of the ks-installer `ClusterConfiguration` (v3.4.1). Nested like ks-installer's `spec`, so
 * `persistence.storageClass` here is `spec.persistence.storageClass` there.
 */
export interface KubeSphereSettings {
  /**
   * Storage of KubeSphere's own volumes (`spec.persistence`).
   * @default { storageClass: 'local' }
   */
  readonly persistence?: {
    /** StorageClass for KubeSphere's own volumes. @default 'local' (the OpenEBS class KubeKey installs) */
    readonly storageClass?: string;
  };
  /**
   * KubeSphere DevOps (`spec.devops`).
   * @default - DevOps not installed; Jenkins sized as in {@link DevOpsSettings} when it is
   */
  readonly devops?: DevOpsSettings;
  /**
   * Log search (fluent-bit into the logging backend).
   * @default { enabled: false }
   */
  readonly logging?: ComponentToggle;
  /**
   * Kubernetes events export.
   * @default { enabled: false }
   */
  readonly events?: ComponentToggle;
  /**
   * KubeSphere audit log.
   * @default { enabled: false }
   */
  readonly auditing?: ComponentToggle;
  /**
   * Custom alerting policies (Thanos ruler).
   * @default { enabled: false }
   */
  readonly alerting?: ComponentToggle;
  /**
   * Monitoring extras. ks-installer v3.4.1 always installs the Prometheus stack (`controller/
   * installRunner.py` hard-codes it), so these are the only monitoring switches that exist.
   * @default { etcd: false, metricsServer: false, storageClass: '' }
   */
  readonly monitoring?: {
    /** etcd dashboards (`etcd.monitoring`); KubeKey creates the etcd client-cert secret they need. @default false */
    readonly etcd?: boolean;
    /** metrics-server (`metrics_server.enabled`), needed by the HorizontalPodAutoscaler. @default false */
    readonly metricsServer?: boolean;
    /** StorageClass of the Prometheus volume. @default '' (the cluster's default class) */
    readonly storageClass?: string;
  };
  /**
   * Built-in App Store; Harbor is installed from it.
   * @default { store: { enabled: false } }
   */
  readonly openpitrix?: {
    /**
     * The App Store (`openpitrix.store.enabled`); also installs MinIO for the application packages.
     * @default { enabled: false }
     */
    readonly store?: ComponentToggle;
  };
  /**
   * Multi-cluster management (`spec.multicluster`, `spec.authentication.jwtSecret`).
   * @default { clusterRole: 'none' }
   */
  readonly multicluster?: {
    /**
     * This cluster's role in multi-cluster management.
     * @default 'none'
     */
    readonly clusterRole?: MulticlusterRole;
    /**
     * Environment variable holding the JWT secret (`authentication.jwtSecret`), rendered as a `${NAME}`
     * placeholder like registry passwords. A member cluster's secret must equal its host cluster's.
     * @default none (ks-installer generates one)
     */
    readonly jwtSecretEnv?: string;
  };
  /** Store of logging, events and auditing. @default { kind: 'opensearch' } */
  readonly loggingBackend?: LoggingBackend;
}
