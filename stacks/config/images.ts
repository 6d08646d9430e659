/**
 * `platform:images` (cluster stacks): the registry mirror every image the cluster pulls comes from,
 * the company's own images on Harbor excepted. KubeSphere's public images were withdrawn on
 * 2025-07-31 (kubesphere/kubesphere#6550) and Docker Hub is unreliable from mainland China.
 */
import { ImageMirror, parseImageMirror, ValidationIssue, Validator } from '../../constructs/core';
import { KUBEKEY_SED_TOKENS } from '../../constructs/kubekey';
import { CSI_DRIVER_MIRRORED_VERSIONS, HARBOR_MIRRORED_VERSIONS } from '../images/charts';
import { Checker, jsonSchemaOf, object, optional, required, str, withJsonSchema } from './schema';
import type { HarborSpec } from './devops';
import type { CsiDriverSpec } from './workloads';

/** `platform:secrets` entry of the mirror's password, with `platform:images.username`. */
export const IMAGES_PASSWORD_SECRET = 'imagesPassword';

/** `platform:images` with the mirror parsed. */
export interface ImagesSpec {
  /** As written: `<host>/<namespace>`. */
  readonly registry: string;
  /** The mirror's pull user; its password is `platform:secrets.imagesPassword`. Absent: anonymous pulls. */
  readonly username?: string;
  /** KubeKey's `privateRegistry` (the host) and `namespaceOverride` (the namespace). */
  readonly mirror: ImageMirror;
}

const imagesFields = object({
  /** `<host>/<namespace>`, e.g. `registry-vpc.cn-shenzhen.aliyuncs.com/acme-mirror`. */
  registry: required(str()),
  /** Pull user of the mirror (e.g. an ACR access credential's user name); absent for anonymous pulls. */
  username: optional(str({ pattern: /^[A-Za-z0-9_.@$+-]+$/, patternHint: 'a registry user name (letters, digits, _ . @ $ + -)' })),
});

/** Checks `platform:images`; the registry must read as KubeKey's privateRegistry plus namespaceOverride. */
export const imagesSchema: Checker<ImagesSpec> = withJsonSchema((value, key, issues) => {
  const fields = imagesFields(value, key, issues);
  if (fields === undefined) {
    return undefined;
  }
  const v = new Validator();
  const mirror = parseImageMirror(v, `${key}.registry`, fields.registry);
  // KubeKey writes both parts into the ClusterConfiguration with line-matching sed; such a word would
  // make it edit or delete the wrong line.
  const token = KUBEKEY_SED_TOKENS.find((t) => fields.registry.includes(t));
  if (mirror !== undefined && token !== undefined) {
    v.add(
      `${key}.registry`,
      fields.registry,
      `must not contain '${token}': KubeKey edits the ClusterConfiguration by matching that word line by line`,
    );
  }
  issues.push(...v.issues);
  return v.issues.length > 0 || mirror === undefined
    ? undefined
    : { registry: fields.registry, mirror, ...(fields.username !== undefined ? { username: fields.username } : {}) };
}, jsonSchemaOf(imagesFields));

/** What the mirror rules read from a cluster spec. */
export interface ImagesCheckInput {
  readonly images?: ImagesSpec;
  readonly harbor?: HarborSpec;
  readonly csiDriver?: CsiDriverSpec;
}

/** Rules between `platform:images` and the keys whose images it mirrors, under the user's keys. */
export function checkImages(spec: ImagesCheckInput, key: (k: string) => string): ValidationIssue[] {
  if (spec.images === undefined) {
    return [];
  }
  const issues: ValidationIssue[] = [];
  if (spec.harbor?.clusterImages === true) {
    issues.push({
      key: key('harbor.clusterImages'),
      value: true,
      message: `conflicts with ${key('images.registry')}: both set KubeKey's privateRegistry; keep one (a Harbor project can be the mirror: images.registry: <harbor host>/<project>)`,
    });
  }
  const unknown = (versions: readonly string[]) =>
    `has no pinned image list for the mirror; expected one of ${versions.join(', ')} with ${key('images')} (stacks/images/charts.ts lists each version's images)`;
  if (spec.csiDriver !== undefined && !CSI_DRIVER_MIRRORED_VERSIONS.includes(spec.csiDriver.chartVersion)) {
    issues.push({ key: key('csiDriver.chartVersion'), value: spec.csiDriver.chartVersion, message: unknown(CSI_DRIVER_MIRRORED_VERSIONS) });
  }
  if (spec.images.username !== undefined && spec.harbor?.host === spec.images.mirror.host) {
    issues.push({
      key: key('images.username'),
      value: spec.images.username,
      message: `is not needed: the mirror is Harbor (${key('harbor.host')}), which the nodes already log in to as ${key('harbor.pullUser')}; give that robot account pull rights on the mirror project instead`,
    });
  }
  const install = spec.harbor?.install;
  if (install !== undefined && spec.harbor?.host.split(':')[0] === spec.images.mirror.host.split(':')[0]) {
    issues.push({
      key: key('images.registry'),
      value: spec.images.registry,
      message: `is the Harbor this stack installs (${key('harbor.install')}): Harbor's own images cannot come from itself; use a registry that runs elsewhere`,
    });
  }
  if (install !== undefined && !HARBOR_MIRRORED_VERSIONS.includes(install.chartVersion)) {
    issues.push({ key: key('harbor.install.chartVersion'), value: install.chartVersion, message: unknown(HARBOR_MIRRORED_VERSIONS) });
  }
  return issues;
}

/** The `platform:secrets` the mirror needs: its password when it is not anonymous. */
export function imagesSecrets(images: ImagesSpec | undefined): string[] {
  return images?.username !== undefined ? [IMAGES_PASSWORD_SECRET] : [];
}
