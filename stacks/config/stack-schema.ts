/**
 * One declarative schema per stack kind (`shared`, the cluster stacks, `pr-<n>` previews): which
 * keys of the project's namespace a stack file may hold, each with its checker, whether it is
 * required, its default and what it is for. The parser reads a stack with it and the editor's JSON
 * Schema (`npm run schema`) is generated from it, so both always agree.
 */
import type { RawConfig } from './sources';
import { ALIBABA_REGIONS } from './regions';
import { Checker, Fields, IssueSink, Shape, list, optional, record, required, secret, str, withDefault, withJsonSchema } from './schema';
import { networkSchema } from './network';
import { devtoolsSchema, nasSchema, siteSchema } from './shared';
import { apiServerSchema, bootstrapSchema, clusterSchema, kubernetesSchema, kubesphereSchema, nodePoolSchema } from './cluster';
import { devopsSchema, harborSchema, previewSchema } from './devops';
import { imagesSchema } from './images';
import { clusterBackupSchema, sharedBackupSchema } from './backup';
import {
  DEFAULT_CSI_DRIVER,
  NO_MIDDLEWARE,
  csiDriverSchema,
  loggingSchema,
  middlewareSchema,
  namespacesSchema,
  servicesSchema,
} from './workloads';

export const REGION_KEY = 'alicloud:region';
const REGION_PATTERN = /^[a-z]{2,3}-[a-z0-9-]+$/;

/** An Alibaba region id: the right shape, and one of {@link ALIBABA_REGIONS}. */
export const regionChecker: Checker<string> = withJsonSchema(
  (value, key, issues) => {
    const region = str({ pattern: REGION_PATTERN, patternHint: 'an Alibaba region id such as cn-shenzhen' })(value, key, issues);
    if (region !== undefined && !(ALIBABA_REGIONS as readonly string[]).includes(region)) {
      issues.push({ key, value, message: `is not an Alibaba Cloud region; expected one of ${ALIBABA_REGIONS.join(', ')}` });
      return undefined;
    }
    return region;
  },
  { enum: [...ALIBABA_REGIONS], description: 'the Alibaba Cloud region of the stack' },
);

/**
 * Config namespaces besides the project's that a stack may hold: those of the providers the stacks
 * use (their keys belong to the providers) and Pulumi's own. Any other (`platfrom:`) is a typo.
 */
export const PROVIDER_NAMESPACES = ['alicloud', 'kubernetes', 'command', 'pulumi'] as const;

/** How a stack kind treats what is not one of its keys. */
interface StackSchemaOptions {
  /**
   * `refuse`: a key in a namespace that is neither the project's nor a provider's is a typo.
   * `ignore`: the engine may hold others on this stack (CI sets a preview's), and the program reads none.
   */
  readonly otherNamespaces: 'refuse' | 'ignore';
  /** Why a key of the project's namespace that is not one of the fields is refused; default: "not a known key". */
  readonly unknownKey?: (fullKey: string, project: string) => string;
}

/** The keys of one stack kind, their checkers and docs; {@link StackSchema.read} checks a stack's config with them. */
export interface StackSchema<F extends Fields> {
  readonly fields: F;
  /** Checks each of the project's keys, refuses unknown keys and namespaces; the typed config, or undefined with issues. */
  read(raw: RawConfig, issues: IssueSink): Shape<F> | undefined;
}

/** The typed config a stack schema reads. */
export type StackConfig<S> = S extends StackSchema<infer F> ? Shape<F> : never;

/** A stack kind's keys (without the project's namespace), in the order messages list them. */
export function stackSchema<F extends Fields>(fields: F, options: StackSchemaOptions): StackSchema<F> {
  return {
    fields,
    read(raw, issues) {
      const prefix = `${raw.project}:`;
      const before = issues.length;
      const out: Record<string, unknown> = {};
      for (const [fullKey, value] of Object.entries(raw.values)) {
        if (!fullKey.startsWith(prefix)) {
          const namespace = fullKey.includes(':') ? fullKey.slice(0, fullKey.indexOf(':')) : undefined;
          const foreign = namespace === undefined || !(PROVIDER_NAMESPACES as readonly string[]).includes(namespace);
          if (foreign && options.otherNamespaces === 'refuse') {
            const allowed = [raw.project, ...PROVIDER_NAMESPACES].map((n) => `'${n}:'`).join(', ');
            issues.push({
              key: fullKey,
              value: namespace ?? fullKey,
              message: `is not in a known config namespace; expected one of ${allowed} (keys are <namespace>:<key>)`,
            });
          }
          continue;
        }
        const key = fullKey.slice(prefix.length);
        const field = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
        if (field === undefined) {
          const known = Object.keys(fields).map((k) => `${prefix}${k}`);
          const message =
            options.unknownKey?.(fullKey, raw.project) ??
            `is not a known key for stack '${raw.stack}'; expected one of ${known.join(', ')}`;
          issues.push({ key: fullKey, value, message });
          continue;
        }
        out[key] = field.check(value, fullKey, issues);
      }
      for (const [key, field] of Object.entries(fields)) {
        if (`${prefix}${key}` in raw.values) {
          continue;
        }
        if (!field.optional) {
          issues.push({ key: `${prefix}${key}`, value: undefined, message: `is required for stack '${raw.stack}'` });
        }
        out[key] = field.fallback;
      }
      // Stryker disable next-line ConditionalExpression: the fields' checkers return undefined exactly when they add issues
      return issues.length > before ? undefined : (out as Shape<F>);
    },
  };
}

