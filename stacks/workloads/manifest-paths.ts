/**
 * Where a cluster's manifests go in the offline output (`dist/`): `k8s/<dir>/<chart>.k8s.yaml`.
 * `cdk8s synth` writes the same files, its output folder standing for {@link K8S_MANIFEST_ROOT}.
 */

/** The offline output's folder of manifests. */
export const K8S_MANIFEST_ROOT = 'k8s';

/** Where a cluster's manifests go in the offline output. */
export function manifestDir(stack: string): string {
  return `${K8S_MANIFEST_ROOT}/${stack}`;
}

/** One chart's manifest file in `dir`. */
export function manifestPath(dir: string, chart: string): string {
  return `${dir}/${chart}.k8s.yaml`;
}
