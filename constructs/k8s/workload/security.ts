import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';

/**
 * User and group a pod runs as. Every workload sets these explicitly: several upstream images start as root
 * and only drop privileges themselves, which the restricted Pod Security level refuses.
 */
export interface PodIdentity {
  readonly runAsUser: number;
  readonly runAsGroup: number;
  /** Group that owns mounted volumes, so a non-root process can write its PVC. */
  readonly fsGroup: number;
}

/** The restricted Pod Security profile, pod level. */
export function restrictedPodSecurityContext(id: PodIdentity): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: id.runAsUser,
    runAsGroup: id.runAsGroup,
    fsGroup: id.fsGroup,
    // Skips the recursive chown of large volumes on every start once ownership is right.
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The restricted Pod Security profile, container level; repeated here so every container passes on its own. */
export function restrictedContainerSecurityContext(id: PodIdentity): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: id.runAsUser,
    runAsGroup: id.runAsGroup,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
