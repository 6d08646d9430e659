// Public API of the policy pack: the rules, their CrossGuard form and the offline evaluation.
// Nothing here loads `@pulumi/policy`: build your own pack with
// `new PolicyPack(BASELINE_PACK_NAME, { policies: toCrossGuardPolicies(BASELINE_RULES) })`.
export {
  type PolicyRule,
  type ResourceRule,
  type ResourceView,
  type RuleInfo,
  type RuleLevel,
  type StackFinding,
  type StackRule,
  appliesTo,
} from './types';
export {
  type CrossGuardPolicy,
  type CrossGuardResourcePolicy,
  type CrossGuardStackPolicy,
  type PolicyOptionsLike,
  type ReportViolation,
  type ResourceArgsLike,
  type StackArgsLike,
  toCrossGuardPolicies,
  toCrossGuardPolicy,
} from './crossguard';
export {
  type PolicyPackDefinition,
  type PolicyReport,
  type PolicyReportRule,
  type PolicyReportViolation,
  PolicyViolationError,
  assertNoMandatoryViolations,
  evaluatePlan,
} from './evaluate';
export { BASELINE_PACK_NAME, BASELINE_RULES } from './rules';
export { type KubeObject, type Workload, type WorkloadContainer, kubeObjects, workloads } from './kubernetes';
