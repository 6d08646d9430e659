/** The `network` key: the VPC every stack lives in (owned by the `shared` stack). */
import { NAT_BANDWIDTH_RANGE } from '../../constructs/alicloud/plan';
import { ZONE_ID } from './regions';
import { type Infer, bool, cidr, list, object, optional, required, str, withDefault, int } from './schema';

export const networkSchema = object({
  /** The VPC's IPv4 CIDR block. */
  vpcCidr: required(cidr()),
  /** The zones to spread over; one vSwitch each. */
  zones: required(
    list(str(ZONE_ID), {
      minLength: 1,
      unique: (z) => z,
    }),
  ),
  /** Prefix length of each vSwitch; the default splits the VPC evenly, /20 at most. */
  vswitchPrefixLength: optional(int({ min: 16, max: 29 })),
  /** Security groups to create, by name; the cluster stacks attach their rules to them. */
  securityGroups: withDefault(
    list(str({ pattern: /^[a-z][a-z0-9-]{1,62}$/, patternHint: 'lower-case letters, digits and dashes' }), { unique: (s) => s }),
    [],
  ),
  /**
   * The nodes' route to the internet (`{}` for the defaults): they have no public address, and
   * KubeKey downloads its binaries and every node pulls images from public registries.
   */
  natGateway: optional(
    object({
      /** One of `zones`; the construct's default is the first. */
      vswitchZone: optional(str(ZONE_ID)),
      bandwidthMbps: optional(int(NAT_BANDWIDTH_RANGE)),
      deletionProtection: optional(bool()),
    }),
  ),
});

export type NetworkSpec = Infer<typeof networkSchema>;
