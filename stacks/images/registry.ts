/**
 * KubeKey's `registry` section for a cluster stack: Harbor's pull credentials, and the image mirror
 * (`platform:images`) as `privateRegistry` plus `namespaceOverride`, with its own pull credentials
 * when the mirror is not anonymous. containerd gets every `auths` entry, so each pod on the node
 * pulls with them; no imagePullSecret is needed.
 */
import * as pulumi from '@pulumi/pulumi';
import { RegistrySettings } from '../../constructs/kubekey';
import type { HarborSpec } from '../config/devops';
import { IMAGES_PASSWORD_SECRET, ImagesSpec } from '../config/images';
import { harborRegistrySettings } from '../devops/harbor';

/** Placeholders of the mirror's `registry.auths` entry, filled by the bootstrap step. */
export const IMAGES_USERNAME_ENV = 'IMAGES_PULL_USERNAME';
export const IMAGES_PASSWORD_ENV = 'IMAGES_PULL_PASSWORD';

/** Whether the mirror is the Harbor whose credentials the nodes already hold. */
export function mirrorIsHarbor(spec: { readonly harbor?: Pick<HarborSpec, 'host'>; readonly images?: ImagesSpec }): boolean {
  return spec.harbor !== undefined && spec.images !== undefined && spec.harbor.host === spec.images.mirror.host;
}

/**
 * `registry` of the KubeKey document: Harbor's credentials (and Harbor as privateRegistry with
 * `clusterImages`), or with `platform:images` the mirror's host as `privateRegistry` and its
 * namespace as `namespaceOverride`, so KubeKey and ks-installer pull `<host>/<namespace>/<name>:<tag>`,
 * the names the image catalogue gives every other image. The config refuses both at once.
 */
export function clusterRegistrySettings(spec: {
  readonly harbor?: HarborSpec;
  readonly images?: ImagesSpec;
}): RegistrySettings | undefined {
  const harbor = harborRegistrySettings(spec.harbor);
  if (spec.images === undefined) {
    return harbor;
  }
  const { host, namespace } = spec.images.mirror;
  const mirrorAuth =
    spec.images.username !== undefined && !mirrorIsHarbor(spec)
      ? [{ host, usernameEnv: IMAGES_USERNAME_ENV, passwordEnv: IMAGES_PASSWORD_ENV }]
      : [];
  return { ...harbor, privateRegistry: host, namespaceOverride: namespace, auths: [...(harbor?.auths ?? []), ...mirrorAuth] };
}

/** Values of the bootstrap environment that fill the mirror's placeholders (none for an anonymous mirror). */
export function imagesBootstrapEnvironment(
  images: ImagesSpec | undefined,
  password: string | undefined,
): Record<string, pulumi.Input<string>> {
  if (images?.username === undefined) {
    return {};
  }
  if (password === undefined) {
    // parseStackConfig requires the secret with a username, so this is a bug, not bad config.
    throw new Error(`platform:images.username needs platform:secrets.${IMAGES_PASSWORD_SECRET}, which requiredSecrets does not list`);
  }
  return { [IMAGES_USERNAME_ENV]: images.username, [IMAGES_PASSWORD_ENV]: pulumi.secret(password) };
}