/**
 * What a checker of an object whose every key is optional gives for `{}`: the key's default when
 * the stack leaves it out. Throws if the checker refuses `{}`, a mistake in the schema, not in config.
 */
export function defaultsOf<T>(check: Checker<T>): T {
  const issues: IssueSink = [];
  const value = check({}, '(defaults)', issues);
  if (value === undefined || issues.length > 0) {
    throw new Error(`schema default: ${issues.map((i) => `${i.key} ${i.message}`).join('; ')}`);
  }
  return value;
}

const SECRET_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** `platform:secrets`, on every kind of stack. */
const secrets = withDefault(
  record(secret(), { keyPattern: SECRET_NAME, keyHint: 'a camelCase name' }),
  {},
  "Secrets by name, each set with 'pulumi config set --secret --path platform:secrets.<name> <value>'.",
);

/** The `shared` stack: the network every stack lives in, NAS, the site, the dev-tools host, the backup bucket. */
export const SHARED_STACK = stackSchema(
  {
    secrets,
    network: required(networkSchema, 'The VPC every stack lives in: CIDR, zones (one vSwitch each), security groups, NAT gateway.'),
    nas: optional(nasSchema, "The NAS file system behind the clusters' NAS storage class."),
    site: optional(siteSchema, 'A static site on OSS behind the CDN.'),
    devtools: optional(devtoolsSchema, 'The dev-tools host (GitLab, Mantis), also the jump host for SSH to the nodes.'),
    backup: optional(sharedBackupSchema),
  },
  { otherNamespaces: 'refuse' },
);

/** The cluster stacks (`prod`, `test`): nodes, access, the API-server SLB, versions, workloads, CI/CD. */
export const CLUSTER_STACK = stackSchema(
  {
    secrets,
    sharedStack: optional(
      str({ pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, patternHint: 'org/project/stack' }),
      'The fully qualified name of the shared stack (org/project/stack) the cluster reads its network from.',
    ),
    cluster: required(clusterSchema, 'Cluster name, security groups, who may SSH to the nodes, high availability.'),
    nodePools: required(
      list(nodePoolSchema, { minLength: 1, unique: (p) => p.name }),
      'The ECS node pools: count, roles, instance type, image and fixed addresses.',
    ),
    apiServer: optional(apiServerSchema, "The API server's SLB and who may reach it."),
    kubernetes: withDefault(kubernetesSchema, defaultsOf(kubernetesSchema), 'Kubernetes version and the pod and service CIDRs.'),
    kubesphere: withDefault(kubesphereSchema, defaultsOf(kubesphereSchema), 'KubeSphere components and the multicluster role.'),
    bootstrap: withDefault(bootstrapSchema, defaultsOf(bootstrapSchema), 'Install the cluster with KubeKey over SSH.'),
    namespaces: withDefault(namespacesSchema, defaultsOf(namespacesSchema), 'Namespaces of the apps, the middleware and the log pipeline.'),
    services: withDefault(servicesSchema, [], 'The service catalogue: image, tag, size, middleware, env, secrets, egress.'),
    middleware: withDefault(
      middlewareSchema,
      NO_MIDDLEWARE,
      'The middleware this stack deploys (MySQL, Redis, RabbitMQ, Nacos, Sentinel, EMQX).',
    ),
    logging: optional(loggingSchema, 'The business-log pipeline (Logstash, Elasticsearch, Kibana).'),
    csiDriver: withDefault(csiDriverSchema, DEFAULT_CSI_DRIVER, 'The Alibaba Cloud NAS CSI driver.'),
    harbor: optional(harborSchema, 'The registry: host, project, and whether this stack installs Harbor.'),
    devops: optional(devopsSchema, 'The KubeSphere DevOps project and its pipelines.'),
    images: optional(imagesSchema, 'The registry mirror every image the cluster pulls comes from.'),
    backup: withDefault(clusterBackupSchema, defaultsOf(clusterBackupSchema)),
  },
  { otherNamespaces: 'refuse' },
);

/** The cluster stack whose catalogue and cluster the `pr-<n>` previews use. */
export const PREVIEW_BASE_STACK = 'test';

/**
 * A `pr-<n>` stack holds only what CI sets: which services to preview, and the secrets they need.
 * Everything else comes from `Pulumi.<PREVIEW_BASE_STACK>.yaml`.
 */
export const PREVIEW_STACK = stackSchema(
  {
    preview: optional(previewSchema, 'Which services of the catalogue this preview deploys, and the stack whose cluster hosts it.'),
    secrets,
  },
  {
    otherNamespaces: 'ignore',
    unknownKey: (_fullKey, project) =>
      `is derived from Pulumi.${PREVIEW_BASE_STACK}.yaml on a preview stack; expected only ${['preview', 'secrets'].map((k) => `${project}:${k}`).join(', ')}`,
  },
);

export type SharedConfig = StackConfig<typeof SHARED_STACK>;
export type ClusterConfig = StackConfig<typeof CLUSTER_STACK>;
export type PreviewStackConfig = StackConfig<typeof PREVIEW_STACK>;
