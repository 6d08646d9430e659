/**
 * `npm run init`'s pure part: answers → the stack's config → the text of `Pulumi.<stack>.yaml`.
 * The text is read back and run through the project's own parser before anyone writes it, so a
 * generated file is one `npm run synth` accepts; secrets are never written, only named.
 */
import { parse as parseYaml, stringify } from 'yaml';
import { ValidationError, ValidationIssue } from '../../constructs/core';
import { CLUSTER_STACKS, StackSpec, parseStackConfig, requiredSecrets } from '../config/parse';
import { clusterSecurityGroups, InitAnswers, QUESTIONS, initKind } from './questions';

const REGION_KEY = 'alicloud:region';

/** Bad answers; each issue names the flag (or, for a rule spanning answers, the config key). */
export class InitError extends ValidationError {
  constructor(issues: readonly ValidationIssue[]) {
    super(issues, 'npm run init: invalid answers');
    this.name = 'InitError';
  }
}

export interface GeneratedStack {
  /** The file's text. */
  readonly yaml: string;
  /** What the project's parser made of it. */
  readonly spec: StackSpec;
  /** `pulumi config set --secret` commands still to run, one per secret the stack needs. */
  readonly secretCommands: readonly string[];
  /** Other keys to set before `pulumi up` (full keys). */
  readonly missingSettings: readonly string[];
}

/** The `config:` map of the stack file, by full key. */
export function stackConfig(project: string, a: InitAnswers): Record<string, unknown> {
  const key = (k: string) => `${project}:${k}`;
  if (initKind(a.stack) === 'shared') {
    const zones = a.zones ?? [];
    return {
      [REGION_KEY]: a.region,
      [key('network')]: {
        vpcCidr: a.vpcCidr,
        zones: a.zones,
        securityGroups: a.securityGroups,
        ...(a.natGateway ? { natGateway: {} } : {}),
      },
      // One export per cluster, named after the cluster (the generated clusters are named after their stacks).
      ...(a.nas ? { [key('nas')]: { zone: zones[0], clusters: [...CLUSTER_STACKS] } } : {}),
    };
  }
  const groups = clusterSecurityGroups(a.stack);
  const offset = a.addressOffset!;
  const pool = (name: string, count: number, roles: string[], instanceType: string, addressOffset: number) => ({
    name,
    count,
    roles,
    instanceType,
    imageId: a.imageId,
    addressOffset,
  });
  const pools =
    a.workers === 0
      ? [pool(`${a.stack}-node`, a.controlPlanes!, ['etcd', 'control-plane', 'worker'], a.instanceType!, offset)]
      : [
          pool(`${a.stack}-cp`, a.controlPlanes!, ['etcd', 'control-plane'], a.instanceType!, offset),
          // Right after the control plane's range: a pool of n nodes uses at most n hosts per vSwitch.
          pool(`${a.stack}-worker`, a.workers!, ['worker'], a.workerInstanceType!, offset + a.controlPlanes!),
        ];
  // An SLB in front of three or more control-plane nodes is what the parser calls highly available.
  const highAvailability = a.apiServerCidrs !== undefined && a.controlPlanes! >= 3;
  return {
    [REGION_KEY]: a.region,
    [key('cluster')]: {
      name: a.clusterName,
      ...(highAvailability ? { highAvailability } : {}),
      securityGroups: groups,
      ssh: { keyPairName: a.keyPair },
    },
    [key('nodePools')]: pools,
    ...(a.apiServerCidrs ? { [key('apiServer')]: { loadBalancer: { allowedCidrs: a.apiServerCidrs } } } : {}),
    [key('kubernetes')]: { version: a.kubernetesVersion },
    [key('kubesphere')]: { multiclusterRole: a.multiclusterRole },
    [key('bootstrap')]: { enabled: a.bootstrap },
  };
}

/** The command that stores one secret, as the parser's error message gives it. */
export function secretCommand(project: string, name: string): string {
  return `pulumi config set --secret --path '${project}:secrets.${name}' <value>`;
}

/**
 * Builds the stack file for `answers` and checks it with the project's parser (secrets offline:
 * named, not needed). Throws {@link InitError} naming the flag behind each bad key.
 */
export function generateStack(project: string, answers: InitAnswers): GeneratedStack {
  const config = stackConfig(project, answers);
  const yaml = render(project, answers.stack, config);
  // Parse the text, not the object: what is checked is exactly what is written.
  const values = (parseYaml(yaml) as { config: Record<string, unknown> }).config;
  let spec: StackSpec;
  try {
    spec = parseStackConfig({ project, stack: answers.stack, values }, { missingSecrets: 'placeholder' });
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new InitError(err.issues.map((i) => ({ ...i, key: withFlag(project, i.key) })));
    }
    throw err;
  }
  return { yaml, spec, secretCommands: requiredSecrets(spec).map((n) => secretCommand(project, n)), missingSettings: spec.missingSettings };
}

/** Config keys the answers fill, by the flag that fills them; the longest match wins. */
const KEY_FLAGS: ReadonlyArray<[string, string]> = [
  ['alicloud:region', '--region'],
  ['network.zones', '--zones'],
  ['network.vpcCidr', '--vpc-cidr'],
  ['network.securityGroups', '--security-groups'],
  ['nas', '--nas'],
  ['cluster.name', '--cluster-name'],
  ['cluster.ssh.keyPairName', '--key-pair'],
  ['nodePools[0].count', '--control-planes'],
  ['nodePools[1].count', '--workers'],
  ['nodePools[0].instanceType', '--instance-type'],
  ['nodePools[1].instanceType', '--worker-instance-type'],
  ['apiServer', '--api-server-cidrs'],
  ['kubernetes.version', '--kubernetes-version'],
  ['kubesphere.multiclusterRole', '--multicluster-role'],
];

/** `platform:kubernetes.version` → `platform:kubernetes.version (--kubernetes-version)`. */
function withFlag(project: string, key: string): string {
  const local = key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;
  const match = KEY_FLAGS.filter(([k]) => local === k || local.startsWith(`${k}.`) || local.startsWith(`${k}[`)).sort(
    (x, y) => y[0].length - x[0].length,
  )[0];
  return match === undefined ? key : `${key} (${match[1]})`;
}

function render(project: string, stack: string, config: Record<string, unknown>): string {
  const header = [
    `# Stack '${stack}', written by \`npm run init\`. Every key is described in README.md ("Configuration").`,
    '# Secrets are never kept here in clear: set them with `pulumi config set --secret --path` (see the',
    `# commands npm run init printed, or run it again). Check the whole project with \`npm run synth\`.`,
  ];
  return `${header.join('\n')}\n${stringify({ config }, { lineWidth: 0 })}`;
}

/** Every flag, for the usage text. */
export function usage(): string {
  const lines = QUESTIONS.map((q) => `  ${q.flag.padEnd(24)}${q.prompt} [${q.kinds.join(', ')}]`);
  return [
    'usage: npm run init -- --stack shared|prod|test [--flag value ...] [--force] [--yes]',
    '  Writes Pulumi.<stack>.yaml; asks on a terminal, takes flags and defaults otherwise.',
    '  --force                 overwrite an existing stack file',
    '  --yes                   take the defaults for every flag not given, without asking',
    '  --project-dir DIR       the folder with Pulumi.yaml (default: .)',
    ...lines,
  ].join('\n');
}
