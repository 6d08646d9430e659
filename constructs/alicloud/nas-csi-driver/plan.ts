/**
 * The Alibaba Cloud NAS CSI driver's Helm chart and values. Pure.
 *
 * The values follow the chart's `values-ecs.yaml` (a self-built cluster on ECS: `deploy.ack: false`)
 * with only the NAS driver on: no disk or OSS plugin, no default StorageClasses (a NAS StorageClass is
 * the platform's own) and no snapshot controller or CRDs (NAS subpath volumes take no snapshots).
 */
import { Validator } from '../../core';

/** The chart of kubernetes-sigs/alibaba-cloud-csi-driver, published by its chart-releaser to GitHub Pages. */
export const NAS_CSI_DRIVER_CHART = 'alibaba-cloud-csi-driver';
/** Where the chart is published. */
export const NAS_CSI_DRIVER_CHART_REPOSITORY = 'https://kubernetes-sigs.github.io/alibaba-cloud-csi-driver';
/** Chart (and driver) v1.36.2: its docs/install.md requires Kubernetes >= 1.26. */
export const DEFAULT_NAS_CSI_DRIVER_CHART_VERSION = '1.36.2';
/** Helm release name, as the driver's docs/install.md names it. */
export const NAS_CSI_DRIVER_RELEASE_NAME = 'alibaba-cloud-csi-driver';
/** The driver runs where its docs install it; kube-system carries no Pod Security restriction for its privileged node plugin. */
export const NAS_CSI_DRIVER_NAMESPACE = 'kube-system';
/** The chart's default `deploy.accessKey.secretName`, with keys `id` and `secret`. */
export const NAS_CSI_ACCESS_KEY_SECRET = 'csi-access-key';
/** Seconds Helm waits for the controller Deployment and the node DaemonSet to be ready. */
export const NAS_CSI_DRIVER_TIMEOUT_SECONDS = 600;
/** How the driver calls the NAS OpenAPI: the nodes' instance RAM role (`NodeRamRole`), or an AccessKey Secret. */
export const NAS_CSI_CREDENTIALS = ['ramRole', 'accessKey'] as const;
/** One of {@link NAS_CSI_CREDENTIALS}. */
export type NasCsiCredentials = (typeof NAS_CSI_CREDENTIALS)[number];
/** The chart's version is pinned exactly: never a range or `latest`. */
const EXACT_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;

/** What the values depend on. */
export interface NasCsiDriverSettings {
  /** `alicloud:region`: the images come from the region's VPC registry, and the driver need not ask the metadata service. */
  readonly region: string;
  /** How the driver authenticates to the NAS OpenAPI. */
  readonly credentials: NasCsiCredentials;
}

/**
 * Checks a chart version, credentials and the AccessKey's presence, naming each bad prop.
 * @throws ValidationError
 */
export function validateNasCsiDriver(props: {
  readonly chartVersion?: string;
  readonly credentials?: string;
  readonly hasAccessKey: boolean;
}): void {
  const v = new Validator();
  if (props.chartVersion !== undefined && !EXACT_VERSION.test(props.chartVersion)) {
    v.add('chartVersion', props.chartVersion, 'must be an exact chart version such as 1.36.2 (never a range or latest)');
  }
  if (props.credentials !== undefined && !(NAS_CSI_CREDENTIALS as readonly string[]).includes(props.credentials)) {
    v.add('credentials', props.credentials, `must be one of ${NAS_CSI_CREDENTIALS.join(', ')}`);
  }
  if (props.credentials === 'accessKey' && !props.hasAccessKey) {
    v.add('accessKey', undefined, 'is required with credentials: accessKey (the id and secret of a RAM user with the NAS actions)');
  }
  v.throwIfAny('Invalid NasCsiDriver props');
}

/** The chart values. */
export function nasCsiDriverValues(settings: NasCsiDriverSettings): Record<string, unknown> {
  return {
    deploy: {
      ack: false,
      ecs: true,
      regionID: settings.region,
      accessKey: { enabled: settings.credentials === 'accessKey', secretName: NAS_CSI_ACCESS_KEY_SECRET },
    },
    csi: {
      nas: { enabled: true },
      disk: { enabled: false },
      oss: { enabled: false },
      local: { enabled: false },
      bmcpfs: { enabled: false },
    },
    defaultStorageClass: { enabled: false },
    defaultVolumeSnapshotClass: { enabled: false },
    volumeSnapshot: { controller: { enabled: false } },
  };
}
