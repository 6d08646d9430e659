/** Every rule of the baseline pack, in the order of the rule table. */
import { PolicyRule } from '../types';
import { COMPUTE_RULES } from './alicloud-compute';
import { NETWORK_RULES } from './alicloud-network';
import { STORAGE_RULES } from './alicloud-storage';
import { POD_SECURITY_RULES } from './kubernetes-pod-security';
import { WORKLOAD_RULES } from './kubernetes-workloads';
import { PLATFORM_RULES } from './platform';

/** The name of the baseline pack (`policy.json`'s `pack`, the CrossGuard pack name). */
export const BASELINE_PACK_NAME = 'aliyun-kubesphere-baseline';

/** The baseline rules: Alibaba Cloud, Kubernetes workloads and the platform's own. */
export const BASELINE_RULES: readonly PolicyRule[] = [
  ...COMPUTE_RULES,
  ...NETWORK_RULES,
  ...STORAGE_RULES,
  ...PLATFORM_RULES,
  ...POD_SECURITY_RULES,
  ...WORKLOAD_RULES,
];
