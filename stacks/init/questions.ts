/**
 * The questions `npm run init` asks, as data: each has its flag, the stacks it applies to, a default
 * (which may depend on earlier answers) and a reader that turns the typed text into a value or says
 * what is allowed. The prompt (infra/init.ts) and the flag reader share this one table, so a script
 * and a person at a terminal get the same checks and the same defaults.
 */
import { ValidationIssue, parseCidr } from '../../constructs/core';
import { DEFAULT_KUBERNETES_VERSION } from '../../constructs/kubekey';
import { CLUSTER_STACKS, stackKind } from '../config/parse';

export type InitKind = 'shared' | 'cluster';

/** Every answer, typed; which ones are set depends on the stack's kind. */
export interface InitAnswers {
  readonly stack: string;
  readonly region: string;
  // shared
  readonly zones?: readonly string[];
  readonly vpcCidr?: string;
  readonly securityGroups?: readonly string[];
  readonly natGateway?: boolean;
  readonly nas?: boolean;
  // cluster
  readonly clusterName?: string;
  readonly controlPlanes?: number;
  readonly workers?: number;
  readonly instanceType?: string;
  readonly workerInstanceType?: string;
  readonly imageId?: string;
  readonly addressOffset?: number;
  readonly keyPair?: string;
  readonly apiServerCidrs?: readonly string[];
  readonly kubernetesVersion?: string;
  readonly multiclusterRole?: 'host' | 'member' | 'none';
  readonly bootstrap?: boolean;
}

type Partial = { -readonly [K in keyof InitAnswers]?: InitAnswers[K] };
/** A reader returns the value, or a message phrased to follow the value ("is not …; expected …"). */
type Reader = (text: string) => { value: unknown } | { error: string };

export interface Question {
  /** The answer it fills. */
  readonly name: keyof InitAnswers;
  /** `--flag` for scripts and CI. */
  readonly flag: string;
  /** What the prompt asks. */
  readonly prompt: string;
  readonly kinds: readonly InitKind[];
  /** The default as the user would type it, from the answers so far; undefined: must be given. */
  readonly fallback: (a: Partial) => string | undefined;
  readonly read: Reader;
}

/** The seed's stock image: Alibaba's Ubuntu 22.04, which KubeKey v3 supports. */
export const DEFAULT_IMAGE_ID = 'ubuntu_22_04_x64_20G_alibase_20240926.vhd';
export const DEFAULT_INSTANCE_TYPE = 'ecs.c7.2xlarge';
export const DEFAULT_REGION = 'cn-shenzhen';
export const DEFAULT_VPC_CIDR = '10.20.0.0/16';
/** Fixed-address ranges per cluster stack, far enough apart that the two never collide (the dev-tools host sits below 10). */
export const DEFAULT_ADDRESS_OFFSETS: Readonly<Record<string, number>> = { prod: 10, test: 40 };
/** The security groups each cluster stack's pools join; the shared stack creates them all by default. */
export function clusterSecurityGroups(stack: string): { controlPlane: string; worker: string } {
  return { controlPlane: `${stack}-control-plane`, worker: `${stack}-worker` };
}

const ZONE = /^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*-[a-z]$/;
const NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

const ok = (value: unknown) => ({ value });
const fail = (error: string) => ({ error });

function text(pattern: RegExp, hint: string): Reader {
  return (t) => (pattern.test(t) ? ok(t) : fail(`is not allowed; expected ${hint}`));
}

function integer(min: number, max: number): Reader {
  return (t) =>
    /^\d+$/.test(t) && Number(t) >= min && Number(t) <= max
      ? ok(Number(t))
      : fail(`is not allowed; expected an integer from ${min} to ${max}`);
}

function yesNo(): Reader {
  return (t) => {
    const v = t.toLowerCase();
    if (['y', 'yes', 'true'].includes(v)) {
      return ok(true);
    }
    return ['n', 'no', 'false'].includes(v) ? ok(false) : fail('is not allowed; expected yes or no');
  };
}

/** A comma-separated list, each item read by `item`; empty items and repeats are refused. */
function listOf(item: Reader, what: string): Reader {
  return (t) => {
    const parts = t.split(',').map((p) => p.trim());
    if (parts.some((p) => p === '')) {
      return fail(`is not allowed; expected a comma-separated list of ${what}`);
    }
    if (new Set(parts).size !== parts.length) {
      return fail('repeats an entry; expected each once');
    }
    for (const p of parts) {
      const r = item(p);
      if ('error' in r) {
        return fail(`has '${p}', which ${r.error}`);
      }
    }
    return ok(parts);
  };
}

