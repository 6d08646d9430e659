/**
 * The Alibaba Cloud NAS CSI driver (kubernetes-sigs/alibaba-cloud-csi-driver), one Helm release per
 * cluster in `kube-system`. Without it nothing serves `nasplugin.csi.alibabacloud.com` and every claim
 * on the NAS class stays Pending. KubeKey installs no CSI driver, so this program owns it. The chart
 * is fetched by the Kubernetes provider at deploy time, never at build or test time.
 *
 * The values follow the chart's `values-ecs.yaml` (a self-built cluster on ECS: `deploy.ack: false`)
 * with only the NAS driver on: no disk or OSS plugin, no default StorageClasses (the platform chart
 * owns the NAS class) and no snapshot controller or CRDs (NAS subpath volumes take no snapshots).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { NAS_PROVISIONER } from '../../constructs/k8s';
import type { ImageMirror } from '../../constructs/lib/images';
import { csiDriverChartImages, csiDriverImageValues, mergeValues } from '../images/charts';
import { SecretValue } from '../config/schema';
import { CSI_ACCESS_KEY_SECRETS, CSI_DRIVER_CHART, CSI_DRIVER_CHART_REPOSITORY, CsiDriverSpec } from '../config/workloads';
import type { K8sObject } from './build';

/** Helm release name, as the driver's docs/install.md names it. */
export const CSI_DRIVER_RELEASE_NAME = 'alibaba-cloud-csi-driver';
/** The driver runs where its docs install it; kube-system carries no Pod Security restriction for its privileged node plugin. */
export const CSI_DRIVER_NAMESPACE = 'kube-system';
/** The chart's default `deploy.accessKey.secretName`, with keys `id` and `secret`. */
export const CSI_ACCESS_KEY_SECRET = 'csi-access-key';
/** Seconds Helm waits for the controller Deployment and the node DaemonSet to be ready. */
export const CSI_DRIVER_TIMEOUT_SECONDS = 600;

/** Whether `objects` hold a StorageClass only the NAS CSI driver can provision. */
export function needsNasCsiDriver(objects: readonly K8sObject[]): boolean {
  return objects.some((o) => o.kind === 'StorageClass' && o.provisioner === NAS_PROVISIONER);
}

/**
 * The chart values. Pure. `region` makes the images come from the region's VPC registry
 * (`registry-<region>-vpc.ack.aliyuncs.com`) instead of cn-hangzhou over the internet, and tells the
 * driver its region without asking the metadata service.
 */
export function csiDriverValues(spec: CsiDriverSpec, region: string): Record<string, unknown> {
  return {
    deploy: { ack: false, ecs: true, regionID: region, accessKey: { enabled: spec.credentials === 'accessKey', secretName: CSI_ACCESS_KEY_SECRET } },
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

export interface CsiDriverArgs {
  readonly driver: CsiDriverSpec;
  /** `alicloud:region`. */
  readonly region: string;
  /** `platform:images`: pull the driver's images from this mirror. @default - the region's ACK registry */
  readonly mirror?: ImageMirror;
  /** `spec.secrets`; read only with `credentials: accessKey`. */
  readonly secrets: Readonly<Record<string, SecretValue>>;
  readonly provider: k8s.Provider;
}

export interface DeployedCsiDriver {
  readonly release: k8s.helm.v3.Release;
  /** The AccessKey Secret, with `credentials: accessKey` only. */
  readonly accessKey?: k8s.core.v1.Secret;
}

/** The AccessKey Secret (if asked for) and the Helm release, on `provider`'s cluster. */
export function deployCsiDriver(name: string, args: CsiDriverArgs): DeployedCsiDriver {
  const { driver, provider } = args;
  const accessKey = driver.credentials === 'accessKey' ? accessKeySecret(`${name}-access-key`, args) : undefined;
  const release = new k8s.helm.v3.Release(
    name,
    {
      name: CSI_DRIVER_RELEASE_NAME,
      chart: CSI_DRIVER_CHART,
      version: driver.chartVersion,
      repositoryOpts: { repo: CSI_DRIVER_CHART_REPOSITORY },
      namespace: CSI_DRIVER_NAMESPACE,
      values: withMirroredCsiDriverImages(csiDriverValues(driver, args.region), driver, args.region, args.mirror),
      // Snapshot CRDs only serve the disk driver, which is off; the cluster may manage them elsewhere.
      skipCrds: true,
      atomic: true,
      timeout: CSI_DRIVER_TIMEOUT_SECONDS,
      maxHistory: 10,
    },
    { provider, dependsOn: accessKey ? [accessKey] : [] },
  );
  return { release, accessKey };
}

function accessKeySecret(name: string, args: CsiDriverArgs): k8s.core.v1.Secret {
  const value = (key: string) => {
    const v = args.secrets[key];
    if (v === undefined) {
      // parseStackConfig requires both names with credentials: accessKey, so this is a bug, not bad config.
      throw new Error(`the NAS CSI driver needs platform:secrets.${key}, which requiredSecrets does not list`);
    }
    return pulumi.secret(v.value);
  };
  return new k8s.core.v1.Secret(
    name,
    {
      metadata: { name: CSI_ACCESS_KEY_SECRET, namespace: CSI_DRIVER_NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'pulumi' } },
      type: 'Opaque',
      stringData: { id: value(CSI_ACCESS_KEY_SECRETS.id), secret: value(CSI_ACCESS_KEY_SECRETS.secret) },
    },
    { provider: args.provider },
  );
}

/** `values` with every running driver image from `mirror`; parseStackConfig refuses a chart version without a pinned image list. */
export function withMirroredCsiDriverImages(values: Record<string, unknown>, driver: CsiDriverSpec, region: string, mirror: ImageMirror | undefined): Record<string, unknown> {
  if (mirror === undefined) {
    return values;
  }
  const images = csiDriverChartImages(driver.chartVersion, region);
  if (images === undefined) {
    throw new Error(`the NAS CSI driver chart ${driver.chartVersion} has no pinned image list (stacks/images/charts.ts), which checkImages requires`);
  }
  return mergeValues(values, csiDriverImageValues(images, mirror));
}
