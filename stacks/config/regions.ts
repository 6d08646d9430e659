/**
 * Alibaba Cloud regions, so `alicloud:region` with a typo (`cn-shenzen`) is refused before the
 * provider fails on its first call, and a zone of another region is caught before a vSwitch is.
 */
import { ValidationIssue } from '../../constructs/core';

/**
 * Public region ids. Source: the `Region` constants of aliyun/terraform-provider-alicloud
 * (`alicloud/connectivity/regions.go`), which the Pulumi provider wraps, plus the newer regions of
 * Alibaba's "Regions and zones" page (help doc 40654): cn-fuzhou, cn-wuhan-lr, na-south-1.
 * A region opened later needs one line here.
 */
export const ALIBABA_REGIONS = [
  'cn-qingdao',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-nanjing',
  'cn-fuzhou',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-wuhan-lr',
  'cn-hongkong',
  'cn-beijing-finance-1',
  'cn-hangzhou-finance',
  'cn-shanghai-finance-1',
  'cn-shenzhen-finance-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-south-1',
  'us-west-1',
  'us-east-1',
  'eu-central-1',
  'eu-west-1',
  'me-east-1',
  'me-central-1',
  'rus-west-1',
  'na-south-1',
] as const;

/** An Alibaba zone id such as `cn-shenzhen-e`, as a `str()` option. */
export const ZONE_ID = { pattern: /^[a-z]{2,3}-[a-z0-9]+(-[a-z0-9]+)*-[a-z]$/, patternHint: 'an Alibaba zone id such as cn-shenzhen-e' };

/** `cn-shenzhen-e` is a zone of `cn-shenzhen`: the region id, a dash, the zone's letter(s). */
export function isZoneOfRegion(zone: string, region: string): boolean {
  return zone.startsWith(`${region}-`) && /^[a-z0-9]+$/.test(zone.slice(region.length + 1));
}

/** An issue for each zone that is not in `region`, under its key. */
export function checkZonesInRegion(
  region: string,
  zones: ReadonlyArray<readonly [key: string, zone: string | undefined]>,
): ValidationIssue[] {
  return zones
    .filter(([, zone]) => zone !== undefined && !isZoneOfRegion(zone, region))
    .map(([key, zone]) => ({
      key,
      value: zone,
      message: `is not a zone of the stack's region ${region} (alicloud:region); expected ${region}-<letter>, such as ${region}-a`,
    }));
}
