/**
 * Applies a cluster's workloads with `@pulumi/kubernetes` through the cluster's provider: the
 * `platform` chart (namespaces, storage class) first, with the NAS CSI driver when that chart holds
 * the NAS class, then the Secrets the manifests name, then the middleware and the log pipeline, and
 * the services last. Each chart is one `yaml.v2.ConfigGroup`
 * built from the synthesized objects, so what is applied is byte for byte what `dist/k8s` shows.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import * as corev1 from '@pulumi/kubernetes/core/v1';
import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';
import * as pulumi from '@pulumi/pulumi';
import type { Artifact, ImageMirror } from '../../constructs/core';
import { SecretValue } from '../config/schema';
import { CsiDriverSpec } from '../config/workloads';
import { BuiltWorkloads, ChartName } from './build';
import { DeployedCsiDriver, deployCsiDriver, needsNasCsiDriver } from './csi-driver';
import { SecretRequirement } from './names';
import { manifestPath } from './manifest-paths';

export interface DeployWorkloadsArgs {
  /** Prefix of every resource name (the cluster name). */
  readonly name: string;
  readonly built: BuiltWorkloads;
  /** `spec.secrets`: the values behind each {@link SecretRequirement}. */
  readonly secrets: Readonly<Record<string, SecretValue>>;
  readonly provider: Provider;
  /** Where the manifest files go in the offline output. */
  readonly artifactDir: string;
  /** The NAS CSI driver (`spec.csiDriver`), the stack's `alicloud:region` and image mirror; installed only with the NAS class. */
  readonly csiDriver: { readonly driver: CsiDriverSpec; readonly region: string; readonly mirror?: ImageMirror };
}

export interface DeployedWorkloads {
  readonly groups: Partial<Record<ChartName, yamlv2.ConfigGroup>>;
  readonly secrets: readonly corev1.Secret[];
  /** The NAS CSI driver, when the platform chart holds the NAS class. */
  readonly csiDriver?: DeployedCsiDriver;
  /** One manifest file per chart. */
  readonly artifacts: readonly Artifact[];
}

/** Which charts each chart waits for, besides the Secrets of its namespace. */
const AFTER: Readonly<Record<ChartName, readonly ChartName[]>> = {
  platform: [],
  middleware: ['platform'],
  logging: ['platform'],
  // Services start against running middleware and Logstash, not into a crash loop.
  apps: ['platform', 'middleware', 'logging'],
};

export function deployWorkloads(args: DeployWorkloadsArgs): DeployedWorkloads {
  const { name, built, provider } = args;
  const groups: Partial<Record<ChartName, yamlv2.ConfigGroup>> = {};
  const secretsByNamespace = new Map<string, corev1.Secret[]>();
  const secrets: corev1.Secret[] = [];
  const platform = built.charts.find((c) => c.name === 'platform');
  if (platform) {
    groups.platform = new yamlv2.ConfigGroup(`${name}-platform`, { objs: [...platform.objects] }, { provider });
  }
  // Claims on the NAS class stay Pending until the driver runs: every chart with volumes waits for it.
  const csiDriver =
    platform && needsNasCsiDriver(platform.objects)
      ? deployCsiDriver(`${name}-csi-driver`, { ...args.csiDriver, secrets: args.secrets, provider })
      : undefined;
  for (const req of built.secrets) {
    const secret = new corev1.Secret(
      `${name}-${req.namespace}-${req.name}`,
      {
        metadata: { name: req.name, namespace: req.namespace, labels: { 'app.kubernetes.io/managed-by': 'pulumi' } },
        type: 'Opaque',
        stringData: secretData(req, args.secrets),
      },
      { provider, dependsOn: groups.platform ? [groups.platform] : [] },
    );
    secrets.push(secret);
    secretsByNamespace.set(req.namespace, [...(secretsByNamespace.get(req.namespace) ?? []), secret]);
  }
  for (const chart of built.charts.filter((c) => c.name !== 'platform')) {
    const namespaces = new Set(chart.objects.map((o) => o.metadata.namespace).filter((n): n is string => n !== undefined));
    const dependsOn: pulumi.Resource[] = [
      ...AFTER[chart.name].flatMap((c) => (groups[c] ? [groups[c]] : [])),
      ...[...namespaces].flatMap((n) => secretsByNamespace.get(n) ?? []),
      ...(csiDriver ? [csiDriver.release] : []),
    ];
    groups[chart.name] = new yamlv2.ConfigGroup(`${name}-${chart.name}`, { objs: [...chart.objects] }, { provider, dependsOn });
  }
  const artifacts = built.charts.map((c) => ({ path: manifestPath(args.artifactDir, c.name), content: c.yaml, documents: c.objects }));
  return { groups, secrets, csiDriver, artifacts };
}

/** The Secret's data, every value from secret config marked secret so it never shows in a plan or state. */
export function secretData(req: SecretRequirement, values: Readonly<Record<string, SecretValue>>): Record<string, pulumi.Input<string>> {
  return Object.fromEntries(
    Object.entries(req.data).map(([key, source]) => {
      if ('value' in source) {
        return [key, source.value];
      }
      const value = values[source.fromConfig];
      if (value === undefined) {
        // parseStackConfig lists every name the workloads need, so this is a bug, not bad config.
        throw new Error(
          `Secret ${req.namespace}/${req.name} needs platform:secrets.${source.fromConfig}, which requiredSecrets does not list`,
        );
      }
      return [key, pulumi.secret(value.value)];
    }),
  );
}
