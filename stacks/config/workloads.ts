/**
 * Workload keys of the cluster stacks: the service catalogue (`platform:services`), the middleware
 * (`platform:middleware`), the business-log pipeline (`platform:logging`) and the namespaces
 * (`platform:namespaces`). Checks that span keys are in {@link checkWorkloads}.
 */
import { ValidationIssue, Validator, cidrContains, mustParseCidr, parseCidr } from '../../constructs/core';
import { parseCpuMillis, parseMemoryMiB, checkJvmSizing, SPRING_BOOT_DEFAULT_HEAP_PERCENTAGE } from '../../constructs/k8s';
import {
  NAS_CSI_CREDENTIALS as CSI_CREDENTIALS,
  NAS_CSI_DRIVER_CHART as CSI_DRIVER_CHART,
  NAS_CSI_DRIVER_CHART_REPOSITORY as CSI_DRIVER_CHART_REPOSITORY,
  DEFAULT_NAS_CSI_DRIVER_CHART_VERSION as DEFAULT_CSI_DRIVER_CHART_VERSION,
} from '../../constructs/alicloud/plan';
import {
  type Infer,
  Checker,
  bool,
  jsonSchemaOf,
  withJsonSchema,
  cidr,
  int,
  list,
  object,
  oneOf,
  optional,
  record,
  required,
  str,
  keysOf,
  withDefault,
} from './schema';

export const DEFAULT_NAMESPACES = { apps: 'iot-apps', middleware: 'iot-middleware', logging: 'iot-logging' } as const;

const NAME = {
  pattern: /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/,
  patternHint: 'a DNS label of at most 40 characters (lower-case letters, digits, dashes)',
};
const CPU = { pattern: /^\d+(\.\d+)?m?$/, patternHint: 'a CPU quantity such as 250m or 1' };
const MEMORY = { pattern: /^\d+(Mi|Gi)$/, patternHint: 'a memory quantity such as 512Mi or 2Gi' };
const SIZE = { pattern: /^\d+(Mi|Gi|Ti)$/, patternHint: 'a volume size such as 20Gi' };
/** Registry host and path, without tag or digest: the tag is its own key so it can never be left out. */
const REPOSITORY = {
  pattern: /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+$/,
  patternHint: 'an image repository without tag, e.g. harbor.iot.example.com/iot/gateway',
};
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME = { pattern: /^[a-zA-Z][a-zA-Z0-9]*$/, patternHint: 'a camelCase name of a platform:secrets entry' };
/**
 * The largest value a service's `env` entry may hold. Config values are for settings; every env
 * value is copied into each pod spec, and etcd refuses objects over 1.5 MiB, so a pasted file or
 * certificate would fail the rollout, and belongs in a ConfigMap or `platform:secrets`.
 */
export const ENV_VALUE_MAX_LENGTH = 4096;
/** Env names that say their value is a credential: those come from `platform:secrets`, never in clear. */
const SECRET_LOOKING_ENV = /(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
/** Values that are credentials whatever their name: PEM keys and Alibaba AccessKey ids. */
const SECRET_LOOKING_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|^LTAI[A-Za-z0-9]{12,}$/;
/**
 * Namespaces of Kubernetes and KubeSphere itself. A workload there would share quotas, network
 * policies and RBAC with the control plane, and be deleted with what the installer owns.
 */
export const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'kubekey-system',
  'istio-system',
  'openpitrix-system',
  'argocd',
] as const;
const SYSTEM_NAMESPACE_PREFIX = 'kubesphere-';
const DATABASE = { pattern: /^[a-z][a-z0-9_]{0,31}$/, patternHint: 'lower-case letters, digits and _' };

