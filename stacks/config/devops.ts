/**
 * Keys of CI/CD: Harbor (`platform:harbor`, on the cluster stacks; `install` only where Harbor
 * runs), the KubeSphere DevOps project (`platform:devops`) and pull-request previews
 * (`platform:preview`, on `pr-<n>` stacks).
 */
import { ValidationIssue } from '../../constructs/core';
import { DEFAULT_NAS_STORAGE_CLASS_NAME, DEPLOY_ENVIRONMENTS, DEPLOY_WHENS } from '../../constructs/k8s';
import type { KubeSphereSpec } from './cluster';
import {
  type Infer,
  Checker,
  bool,
  jsonSchemaOf,
  withJsonSchema,
  int,
  list,
  object,
  oneOf,
  optional,
  record,
  required,
  str,
  withDefault,
} from './schema';

/** harbor-helm 1.14.3 is Harbor v2.10.3, which supports Kubernetes 1.20 and later (so 1.26). */
export const DEFAULT_HARBOR_CHART_VERSION = '1.14.3';
export const HARBOR_CHART = 'harbor';
export const HARBOR_CHART_REPOSITORY = 'https://helm.goharbor.io';
export const DEFAULT_HARBOR_NAMESPACE = 'harbor';
export const DEFAULT_HARBOR_PROJECT = 'platform';
/** Name of the pull-only robot account inside the Harbor project (see {@link defaultHarborPullUser}). */
export const DEFAULT_HARBOR_PULL_ROBOT = 'pull';
/** The secrets the TLS Secret `platform:harbor.install.tlsSecret` is created from (PEM certificate chain and key). */
export const HARBOR_TLS_CERT_SECRET = 'harborTlsCert';
export const HARBOR_TLS_KEY_SECRET = 'harborTlsKey';
/**
 * Harbor's own secrets, which the chart would otherwise leave at its published defaults (`secretKey:
 * not-a-secure-key`, `database.internal.password: changeit`, `registry.credentials.password:
 * harbor_registry_password`). `harborSecretKey` encrypts stored credentials and must be 16 characters.
 */
export const HARBOR_SECRET_KEY_SECRET = 'harborSecretKey';
export const HARBOR_DATABASE_PASSWORD_SECRET = 'harborDatabasePassword';
export const HARBOR_REGISTRY_PASSWORD_SECRET = 'harborRegistryPassword';
/** harbor-helm: "The secret key used for encryption. Must be a string of 16 chars." */
export const HARBOR_SECRET_KEY_LENGTH = 16;
export const DEFAULT_HARBOR_STORAGE_SIZE = '200Gi';
/** harbor-helm's own default for `expose.nodePort.ports.https.nodePort`. */
export const DEFAULT_HARBOR_NODE_PORT = 30003;

/**
 * Default of `platform:harbor.pullUser`: the project's robot account with pull rights only, so nodes
 * never hold the admin password. Harbor names a project robot account `robot$<project>+<name>`.
 */
export function defaultHarborPullUser(project: string): string {
  return `robot$${project}+${DEFAULT_HARBOR_PULL_ROBOT}`;
}

