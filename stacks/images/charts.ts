/**
 * The images of the Helm charts this platform pins, per chart version, and the values that point
 * them at the image mirror (`platform:images.registry`). Read from each chart's values.yaml at the
 * pinned version; a new chart version needs its images added here before it runs with a mirror
 * (the config refuses it otherwise, see stacks/config/images.ts).
 */
import { ImageMirror, mirrorImage, parseImageReference } from '../../constructs/core';

/** One image a chart runs: the values path that sets it, and the pinned reference. */
export interface ChartImage {
  /** Values path of the image's settings (`core.image`, or `controller` under `images`). */
  readonly path: string;
  /** The upstream reference at the pinned chart version. */
  readonly source: string;
}

/**
 * alibaba-cloud-csi-driver: `images.<component>.{repo,tag}` under `images.registry` /
 * `images.registryVPC` (templates/_utils.tpl `imageSpec`). Only the components that run with the
 * NAS driver alone (csiDriverValues): the controller with its NAS provisioner and resizer, and the
 * node plugin with its init container and registrar. The source is the region's public ACK
 * registry, the one a copy made outside the VPC can read.
 */
export function csiDriverChartImages(chartVersion: string, region: string): readonly ChartImage[] | undefined {
  const tags = CSI_DRIVER_IMAGE_TAGS[chartVersion];
  if (tags === undefined) {
    return undefined;
  }
  return Object.entries(tags).map(([component, [repo, tag]]) => ({
    path: component,
    source: `registry-${region}.ack.aliyuncs.com/${repo}:${tag}`,
  }));
}

/** Chart 1.36.2, values.yaml `images`. */
const CSI_DRIVER_IMAGE_TAGS: Readonly<Record<string, Readonly<Record<string, readonly [string, string]>>>> = {
  '1.36.2': {
    controller: ['acs/csi-plugin', 'v1.36.2'],
    externalProvisioner: ['acs/csi-provisioner', 'v6.2.1-aliyun'],
    externalResizer: ['acs/csi-resizer', 'v2.1.1-aliyun'],
    plugin: ['acs/csi-plugin', 'v1.36.2'],
    pluginInit: ['acs/csi-plugin', 'v1.36.2-init'],
    pluginRegistrar: ['acs/csi-node-driver-registrar', 'v2.17.0-aliyun'],
  },
};

/** Chart versions {@link csiDriverChartImages} knows. */
export const CSI_DRIVER_MIRRORED_VERSIONS: readonly string[] = Object.keys(CSI_DRIVER_IMAGE_TAGS);

/**
 * The CSI driver's image values through `mirror`. The chart builds `<registry>/<repo>:<tag>`, so the
 * registry becomes `<host>/<namespace>` (for the VPC and the public variant alike) and each repo the
 * image's own name, which is what {@link mirrorImage} gives.
 */
export function csiDriverImageValues(images: readonly ChartImage[], mirror: ImageMirror): Record<string, unknown> {
  const registry = `${mirror.host}/${mirror.namespace}`;
  const components = images.map((i) => {
    const ref = parseImageReference(mirrorImage(i.source, mirror));
    return [i.path, { repo: ref.name, tag: ref.tag }];
  });
  return { images: { registry, registryVPC: registry, ...Object.fromEntries(components) } };
}

/**
 * harbor-helm: `<path>.repository` and `<path>.tag` for every component of chart 1.14.3 (values.yaml);
 * `nginx` runs only when Harbor is not exposed through an Ingress, `exporter` only with metrics.
 */
const HARBOR_IMAGES: Readonly<Record<string, readonly ChartImage[]>> = {
  '1.14.3': [
    { path: 'nginx.image', source: 'goharbor/nginx-photon:v2.10.3' },
    { path: 'portal.image', source: 'goharbor/harbor-portal:v2.10.3' },
    { path: 'core.image', source: 'goharbor/harbor-core:v2.10.3' },
    { path: 'jobservice.image', source: 'goharbor/harbor-jobservice:v2.10.3' },
    { path: 'registry.registry.image', source: 'goharbor/registry-photon:v2.10.3' },
    { path: 'registry.controller.image', source: 'goharbor/harbor-registryctl:v2.10.3' },
    { path: 'trivy.image', source: 'goharbor/trivy-adapter-photon:v2.10.3' },
    { path: 'database.internal.image', source: 'goharbor/harbor-db:v2.10.3' },
    { path: 'redis.internal.image', source: 'goharbor/redis-photon:v2.10.3' },
    { path: 'exporter.image', source: 'goharbor/harbor-exporter:v2.10.3' },
  ],
};

/** Chart versions {@link harborChartImages} knows. */
export const HARBOR_MIRRORED_VERSIONS: readonly string[] = Object.keys(HARBOR_IMAGES);

/** Every image of the Harbor chart at `chartVersion`, or undefined for a version not listed here. */
export function harborChartImages(chartVersion: string): readonly ChartImage[] | undefined {
  return HARBOR_IMAGES[chartVersion];
}

/** The Harbor images that run: all but the metrics exporter (metrics stay off), and nginx only without an Ingress. */
export function runningHarborImages(images: readonly ChartImage[], expose: 'ingress' | 'nodePort'): readonly ChartImage[] {
  return images.filter((i) => i.path !== 'exporter.image' && (i.path !== 'nginx.image' || expose !== 'ingress'));
}

/**
 * Harbor's image values through `mirror`: `repository` and `tag` at each component's path, for
 * every component, so one switched on later still pulls from the mirror.
 */
export function harborImageValues(images: readonly ChartImage[], mirror: ImageMirror): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const i of images) {
    const ref = parseImageReference(mirrorImage(i.source, mirror));
    setPath(values, i.path, { repository: `${ref.registry}/${ref.namespace}/${ref.name}`, tag: ref.tag });
  }
  return values;
}

/** `overlay` merged into `base` key by key (maps recursively), as Helm merges values files. */
export function mergeValues(base: Readonly<Record<string, unknown>>, overlay: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isMap(current) && isMap(value) ? mergeValues(current, value) : value;
  }
  return out;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node = (node[key] ??= {}) as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
