/**
 * Version pins and compatibility data for KubeKey v3, KubeSphere and Kubernetes, kept as data so a
 * version bump is a one-line change that the version tests then re-check.
 *
 * Sources (see the shared KubeKey/KubeSphere reference, sections 1 and 2):
 * - KubeKey `cmd/kk/pkg/version/kubernetes/version_enum.go` (v3.1.12): installable minors v1.19…v1.33.
 * - KubeKey `cmd/kk/pkg/version/kubesphere/ks_installer.go`: `KsV341.K8sSupportVersions = v1.21…v1.26`.
 * - KubeKey `docs/kubernetes-versions.md`: every patch KubeKey has checksums for.
 */

/**
 * The KubeKey release, the one fact every KubeKey-related decision reads: the bootstrap downloads
 * exactly this release, the documents are rendered in its config format (`cmd/kk/apis/kubekey/v1alpha2`),
 * and the version checks below use its matrix. Not a setting: another release would need its own
 * matrix and field names checked, so a bump is a change here that the version tests then re-check.
 * v3.1.12 is the last v3 release: `main` is now KubeKey v4, whose config format
 * (`kubekey.kubesphere.io/v1`, `Inventory`/`Config`) is completely different.
 */
export const KUBEKEY_VERSION = 'v3.1.12';

/** The only architecture the bootstrap installs on (ECS x86 families). */
export const KUBEKEY_ARCH = 'amd64';

/** File name of a KubeKey release tarball, as KubeKey's `make release-archive` names it. */
export function kubeKeyArchiveName(version: string = KUBEKEY_VERSION, arch: string = KUBEKEY_ARCH): string {
  return `kubekey-${version}-linux-${arch}.tar.gz`;
}

/**
 * The GitHub release URL of a KubeKey tarball. KubeKey's own `downloadKubekey.sh` takes the same file
 * from GitHub, or with `KKZONE=cn` from `kubernetes.pek3b.qingstor.com/kubekey/releases/download/…`;
 * either source, or a copy in the user's OSS bucket, serves the same bytes, which the pinned sha256
 * checks.
 */
export function kubeKeyReleaseUrl(version: string = KUBEKEY_VERSION, arch: string = KUBEKEY_ARCH): string {
  return `https://github.com/kubesphere/kubekey/releases/download/${version}/${kubeKeyArchiveName(version, arch)}`;
}

/** The KubeSphere release the ClusterConfiguration targets (the newest KubeKey v3.1.12 can install). */
export const KUBESPHERE_VERSION = 'v3.4.1';

/**
 * Default Kubernetes version. v1.26 is the newest minor in KubeSphere 3.4.1's matrix, and v1.26.15 is
 * the newest 1.26 patch in KubeKey's `docs/kubernetes-versions.md`, so KubeKey has its checksums.
 */
export const DEFAULT_KUBERNETES_VERSION = 'v1.26.15';

/** Kubernetes minors KubeKey v3.1.12 can install (`version_enum.go`). */
export const KUBEKEY_KUBERNETES_MINORS: readonly string[] = Array.from({ length: 33 - 19 + 1 }, (_, i) => `v1.${19 + i}`);

/** Kubernetes minors KubeSphere 3.4.1 supports, per KubeKey's own matrix (`KsV341.K8sSupportVersions`). */
export const KUBESPHERE_KUBERNETES_MINORS: readonly string[] = ['v1.21', 'v1.22', 'v1.23', 'v1.24', 'v1.25', 'v1.26'];

/** A parsed `vMAJOR.MINOR.PATCH` Kubernetes version. */
export interface KubernetesVersion {
  /** Major version: 1 for every Kubernetes release so far. */
  readonly major: number;
  /** Minor version; KubeKey's and KubeSphere's support matrices are by minor. */
  readonly minor: number;
  /** Patch version; KubeKey downloads only patches it has checksums for. */
  readonly patch: number;
}

/** Result of {@link checkKubernetesVersion}: `errors` refuse the version, `warnings` are for the caller to print. */
export interface VersionCheck {
  /** Reasons the version is refused, phrased to be read after the value (like `ValidationIssue.message`). */
  readonly errors: readonly string[];
  /** Accepted-but-risky notes, present only when `allowUnsupportedVersion` let a version through. */
  readonly warnings: readonly string[];
}

// Plain kubeadm releases only: KubeKey reads a suffix such as `-k3s` as a different cluster type,
// which this library does not build.
const VERSION_PATTERN = /^v(\d+)\.(\d+)\.(\d+)$/;

