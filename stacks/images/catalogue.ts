/**
 * The images one cluster pulls besides KubeKey's and KubeSphere's own, collected while the stack is
 * built, and the list the offline run writes (`images/<stack>.txt`) to fill the mirror from.
 */
import { ImageMirror, ImageRewrite, canonicalImage, imageMirrorRewrite, mirrorName, parseImageReference } from '../../constructs/core';

/** One image: where it comes from upstream, and the name the cluster pulls. */
export interface CatalogueEntry {
  /** Upstream reference, registry and namespace spelled out. */
  readonly source: string;
  /** The reference in the mirror, or without a mirror the name under any mirror namespace. */
  readonly mirrored: string;
}

/**
 * Records every image that goes through its {@link rewrite}, so the list holds exactly what the
 * manifests and chart values name. The company's own registry (`keepRegistries`) is neither
 * rewritten nor listed: its images are built by the pipelines, never copied.
 */
export class ImageCatalogue {
  /** The rewrite to hand every construct and chart; records what it sees. */
  public readonly rewrite: ImageRewrite;
  private readonly seen = new Map<string, string>();

  constructor(
    public readonly mirror: ImageMirror | undefined,
    keepRegistries: readonly string[],
  ) {
    const rewrite = imageMirrorRewrite(mirror, keepRegistries);
    const kept = new Set(keepRegistries);
    this.rewrite = (image) => {
      if (!kept.has(parseImageReference(image).registry)) {
        this.add(image);
      }
      return rewrite(image);
    };
  }

  /** Lists an image whose reference is not built through {@link rewrite} (a chart's values). */
  public add(source: string): void {
    this.seen.set(canonicalImage(source), this.mirror === undefined ? mirrorName(source) : imageMirrorRewrite(this.mirror)(source));
  }

  /** Every image, sorted by source; throws when two sources would land on one mirrored name. */
  public entries(): CatalogueEntry[] {
    const entries = [...this.seen].map(([source, mirrored]) => ({ source, mirrored })).sort((a, b) => a.source.localeCompare(b.source));
    const bySource = new Map<string, string>();
    for (const e of entries) {
      const other = bySource.get(e.mirrored);
      if (other !== undefined) {
        throw new Error(
          `images: ${other} and ${e.source} both map to ${e.mirrored} in the mirror (KubeKey's namespaceOverride keeps only the last path segment); pin one of them differently`,
        );
      }
      bySource.set(e.mirrored, e.source);
    }
    return entries;
  }
}

/** Path of a cluster's image list in the offline output. */
export function imageListPath(stack: string): string {
  return `images/${stack}.txt`;
}

/** The image list: comment lines, then `<source> <mirrored>` per image. */
export function renderImageList(stack: string, registry: string | undefined, entries: readonly CatalogueEntry[]): string {
  const header = [
    `# Images cluster '${stack}' pulls besides KubeKey's and KubeSphere's own (see README, "Fill the image mirror").`,
    "# Generated from the code by the offline run; the company's own images on Harbor are not listed.",
    registry !== undefined
      ? `# Columns: upstream source, name in the mirror platform:images.registry = ${registry}.`
      : '# Columns: upstream source, name under the mirror namespace (platform:images.registry is not set).',
  ];
  return `${[...header, ...entries.map((e) => `${e.source} ${e.mirrored}`)].join('\n')}\n`;
}

/** The catalogue of a cluster: through `platform:images`, except the services' own images on Harbor. */
export function clusterImageCatalogue(spec: {
  readonly harbor?: { readonly host: string };
  readonly images?: { readonly mirror: ImageMirror };
}): ImageCatalogue {
  return new ImageCatalogue(spec.images?.mirror, spec.harbor !== undefined ? [spec.harbor.host] : []);
}
