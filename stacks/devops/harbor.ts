/**
 * Harbor, the registry both clusters pull from and every pipeline pushes to (the seed moved off
 * Alibaba's registry, which was too slow). Installed on one cluster (production) as a Helm release;
 * the chart is fetched by the Kubernetes provider at deploy time, never at build or test time.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import * as corev1 from '@pulumi/kubernetes/core/v1';
import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';
// The Release class itself: the helm/v3 index also exports the v1 Chart, whose yaml module imports every
// Kubernetes namespace (types and run time). Skipping that index leaves the `helm.sh/v3` resource module
// unregistered, which Pulumi uses only to rebuild a Release from a resource reference the engine sends
// back (a component's or StackReference's output); nothing here reads one.
import { Release } from '@pulumi/kubernetes/helm/v3/release';
import * as pulumi from '@pulumi/pulumi';
import type { ImageMirror } from '../../constructs/core';
import { harborChartImages, harborImageValues, mergeValues } from '../images/charts';
import { HARBOR_CHART, HARBOR_CHART_REPOSITORY, HarborInstallSpec, HarborSpec } from '../config/devops';
import { DEFAULT_EPHEMERAL_STORAGE_LIMIT, DEFAULT_EPHEMERAL_STORAGE_REQUEST } from '../../constructs/k8s';
import { PRIORITY_CLASSES } from '../workloads/names';
import { harborNetworkPolicies } from './harbor-network';
import { HARBOR_PASSWORD_ENV, HARBOR_USERNAME_ENV } from '../config/construct-props';

export { HARBOR_PASSWORD_ENV, HARBOR_USERNAME_ENV, harborRegistrySettings } from '../config/construct-props';

/** The Secret Harbor reads its admin password from (`existingSecretAdminPassword`). */
export const HARBOR_ADMIN_SECRET = 'harbor-admin-password';
/** harbor-helm's default for `existingSecretAdminPasswordKey`. */
export const HARBOR_ADMIN_SECRET_KEY = 'HARBOR_ADMIN_PASSWORD';
export const HARBOR_RELEASE_NAME = 'harbor';
/** The Secret Harbor reads its encryption key from (`existingSecretSecretKey`; the chart wants the key `secretKey`). */
export const HARBOR_SECRET_KEY_SECRET_NAME = 'harbor-secret-key';
export const HARBOR_SECRET_KEY_SECRET_KEY = 'secretKey';
/** The registry's own user for core → registry calls (the chart's default is public: harbor_registry_user). */
export const HARBOR_REGISTRY_USER = 'harbor-registry';
/** Seconds Helm waits for every Harbor pod (database migrations included) to be ready. */
export const HARBOR_TIMEOUT_SECONDS = 900;

/**
 * Harbor is the platform's own (every image comes from it): its pods take the platform's PriorityClass and state
 * their local disk like every other container. Helm merges these maps into the chart's defaults (Trivy keeps its
 * cpu and memory), so only these keys are set.
 */
function platformPod(): Record<string, unknown> {
  return { priorityClassName: PRIORITY_CLASSES.platform.name, resources: ephemeralStorage() };
}

function ephemeralStorage(): Record<string, unknown> {
  return {
    requests: { 'ephemeral-storage': DEFAULT_EPHEMERAL_STORAGE_REQUEST },
    limits: { 'ephemeral-storage': DEFAULT_EPHEMERAL_STORAGE_LIMIT },
  };
}

/** Image repository of one service: `<host>/<project>/<service>`. */
export function harborImage(harbor: Pick<HarborSpec, 'host' | 'project'>, service: string): string {
  return `${harbor.host}/${harbor.project}/${service}`;
}

/** Values of the bootstrap environment that fill {@link harborRegistrySettings}'s placeholders. */
export function harborBootstrapEnvironment(harbor: HarborSpec | undefined, pullPassword: string): Record<string, pulumi.Input<string>> {
  if (harbor === undefined) {
    return {};
  }
  return { [HARBOR_USERNAME_ENV]: harbor.pullUser, [HARBOR_PASSWORD_ENV]: pulumi.secret(pullPassword) };
}

/**
 * The chart values. Pure; the admin password and the encryption key appear only as names of Secrets, and
 * the two passwords the chart can only take as values are added by {@link withHarborSecrets}.
 */