function cidrReader(openAllowed: boolean): Reader {
  return (t) => {
    const parsed = parseCidr(t);
    if (typeof parsed === 'string') {
      return fail(parsed);
    }
    return !openAllowed && t === '0.0.0.0/0'
      ? fail('opens the cluster to the whole internet; expected the office, VPN or CI ranges')
      : ok(t);
  };
}

const yes = (b: boolean | undefined) => (b ? 'yes' : 'no');

export const QUESTIONS: readonly Question[] = [
  {
    name: 'region',
    flag: '--region',
    prompt: 'Alibaba Cloud region',
    kinds: ['shared', 'cluster'],
    fallback: () => DEFAULT_REGION,
    read: text(/^[a-z]{2}-[a-z0-9-]+$/, 'a region id such as cn-shenzhen'),
  },
  {
    name: 'zones',
    flag: '--zones',
    prompt: 'Zones (comma-separated, one vSwitch each)',
    kinds: ['shared'],
    fallback: (a) => `${a.region}-e,${a.region}-f`,
    read: listOf(text(ZONE, 'a zone id such as cn-shenzhen-e'), 'zone ids'),
  },
  { name: 'vpcCidr', flag: '--vpc-cidr', prompt: 'VPC CIDR', kinds: ['shared'], fallback: () => DEFAULT_VPC_CIDR, read: cidrReader(true) },
  {
    name: 'securityGroups',
    flag: '--security-groups',
    prompt: 'Security groups to create',
    kinds: ['shared'],
    fallback: () => CLUSTER_STACKS.flatMap((s) => Object.values(clusterSecurityGroups(s))).join(','),
    read: listOf(text(/^[a-z][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'), 'names'),
  },
  {
    name: 'natGateway',
    flag: '--nat-gateway',
    prompt: 'NAT gateway for the nodes to reach the internet',
    kinds: ['shared'],
    fallback: () => 'yes',
    read: yesNo(),
  },
  {
    name: 'nas',
    flag: '--nas',
    prompt: `NAS file system for the clusters' volumes (${CLUSTER_STACKS.join(', ')})`,
    kinds: ['shared'],
    fallback: () => 'yes',
    read: yesNo(),
  },
  {
    name: 'clusterName',
    flag: '--cluster-name',
    prompt: 'Cluster name',
    kinds: ['cluster'],
    fallback: (a) => a.stack,
    read: text(NAME, 'lower-case letters, digits and dashes, starting with a letter'),
  },
  {
    name: 'controlPlanes',
    flag: '--control-planes',
    prompt: 'Control-plane (and etcd) nodes, an odd number',
    kinds: ['cluster'],
    fallback: (a) => (a.stack === 'prod' ? '3' : '1'),
    read: integer(1, 99),
  },
  {
    name: 'workers',
    flag: '--workers',
    prompt: 'Worker nodes (0: the control-plane nodes run workloads too)',
    kinds: ['cluster'],
    fallback: (a) => (a.stack === 'prod' ? '3' : '2'),
    read: integer(0, 100),
  },
  {
    name: 'instanceType',
    flag: '--instance-type',
    prompt: 'ECS instance type of the control-plane nodes',
    kinds: ['cluster'],
    fallback: () => DEFAULT_INSTANCE_TYPE,
    read: text(/^ecs\.[a-z0-9-]+\.[a-z0-9]+$/, 'an ECS instance type such as ecs.c7.2xlarge'),
  },
  {
    name: 'workerInstanceType',
    flag: '--worker-instance-type',
    prompt: 'ECS instance type of the workers',
    kinds: ['cluster'],
    fallback: (a) => a.instanceType,
    read: text(/^ecs\.[a-z0-9-]+\.[a-z0-9]+$/, 'an ECS instance type such as ecs.c7.2xlarge'),
  },
  {
    name: 'imageId',
    flag: '--image-id',
    prompt: 'ECS image id',
    kinds: ['cluster'],
    fallback: () => DEFAULT_IMAGE_ID,
    read: text(/^\S{3,}$/, 'an ECS image id'),
  },
  {
    name: 'addressOffset',
    flag: '--address-offset',
    prompt: "Host index where the nodes' fixed addresses start in each vSwitch",
    kinds: ['cluster'],
    fallback: (a) => String(DEFAULT_ADDRESS_OFFSETS[a.stack ?? ''] ?? 10),
    read: integer(1, 65000),
  },
  {
    name: 'keyPair',
    flag: '--key-pair',
    prompt: "ECS key pair name for SSH (this cluster's own: not the other cluster's nor the jump host's)",
    kinds: ['cluster'],
    fallback: () => undefined,
    read: text(/^\S+$/, 'a key pair name'),
  },
  {
    name: 'apiServerCidrs',
    flag: '--api-server-cidrs',
    prompt: 'Who may reach the API server through an SLB (comma-separated CIDRs, "none" for no SLB)',
    kinds: ['cluster'],
    fallback: () => 'none',
    read: (t) => (t === 'none' ? ok(undefined) : listOf(cidrReader(false), 'CIDRs')(t)),
  },
  {
    name: 'kubernetesVersion',
    flag: '--kubernetes-version',
    prompt: 'Kubernetes version (KubeSphere is v3.4.1)',
    kinds: ['cluster'],
    fallback: () => DEFAULT_KUBERNETES_VERSION,
    read: text(/^v\d+\.\d+\.\d+$/, 'a version such as v1.26.15'),
  },
  {
    name: 'multiclusterRole',
    flag: '--multicluster-role',
    prompt: 'KubeSphere multicluster role (host, member, none)',
    kinds: ['cluster'],
    fallback: (a) => (a.stack === 'prod' ? 'host' : 'member'),
    read: (t) => (['host', 'member', 'none'].includes(t) ? ok(t) : fail("is not allowed; expected one of 'host', 'member', 'none'")),
  },
  {
    name: 'bootstrap',
    flag: '--bootstrap',
    prompt: 'Install the cluster with KubeKey over SSH (needs platform:devtools, the jump host, on the shared stack)',
    kinds: ['cluster'],
    fallback: () => yes(false),
    read: yesNo(),
  },
];

/** Flags that take no question: the stack, and the writer's own switches. */
export const STACK_FLAG = '--stack';

/** The kind of a stack name, or the issue that names `--stack`. */
export function initKind(stack: string | undefined): InitKind | ValidationIssue {
  const kind = stack === undefined ? undefined : stackKind(stack);
  if (kind === 'shared' || kind === 'cluster') {
    return kind;
  }
  return {
    key: STACK_FLAG,
    value: stack,
    message: `${stack === undefined ? 'is required' : 'is not a stack of this project'}; expected one of 'shared', ${CLUSTER_STACKS.map((s) => `'${s}'`).join(', ')}`,
  };
}

/** The questions for a kind, in the order they are asked. */
export function questionsFor(kind: InitKind): Question[] {
  return QUESTIONS.filter((q) => q.kinds.includes(kind));
}

/**
 * Answers from flags (`--flag` → text) and defaults, with no prompt: every bad value, unknown flag
 * or flag that does not apply to the stack is one issue naming the flag.
 */
export function answersFromFlags(flags: Readonly<Record<string, string>>): { answers?: InitAnswers; issues: ValidationIssue[] } {
  const kind = initKind(flags[STACK_FLAG]);
  if (typeof kind !== 'string') {
    return { issues: [kind] };
  }
  const issues: ValidationIssue[] = [];
  const asked = questionsFor(kind);
  for (const flag of Object.keys(flags).filter((f) => f !== STACK_FLAG)) {
    const q = QUESTIONS.find((x) => x.flag === flag);
    if (q === undefined) {
      issues.push({
        key: flag,
        value: flags[flag],
        message: `is not a flag of npm run init; expected one of ${[STACK_FLAG, ...QUESTIONS.map((x) => x.flag)].join(', ')}`,
      });
    } else if (!asked.includes(q)) {
      issues.push({ key: flag, value: flags[flag], message: `does not apply to a ${kind} stack; it is for ${q.kinds.join(', ')} stacks` });
    }
  }
  const answers: Partial = { stack: flags[STACK_FLAG] };
  for (const q of asked) {
    const given = flags[q.flag] ?? q.fallback(answers);
    const result = answerOne(q, given);
    if ('error' in result) {
      issues.push({ key: q.flag, value: given, message: result.error });
      continue;
    }
    (answers as Record<string, unknown>)[q.name] = result.value;
  }
  return issues.length > 0 ? { issues } : { answers: answers as InitAnswers, issues };
}

/** Reads one answer's text; a missing answer with no default is an error. */
export function answerOne(q: Question, given: string | undefined): { value: unknown } | { error: string } {
  if (given === undefined || given.trim() === '') {
    return fail('is required; it has no default');
  }
  return q.read(given.trim());
}
