/** Keys of the cluster stacks (`prod`, `test`): the nodes, access, the API-server SLB, versions. */
import {
  DEFAULT_ADDRESS_TYPE,
  INSTANCE_CHARGE_TYPE,
  LOAD_BALANCER_ADDRESS_TYPES,
  PAY_BY_SPEC_WITHDRAWN,
  DATA_DISK_SIZE_RANGE,
  NODE_ROLES,
  SYSTEM_DISK_SIZE_RANGE,
  sshHostKeyIssue,
} from '../../constructs/alicloud/plan';
import { MULTICLUSTER_ROLES } from '../../constructs/kubekey';
import { ZONE_ID } from './regions';
import {
  type Infer,
  CLOUD_ID,
  Checker,
  bool,
  jsonSchemaOf,
  withJsonSchema,
  cidr,
  int,
  ipv4,
  list,
  object,
  oneOf,
  optional,
  record,
  required,
  str,
  withDefault,
  withdrawn,
} from './schema';

/** `platform:cluster.ssh.hostKey: pending`: the nodes do not exist yet; create them and stop before the install. */
export const HOST_KEY_PENDING = 'pending';

/** A public SSH host key line (see `sshHostKeyIssue`), or {@link HOST_KEY_PENDING} when `allowPending`. */
export function sshHostKey(allowPending: boolean): Checker<string> {
  return (value, key, issues) => {
    const text = str()(value, key, issues);
    if (text === undefined || (allowPending && text === HOST_KEY_PENDING)) {
      return text;
    }
    const issue = sshHostKeyIssue(text);
    if (issue !== undefined) {
      issues.push({ key, value: text, message: allowPending ? `${issue}, or '${HOST_KEY_PENDING}' before the nodes exist` : issue });
      return undefined;
    }
    return text.trim();
  };
}

const NAME = { pattern: /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, patternHint: 'lower-case letters, digits and dashes, starting with a letter' };
const INSTANCE_TYPE = { pattern: /^ecs\.[a-z0-9-]+\.[a-z0-9]+$/, patternHint: 'an ECS instance type such as ecs.c7.2xlarge' };

export const nodePoolSchema = object({
  /** Pool name; node names are `<name>-1`, `<name>-2`, … */
  name: required(str(NAME)),
  count: required(int({ min: 1, max: 100 })),
  roles: required(list(oneOf(NODE_ROLES), { minLength: 1, unique: (r) => r })),
  instanceType: required(str(INSTANCE_TYPE)),
  imageId: required(str({ ...CLOUD_ID, minLength: 3 })),
  /** Host index inside each vSwitch where this pool's fixed addresses start. */
  addressOffset: required(int({ min: 1, max: 65000 })),
  /** Fixed addresses by node index, overriding the planned ones; each must be inside its node's vSwitch. */
  privateIps: optional(list(ipv4())),
  /**
   * Nodes (`<name>-<n>`) whose address this config may change: each is replaced (deleted first) with
   * its new address. Only after taking the node out of the cluster with the node replacement
   * procedure (README), one node at a time; remove the entry once the node is back.
   */
  replaceNodes: withDefault(list(str(), { unique: (n) => n }), []),
  /** Zones to spread over, round-robin; by default every zone of the network. */
  zones: optional(list(str(ZONE_ID), { minLength: 1, unique: (z) => z })),
  /** 40 GiB at least (the OS, container images and logs); at most what ECS allows for a system disk. */
  systemDiskGiB: withDefault(int({ min: 40, max: SYSTEM_DISK_SIZE_RANGE.max }), 120),
  /** An ESSD data disk: the provider's range for `cloud_essd`. */
  dataDiskGiB: withDefault(int({ min: DATA_DISK_SIZE_RANGE.min, max: DATA_DISK_SIZE_RANGE.max }), 200),
  labels: withDefault(record(str({ minLength: 0 })), {}),
});

export type NodePoolSpec = Infer<typeof nodePoolSchema>;

export const clusterSchema = object({
  /** Cluster name: KubeKey's `metadata.name` and the prefix of its cloud resources. */
  name: required(str(NAME)),
  /** Which of the shared network's security groups hold the control plane and the workers. */
  securityGroups: required(object({ controlPlane: required(str(NAME)), worker: required(str(NAME)) })),
  adminCidrs: optional(
    withdrawn(
      "is no longer used: SSH to the nodes and the KubeSphere console come only from the shared stack's dev-tools host (the jump host), SSH also from the node KubeKey runs on; remove it",
    ),
  ),
  ssh: required(
    object({
      /** This cluster's own ECS key pair: neither the other cluster's nor the jump host's. */
      keyPairName: required(str(CLOUD_ID)),
      /**
       * The install host's (first control-plane node's) SSH host public key, pinned by every
       * install step; `pending` until the nodes exist. Required with `bootstrap.enabled`.
       */
      hostKey: optional(sshHostKey(true)),
      user: withDefault(str(), 'root'),
      /** Where the private key is on the machine that runs KubeKey. */
      privateKeyPath: withDefault(str(), '~/.ssh/id_rsa'),
    }),
  ),
  /** Production needs an HA control plane: 3+ (odd) control-plane nodes in 2+ zones. */
  highAvailability: withDefault(bool(), false),
  /**
   * Format (only if blank) and mount each node's data disk before KubeKey installs anything, and
   * keep OpenEBS local volumes and containerd's images on it. Turn off only for a cluster installed
   * before this existed: its nodes already hold that data on the system disk, and the script refuses them.
   */
  prepareDataDisks: withDefault(bool(), true),
});