/** An image tag that pins a version: never `latest`, which would make every rollout a lottery. */
function imageTag(): Checker<string> {
  const valid = str({ pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, patternHint: 'a Docker tag such as 1.4.2' });
  return withJsonSchema(
    (value, key, issues) => {
      if (typeof value === 'string' && value.toLowerCase() === 'latest') {
        issues.push({ key, value, message: "is not a pinned version; expected a release tag such as 1.4.2, never 'latest'" });
        return undefined;
      }
      return valid(value, key, issues);
    },
    { ...jsonSchemaOf(valid), not: { pattern: '^[Ll][Aa][Tt][Ee][Ss][Tt]$' } },
  );
}

/** Container resources where each value may be left to the construct's default. */
const partialResources = object({
  cpuRequest: optional(str(CPU)),
  cpuLimit: optional(str(CPU)),
  memoryRequest: optional(str(MEMORY)),
  memoryLimit: optional(str(MEMORY)),
  ephemeralStorageRequest: optional(str(MEMORY)),
  ephemeralStorageLimit: optional(str(MEMORY)),
});
export type ResourcesSpec = Infer<typeof partialResources>;

/** A service states all four: its size is part of its catalogue entry, never a hidden default. */
const serviceResources = object({
  cpuRequest: required(str(CPU)),
  cpuLimit: required(str(CPU)),
  memoryRequest: required(str(MEMORY)),
  memoryLimit: required(str(MEMORY)),
  /** Local disk; the construct's default (DEFAULT_EPHEMERAL_STORAGE_REQUEST / _LIMIT) when left out. */
  ephemeralStorageRequest: optional(str(MEMORY)),
  ephemeralStorageLimit: optional(str(MEMORY)),
});

/**
 * One egress rule of a service: TCP to `cidr` on `ports`, minus `except`. Explicit on purpose: a payment
 * provider's endpoints are the internet on 443, never "anything"; `except` keeps the VPC, the cluster's own
 * ranges and Alibaba's internal 100.64.0.0/10 (the metadata service) out of reach.
 */
export const egressRuleSchema = object({
  cidr: required(cidr()),
  ports: required(list(int({ min: 1, max: 65535 }), { minLength: 1, unique: (p) => String(p) })),
  /** Ranges inside `cidr` that stay closed; each must be strictly inside it (the API server refuses others). */
  except: withDefault(list(cidr(), { unique: (c) => c }), []),
});
export type EgressRuleSpec = Infer<typeof egressRuleSchema>;

export const serviceSchema = object({
  name: required(str(NAME)),
  image: required(str(REPOSITORY)),
  tag: required(imageTag()),
  port: withDefault(int({ min: 1, max: 65535 }), 8080),
  replicas: required(int({ min: 1, max: 50 })),
  /** Autoscaler maximum; by default twice `replicas`. */
  maxReplicas: optional(int({ min: 1, max: 100 })),
  resources: required(serviceResources),
  /** Names of entries of `platform:middleware` the service connects to. */
  middleware: withDefault(list(str(), { unique: (m) => m }), []),
  env: withDefault(
    record(str({ minLength: 0, maxLength: ENV_VALUE_MAX_LENGTH, multiline: true }), {
      keyPattern: ENV_NAME,
      keyHint: 'an environment variable name',
    }),
    {},
  ),
  /** `platform:secrets` entries handed to the service as environment variables (`paymentKey` → `PAYMENT_KEY`). */
  secrets: withDefault(list(str(SECRET_NAME), { unique: (s) => s }), []),
  /** Reachable from the KubeSphere gateway (the API entry point); everything else is internal. */
  public: withDefault(bool(), false),
  profiles: withDefault(list(str()), []),
  /** Traffic to outside the cluster (a payment provider's API); without it the service reaches only middleware, Logstash and DNS. */
  egress: withDefault(list(egressRuleSchema, { minLength: 1 }), []),
});
export type ServiceSpec = Infer<typeof serviceSchema>;

export const servicesSchema = list(serviceSchema, { unique: (s) => s.name });

const quorumReplicas = int({ min: 1, max: 7, odd: true });

/**
 * `platform:middleware`: one key per middleware this platform can deploy, with its settings. The keys are
 * the catalogue ({@link MIDDLEWARE_KINDS}, in this order) and must match the middleware table's entries
 * (stacks/workloads/middleware-table.ts, which the type-check holds to them): adding a middleware is its
 * entry there and its settings here.
 */