/** Parses `v1.26.15`; anything else (no `v`, missing patch, suffixes) gives undefined. */
export function parseKubernetesVersion(version: string): KubernetesVersion | undefined {
  const m = VERSION_PATTERN.exec(version);
  if (!m) {
    return undefined;
  }
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

function minorOf(v: KubernetesVersion): string {
  return `v${v.major}.${v.minor}`;
}

function rangeText(minors: readonly string[]): string {
  return `${minors[0]}–${minors[minors.length - 1]}`;
}

/**
 * Checks a Kubernetes version against what KubeKey v3.1.12 can install and what KubeSphere 3.4.1
 * supports.
 *
 * - Malformed, or a minor KubeKey cannot install: always an error.
 * - Installable but outside KubeSphere 3.4.1's matrix: an error, unless `allowUnsupportedVersion` is
 *   true; then a warning the caller should print. KubeKey enforces the matrix only in the upgrade
 *   pipeline (`DependencyCheck`), not in `kk create cluster`, so nothing downstream would stop it.
 *
 * Only the minor is checked: KubeKey itself refuses a patch it has no checksums for when it downloads.
 */
export function checkKubernetesVersion(version: string, allowUnsupportedVersion: boolean): VersionCheck {
  const parsed = parseKubernetesVersion(version);
  if (!parsed) {
    return { errors: ['is not a Kubernetes version (expected vMAJOR.MINOR.PATCH, for example v1.26.15)'], warnings: [] };
  }
  const minor = minorOf(parsed);
  if (!KUBEKEY_KUBERNETES_MINORS.includes(minor)) {
    return {
      errors: [`cannot be installed by KubeKey ${KUBEKEY_VERSION} (it installs ${rangeText(KUBEKEY_KUBERNETES_MINORS)})`],
      warnings: [],
    };
  }
  if (KUBESPHERE_KUBERNETES_MINORS.includes(minor)) {
    return { errors: [], warnings: [] };
  }
  const why =
    `KubeSphere ${KUBESPHERE_VERSION} supports Kubernetes ${rangeText(KUBESPHERE_KUBERNETES_MINORS)} only; ` +
    `${minor} is outside its documented matrix (KubeKey ks_installer.go and the KubeSphere v3.4 docs), and ` +
    'ks-installer failures have been reported on v1.27 (kubesphere/kubesphere#5876, #5897)';
  if (!allowUnsupportedVersion) {
    return { errors: [`is not supported: ${why}. Set kubernetes.allowUnsupportedVersion to accept the risk`], warnings: [] };
  }
  return { errors: [], warnings: [`Kubernetes ${version} is installable but unsupported: ${why}.`] };
}

/** The versions a KubeKey file installs: `spec.kubernetes.version` and the ClusterConfiguration's `version` label. */
export interface ClusterVersions {
  /** Kubernetes, `vMAJOR.MINOR.PATCH`. */
  readonly kubernetes: string;
  /** KubeSphere, for example `v3.4.1`; undefined when the file installs no KubeSphere. */
  readonly kubesphere?: string;
}

function compareVersions(a: KubernetesVersion, b: KubernetesVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * Checks a version change of an installed cluster, which `kk upgrade` performs.
 *
 * - The target Kubernetes version must pass {@link checkKubernetesVersion}, the check a new install gets.
 * - No downgrade: kubeadm cannot downgrade a control plane, and `kk upgrade` does not try.
 * - One Kubernetes minor per change: `kk upgrade` would step through the intermediate minors
 *   (`calculateNextStr` in KubeKey's `pkg/kubernetes/tasks.go`), but each step is a separate upgrade
 *   to test and back up for (etcd snapshot), so the library makes each one an explicit change.
 * - KubeSphere can only move forward, to {@link KUBESPHERE_VERSION} (the ClusterConfiguration this
 *   library renders); KubeKey's `DependencyCheck` refuses plans its `UpgradeSupport` does not list.
 */
export function checkUpgrade(from: ClusterVersions, to: ClusterVersions, allowUnsupportedVersion: boolean): VersionCheck {
  const target = checkKubernetesVersion(to.kubernetes, allowUnsupportedVersion);
  const errors = [...target.errors];
  const before = parseKubernetesVersion(from.kubernetes);
  const after = parseKubernetesVersion(to.kubernetes);
  if (before && after) {
    if (compareVersions(after, before) < 0) {
      errors.push(`is older than the installed ${from.kubernetes}; Kubernetes cannot be downgraded (kubeadm upgrades only)`);
    } else if (after.major !== before.major || after.minor > before.minor + 1) {
      errors.push(
        `skips a minor from the installed ${from.kubernetes}; upgrade one minor per change (v${before.major}.${before.minor + 1} next), testing and backing up etcd between steps`,
      );
    }
  }
  if (from.kubesphere !== undefined && to.kubesphere !== undefined && from.kubesphere !== to.kubesphere) {
    const ks = (v: string) => parseKubernetesVersion(v);
    const [a, b] = [ks(from.kubesphere), ks(to.kubesphere)];
    if (a && b && compareVersions(b, a) < 0) {
      errors.push(`goes back from KubeSphere ${from.kubesphere} to ${to.kubesphere}; KubeSphere cannot be downgraded`);
    }
  }
  if (from.kubesphere !== undefined && to.kubesphere === undefined) {
    errors.push(`removes KubeSphere ${from.kubesphere}; kk upgrade cannot uninstall it`);
  }
  return { errors, warnings: target.warnings };
}