export function harborValues(host: string, install: HarborInstallSpec): Record<string, unknown> {
  const volume = (size: string) => ({ storageClass: install.storageClass, size });
  // `auto` (self-signed) only where the config allows it: parseStackConfig requires `tlsSecret` unless `skipTlsVerify`.
  const tls =
    install.tlsSecret !== undefined
      ? { enabled: true, certSource: 'secret', secret: { secretName: install.tlsSecret } }
      : { enabled: true, certSource: 'auto', auto: { commonName: host.split(':')[0] } };
  // Without ingressClass the Ingress has no class: KubeSphere 3.4's gateway (watchIngressWithoutClass) serves it.
  const expose =
    install.expose === 'ingress'
      ? {
          type: 'ingress',
          tls,
          ingress: { hosts: { core: host }, ...(install.ingressClass !== undefined ? { className: install.ingressClass } : {}) },
        }
      : { type: 'nodePort', tls, nodePort: { ports: { https: { nodePort: install.nodePort } } } };
  return {
    expose,
    externalURL: `https://${host}`,
    existingSecretAdminPassword: HARBOR_ADMIN_SECRET,
    existingSecretAdminPasswordKey: HARBOR_ADMIN_SECRET_KEY,
    existingSecretSecretKey: HARBOR_SECRET_KEY_SECRET_NAME,
    nginx: platformPod(),
    portal: platformPod(),
    core: platformPod(),
    jobservice: platformPod(),
    trivy: platformPod(),
    registry: {
      priorityClassName: PRIORITY_CLASSES.platform.name,
      registry: { resources: ephemeralStorage() },
      controller: { resources: ephemeralStorage() },
    },
    database: {
      internal: {
        ...platformPod(),
        initContainer: { migrator: { resources: ephemeralStorage() }, permissions: { resources: ephemeralStorage() } },
      },
    },
    redis: { internal: platformPod() },
    persistence: {
      enabled: true,
      // `helm uninstall` keeps the volumes: images and the database outlive the release.
      resourcePolicy: 'keep',
      persistentVolumeClaim: {
        registry: volume(install.storageSize),
        jobservice: { jobLog: volume('1Gi') },
        database: volume('5Gi'),
        redis: volume('1Gi'),
        trivy: volume('5Gi'),
      },
    },
  };
}

/** Harbor's secrets from `platform:secrets` (see stacks/config/devops.ts). */
export interface HarborSecrets {
  /** `platform:secrets.harborAdminPassword`. */
  readonly adminPassword: string;
  /** `platform:secrets.harborSecretKey`: 16 characters. */
  readonly secretKey: string;
  /**
   * `platform:secrets.harborDatabasePassword`. The internal PostgreSQL takes it on its first start only:
   * changing it later needs `ALTER USER postgres PASSWORD …` in the database first.
   */
  readonly databasePassword: string;
  /** `platform:secrets.harborRegistryPassword`. */
  readonly registryPassword: string;
}

/**
 * `values` with the two passwords harbor-helm 1.14.3 takes only in clear (no `existingSecret` for the internal
 * database; the registry's htpasswd is derived from the password by the chart), as Pulumi secrets: the Release
 * keeps them encrypted in state, and plan.json shows `[secret]`.
 */
export function withHarborSecrets(
  values: Record<string, unknown>,
  secrets: Pick<HarborSecrets, 'databasePassword' | 'registryPassword'>,
): Record<string, unknown> {
  const database = (values.database ?? {}) as Record<string, unknown>;
  const registry = (values.registry ?? {}) as Record<string, unknown>;
  return {
    ...values,
    database: {
      ...database,
      internal: { ...((database.internal ?? {}) as Record<string, unknown>), password: pulumi.secret(secrets.databasePassword) },
    },
    registry: { ...registry, credentials: { username: HARBOR_REGISTRY_USER, password: pulumi.secret(secrets.registryPassword) } },
  };
}

/** Harbor's certificate: `platform:secrets.harborTlsCert` (PEM chain) and `harborTlsKey` (PEM key). */
export interface HarborTlsMaterial {
  readonly cert: string;
  readonly key: string;
}