const MIDDLEWARE_FIELDS = {
  /**
   * One server: replication is out of the construct's scope (use RDS for HA). `database`/`user` are the shared
   * database of old; each service now gets its own ({@link serviceDatabase}), created on the server's first start.
   */
  mysql: optional(
    object({
      storageSize: optional(str(SIZE)),
      resources: optional(partialResources),
      database: withDefault(str(DATABASE), 'iot'),
      user: withDefault(str(DATABASE), 'iot'),
    }),
  ),
  redis: optional(object({ storageSize: optional(str(SIZE)), resources: optional(partialResources) })),
  rabbitmq: optional(
    object({ replicas: withDefault(quorumReplicas, 1), storageSize: optional(str(SIZE)), resources: optional(partialResources) }),
  ),
  /** More than one replica runs Nacos in cluster mode on the stack's MySQL (database and user `nacos`). */
  nacos: optional(
    object({ replicas: withDefault(quorumReplicas, 1), storageSize: optional(str(SIZE)), resources: optional(partialResources) }),
  ),
  sentinel: optional(object({ resources: optional(partialResources) })),
  emqx: optional(
    object({ replicas: withDefault(quorumReplicas, 1), storageSize: optional(str(SIZE)), resources: optional(partialResources) }),
  ),
};
export const middlewareSchema = object(MIDDLEWARE_FIELDS);
export type MiddlewareSpec = Infer<typeof middlewareSchema>;
/** A middleware this platform knows how to deploy; a stack deploys those its `platform:middleware` lists. */
export type MiddlewareKind = keyof typeof MIDDLEWARE_FIELDS;
/** The catalogue, in the order the charts deploy it: {@link middlewareSchema}'s keys. */
export const MIDDLEWARE_KINDS: readonly MiddlewareKind[] = keysOf(MIDDLEWARE_FIELDS);
/** The chart, its repository, the pinned version and the credential modes: the package's NasCsiDriver's. */
export { CSI_CREDENTIALS, CSI_DRIVER_CHART, CSI_DRIVER_CHART_REPOSITORY, DEFAULT_CSI_DRIVER_CHART_VERSION };
/** `platform:secrets` entries of the AccessKey, with `credentials: accessKey`. */
export const CSI_ACCESS_KEY_SECRETS = { id: 'csiAccessKeyId', secret: 'csiAccessKeySecret' } as const;

/** `platform:csiDriver`: the Alibaba Cloud NAS CSI driver, installed wherever the NAS class exists. */
export const csiDriverSchema = object({
  chartVersion: withDefault(
    str({ pattern: /^[0-9]+\.[0-9]+\.[0-9]+$/, patternHint: 'an exact chart version such as 1.36.2 (never a range or latest)' }),
    DEFAULT_CSI_DRIVER_CHART_VERSION,
  ),
  credentials: withDefault(oneOf(CSI_CREDENTIALS), 'ramRole'),
});
export type CsiDriverSpec = Infer<typeof csiDriverSchema>;
/** A stack without `platform:csiDriver` gets the pinned chart and the instance RAM role. */
export const DEFAULT_CSI_DRIVER: CsiDriverSpec = { chartVersion: DEFAULT_CSI_DRIVER_CHART_VERSION, credentials: 'ramRole' };

/** A stack without `platform:middleware` deploys none. */
export const NO_MIDDLEWARE: MiddlewareSpec = {};

