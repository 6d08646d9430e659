/**
 * Typed bindings for two prometheus-operator CRDs, `monitoring.coreos.com/v1` `ServiceMonitor` and `PrometheusRule`.
 *
 * Hand-written (no network access for `cdk8s import`) from the CRD schemas of prometheus-operator v0.55.1, the
 * version KubeSphere 3.4.1 installs: `example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml`
 * and `monitoring.coreos.com_prometheusrules.yaml`, and the API reference `Documentation/api.md` of that tag.
 * Only the commonly used subset is typed; field names are the CRD's own (already camelCase), so props are emitted
 * unchanged. Regenerate with `cdk8s import` from those files if more fields are needed.
 */
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** A Prometheus duration such as `30s`, `5m` or `1h`. */
export type PrometheusDuration = string;

/** Label selector (same shape as `metav1.LabelSelector`). */
export interface MonitoringLabelSelector {
  /** Labels an object must carry, all of them with exactly these values. */
  readonly matchLabels?: { readonly [key: string]: string };
  /** Set-based requirements, all of which must hold (ANDed with `matchLabels`). */
  readonly matchExpressions?: ReadonlyArray<{
    /** Label key the requirement applies to. */
    readonly key: string;
    /** How the label's value is compared with `values`. */
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    /** Values for `In` and `NotIn`; must be empty for `Exists` and `DoesNotExist`. */
    readonly values?: readonly string[];
  }>;
}

/** `RelabelConfig`: one Prometheus relabelling step, applied to target labels or to scraped series. */
export interface RelabelConfig {
  /** Labels whose values are joined with `separator` and matched against `regex`, for example `['__meta_kubernetes_pod_node_name']`. */
  readonly sourceLabels?: readonly string[];
  /** String placed between the joined `sourceLabels` values; Prometheus uses `;` when unset. */
  readonly separator?: string;
  /** Label written by `replace` and `hashmod`. */
  readonly targetLabel?: string;
  /** RE2 expression matched against the joined source value (anchored at both ends); Prometheus uses `(.*)` when unset. */
  readonly regex?: string;
  /** Modulus of the hash taken by `hashmod`, for sharding targets. */
  readonly modulus?: number;
  /** Value written by `replace`, with `$1`-style references to `regex` groups; Prometheus uses `$1` when unset. */
  readonly replacement?: string;
  /** What the step does with a match; Prometheus uses `replace` when unset. */
  readonly action?: 'replace' | 'keep' | 'drop' | 'hashmod' | 'labelmap' | 'labeldrop' | 'labelkeep';
}

/** `SecretKeySelector` used for scrape credentials. */
export interface MonitoringSecretKeySelector {
  /** Name of the Secret, in the ServiceMonitor's namespace. */
  readonly name: string;
  /** Key inside the Secret's `data` whose value is used. */
  readonly key: string;
  /** Whether a missing Secret or key is tolerated instead of failing the scrape config. */
  readonly optional?: boolean;
}

/** `Endpoint`: one scrape target port of a ServiceMonitor. */
export interface ServiceMonitorEndpoint {
  /** Name of the Service port. */
  readonly port?: string;
  /** Pod port name or number (when the Service port has no name). */
  readonly targetPort?: string | number;
  /** HTTP path to scrape, for example `/actuator/prometheus`; Prometheus uses `/metrics` when unset. */
  readonly path?: string;
  /** Scrape protocol; Prometheus uses `http` when unset. */
  readonly scheme?: 'http' | 'https';
  /** URL query parameters sent with each scrape, for example `{ format: ['prometheus'] }`. */
  readonly params?: { readonly [key: string]: readonly string[] };
  /** Time between scrapes; the Prometheus global `scrape_interval` when unset. */
  readonly interval?: PrometheusDuration;
  /** Time after which a scrape is abandoned; must not exceed `interval`. The global `scrape_timeout` when unset. */
  readonly scrapeTimeout?: PrometheusDuration;
  /** Whether labels exposed by the target win over the labels Prometheus attaches (instead of being renamed `exported_*`). */
  readonly honorLabels?: boolean;
  /** Whether timestamps exposed by the target are kept; Prometheus keeps them when unset. */
  readonly honorTimestamps?: boolean;
  /** HTTP basic authentication for the scrape, read from Secrets. */
  readonly basicAuth?: {
    /** Secret key holding the user name. */
    readonly username?: MonitoringSecretKeySelector;
    /** Secret key holding the password. */
    readonly password?: MonitoringSecretKeySelector;
  };
  /** Secret key holding a bearer token sent as `Authorization: Bearer` with each scrape. */
  readonly bearerTokenSecret?: MonitoringSecretKeySelector;
  /** Relabelling of the target's labels before the scrape (can drop targets or add labels). */
  readonly relabelings?: readonly RelabelConfig[];
  /** Relabelling of each scraped series before ingestion (typically to drop expensive metrics). */
  readonly metricRelabelings?: readonly RelabelConfig[];
}

