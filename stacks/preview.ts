/**
 * `pr-<n>` stacks: a pull request's services in their own namespace (`pr-<n>`) on the test cluster.
 * No `Pulumi.pr-<n>.yaml` is needed: the catalogue comes from `Pulumi.test.yaml`, the cluster from
 * the test stack's `kubeconfig` output (a StackReference), and the stack itself holds at most
 * `platform:preview` and the `platform:secrets` its services name (CI sets those before `pulumi up`;
 * a missing one is a config error, so no pod waits on a Secret that never comes). No cloud resource is created,
 * and only namespace-scoped objects besides the namespace itself, so `pulumi destroy` removes all.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import * as corev1 from '@pulumi/kubernetes/core/v1';
import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart } from 'cdk8s';
import type { StackResult } from '../constructs/core';
import { ConfigError, ParseOptions, RawConfig } from './config';
import { PREVIEW_BASE_STACK, PREVIEW_SERVICES_ENV, PreviewSpec, parsePreviewStack } from './config/preview';
import { DnsEgressPolicy, manifestYaml } from '../constructs/k8s';
import { addAppsChart } from './workloads/apps-chart';
import { logstashDestination } from './workloads/logging-chart';
import { K8sObject } from './workloads/build';
import { PREVIEW_PR_LABEL, SecretRequirement } from './workloads/names';

/**
 * CI variable listing (space-separated) the `platform:secrets` names CI sets on a `pr-<n>` stack before
 * `pulumi up`, each from the CI secret `PREVIEW_SECRET_<NAME IN UPPER CASE>` (.github/workflows/preview.yml,
 * .gitlab-ci.yml). Only the workflows read it; the program checks that every name it needs is set.
 */
export const PREVIEW_SECRETS_ENV = 'PREVIEW_SECRETS';
// Defined with the preview's config and the workload names: the base stack's middleware admits namespaces carrying the label.
export { PREVIEW_BASE_STACK, PREVIEW_PR_LABEL, PREVIEW_SERVICES_ENV, type PreviewSpec };

/**
 * Reads a `pr-<n>` stack (see {@link parsePreviewStack}), then checks that the stack holds every
 * `platform:secrets` key the preview's Secrets need. Throws one ConfigError, which (unless
 * `options.missingSecrets` is `'placeholder'`) names each one missing.
 */
export function parsePreviewConfig(
  raw: RawConfig,
  testRaw: RawConfig,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: ParseOptions = {},
): PreviewSpec {
  const spec = parsePreviewStack(raw, testRaw, env);
  const key = (k: string) => `${raw.project}:${k}`;
  const uses = previewSecretUses(spec);
  const missing = [...uses.keys()].filter((name) => spec.secrets[name] === undefined).sort();
  if (missing.length > 0 && options.missingSecrets !== 'placeholder') {
    throw new ConfigError(
      raw.stack,
      missing.map((name) => ({
        key: key(`secrets.${name}`),
        value: undefined,
        message:
          `is required by the Secret ${(uses.get(name) ?? []).map((s) => `${spec.namespace}/${s}`).join(', ')} (its pods would not start without it); ` +
          `set it with 'pulumi config set --secret --path ${key(`secrets.${name}`)} --stack ${raw.stack}' (CI: add it to ${PREVIEW_SECRETS_ENV}, value in PREVIEW_SECRET_${name.toUpperCase()})`,
      })),
    );
  }
  return { ...spec, missingSecrets: missing };
}

/** The `platform:secrets` names the preview's Secrets read, each with the Secrets that read it. Pure. */
export function previewSecretUses(spec: PreviewSpec): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const req of buildPreview(spec).secrets) {
    for (const source of Object.values(req.data)) {
      if ('fromConfig' in source) {
        uses.set(source.fromConfig, [...new Set([...(uses.get(source.fromConfig) ?? []), req.name])]);
      }
    }
  }
  return uses;
}

/** The preview's manifests: the catalogue's apps chart for its services, in the preview namespace. Pure. */
export function buildPreview(spec: PreviewSpec): { objects: K8sObject[]; secrets: SecretRequirement[]; yaml: string } {
  const app = new App();
  const chart = new Chart(app, 'preview', { namespace: spec.namespace });
  const secrets = addAppsChart(chart, {
    services: spec.services,
    middleware: spec.test.middleware,
    namespaces: { ...spec.test.namespaces, apps: spec.namespace },
    // The test stack's Logstash admits namespaces labelled PREVIEW_PR_LABEL.
    logstashDestination: spec.test.logging ? logstashDestination(spec.test.namespaces) : undefined,
  });
  // The apps chart's egress rules select the service pods, which then may resolve no name without this one
  // (the test stack's namespaces get it from its platform chart; a preview namespace has no platform chart).
  new DnsEgressPolicy(chart, 'dns');
  const objects = chart.toJson() as K8sObject[];
  return { objects, secrets, yaml: objects.length > 0 ? manifestYaml(objects) : '' };
}

export async function previewProgram(spec: PreviewSpec): Promise<StackResult> {
  const ref = new pulumi.StackReference(`${spec.stack}-${PREVIEW_BASE_STACK}`, { name: spec.testStack });
  const kubeconfig = pulumi.secret(ref.requireOutput('kubeconfig').apply((k) => String(k)));
  const provider = new Provider(`${spec.stack}-k8s`, { kubeconfig, namespace: spec.namespace });
  const built = buildPreview(spec);
  const namespace = new corev1.Namespace(
    `${spec.stack}-ns`,
    { metadata: { name: spec.namespace, labels: { [PREVIEW_PR_LABEL]: String(spec.prNumber) } } },
    { provider },
  );
  const warnings: string[] = [];
  const secrets: corev1.Secret[] = [];
  for (const req of built.secrets) {
    // Reached only offline or under test (parsePreviewConfig with missingSecrets: 'placeholder');
    // under the engine parsePreviewConfig has already refused a missing secret.
    const missing = Object.values(req.data).flatMap((s) =>
      'fromConfig' in s && spec.secrets[s.fromConfig] === undefined ? [s.fromConfig] : [],
    );
    if (missing.length > 0) {
      warnings.push(
        `Secret ${spec.namespace}/${req.name} is not created: set ${missing.map((n) => `platform:secrets.${n}`).join(', ')} on ${spec.stack}`,
      );
      continue;
    }
    const data = Object.fromEntries(
      Object.entries(req.data).map(([k, s]) => [
        k,
        'value' in s ? pulumi.output(s.value) : pulumi.secret(spec.secrets[s.fromConfig].value),
      ]),
    );
    secrets.push(
      new corev1.Secret(
        `${spec.stack}-${req.name}`,
        { metadata: { name: req.name, namespace: spec.namespace }, type: 'Opaque', stringData: data },
        { provider, dependsOn: [namespace] },
      ),
    );
  }
  for (const warning of warnings) {
    void pulumi.log.warn(warning);
  }
  if (built.objects.length > 0) {
    new yamlv2.ConfigGroup(`${spec.stack}-apps`, { objs: [...built.objects] }, { provider, dependsOn: [namespace, ...secrets] });
  }
  return {
    outputs: { namespace: spec.namespace, services: spec.services.map((s) => s.name) },
    artifacts: built.yaml === '' ? [] : [{ path: `k8s/${spec.stack}/apps.k8s.yaml`, content: built.yaml }],
    warnings,
  };
}
