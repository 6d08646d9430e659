/**
 * Names the `shared` stack gives its resources, where code beyond the stack derives from them
 * (the offline stand-ins of its outputs). No Pulumi here.
 */

/**
 * The NAS component of a cluster. The cluster named by `platform:nas.existingFileSystemFor` keeps
 * `<project>-data`, the name of the one file system the estate had before: its children keep their
 * names (`<project>-data-fs`, the recycle bin, access group and mount target), so Pulumi sees the
 * same file system, with its data, and never a new one (the file system is also protected and
 * retained on delete). Only its VPC-wide access rule goes. Every other cluster gets a new one.
 */
export function nasComponentName(project: string, cluster: string, existingFileSystemFor: string | undefined): string {
  return cluster === existingFileSystemFor ? `${project}-data` : `${project}-${cluster}-data`;
}