export type ClusterAccessSpec = Infer<typeof clusterSchema>;

/** `PayByCLCU` only; `PayBySpec` gets the reason it went away rather than a bare "not allowed". */
function chargeType(): Checker<typeof INSTANCE_CHARGE_TYPE> {
  const only = oneOf([INSTANCE_CHARGE_TYPE] as const);
  return withJsonSchema((value, key, issues) => {
    if (value === 'PayBySpec') {
      issues.push({
        key,
        value,
        message: `is no longer allowed: ${PAY_BY_SPEC_WITHDRAWN}; use '${INSTANCE_CHARGE_TYPE}' or leave the key out`,
      });
      return undefined;
    }
    return only(value, key, issues);
  }, jsonSchemaOf(only));
}

export const apiServerSchema = object({
  loadBalancer: required(
    object({
      addressType: withDefault(oneOf(LOAD_BALANCER_ADDRESS_TYPES), DEFAULT_ADDRESS_TYPE),
      /** Refused: the SLB is billed by LCU, which has no spec (see PAY_BY_SPEC_WITHDRAWN). */
      spec: optional(withdrawn(`is no longer allowed: ${PAY_BY_SPEC_WITHDRAWN}; remove the key`)),
      /** `PayByCLCU`, the only billing a new CLB can get; `PayBySpec` is refused with the reason. */
      instanceChargeType: withDefault(chargeType(), INSTANCE_CHARGE_TYPE),
      /** Who may reach the API server through the SLB (office, CI); never 0.0.0.0/0. */
      allowedCidrs: required(list(cidr(), { minLength: 1 })),
    }),
  ),
});

export type ApiServerSpec = Infer<typeof apiServerSchema>;

export const kubernetesSchema = object({
  version: optional(str({ pattern: /^v\d+\.\d+\.\d+$/, patternHint: 'a version such as v1.26.15' })),
  /** Acknowledges a Kubernetes version outside KubeSphere 3.4.1's supported matrix. */
  allowUnsupportedVersion: withDefault(bool(), false),
  podCidr: withDefault(cidr(), '10.233.64.0/18'),
  serviceCidr: withDefault(cidr(), '10.233.0.0/18'),
});

export type KubernetesSpec = Infer<typeof kubernetesSchema>;

export const kubesphereSchema = object({
  /** Production is the multicluster host, test a member, so one console manages both. */
  multiclusterRole: withDefault(oneOf(MULTICLUSTER_ROLES), 'none'),
  devops: withDefault(bool(), true),
  appStore: withDefault(bool(), true),
  logging: withDefault(bool(), true),
  events: withDefault(bool(), true),
  auditing: withDefault(bool(), true),
  alerting: withDefault(bool(), true),
  /** Where KubeSphere keeps cluster and container logs: its own OpenSearch (the 3.4.1 default). */
  logStore: withDefault(oneOf(['opensearch'] as const), 'opensearch'),
});

export type KubeSphereSpec = Infer<typeof kubesphereSchema>;

/**
 * Stand-in for `bootstrap.kubeKey.sha256` in the offline run only, when it is not set yet: a null
 * digest that no file has, so a script built with it refuses to run kk. Under the Pulumi engine an
 * unset digest is a config error (see parse.ts); this value never reaches a host.
 */
export const UNSET_KUBEKEY_SHA256 = '0'.repeat(64);

export const bootstrapSchema = object({
  /** Install the cluster with KubeKey over SSH, through the dev-tools host. */
  enabled: withDefault(bool(), false),
  /** The KubeKey release tarball: where to download it, and its SHA-256 (required with `enabled`). */
  kubeKey: withDefault(
    object({
      url: optional(
        str({
          pattern: /^https:\/\/[^\s'"]+$/,
          patternHint: 'an https URL of the kubekey-<version>-linux-amd64.tar.gz file, for example an OSS copy',
        }),
      ),
      sha256: optional(str({ pattern: /^[0-9a-f]{64}$/, patternHint: '64 lower-case hex digits, the SHA-256 of the tarball' })),
    }),
    { url: undefined, sha256: undefined },
  ),
});

export type BootstrapSpec = Infer<typeof bootstrapSchema>;