/** `ServiceMonitorSpec`. */
export interface ServiceMonitorSpec {
  /** Selects the Services whose endpoints are scraped. */
  readonly selector: MonitoringLabelSelector;
  /** Ports of the selected Services to scrape, each with its own path and interval. */
  readonly endpoints: readonly ServiceMonitorEndpoint[];
  /** Namespaces searched for Services; only the ServiceMonitor's own namespace when unset. */
  readonly namespaceSelector?: {
    /** Whether Services in every namespace are selected. */
    readonly any?: boolean;
    /** Names of the namespaces searched. */
    readonly matchNames?: readonly string[];
  };
  /** Service label whose value becomes the `job` label; the Service name when unset. */
  readonly jobLabel?: string;
  /** Service labels copied onto every scraped series. */
  readonly targetLabels?: readonly string[];
  /** Pod labels copied onto every scraped series. */
  readonly podTargetLabels?: readonly string[];
  /** Per-scrape limit of samples; a scrape exceeding it fails. No limit when unset. */
  readonly sampleLimit?: number;
}

/** Props of a {@link ServiceMonitor}. */
export interface ServiceMonitorProps {
  /**
   * Object metadata. The Prometheus of KubeSphere only picks up ServiceMonitors its
   * `serviceMonitorSelector` and `serviceMonitorNamespaceSelector` match.
   * @default - cdk8s generates a unique name, in no namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** Which Services and ports Prometheus scrapes. */
  readonly spec: ServiceMonitorSpec;
}

/** `monitoring.coreos.com/v1` `ServiceMonitor`: tells prometheus-operator which Services to scrape, and how. */
export class ServiceMonitor extends ApiObject {
  /** `monitoring.coreos.com/v1`, kind `ServiceMonitor`. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' };

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id, { ...ServiceMonitor.GVK, metadata: props.metadata, spec: props.spec });
  }
}

/** `Rule`: an alerting rule (`alert`) or a recording rule (`record`). */
export interface PrometheusRuleRule {
  /** Name of the alert this rule fires; set this or `record`, not both. */
  readonly alert?: string;
  /** Name of the new series this recording rule writes, for example `job:http_requests:rate5m`. */
  readonly record?: string;
  /** PromQL expression evaluated at each group interval. */
  readonly expr: string;
  /** How long `expr` must keep returning results before the alert fires (pending until then); alerts only. */
  readonly for?: PrometheusDuration;
  /** Labels added to the alert or recorded series, for example `severity: warning`. */
  readonly labels?: { readonly [key: string]: string };
  /** Alert annotations such as `summary` and `description` (templated with `$labels` and `$value`); alerts only. */
  readonly annotations?: { readonly [key: string]: string };
}

/** `RuleGroup`: rules evaluated together, in order, at one interval. */
export interface PrometheusRuleGroup {
  /** Group name, unique within the PrometheusRule. */
  readonly name: string;
  /** Evaluation interval of the group; the Prometheus global `evaluation_interval` when unset. */
  readonly interval?: PrometheusDuration;
  /** Thanos Ruler only (`warn` or `abort`): how the group treats partial query responses. Prometheus ignores it. */
  readonly partial_response_strategy?: string;
  /** Alerting and recording rules of the group. */
  readonly rules: readonly PrometheusRuleRule[];
}

/** Props of a {@link PrometheusRule}. */
export interface PrometheusRuleProps {
  /**
   * Object metadata. The Prometheus of KubeSphere only loads rules its `ruleSelector` and
   * `ruleNamespaceSelector` match.
   * @default - cdk8s generates a unique name, in no namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** The rule groups. */
  readonly spec: {
    /** Rule groups loaded into Prometheus (or Thanos Ruler). */
    readonly groups: readonly PrometheusRuleGroup[];
  };
}

/** `monitoring.coreos.com/v1` `PrometheusRule`: alerting and recording rules that prometheus-operator loads into Prometheus. */
export class PrometheusRule extends ApiObject {
  /** `monitoring.coreos.com/v1`, kind `PrometheusRule`. */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' };

  constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id, { ...PrometheusRule.GVK, metadata: props.metadata, spec: props.spec });
  }
}
