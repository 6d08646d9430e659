/**
 * KubeKey's `registry` section for a cluster stack: Harbor's pull credentials, and the image mirror
 * (`platform:images`) as `privateRegistry` plus `namespaceOverride`, with its own pull credentials
 * when the mirror is not anonymous. containerd gets every `auths` entry, so each pod on the node
 * pulls with them; no imagePullSecret is needed.
 */
import * as pulumi from '@pulumi/pulumi';
import { IMAGES_PASSWORD_SECRET, ImagesSpec } from '../config/images';
import { IMAGES_PASSWORD_ENV, IMAGES_USERNAME_ENV } from '../config/construct-props';

export { IMAGES_PASSWORD_ENV, IMAGES_USERNAME_ENV, clusterRegistrySettings, mirrorIsHarbor } from '../config/construct-props';

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
