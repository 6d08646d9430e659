/**
 * The Alibaba Cloud NAS CSI driver (kubernetes-sigs/alibaba-cloud-csi-driver) as a Helm release in
 * `kube-system`. Without it nothing serves `nasplugin.csi.alibabacloud.com`, and every claim on a NAS
 * StorageClass stays Pending; KubeKey installs no CSI driver. The chart is fetched by the Kubernetes
 * provider at deploy time, never at build or test time.
 *
 * Credentials: by default the driver uses the nodes' instance RAM role (give the nodes a `NodeRamRole`
 * with `NAS_CSI_SUBPATH_ACTIONS`, and keep their metadata service on); with `credentials: 'accessKey'`
 * it reads a Secret `kube-system/csi-access-key` this construct creates from `accessKey`.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import * as corev1 from '@pulumi/kubernetes/core/v1';
// The Release class itself: the helm/v3 index also exports the v1 Chart, whose yaml module imports every
// Kubernetes namespace (types and run time). Skipping that index leaves the `helm.sh/v3` resource module
// unregistered, which Pulumi uses only to rebuild a Release from a resource reference the engine sends
// back (a component's or StackReference's output); nothing here reads one.
import { Release } from '@pulumi/kubernetes/helm/v3/release';
import * as pulumi from '@pulumi/pulumi';
import {
  DEFAULT_NAS_CSI_DRIVER_CHART_VERSION,
  NAS_CSI_ACCESS_KEY_SECRET,
  NAS_CSI_DRIVER_CHART,
  NAS_CSI_DRIVER_CHART_REPOSITORY,
  NAS_CSI_DRIVER_NAMESPACE,
  NAS_CSI_DRIVER_RELEASE_NAME,
  NAS_CSI_DRIVER_TIMEOUT_SECONDS,
  type NasCsiCredentials,
  nasCsiDriverValues,
  validateNasCsiDriver,
} from './plan';

/** A RAM user's AccessKey pair, as secret inputs (for example `config.requireSecret(...)`). */
export interface NasCsiAccessKey {
  /** The AccessKey ID. */
  readonly id: pulumi.Input<string>;
  /** The AccessKey secret. */
  readonly secret: pulumi.Input<string>;
}

/** Props of {@link NasCsiDriver}. */
export interface NasCsiDriverProps {
  /** The cluster's region, for example `cn-shenzhen`. */
  readonly region: string;
  /** The Kubernetes provider of the cluster, for example `KubeSphereCluster.provider`. */
  readonly provider: Provider;
  /**
   * Exact chart version.
   * @default DEFAULT_NAS_CSI_DRIVER_CHART_VERSION ('1.36.2')
   */
  readonly chartVersion?: string;
  /**
   * How the driver calls the NAS OpenAPI.
   * @default 'ramRole'
   */
  readonly credentials?: NasCsiCredentials;
  /** Required with `credentials: 'accessKey'`; wrapped as Pulumi secrets. */
  readonly accessKey?: NasCsiAccessKey;
  /**
   * Rewrites the computed chart values, for example to pull the driver's images from a mirror.
   * @default - the computed values as they are
   */
  readonly values?: (computed: Record<string, unknown>) => Record<string, unknown>;
}

/** The resources of the driver. */
export interface NasCsiDriverResources {
  /** The Helm release. */
  readonly release: Release;
  /** The AccessKey Secret, with `credentials: 'accessKey'` only. */
  readonly accessKey?: corev1.Secret;
}

/**
 * The AccessKey Secret (if asked for) and the Helm release, named `name` and `<name>-access-key`, with
 * `opts` (provider and parent). For programs that own these resources without the component (their
 * URNs stay where they were); others use {@link NasCsiDriver}.
 */
export function createNasCsiDriver(
  name: string,
  props: Omit<NasCsiDriverProps, 'provider'>,
  opts: pulumi.CustomResourceOptions,
): NasCsiDriverResources {
  validateNasCsiDriver({ chartVersion: props.chartVersion, credentials: props.credentials, hasAccessKey: props.accessKey !== undefined });
  const credentials = props.credentials ?? 'ramRole';
  const accessKey =
    credentials === 'accessKey' && props.accessKey !== undefined
      ? new corev1.Secret(
          `${name}-access-key`,
          {
            metadata: {
              name: NAS_CSI_ACCESS_KEY_SECRET,
              namespace: NAS_CSI_DRIVER_NAMESPACE,
              labels: { 'app.kubernetes.io/managed-by': 'pulumi' },
            },
            type: 'Opaque',
            stringData: { id: pulumi.secret(props.accessKey.id), secret: pulumi.secret(props.accessKey.secret) },
          },
          opts,
        )
      : undefined;
  const release = new Release(
    name,
    {
      name: NAS_CSI_DRIVER_RELEASE_NAME,
      chart: NAS_CSI_DRIVER_CHART,
      version: props.chartVersion ?? DEFAULT_NAS_CSI_DRIVER_CHART_VERSION,
      repositoryOpts: { repo: NAS_CSI_DRIVER_CHART_REPOSITORY },
      namespace: NAS_CSI_DRIVER_NAMESPACE,
      values: (props.values ?? ((v: Record<string, unknown>) => v))(nasCsiDriverValues({ region: props.region, credentials })),
      // Snapshot CRDs only serve the disk driver, which is off; the cluster may manage them elsewhere.
      skipCrds: true,
      atomic: true,
      timeout: NAS_CSI_DRIVER_TIMEOUT_SECONDS,
      maxHistory: 10,
    },
    { ...opts, dependsOn: accessKey ? [accessKey] : [] },
  );
  return { release, accessKey };
}

/** The NAS CSI driver on one cluster. */
export class NasCsiDriver extends pulumi.ComponentResource {
  /** The component's type token. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:NasCsiDriver';

  /** The Helm release. */
  public readonly release: Release;
  /** The AccessKey Secret, with `credentials: 'accessKey'` only. */
  public readonly accessKey?: corev1.Secret;

  constructor(name: string, props: NasCsiDriverProps, opts?: pulumi.ComponentResourceOptions) {
    super(NasCsiDriver.TYPE, name, {}, opts);
    const { provider, ...rest } = props;
    const created = createNasCsiDriver(`${name}-release`, rest, { parent: this, provider });
    this.release = created.release;
    this.accessKey = created.accessKey;
    this.registerOutputs({ releaseName: this.release.name });
  }
}
