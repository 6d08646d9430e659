// Public API of the policy pack: the rules, their CrossGuard form and the offline evaluation.
// Nothing here loads `@pulumi/policy`: build your own pack with
// `new PolicyPack(BASELINE_PACK_NAME, { policies: toCrossGuardPolicies(BASELINE_RULES) })`.
export * from './types';
export * from './crossguard';
export * from './evaluate';
export { BASELINE_PACK_NAME, BASELINE_RULES } from './rules';
export { type KubeObject, type Workload, type WorkloadContainer, kubeObjects, workloads } from './kubernetes';