export interface HarborReleaseArgs {
  readonly harbor: HarborSpec;
  readonly install: HarborInstallSpec;
  readonly secrets: HarborSecrets;
  /** Content of the Secret `install.tlsSecret`; required when it is set. */
  readonly tls?: HarborTlsMaterial;
  /** `platform:images`: pull Harbor's own images from this mirror. @default - Docker Hub (goharbor/*) */
  readonly mirror?: ImageMirror;
  readonly provider: Provider;
  /** Applied before the release: the platform chart, with the NAS StorageClass and the PriorityClass Harbor's pods use. */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/** A Secret of one string key in Harbor's namespace, its value a Pulumi secret. */
function opaqueSecret(
  name: string,
  secretName: string,
  key: string,
  value: string,
  install: HarborInstallSpec,
  opts: pulumi.CustomResourceOptions,
): corev1.Secret {
  return new corev1.Secret(
    name,
    { metadata: { name: secretName, namespace: install.namespace }, type: 'Opaque', stringData: { [key]: pulumi.secret(value) } },
    opts,
  );
}

/**
 * The namespace, fenced by NetworkPolicies; the admin-password and encryption-key Secrets; the TLS Secret
 * (with `install.tlsSecret`) and the Helm release, on `provider`'s cluster.
 */
export function deployHarbor(
  name: string,
  args: HarborReleaseArgs,
): { secret: corev1.Secret; tlsSecret?: corev1.Secret; release: Release } {
  const { install, provider } = args;
  const namespace = new corev1.Namespace(`${name}-ns`, { metadata: { name: install.namespace } }, { provider });
  const inNamespace = { provider, dependsOn: [namespace] };
  const policies = new yamlv2.ConfigGroup(`${name}-network`, { objs: harborNetworkPolicies(install) }, inNamespace);
  const secret = opaqueSecret(
    `${name}-admin`,
    HARBOR_ADMIN_SECRET,
    HARBOR_ADMIN_SECRET_KEY,
    args.secrets.adminPassword,
    install,
    inNamespace,
  );
  const secretKey = opaqueSecret(
    `${name}-secret-key`,
    HARBOR_SECRET_KEY_SECRET_NAME,
    HARBOR_SECRET_KEY_SECRET_KEY,
    args.secrets.secretKey,
    install,
    inNamespace,
  );
  let tlsSecret: corev1.Secret | undefined;
  if (install.tlsSecret !== undefined) {
    if (args.tls === undefined) {
      throw new Error(`${name}: install.tlsSecret '${install.tlsSecret}' is set but no certificate and key were given`);
    }
    tlsSecret = new corev1.Secret(
      `${name}-tls`,
      {
        metadata: { name: install.tlsSecret, namespace: install.namespace },
        type: 'kubernetes.io/tls',
        stringData: { 'tls.crt': pulumi.secret(args.tls.cert), 'tls.key': pulumi.secret(args.tls.key) },
      },
      inNamespace,
    );
  }
  const release = new Release(
    name,
    {
      name: HARBOR_RELEASE_NAME,
      chart: HARBOR_CHART,
      version: install.chartVersion,
      repositoryOpts: { repo: HARBOR_CHART_REPOSITORY },
      namespace: install.namespace,
      values: withHarborSecrets(withMirroredHarborImages(harborValues(args.harbor.host, install), install, args.mirror), args.secrets),
      atomic: true,
      timeout: HARBOR_TIMEOUT_SECONDS,
      maxHistory: 10,
    },
    // Harbor holds every image the clusters run: a `pulumi destroy` must not take it down.
    {
      provider,
      dependsOn: [secret, secretKey, policies, ...(tlsSecret !== undefined ? [tlsSecret] : []), ...(args.dependsOn ?? [])],
      protect: true,
    },
  );
  return { secret, tlsSecret, release };
}

/** `values` with every Harbor image from `mirror`; parseStackConfig refuses a chart version without a pinned image list. */
export function withMirroredHarborImages(
  values: Record<string, unknown>,
  install: HarborInstallSpec,
  mirror: ImageMirror | undefined,
): Record<string, unknown> {
  if (mirror === undefined) {
    return values;
  }
  const images = harborChartImages(install.chartVersion);
  if (images === undefined) {
    throw new Error(
      `the Harbor chart ${install.chartVersion} has no pinned image list (stacks/images/charts.ts), which checkImages requires`,
    );
  }
  return mergeValues(values, harborImageValues(images, mirror));
}