export const loggingSchema = object({
  indexPrefix: optional(str({ pattern: /^[a-z0-9][a-z0-9_-]*$/, patternHint: 'lower-case letters, digits, - or _' })),
  logstash: optional(object({ replicas: optional(int({ min: 1, max: 10 })), resources: optional(partialResources) })),
  elasticsearch: optional(
    object({
      /** An Elasticsearch outside the cluster (`http(s)://host[:port]`); none is deployed then. */
      externalUrl: optional(str({ pattern: /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?\/?$/, patternHint: 'http(s)://host[:port]' })),
      /** User of the external Elasticsearch; its password is `platform:secrets.elasticsearchPassword`. */
      username: optional(str()),
      replicas: optional(quorumReplicas),
      storageSize: optional(str(SIZE)),
      resources: optional(partialResources),
    }),
  ),
  kibana: optional(object({ enabled: withDefault(bool(), true), resources: optional(partialResources) })),
});
export type LoggingSpec = Infer<typeof loggingSchema>;

export const namespacesSchema = object({
  apps: withDefault(str(NAME), DEFAULT_NAMESPACES.apps),
  middleware: withDefault(str(NAME), DEFAULT_NAMESPACES.middleware),
  logging: withDefault(str(NAME), DEFAULT_NAMESPACES.logging),
});
export type NamespacesSpec = Infer<typeof namespacesSchema>;

/** The workload part of a cluster spec. */
export interface WorkloadsSpec {
  readonly namespaces: NamespacesSpec;
  readonly services: readonly ServiceSpec[];
  readonly middleware: MiddlewareSpec;
  readonly logging?: LoggingSpec;
  /** The NAS CSI driver; {@link DEFAULT_CSI_DRIVER} when absent. */
  readonly csiDriver?: CsiDriverSpec;
}

/** The middleware a stack deploys, in catalogue order. */
export function deployedMiddleware(middleware: MiddlewareSpec): MiddlewareKind[] {
  return MIDDLEWARE_KINDS.filter((kind) => middleware[kind] !== undefined);
}

/** Database (and user) of Nacos in cluster mode, on the stack's MySQL. */
export const NACOS_DATABASE = 'nacos';
/** MySQL 8.0 limits user names to 32 characters; a service's user is named after it. */
const MYSQL_USER_MAX_LENGTH = 32;

/** `order-service` → `order_service`: the service's own MySQL database and user. */
export function serviceDatabase(service: string): string {
  return service.replace(/-/g, '_');
}

/** `order-service` → `orderServiceMysqlPassword`: the `platform:secrets` entry of the service's MySQL password. */
export function serviceMysqlPasswordSecret(service: string): string {
  return `${service.replace(/-+([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}MysqlPassword`;
}

/** Services that connect to MySQL, in catalogue order. */
export function mysqlClients(services: readonly ServiceSpec[]): ServiceSpec[] {
  return services.filter((s) => s.middleware.includes('mysql'));
}

