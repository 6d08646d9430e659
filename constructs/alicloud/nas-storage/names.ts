/** Names of a NasStorage's children that code outside the component needs, without loading Pulumi. */

/**
 * The mount target's resource name in a NasStorage named `name`. Its domain (the NAS storage class's
 * server) is known only once it exists; offline it is derived from this name.
 */
export function nasMountTargetName(name: string): string {
  return `${name}-mt`;
}
