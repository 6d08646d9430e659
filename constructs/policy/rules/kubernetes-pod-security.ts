/**
 * Pod Security Standards "restricted", per workload: every rule below is one control of the
 * standard (kubernetes/pod-security-admission `policy/check_*.go`), applied to the pod template of
 * Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and Pods, whether they are
 * `@pulumi/kubernetes` resources or inside a ConfigGroup.
 */
import { Workload, WORKLOAD_CARRIERS, WorkloadContainer, workloads } from '../kubernetes';
import { PolicyRule, RuleInfo } from '../types';
import { isTrue, list, record, resourceRule, text } from './helpers';

/** A rule checking each workload a resource carries; messages are prefixed with the workload. */
export function workloadRule(info: Omit<RuleInfo, 'resourceTypes'>, check: (w: Workload) => string[]): PolicyRule {
  return resourceRule({ ...info, resourceTypes: WORKLOAD_CARRIERS }, (_p, resource) =>
    workloads(resource).flatMap((w) => check(w).map((m) => `${w.id}: ${m}`)),
  );
}

/** A rule checking each container of each workload. */
export function containerRule(
  info: Omit<RuleInfo, 'resourceTypes'>,
  check: (c: WorkloadContainer, w: Workload) => string | undefined,
): PolicyRule {
  return workloadRule(info, (w) =>
    w.containers.flatMap((c) => {
      const problem = check(c, w);
      return problem === undefined ? [] : [`${c.label} ${problem}`];
    }),
  );
}

function securityContext(c: WorkloadContainer): Record<string, unknown> {
  return record(c.spec.securityContext);
}

/** The volume sources the restricted profile allows. */
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'downwardAPI',
  'emptyDir',
  'projected',
  'secret',
  'csi',
  'persistentVolumeClaim',
  'ephemeral',
  'image',
]);
const SECCOMP_ALLOWED = new Set(['RuntimeDefault', 'Localhost']);
const PSS = 'Pod Security Standards restricted';

export const POD_SECURITY_RULES: readonly PolicyRule[] = [
  containerRule(
    {
      name: 'k8s-no-privileged-containers',
      description: 'No container runs privileged.',
      enforcementLevel: 'mandatory',
      references: [`${PSS} (baseline): Privileged Containers`, 'Polaris runAsPrivileged', 'CKV_K8S_16'],
      remediation: 'remove securityContext.privileged',
    },
    (c) => (isTrue(securityContext(c).privileged) ? 'is privileged' : undefined),
  ),
  containerRule(
    {
      name: 'k8s-no-privilege-escalation',
      description: 'Every container sets allowPrivilegeEscalation: false.',
      enforcementLevel: 'mandatory',
      references: [`${PSS}: Privilege Escalation`, 'Polaris privilegeEscalationAllowed', 'CKV_K8S_20'],
      remediation: 'set securityContext.allowPrivilegeEscalation: false on every container',
    },
    (c) => (securityContext(c).allowPrivilegeEscalation === false ? undefined : 'does not set allowPrivilegeEscalation: false'),
  ),
  workloadRule(
    {
      name: 'k8s-run-as-non-root',
      description: 'Pods run as a non-root user: runAsNonRoot true (pod or every container), never runAsUser 0.',
      enforcementLevel: 'mandatory',
      references: [`${PSS}: Running as Non-root, Running as Non-root user`, 'Polaris runAsRootAllowed', 'CKV_K8S_23'],
      remediation: 'set securityContext.runAsNonRoot: true and a non-zero runAsUser (pod or container)',
    },
    (w) => {
      const pod = record(w.pod.securityContext);
      const problems: string[] = [];
      if (pod.runAsUser === 0) {
        problems.push('pod runAsUser is 0');
      }
      for (const c of w.containers) {
        const sc = securityContext(c);
        if (sc.runAsUser === 0) {
          problems.push(`${c.label} runAsUser is 0`);
        }
        if (sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && pod.runAsNonRoot !== true)) {
          problems.push(`${c.label} may run as root (runAsNonRoot not true)`);
        }
      }
      return problems;
    },
  ),
  containerRule(
    {
      name: 'k8s-capabilities-dropped',
      description: 'Every container drops ALL capabilities and adds back at most NET_BIND_SERVICE.',
      enforcementLevel: 'mandatory',
      references: [`${PSS}: Capabilities`, 'Polaris insecureCapabilities, dangerousCapabilities', 'CKV_K8S_37'],
      remediation: "set securityContext.capabilities: { drop: ['ALL'] } (add only NET_BIND_SERVICE)",
    },
    (c) => {
      const caps = record(securityContext(c).capabilities);
      const added = list(caps.add)
        .map(String)
        .filter((a) => a !== 'NET_BIND_SERVICE');
      if (!list(caps.drop).includes('ALL')) {
        return 'does not drop ALL capabilities';
      }
      return added.length > 0 ? `adds ${added.join(', ')}` : undefined;
    },
  ),
  workloadRule(
    {
      name: 'k8s-seccomp-profile',
      description: 'Pods run under the RuntimeDefault (or a Localhost) seccomp profile.',
      enforcementLevel: 'mandatory',
      references: [`${PSS}: Seccomp`, 'Polaris linuxHardening', 'CKV_K8S_31'],
      remediation: "set securityContext.seccompProfile: { type: 'RuntimeDefault' } on the pod",
    },
    (w) => {
      const podType = text(record(record(w.pod.securityContext).seccompProfile).type);
      return w.containers.flatMap((c) => {
        const type = text(record(securityContext(c).seccompProfile).type) ?? podType;
        return type !== undefined && SECCOMP_ALLOWED.has(type) ? [] : [`${c.label} has seccomp profile ${type ?? 'unset'}`];
      });
    },
  ),
  workloadRule(
    {
      name: 'k8s-no-host-access',
      description: "Pods share none of the host's namespaces (network, PID, IPC) and bind no host ports.",
      enforcementLevel: 'mandatory',
      references: [
        `${PSS} (baseline): Host Namespaces, Host Ports`,
        'Polaris hostNetworkSet, hostPIDSet, hostIPCSet, hostPortSet',
        'CKV_K8S_17',
        'CKV_K8S_18',
        'CKV_K8S_19',
      ],
      remediation: 'remove hostNetwork, hostPID, hostIPC and hostPort; expose the pod through a Service',
    },
    (w) => {
      const problems = ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => isTrue(w.pod[k])).map((k) => `${k} is true`);
      for (const c of w.containers) {
        for (const port of list(c.spec.ports).map(record)) {
          if (Number(port.hostPort ?? 0) > 0) {
            problems.push(`${c.label} binds hostPort ${String(port.hostPort)}`);
          }
        }
      }
      return problems;
    },
  ),
  workloadRule(
    {
      name: 'k8s-restricted-volume-types',
      description: 'Pods use only the volume types the restricted profile allows (no hostPath, no inline NFS: NAS comes through PVCs).',
      enforcementLevel: 'mandatory',
      references: [`${PSS}: Volume Types`, 'Polaris hostPathSet'],
      remediation:
        'mount NAS through a PersistentVolumeClaim of the NAS storage class; use configMap, secret, emptyDir, projected or csi volumes',
    },
    (w) =>
      list(w.pod.volumes)
        .map(record)
        .flatMap((v) => {
          const sources = Object.keys(v).filter((k) => k !== 'name');
          const bad = sources.filter((k) => !RESTRICTED_VOLUMES.has(k));
          return bad.length > 0 ? [`volume ${String(v.name)} is of type ${bad.join(', ')}`] : [];
        }),
  ),
];
