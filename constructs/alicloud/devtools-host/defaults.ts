/**
 * The dev-tools host's defaults, apart from the component so that code which only checks props
 * (the stack config layer, the Kubernetes-only path) reads them without loading Pulumi.
 */

/** 8 vCPU, 16 GiB: GitLab's recommended size for up to about 1,000 users, plus room for MantisBT. */
export const DEFAULT_DEVTOOLS_INSTANCE_TYPE = 'ecs.c7.2xlarge';
/** @default 'cloud_essd' */
export const DEFAULT_DISK_CATEGORY = 'cloud_essd';
/** @default 60 */
export const DEFAULT_SYSTEM_DISK_GIB = 60;
/** @default 200 */
export const DEFAULT_DATA_DISK_GIB = 200;
/** @default 2222 */
export const DEFAULT_GIT_SSH_PORT = 2222;
/** @default 'Asia/Shanghai' */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
/** @default 10 */
export const DEFAULT_EIP_BANDWIDTH_MBPS = 10;
/** Daily at 02:00 UTC+8, kept 30 days. */
export const DEFAULT_SNAPSHOT_POLICY = { retentionDays: 30, timePoints: [2], repeatWeekdays: [1, 2, 3, 4, 5, 6, 7] } as const;
