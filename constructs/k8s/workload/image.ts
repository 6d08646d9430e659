import { Validator } from '../../core';

const DIGEST = /@sha256:[a-f0-9]{64}$/;

/**
 * Reports an image reference without a pinned version: a missing tag, or the `latest` tag.
 * A digest (`@sha256:…`) counts as pinned.
 */
export function checkImage(v: Validator, key: string, image: string): void {
  if (DIGEST.test(image)) {
    return;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (image.trim() === '' || colon < 0) {
    v.add(key, image, 'must name a pinned tag (repository:tag) or digest; an untagged image means latest');
    return;
  }
  const tag = lastSegment.slice(colon + 1);
  if (tag === '' || tag.toLowerCase() === 'latest') {
    v.add(key, image, "must name a pinned tag or digest, not 'latest'");
  }
}