/** `paymentGatewayKey` → `PAYMENT_GATEWAY_KEY`: the variable a service secret arrives in. */
export function secretEnvName(secretName: string): string {
  return secretName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Rules that span workload keys, reported under the user's keys. */
export function checkWorkloads(w: Partial<WorkloadsSpec>, key: (k: string) => string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const middleware = w.middleware ?? NO_MIDDLEWARE;
  const deployed = deployedMiddleware(middleware);
  (w.services ?? []).forEach((s, i) => {
    const at = (k: string) => key(`services[${i}].${k}`);
    s.middleware.forEach((m, j) => {
      if (!deployed.some((d) => d === m)) {
        const expected = deployed.length > 0 ? `expected one of ${deployed.join(', ')}` : 'platform:middleware deploys none';
        issues.push({ key: at(`middleware[${j}]`), value: m, message: `is not a middleware of this stack; ${expected}` });
      }
    });
    if (s.maxReplicas !== undefined && s.maxReplicas < s.replicas) {
      issues.push({
        key: at('maxReplicas'),
        value: s.maxReplicas,
        message: `is below replicas (${s.replicas}); expected at least ${s.replicas}`,
      });
    }
    checkResources(s.resources, at('resources'), issues);
    s.egress.forEach((rule, j) => checkEgressRule(rule, at(`egress[${j}]`), issues));
    if (s.middleware.includes('mysql')) {
      const db = serviceDatabase(s.name);
      const taken = [
        middleware.mysql?.database,
        middleware.mysql?.user,
        ...((middleware.nacos?.replicas ?? 1) > 1 ? [NACOS_DATABASE] : []),
      ];
      if (db.length > MYSQL_USER_MAX_LENGTH) {
        issues.push({
          key: at('name'),
          value: s.name,
          message: `names its MySQL user '${db}', longer than MySQL's ${MYSQL_USER_MAX_LENGTH} characters; shorten the name`,
        });
      } else if (taken.includes(db)) {
        issues.push({
          key: at('name'),
          value: s.name,
          message: `names its MySQL database '${db}', which the stack already uses for something else; rename the service`,
        });
      }
    }
    // The same sizing rule SpringBootService applies, reported here under the user's key.
    const jvm = new Validator();
    checkJvmSizing(jvm, parseMemoryMiB(s.resources.memoryLimit) ?? 0, SPRING_BOOT_DEFAULT_HEAP_PERCENTAGE);
    for (const issue of jvm.issues) {
      issues.push({
        key: at('resources.memoryLimit'),
        value: s.resources.memoryLimit,
        message: `is too small for a Spring Boot JVM: ${issue.message}`,
      });
    }
  });
  for (const kind of deployed) {
    const resources = (middleware[kind] as { resources?: ResourcesSpec }).resources;
    if (resources) checkResources(resources, key(`middleware.${kind}.resources`), issues);
  }
  if ((middleware.nacos?.replicas ?? 1) > 1 && middleware.mysql === undefined) {
    issues.push({
      key: key('middleware.nacos.replicas'),
      value: middleware.nacos?.replicas,
      message: 'runs Nacos in cluster mode, which needs platform:middleware.mysql; add mysql or use 1 replica',
    });
  }
  const es = w.logging?.elasticsearch;
  if (es?.externalUrl !== undefined && (es.replicas !== undefined || es.storageSize !== undefined)) {
    issues.push({
      key: key('logging.elasticsearch.externalUrl'),
      value: es.externalUrl,
      message: 'deploys no Elasticsearch, so replicas and storageSize do not apply; remove one or the other',
    });
  }
  if (es?.username !== undefined && es.externalUrl === undefined) {
    issues.push({
      key: key('logging.elasticsearch.username'),
      value: es.username,
      message: 'only applies with externalUrl (the in-cluster Elasticsearch has no users)',
    });
  }
  for (const part of ['logstash', 'elasticsearch', 'kibana'] as const) {
    const resources = w.logging?.[part]?.resources;
    if (resources) checkResources(resources, key(`logging.${part}.resources`), issues);
  }
  const ns = w.namespaces;
  if (ns && new Set([ns.apps, ns.middleware, ns.logging]).size < 3) {
    issues.push({ key: key('namespaces'), value: ns, message: 'must name three different namespaces (apps, middleware, logging)' });
  }
  for (const [part, name] of Object.entries(ns ?? {})) {
    if ((SYSTEM_NAMESPACES as readonly string[]).includes(name) || name.startsWith(SYSTEM_NAMESPACE_PREFIX)) {
      issues.push({
        key: key(`namespaces.${part}`),
        value: name,
        message: `is a namespace of Kubernetes or KubeSphere itself; expected a namespace of the platform's own, such as ${DEFAULT_NAMESPACES[part as keyof typeof DEFAULT_NAMESPACES]}`,
      });
    }
  }
  issues.push(...checkServiceEnv(w.services ?? [], key));
  issues.push(...checkDerivedSecretNames(w, key));
  return issues;
}

/** Clear-text credentials in `services[].env`, and env names that a secret of the service also sets. */
function checkServiceEnv(services: readonly ServiceSpec[], key: (k: string) => string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  services.forEach((s, i) => {
    const fromSecrets = new Map(s.secrets.map((name) => [secretEnvName(name), name]));
    for (const [name, value] of Object.entries(s.env)) {
      const at = key(`services[${i}].env.${name}`);
      if (value !== '' && (SECRET_LOOKING_ENV.test(name) || SECRET_LOOKING_VALUE.test(value))) {
        issues.push({
          key: at,
          value: '(not shown)',
          message: `looks like a credential in clear text; store it with 'pulumi config set --secret --path ${key('secrets.<name>')}' and list <name> in ${key(`services[${i}].secrets`)}`,
        });
      }
      const secret = fromSecrets.get(name);
      if (secret !== undefined) {
        issues.push({
          key: at,
          value: name,
          message: `is also set from ${key(`secrets.${secret}`)} (${key(`services[${i}].secrets`)}); keep one`,
        });
      }
    }
    const envNames = new Map<string, string>();
    for (const name of s.secrets) {
      const other = envNames.get(secretEnvName(name));
      if (other !== undefined) {
        issues.push({
          key: key(`services[${i}].secrets`),
          value: name,
          message: `arrives as ${secretEnvName(name)}, like ${other}; expected secrets whose variable names differ`,
        });
      }
      envNames.set(secretEnvName(name), name);
    }
  });
  return issues;
}

/**
 * A service's MySQL password is a secret named after it (`order-service` → orderServiceMysqlPassword);
 * two services (`a-b`, `a--b`) must never derive the same name, or one would use the other's password.
 * (A service named after Nacos' own MySQL user is refused by the database rule above.)
 */
function checkDerivedSecretNames(w: Partial<WorkloadsSpec>, key: (k: string) => string): ValidationIssue[] {
  const owners = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  mysqlClients(w.services ?? []).forEach((s) => {
    const i = (w.services ?? []).indexOf(s);
    const name = serviceMysqlPasswordSecret(s.name);
    const first = owners.get(name);
    if (first !== undefined) {
      issues.push({
        key: key(`services[${i}].name`),
        value: s.name,
        message: `derives the secret ${key(`secrets.${name}`)}, like ${key(`services[${first}].name`)}; rename one of them`,
      });
    }
    owners.set(name, i);
  });
  return issues;
}

/** The API server refuses an `except` that is not strictly inside its `cidr`; say so before apply. */
function checkEgressRule(rule: EgressRuleSpec, at: string, issues: ValidationIssue[]): void {
  const outer = mustParseCidr(rule.cidr);
  rule.except.forEach((text, k) => {
    const inner = parseCidr(text);
    if (typeof inner !== 'string' && !(cidrContains(outer, inner) && inner.prefixLength > outer.prefixLength)) {
      issues.push({
        key: `${at}.except[${k}]`,
        value: text,
        message: `is not strictly inside cidr ${rule.cidr}; expected a smaller range within it`,
      });
    }
  });
}

function checkResources(r: ResourcesSpec, at: string, issues: ValidationIssue[]): void {
  const pairs = [
    ['cpuRequest', 'cpuLimit', parseCpuMillis],
    ['memoryRequest', 'memoryLimit', parseMemoryMiB],
  ] as const;
  for (const [req, lim, parse] of pairs) {
    const request = r[req] === undefined ? undefined : parse(r[req]);
    const limit = r[lim] === undefined ? undefined : parse(r[lim]);
    if (request !== undefined && limit !== undefined && request > limit) {
      issues.push({
        key: `${at}.${req}`,
        value: r[req],
        message: `exceeds ${lim} (${r[lim]}); a request can never be more than its limit`,
      });
    }
  }
}

/** Names under `platform:secrets` the workloads need besides the middleware's (which the middleware table lists). */
export function workloadSecretNames(w: Partial<WorkloadsSpec>): string[] {
  const names: string[] = [];
  if (w.logging?.elasticsearch?.username !== undefined) names.push('elasticsearchPassword');
  for (const s of w.services ?? []) names.push(...s.secrets);
  if (w.csiDriver?.credentials === 'accessKey') names.push(CSI_ACCESS_KEY_SECRETS.id, CSI_ACCESS_KEY_SECRETS.secret);
  return [...new Set(names)];
}