const LABEL = { pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, patternHint: 'a DNS-1123 label (lower-case letters, digits, dashes)' };
const HOST = {
  pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]{1,5})?$/,
  patternHint: 'a host name with an optional port, such as harbor.example.com or harbor.example.com:30003',
};
const CHART_VERSION = {
  pattern: /^[0-9]+\.[0-9]+\.[0-9]+$/,
  patternHint: 'an exact chart version such as 1.14.3 (never a range or latest)',
};
const QUANTITY = { pattern: /^[1-9][0-9]*(Mi|Gi|Ti)$/, patternHint: 'a size such as 200Gi' };
const CREDENTIAL_ID = { pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, patternHint: 'a KubeSphere credential name (DNS-1123 label)' };
const GITLAB_PATH = {
  pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/,
  patternHint: 'a GitLab group or project path such as shop or shop/orders',
};
const URL = { pattern: /^(https?|ssh):\/\/[^\s/'"\\]+(\/[^\s'"\\]*)?$/, patternHint: 'an https:// URL such as https://gitlab.example.com' };
const STACK_NAME = { pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, patternHint: 'org/project/stack' };

const harborFields = object({
  /** Where every cluster pulls from and every pipeline pushes to. */
  host: required(str(HOST)),
  /** Harbor project of the services' images: `<host>/<project>/<service>`. */
  project: withDefault(str(LABEL), DEFAULT_HARBOR_PROJECT),
  /** User the nodes pull with; its password is `platform:secrets.harborPullPassword`. Default: {@link defaultHarborPullUser} of `project`. */
  pullUser: optional(str({ pattern: /^[A-Za-z0-9_.@$+-]+$/, patternHint: 'a Harbor user or robot account name' })),
  /**
   * KubeKey pulls the cluster's own images (Kubernetes, KubeSphere) from Harbor too. Needs the
   * images pushed there first (`kk artifact image push`), so never on the stack that runs Harbor.
   */
  clusterImages: withDefault(bool(), false),
  /**
   * Nodes (containerd) skip verifying Harbor's certificate. Needed when `install.tlsSecret` is not set
   * (the chart then generates a self-signed certificate), and Jenkins' Docker must then trust it too.
   */
  skipTlsVerify: withDefault(bool(), false),
  /** Install Harbor on this stack's cluster. */
  install: optional(
    object({
      chartVersion: withDefault(str(CHART_VERSION), DEFAULT_HARBOR_CHART_VERSION),
      namespace: withDefault(str(LABEL), DEFAULT_HARBOR_NAMESPACE),
      storageClass: withDefault(str(LABEL), DEFAULT_NAS_STORAGE_CLASS_NAME),
      storageSize: withDefault(str(QUANTITY), DEFAULT_HARBOR_STORAGE_SIZE),
      expose: withDefault(oneOf(['ingress', 'nodePort'] as const), 'ingress' as const),
      /**
       * IngressClass of the Ingress. Leave it out for KubeSphere 3.4's gateway: its ingress-nginx runs with
       * `ingressClass: nginx`, no IngressClass object and `watchIngressWithoutClass: true`, so it serves an
       * Ingress without a class and ignores one naming a class that does not exist.
       */
      ingressClass: optional(str(LABEL)),
      /** HTTPS node port when `expose: nodePort`; `host` must then carry the same port. */
      nodePort: withDefault(int({ min: 30000, max: 32767 }), DEFAULT_HARBOR_NODE_PORT),
      /**
       * Name of the `kubernetes.io/tls` Secret (in `namespace`) with Harbor's certificate; the stack creates
       * it from `platform:secrets.harborTlsCert` and `harborTlsKey`. Without it the chart generates a
       * self-signed certificate, which only `skipTlsVerify: true` allows.
       */
      tlsSecret: optional(str(LABEL)),
    }),
  ),
});

/** `platform:harbor` with every default applied. */
export type HarborSpec = Omit<Infer<typeof harborFields>, 'pullUser'> & { readonly pullUser: string };
export type HarborInstallSpec = NonNullable<HarborSpec['install']>;

/** Checks `platform:harbor` and applies the defaults that depend on other keys (`pullUser` on `project`). */
export const harborSchema: Checker<HarborSpec> = withJsonSchema((value, key, issues) => {
  const harbor = harborFields(value, key, issues);
  return harbor === undefined ? undefined : { ...harbor, pullUser: harbor.pullUser ?? defaultHarborPullUser(harbor.project) };
}, jsonSchemaOf(harborFields));

const deployTargetSchema = object({
  environment: required(oneOf(DEPLOY_ENVIRONMENTS)),
  /** `production` only on a tag or after an approval step; `test` on every merge to the branch. */
  when: required(oneOf(DEPLOY_WHENS)),
  /** Jenkins kubeconfig credential of the target cluster (id only). */
  kubeconfigCredentialId: required(str(CREDENTIAL_ID)),
});

export const devopsSchema = object({
  /** DevOps project name; the DevOps controller creates a namespace of this name. */
  project: required(str(LABEL)),
  /** KubeSphere workspace of the project; the host (or a single cluster) creates it, a member gets it from the host. */
  workspace: required(str(LABEL)),
  /**
   * On the multicluster host only: the KubeSphere names of the clusters the workspace spans (its placement),
   * the host itself included. Default `[host]`; list each member whose DevOps project joins the workspace.
   */
  workspaceClusters: optional(list(str(LABEL), { minLength: 1, unique: (c) => c })),
  gitlabUrl: required(str(URL)),
  /** GitLab group of the services' repositories: `<group>/<service>` unless `repositories` says otherwise. */
  gitlabGroup: required(str(GITLAB_PATH)),
  repositories: withDefault(record(str(GITLAB_PATH)), {}),
  branch: withDefault(str({ pattern: /^[A-Za-z0-9._/-]+$/, patternHint: 'a branch name' }), 'main'),
  deploy: required(list(deployTargetSchema, { minLength: 1, unique: (t) => t.environment })),
  /** Jenkins credential ids (never values): see docs/ci-cd.md. */
  credentials: withDefault(
    object({
      harbor: withDefault(str(CREDENTIAL_ID), 'harbor'),
      gitlab: withDefault(str(CREDENTIAL_ID), 'gitlab'),
      webhookToken: withDefault(str(CREDENTIAL_ID), 'gitlab-webhook-token'),
      wecom: withDefault(str(CREDENTIAL_ID), 'wecom-robot-key'),
    }),
    { harbor: 'harbor', gitlab: 'gitlab', webhookToken: 'gitlab-webhook-token', wecom: 'wecom-robot-key' },
  ),
});

export type DevOpsSpec = Infer<typeof devopsSchema>;

export const previewSchema = object({
  /** Services of the catalogue to deploy; default: env `PREVIEW_SERVICES` (comma-separated), else all. */
  services: optional(list(str(LABEL), { unique: (s) => s })),
  /** The stack whose cluster hosts previews (its `kubeconfig` output is read). */
  testStack: optional(str(STACK_NAME)),
});

export type PreviewConfig = Infer<typeof previewSchema>;

/** What the CI/CD keys of one cluster stack must agree on with the rest of its spec. */
export interface DevOpsFacts {
  readonly harbor?: HarborSpec;
  readonly devops?: DevOpsSpec;
  readonly kubesphereDevops: boolean;
  /** `platform:kubesphere.multiclusterRole`. */
  readonly multiclusterRole: KubeSphereSpec['multiclusterRole'];
  readonly bootstrap: boolean;
  /** The catalogue's services: name and image repository (without tag). */
  readonly services: readonly { readonly name: string; readonly image: string }[];
}

/** Rules across keys; `key` turns a short key into the full one (`platform:harbor`). */
export function checkDevOpsSpec(facts: DevOpsFacts, key: (k: string) => string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { harbor, devops } = facts;
  if (harbor?.install !== undefined && harbor.clusterImages) {
    issues.push({
      key: key('harbor.clusterImages'),
      value: true,
      message:
        'cannot be true on the stack that installs Harbor: the cluster must exist before Harbor can serve its images; expected false',
    });
  }
  const install = harbor?.install;
  if (install !== undefined && install.tlsSecret === undefined && harbor?.skipTlsVerify !== true) {
    issues.push({
      key: key('harbor.install.tlsSecret'),
      value: undefined,
      message:
        `is required unless ${key('harbor.skipTlsVerify')} is true: without it the chart generates a self-signed certificate, and containerd pulls and Jenkins' docker login fail with x509 errors; ` +
        `set it to a Secret name (created from ${key(`secrets.${HARBOR_TLS_CERT_SECRET}`)} and ${key(`secrets.${HARBOR_TLS_KEY_SECRET}`)})`,
    });
  }
  if (harbor?.install?.expose === 'nodePort' && !harbor.host.endsWith(`:${harbor.install.nodePort}`)) {
    issues.push({
      key: key('harbor.host'),
      value: harbor.host,
      message: `must end with ':${harbor.install.nodePort}' when Harbor is exposed on that node port`,
    });
  }
  if (harbor !== undefined) {
    const prefix = `${harbor.host}/${harbor.project}/`;
    facts.services.forEach((svc, i) => {
      if (!svc.image.startsWith(prefix)) {
        issues.push({
          key: key(`services[${i}].image`),
          value: svc.image,
          message: `is not in Harbor; expected ${prefix}<name>, where the pipelines push`,
        });
      }
    });
  }
  if (devops === undefined) {
    return issues;
  }
  if (!facts.kubesphereDevops) {
    issues.push({ key: key('devops'), value: devops.project, message: `needs KubeSphere DevOps; set ${key('kubesphere.devops')} to true` });
  }
  if (harbor === undefined) {
    issues.push({ key: key('devops'), value: devops.project, message: `needs ${key('harbor')}: pipelines push images to Harbor` });
  }
  if (devops.workspaceClusters !== undefined && facts.multiclusterRole !== 'host') {
    issues.push({
      key: key('devops.workspaceClusters'),
      value: devops.workspaceClusters,
      message: `places the workspace across clusters, which only a multicluster host does (${key('kubesphere.multiclusterRole')} is ${facts.multiclusterRole}); leave it out: ${facts.multiclusterRole === 'member' ? 'a member gets the workspace from the host, whose workspaceClusters must list this cluster' : 'a single cluster creates its workspace locally'}`,
    });
  }
  devops.deploy.forEach((t, i) => {
    if (t.environment === 'production' && t.when === 'branch') {
      issues.push({
        key: key(`devops.deploy[${i}].when`),
        value: t.when,
        message: "deploys production on every push; expected 'tag' or 'approval'",
      });
    }
  });
  for (const name of Object.keys(devops.repositories)) {
    if (!facts.services.some((svc) => svc.name === name)) {
      issues.push({
        key: key(`devops.repositories.${name}`),
        value: name,
        message: `is not a service of the catalogue; expected one of ${facts.services.map((svc) => svc.name).join(', ') || '(none)'}`,
      });
    }
  }
  return issues;
}

/** Secrets the CI/CD keys add to a cluster stack, by name under `platform:secrets`. */
export function devopsSecrets(facts: Pick<DevOpsFacts, 'harbor' | 'bootstrap'>): string[] {
  const names: string[] = [];
  if (facts.harbor?.install !== undefined) {
    names.push('harborAdminPassword', HARBOR_SECRET_KEY_SECRET, HARBOR_DATABASE_PASSWORD_SECRET, HARBOR_REGISTRY_PASSWORD_SECRET);
  }
  if (facts.harbor?.install?.tlsSecret !== undefined) {
    names.push(HARBOR_TLS_CERT_SECRET, HARBOR_TLS_KEY_SECRET);
  }
  if (facts.harbor !== undefined && facts.bootstrap) {
    names.push('harborPullPassword');
  }
  return names;
}

/** Checks the values of Harbor's secrets that have a format (placeholders, offline, are not checked). */
export function checkHarborSecrets(
  secrets: Readonly<Record<string, { readonly value: string }>>,
  placeholder: string,
  key: (k: string) => string,
): ValidationIssue[] {
  const secretKey = secrets[HARBOR_SECRET_KEY_SECRET]?.value;
  if (secretKey === undefined || secretKey === placeholder || secretKey.length === HARBOR_SECRET_KEY_LENGTH) {
    return [];
  }
  // the value is a secret: report its length, never the value
  return [
    {
      key: key(`secrets.${HARBOR_SECRET_KEY_SECRET}`),
      value: `(${secretKey.length} characters)`,
      message: `must be exactly ${HARBOR_SECRET_KEY_LENGTH} characters: Harbor encrypts with it as an AES key (e.g. openssl rand -hex 8)`,
    },
  ];
}
