/**
 * The Alibaba Cloud NAS CSI driver on each cluster that has the NAS class: the package's
 * `createNasCsiDriver` (chart, values, AccessKey Secret), with this platform's config, secrets and
 * image mirror. The resources are created without a component parent, so their URNs are those of
 * earlier releases.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import { NAS_PROVISIONER } from '../../constructs/k8s';
import type { ImageMirror } from '../../constructs/core';
import { NAS_CSI_DRIVER_RELEASE_NAME, type NasCsiDriverResources, createNasCsiDriver, nasCsiDriverValues } from '../../constructs';
import { csiDriverChartImages, csiDriverImageValues, mergeValues } from '../images/charts';
import { SecretValue } from '../config/schema';
import { CSI_ACCESS_KEY_SECRETS, CsiDriverSpec } from '../config/workloads';
import type { K8sObject } from './build';

/** Helm release name, as the driver's docs/install.md names it. */
export const CSI_DRIVER_RELEASE_NAME = NAS_CSI_DRIVER_RELEASE_NAME;

/** Whether `objects` hold a StorageClass only the NAS CSI driver can provision. */
export function needsNasCsiDriver(objects: readonly K8sObject[]): boolean {
  return objects.some((o) => o.kind === 'StorageClass' && o.provisioner === NAS_PROVISIONER);
}

/** The chart values for `platform:csiDriver` in `region`. Pure. */
export function csiDriverValues(spec: CsiDriverSpec, region: string): Record<string, unknown> {
  return nasCsiDriverValues({ region, credentials: spec.credentials });
}

export interface CsiDriverArgs {
  readonly driver: CsiDriverSpec;
  /** `alicloud:region`. */
  readonly region: string;
  /** `platform:images`: pull the driver's images from this mirror. @default - the region's ACK registry */
  readonly mirror?: ImageMirror;
  /** `spec.secrets`; read only with `credentials: accessKey`. */
  readonly secrets: Readonly<Record<string, SecretValue>>;
  readonly provider: Provider;
}

export type DeployedCsiDriver = NasCsiDriverResources;

/** The AccessKey Secret (if asked for) and the Helm release, on `provider`'s cluster. */
export function deployCsiDriver(name: string, args: CsiDriverArgs): DeployedCsiDriver {
  const { driver, provider } = args;
  const value = (key: string) => {
    const v = args.secrets[key];
    if (v === undefined) {
      // parseStackConfig requires both names with credentials: accessKey, so this is a bug, not bad config.
      throw new Error(`the NAS CSI driver needs platform:secrets.${key}, which requiredSecrets does not list`);
    }
    return v.value;
  };
  const accessKey =
    driver.credentials === 'accessKey' ? { id: value(CSI_ACCESS_KEY_SECRETS.id), secret: value(CSI_ACCESS_KEY_SECRETS.secret) } : undefined;
  return createNasCsiDriver(
    name,
    {
      region: args.region,
      chartVersion: driver.chartVersion,
      credentials: driver.credentials,
      accessKey,
      values: (computed) => withMirroredCsiDriverImages(computed, driver, args.region, args.mirror),
    },
    { provider },
  );
}

/** `values` with every running driver image from `mirror`; parseStackConfig refuses a chart version without a pinned image list. */
export function withMirroredCsiDriverImages(
  values: Record<string, unknown>,
  driver: CsiDriverSpec,
  region: string,
  mirror: ImageMirror | undefined,
): Record<string, unknown> {
  if (mirror === undefined) {
    return values;
  }
  const images = csiDriverChartImages(driver.chartVersion, region);
  if (images === undefined) {
    throw new Error(
      `the NAS CSI driver chart ${driver.chartVersion} has no pinned image list (stacks/images/charts.ts), which checkImages requires`,
    );
  }
  return mergeValues(values, csiDriverImageValues(images, mirror));
}
