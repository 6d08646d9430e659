/**
 * The checks of the `KubeSphereCluster` component's props, run before the component registers anything:
 * the documents from the known parts, the bootstrap settings, and the change from the last install.
 */
import { KubeKeyClusterInput, KubernetesSettings, RenderedKubeKeyFile, renderKubeKey } from '../../kubekey';
import { checkInstallChange } from './install-change';
import { DEFAULT_KUBECONFIG_REFRESH_DAYS } from './kubeconfig-refresh';
import { BOOTSTRAP_USER } from './scripts';
import type { KubeSphereBootstrapProps, KubeSphereClusterProps } from './props';

/**
 * Validates the props: the documents from the known parts (the external endpoints' addresses may
 * not exist yet), the bootstrap settings, and the change from the last install.
 * @returns the KubeKey input for given extra SANs, the file rendered from the known parts (with
 * every external endpoint when all are plain strings, so the component need not render again),
 * and the warnings so far
 */
export function checkProps(
  name: string,
  props: KubeSphereClusterProps,
): { input: (extraSans: readonly string[]) => KubeKeyClusterInput; known: RenderedKubeKeyFile; knownSans: boolean; warnings: string[] } {
  const hosts = props.nodes.map((n) => ({ name: n.name, internalAddress: n.privateIp, roles: n.roles, labels: n.labels }));
  const input = (extraSans: readonly string[]): KubeKeyClusterInput => ({
    ...props.kubeKey,
    hosts,
    kubernetes: {
      ...props.kubeKey.kubernetes,
      apiserverCertExtraSans: [...(props.kubeKey.kubernetes?.apiserverCertExtraSans ?? []), ...extraSans],
    } satisfies KubernetesSettings,
  });
  // The external endpoints' addresses only reach apiserverCertExtraSans, a setting: they decide no
  // refusal, so the checks run on the known parts.
  const plainSans = (props.externalEndpoints ?? []).filter((e): e is string => typeof e === 'string');
  const knownSans = plainSans.length === (props.externalEndpoints ?? []).length;
  const known = renderKubeKey(input(knownSans ? plainSans : []));
  const warnings = [...known.warnings];
  const bootstrap = props.bootstrap;
  if (!bootstrap || !props.nodes.some((n) => n.roles.includes('control-plane'))) {
    if (props.kubeconfig === undefined) {
      throw new Error(`KubeSphereCluster '${name}': set 'bootstrap' to install the cluster, or 'kubeconfig' for one installed elsewhere`);
    }
    return { input, known, knownSans, warnings };
  }
  if ((bootstrap.sshUser ?? BOOTSTRAP_USER) !== BOOTSTRAP_USER) {
    throw new Error(
      `KubeSphereCluster '${name}': bootstrap.sshUser '${bootstrap.sshUser}' is not supported; the install runs as '${BOOTSTRAP_USER}'`,
    );
  }
  // Every `${NAME}` placeholder in the documents must get its value at install time.
  const missing = known.secretEnvVars.filter((n) => !(n in (bootstrap.environment ?? {})));
  if (missing.length > 0) {
    throw new Error(
      `KubeSphereCluster '${name}': bootstrap.environment has no value for ${missing.join(', ')}, which the KubeKey documents refer to`,
    );
  }
  checkDownload(name, bootstrap);
  warnings.push(
    ...checkInstallChange(
      name,
      bootstrap.previousDocument,
      known.documents,
      props.kubeKey.kubernetes?.allowUnsupportedVersion ?? false,
      bootstrap.nodeSource,
      bootstrap.kubernetesVersionSource,
    ),
  );
  return { input, known, knownSans, warnings };
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** The download and refresh settings. */
function checkDownload(name: string, bootstrap: KubeSphereBootstrapProps): void {
  const refreshDays = bootstrap.kubeconfigRefreshDays ?? DEFAULT_KUBECONFIG_REFRESH_DAYS;
  if (!SHA256_HEX.test(bootstrap.kubeKeySha256 ?? '')) {
    throw new Error(
      `KubeSphereCluster '${name}': bootstrap.kubeKeySha256 '${bootstrap.kubeKeySha256 ?? ''}' is not a SHA-256 (64 hex digits) of the KubeKey tarball`,
    );
  }
  if (bootstrap.kubeKeyUrl !== undefined && !/^https:\/\/[^\s'"]+$/.test(bootstrap.kubeKeyUrl)) {
    throw new Error(`KubeSphereCluster '${name}': bootstrap.kubeKeyUrl '${bootstrap.kubeKeyUrl}' is not an https URL`);
  }
  if (!Number.isInteger(refreshDays) || refreshDays < 1 || refreshDays > 300) {
    throw new Error(
      `KubeSphereCluster '${name}': bootstrap.kubeconfigRefreshDays ${refreshDays} is not a whole number of days from 1 to 300`,
    );
  }
}
