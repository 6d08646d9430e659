/**
 * Image references and the one rewrite that points them at a mirror registry. Pure: no Pulumi, no
 * cdk8s. The rewrite is KubeKey's own `namespaceOverride` rule (KubeKey v3.1 `Image.ImageRepo`,
 * ks-installer v3.4.1 `roles/download/defaults/main.yml`): whatever the source registry and
 * namespace, an image is pulled as `<host>/<namespace>/<last path segment>[:tag][@digest]`. Using
 * the same rule for every other image means one mirror namespace, filled once, serves KubeKey,
 * KubeSphere and the workloads alike.
 */
import { Validator } from './validation';

/** Where a mirror keeps its images: a registry host and one namespace (project) inside it. */
export interface ImageMirror {
  /** Registry host, optionally with a port: `registry.cn-shenzhen.aliyuncs.com`. */
  readonly host: string;
  /** The one namespace every image lives in: `acme-mirror`. */
  readonly namespace: string;
}

/** Maps an image reference to the one the cluster pulls. */
export type ImageRewrite = (image: string) => string;

/** The rewrite that changes nothing: images come from where their reference says. */
export const NO_IMAGE_REWRITE: ImageRewrite = (image) => image;

/** Docker's default registry, which references without a registry part mean. */
export const DOCKER_HUB = 'docker.io';
/** The Docker Hub namespace of single-name ("official") images. */
const DOCKER_LIBRARY = 'library';

/** Registry host with an optional port, as Docker reads the first path component. */
export const REGISTRY_HOST_PATTERN: RegExp = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/;
/**
 * One namespace path component. No `/`: KubeKey writes `namespaceOverride` into an unescaped
 * `sed` expression and ks-installer joins it with a single `/`.
 */
export const REGISTRY_NAMESPACE_PATTERN: RegExp = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** An image reference split into its parts. */
export interface ImageReference {
  /** The registry host: `docker.io` when the reference names none. */
  readonly registry: string;
  /** The path between the registry and the name (`library` for official Docker Hub images); may be empty. */
  readonly namespace: string;
  /** The last path segment: the repository's own name. */
  readonly name: string;
  /** The tag, if any. */
  readonly tag?: string;
  /** The digest (`sha256:…`), if any. */
  readonly digest?: string;
}

/**
 * Splits a reference the way Docker does: the first component is a registry when it holds a `.`
 * or a `:` or is `localhost`; otherwise the image is on Docker Hub, where a single name means `library/<name>`.
 */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : undefined;
  const repository = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  const parts = repository.split('/');
  const hasRegistry = parts.length > 1 && readsAsRegistry(parts[0]);
  const registry = hasRegistry ? parts[0] : DOCKER_HUB;
  const path = hasRegistry ? parts.slice(1) : parts;
  const name = path[path.length - 1];
  const namespace = path.length > 1 ? path.slice(0, -1).join('/') : registry === DOCKER_HUB ? DOCKER_LIBRARY : '';
  return { registry, namespace, name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The reference with registry and namespace spelled out: `redis:7.2.5` is `docker.io/library/redis:7.2.5`. */
export function canonicalImage(image: string): string {
  const r = parseImageReference(image);
  return `${r.registry}/${r.namespace === '' ? '' : `${r.namespace}/`}${r.name}${suffix(r)}`;
}

/** The image's name inside any mirror namespace: its last path segment with tag and digest (`redis:7.2.5`). */
export function mirrorName(image: string): string {
  const r = parseImageReference(image);
  return `${r.name}${suffix(r)}`;
}

/**
 * Where `image` is pulled from through `mirror`: `<host>/<namespace>/<name>[:tag][@digest]`, the
 * rule KubeKey's `namespaceOverride` applies. Idempotent: a mirrored reference maps to itself.
 */
export function mirrorImage(image: string, mirror: ImageMirror): string {
  return `${mirror.host}/${mirror.namespace}/${mirrorName(image)}`;
}

/**
 * The rewrite for a mirror: every image through {@link mirrorImage}, except those on `keepRegistries`
 * (an organisation's own registry, whose images are never copied). Without a mirror, {@link NO_IMAGE_REWRITE}.
 */
export function imageMirrorRewrite(mirror: ImageMirror | undefined, keepRegistries: readonly string[] = []): ImageRewrite {
  if (mirror === undefined) {
    return NO_IMAGE_REWRITE;
  }
  const keep = new Set(keepRegistries);
  return (image) => (keep.has(parseImageReference(image).registry) ? image : mirrorImage(image, mirror));
}

/** Reads `host/namespace`; reports a bad value under `key` and returns undefined. */
export function parseImageMirror(v: Validator, key: string, value: string): ImageMirror | undefined {
  const slash = value.indexOf('/');
  const host = slash >= 0 ? value.slice(0, slash) : value;
  const namespace = slash >= 0 ? value.slice(slash + 1) : '';
  if (slash < 0 || !REGISTRY_HOST_PATTERN.test(host) || !readsAsRegistry(host) || !REGISTRY_NAMESPACE_PATTERN.test(namespace)) {
    v.add(
      key,
      value,
      'must be <registry host>/<namespace>, e.g. registry.cn-shenzhen.aliyuncs.com/acme-mirror: a lower-case host name with a dot or a :port, then exactly one namespace of lower-case letters, digits, ".", "_" or "-" (KubeKey namespaceOverride takes no "/")',
    );
    return undefined;
  }
  return { host, namespace };
}

/** Docker takes a first path component as a registry only when it holds a `.` or a `:` or is `localhost`. */
function readsAsRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

function suffix(r: ImageReference): string {
  return `${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest !== undefined ? `@${r.digest}` : ''}`;
}
