/**
 * Builds one cluster's cdk8s app from its spec, synthesizes it once, and returns the manifests per
 * chart with the Secrets they name. Pure apart from cdk8s: no Pulumi, no files, no secret values.
 */
import { App, Chart } from 'cdk8s';
import { DEFAULT_NAS_STORAGE_CLASS_NAME, manifestYaml, synthCharts } from '../../constructs/k8s';
import type { ImageRewrite } from '../../constructs/core';
import { DEFAULT_STORAGE_CLASS } from '../../constructs/kubekey';
import { MiddlewareKind, WorkloadsSpec, mysqlClients } from '../config/workloads';
import { addAppsChart } from './apps-chart';
import { addLoggingChart } from './logging-chart';
import { MYSQL_BACKUP_STORE_SECRET, MYSQL_RESTORE_STORE_SECRET, MysqlBackupOptions, addMiddlewareChart } from './middleware-chart';
import { PlatformMiddlewareTable, deployedEntries } from './middleware-table';
import { PREVIEW_BASE_STACK, PREVIEW_PR_LABEL, SecretRequirement } from './names';
import { addPlatformChart } from './platform-chart';

/** The charts of a cluster, in the order they are applied. */
export const CHART_NAMES = ['platform', 'middleware', 'logging', 'apps'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** One synthesized object, as cdk8s writes it. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface SynthesizedChart {
  readonly name: ChartName;
  readonly objects: readonly K8sObject[];
  /** The manifest file's text (`<chart>.k8s.yaml`). */
  readonly yaml: string;
}

export interface BuiltWorkloads {
  /** Charts with at least one object, in apply order. */
  readonly charts: readonly SynthesizedChart[];
  /** Every Secret the manifests name, for the Pulumi program to create. */
  readonly secrets: readonly SecretRequirement[];
  readonly warnings: readonly string[];
}

export interface BuildOptions {
  /** The shared stack's `nas.<cluster>.mountDomain`; without it, data volumes fall back to the local class. */
  readonly nasMountDomain?: string;
  /** Where images are pulled from (`platform:images`, which keeps the services' own Harbor images). @default - as pinned */
  readonly imageRewrite?: ImageRewrite;
  /** Where and when MySQL is dumped; without it (no backup bucket in the shared stack), it is not. */
  readonly mysqlBackup?: MysqlBackupOptions;
  /** The middleware table. @default MIDDLEWARE */
  readonly middlewareTable?: PlatformMiddlewareTable;
}

/** The part of a cluster spec the workloads read. */
export interface WorkloadsInput extends WorkloadsSpec {
  readonly stack: string;
}

export function buildWorkloads(spec: WorkloadsInput, options: BuildOptions = {}): BuiltWorkloads {
  const warnings: string[] = [];
  const ns = spec.namespaces;
  if (options.nasMountDomain === undefined) {
    warnings.push(
      `the shared stack exports no nas.<cluster>.mountDomain for this cluster: middleware and log data of '${spec.stack}' go on the node-local '${DEFAULT_STORAGE_CLASS}' class and die with their node`,
    );
  }
  const storageClassName = options.nasMountDomain !== undefined ? DEFAULT_NAS_STORAGE_CLASS_NAME : DEFAULT_STORAGE_CLASS;
  const used = new Set(spec.services.flatMap((s) => s.middleware as MiddlewareKind[]));
  // Pull-request previews run their services against this stack's middleware and Logstash; no other stack admits them.
  const previewNamespaceLabel = spec.stack === PREVIEW_BASE_STACK ? PREVIEW_PR_LABEL : undefined;

  const app = new App();
  const charts = {
    platform: new Chart(app, 'platform'),
    middleware: new Chart(app, 'middleware', { namespace: ns.middleware }),
    logging: new Chart(app, 'logging', { namespace: ns.logging }),
    apps: new Chart(app, 'apps', { namespace: ns.apps }),
  } satisfies Record<ChartName, Chart>;

  // Each cluster gets its own directory on the shared file system.
  addPlatformChart(charts.platform, { namespaces: ns, nasMountDomain: options.nasMountDomain, nasPath: `/${spec.stack}` });
  const secrets =
    deployedEntries(spec.middleware, options.middlewareTable).length > 0
      ? addMiddlewareChart(charts.middleware, {
          middleware: spec.middleware,
          namespaces: ns,
          storageClassName,
          used,
          mysqlClients: mysqlClients(spec.services).map((s) => s.name),
          previewNamespaceLabel,
          imageRewrite: options.imageRewrite,
          mysqlBackup: options.mysqlBackup,
          table: options.middlewareTable,
        })
      : [];
  const logging = spec.logging
    ? addLoggingChart(charts.logging, {
        logging: spec.logging,
        namespaces: ns,
        storageClassName,
        previewNamespaceLabel,
        imageRewrite: options.imageRewrite,
      })
    : undefined;
  secrets.push(...(logging?.secrets ?? []));
  secrets.push(
    ...addAppsChart(charts.apps, {
      services: spec.services,
      middleware: spec.middleware,
      namespaces: ns,
      logstashDestination: logging?.logstashDestination,
      imageRewrite: options.imageRewrite,
      table: options.middlewareTable,
    }),
  );

  // One resolve pass over the app: Chart.toJson() and App.synth() would resolve all of it once per chart.
  const rendered = synthCharts(
    app,
    CHART_NAMES.map((name) => charts[name]),
  ) as K8sObject[][];
  const synthesized = CHART_NAMES.map((name, i) => {
    const objects = rendered[i];
    return { name, objects, yaml: objects.length > 0 ? manifestYaml(objects) : '' };
  }).filter((c) => c.objects.length > 0);
  // Made elsewhere: the backup writer's key by the cluster stack (from the RAM user it creates), the
  // restore key by the operator at restore time (the backup identity may not read its own dumps).
  const external =
    options.mysqlBackup && spec.middleware.mysql
      ? [MYSQL_BACKUP_STORE_SECRET, MYSQL_RESTORE_STORE_SECRET].map((n) => `${ns.middleware}/${n}`)
      : [];
  checkSecretReferences(synthesized, secrets, external);
  return { charts: synthesized, secrets, warnings };
}

/** Every Secret name a pod spec refers to, as `namespace/name`. */
export function referencedSecrets(objects: readonly K8sObject[]): string[] {
  const found = new Set<string>();
  for (const obj of objects) {
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        value.forEach(walk);
      } else if (typeof value === 'object' && value !== null) {
        const rec = value as Record<string, unknown>;
        for (const key of ['secretKeyRef', 'secretRef']) {
          const ref = rec[key] as { name?: string } | undefined;
          if (ref?.name !== undefined) found.add(`${obj.metadata.namespace}/${ref.name}`);
        }
        const volume = rec.secret as { secretName?: string } | undefined;
        if (volume?.secretName !== undefined) found.add(`${obj.metadata.namespace}/${volume.secretName}`);
        Object.values(rec).forEach(walk);
      }
    };
    walk(obj.spec);
  }
  return [...found].sort();
}

/** A manifest that names a Secret nobody creates would leave pods in CreateContainerConfigError. */
function checkSecretReferences(
  charts: readonly SynthesizedChart[],
  secrets: readonly SecretRequirement[],
  external: readonly string[],
): void {
  const created = new Set([...secrets.map((s) => `${s.namespace}/${s.name}`), ...external]);
  const missing = referencedSecrets(charts.flatMap((c) => c.objects)).filter((ref) => !created.has(ref));
  if (missing.length > 0) {
    throw new Error(`workloads: the manifests name Secrets no one creates: ${missing.join(', ')}`);
  }
  const withData = charts.flatMap((c) => c.objects).filter((o) => o.kind === 'Secret');
  if (withData.length > 0) {
    throw new Error(
      `workloads: Secrets belong to the Pulumi program, not the manifests: ${withData.map((o) => o.metadata.name).join(', ')}`,
    );
  }
}
