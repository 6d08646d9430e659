/** The platform's own rules: remote commands that print secrets, pinned Helm charts, RAM least privilege. */
import { PolicyRule } from '../types';
import { list, record, resourceRule, text } from './helpers';

export const REMOTE_COMMAND = 'command:remote:Command';
export const LOCAL_COMMAND = 'command:local:Command';
export const HELM_RELEASE = 'kubernetes:helm.sh/v3:Release';
export const HELM_CHART_V4 = 'kubernetes:helm.sh/v4:Chart';
export const RAM_POLICY = 'alicloud:ram/policy:Policy';

/** A script that prints a credential file (kubeconfig, private key) to stdout prints a secret. */
const PRINTS_SECRET_FILE =
  /\b(?:cat|base64|head|tail)\s+[^|;&\n]*?(?:admin\.conf|\.kube\/config|id_rsa|id_ed25519|id_ecdsa|\.pem\b|\.key\b)|\bkubectl\s+config\s+view\b[^\n]*--raw/;

/** pulumi-command's default: both streams go to the update display. */
const DEFAULT_LOGGING = 'stdoutAndStderr';
/** The pulumi-command `logging` values that keep each stream out of the update display and CI logs. */
const HIDES_STDOUT = new Set(['none', 'stderr']);
const HIDES_STDERR = new Set(['none', 'stdout']);

/** An exact chart version: `1.2.3`, optionally `v`-prefixed with a pre-release; no ranges, no `latest`. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export const PLATFORM_RULES: readonly PolicyRule[] = [
  resourceRule(
    {
      name: 'command-secret-output-not-logged',
      description:
        'A remote or local command that prints a credential (cat of a kubeconfig or a private key, kubectl config view --raw) does not log its stdout: pulumi-command shows it in the update display and CI logs unless logging says otherwise.',
      enforcementLevel: 'mandatory',
      resourceTypes: [REMOTE_COMMAND, LOCAL_COMMAND],
      references: [
        'platform: pulumi/pulumi-command#401 (stdout logged unless logging: none)',
        'CIS Kubernetes 5.4.1 (secrets out of logs and env)',
      ],
      remediation:
        "set logging: 'none' (or 'stderr') on the command and additionalSecretOutputs: ['stdout']; stdout stays available as a secret output",
    },
    (p) => {
      const logging = text(p.logging) ?? DEFAULT_LOGGING;
      const script = [p.create, p.update, p.delete].map((s) => text(s) ?? '').join('\n');
      return PRINTS_SECRET_FILE.test(script) && !HIDES_STDOUT.has(logging)
        ? [`the script prints a credential and logging is ${JSON.stringify(logging)}`]
        : [];
    },
  ),
  resourceRule(
    {
      name: 'command-secret-marked-output-not-logged',
      description:
        'A command whose stdout or stderr is declared secret (additionalSecretOutputs) does not also stream it to the update display and CI logs.',
      enforcementLevel: 'advisory',
      resourceTypes: [REMOTE_COMMAND, LOCAL_COMMAND],
      references: ['platform: pulumi/pulumi-command#401 (outputs marked secret are still logged unless logging excludes them)'],
      remediation:
        "set logging to exclude the secret streams ('none', 'stdout' or 'stderr'), or stop marking an output secret that is safe to show",
    },
    (p, r) => {
      const logging = text(p.logging) ?? DEFAULT_LOGGING;
      const problems: string[] = [];
      if (r.additionalSecretOutputs.includes('stdout') && !HIDES_STDOUT.has(logging)) {
        problems.push(`stdout is secret but logging is ${JSON.stringify(logging)}`);
      }
      if (r.additionalSecretOutputs.includes('stderr') && !HIDES_STDERR.has(logging)) {
        problems.push(`stderr is secret but logging is ${JSON.stringify(logging)}`);
      }
      return problems;
    },
  ),
  resourceRule(
    {
      name: 'helm-chart-version-pinned',
      description: 'Helm releases pin an exact chart version, so a preview today and an update tomorrow install the same thing.',
      enforcementLevel: 'mandatory',
      resourceTypes: [HELM_RELEASE, HELM_CHART_V4],
      references: ['platform: pin chart and image versions, never latest', 'Polaris tagNotSpecified (the image analogue)'],
      remediation: "set version to an exact chart version, e.g. version: '1.14.3'",
    },
    (p) => {
      const version = text(p.version);
      return version !== undefined && EXACT_VERSION.test(version)
        ? []
        : [`chart ${JSON.stringify(p.chart ?? '?')} has version ${JSON.stringify(p.version ?? 'unset')}`];
    },
  ),
  resourceRule(
    {
      name: 'ram-policy-no-admin-access',
      description: 'No RAM policy allows every action on every resource.',
      enforcementLevel: 'mandatory',
      resourceTypes: [RAM_POLICY],
      references: [
        'InfraGuard rule:aliyun:ram-policy-no-statements-with-admin-access-check',
        'CIS Kubernetes 5.1.3 (no wildcards), by analogy',
      ],
      remediation: 'list the actions and resources the role needs',
    },
    (p) => {
      let doc: unknown;
      try {
        doc = typeof p.policyDocument === 'string' ? JSON.parse(p.policyDocument) : p.policyDocument;
      } catch {
        return ['policyDocument is not JSON'];
      }
      const wildcard = (v: unknown) => (Array.isArray(v) ? v : [v]).includes('*');
      const admin = list(record(doc).Statement).some((s) => {
        const st = record(s);
        return st.Effect === 'Allow' && wildcard(st.Action) && wildcard(st.Resource);
      });
      return admin ? ['a statement allows Action "*" on Resource "*"'] : [];
    },
  ),
];
