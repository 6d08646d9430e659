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
  readonly matchLabels?: { readonly [key: string]: string };
  readonly matchExpressions?: ReadonlyArray<{
    readonly key: string;
    readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    readonly values?: readonly string[];
  }>;
}

/** `RelabelConfig`. */
export interface RelabelConfig {
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly targetLabel?: string;
  readonly regex?: string;
  readonly modulus?: number;
  readonly replacement?: string;
  readonly action?: 'replace' | 'keep' | 'drop' | 'hashmod' | 'labelmap' | 'labeldrop' | 'labelkeep';
}

/** `SecretKeySelector` used for scrape credentials. */
export interface MonitoringSecretKeySelector {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

/** `Endpoint`: one scrape target port of a ServiceMonitor. */
export interface ServiceMonitorEndpoint {
  /** Name of the Service port. */
  readonly port?: string;
  /** Pod port name or number (when the Service port has no name). */
  readonly targetPort?: string | number;
  readonly path?: string;
  readonly scheme?: 'http' | 'https';
  readonly params?: { readonly [key: string]: readonly string[] };
  readonly interval?: PrometheusDuration;
  readonly scrapeTimeout?: PrometheusDuration;
  readonly honorLabels?: boolean;
  readonly honorTimestamps?: boolean;
  readonly basicAuth?: { readonly username?: MonitoringSecretKeySelector; readonly password?: MonitoringSecretKeySelector };
  readonly bearerTokenSecret?: MonitoringSecretKeySelector;
  readonly relabelings?: readonly RelabelConfig[];
  readonly metricRelabelings?: readonly RelabelConfig[];
}

/** `ServiceMonitorSpec`. */
export interface ServiceMonitorSpec {
  readonly selector: MonitoringLabelSelector;
  readonly endpoints: readonly ServiceMonitorEndpoint[];
  readonly namespaceSelector?: { readonly any?: boolean; readonly matchNames?: readonly string[] };
  readonly jobLabel?: string;
  readonly targetLabels?: readonly string[];
  readonly podTargetLabels?: readonly string[];
  readonly sampleLimit?: number;
}

export interface ServiceMonitorProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: ServiceMonitorSpec;
}

/** `monitoring.coreos.com/v1` `ServiceMonitor`. */
export class ServiceMonitor extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' };

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id, { ...ServiceMonitor.GVK, metadata: props.metadata, spec: props.spec });
  }
}

/** `Rule`: an alerting rule (`alert`) or a recording rule (`record`). */
export interface PrometheusRuleRule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly for?: PrometheusDuration;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
}

/** `RuleGroup`. */
export interface PrometheusRuleGroup {
  readonly name: string;
  readonly interval?: PrometheusDuration;
  readonly partial_response_strategy?: string;
  readonly rules: readonly PrometheusRuleRule[];
}

export interface PrometheusRuleProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: { readonly groups: readonly PrometheusRuleGroup[] };
}

/** `monitoring.coreos.com/v1` `PrometheusRule`. */
export class PrometheusRule extends ApiObject {
  public static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' };

  constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id, { ...PrometheusRule.GVK, metadata: props.metadata, spec: props.spec });
  }
}
