/**
 * The offline run's policy check: every resource of every stack of a plan goes through each
 * CrossGuard policy of the pack (`validateResource`, or `validateStack` for the rules that need a
 * whole stack), exactly as `pulumi preview --policy-pack` would call them, and the result is
 * `policy.json`.
 */
import { Plan, PlannedResource } from '../core';
import { ResourceArgsLike, toCrossGuardPolicy } from './crossguard';
import { PolicyRule, RuleInfo, RuleLevel, appliesTo } from './types';

/** A pack: its name and rules. */
export interface PolicyPackDefinition {
  /** The pack's name. */
  readonly name: string;
  /** Its rules. */
  readonly rules: readonly PolicyRule[];
}

/** One rule as `policy.json` lists it: the rule's own declaration, without its remediation text. */
export type PolicyReportRule = Pick<RuleInfo, 'name' | 'description' | 'enforcementLevel' | 'resourceTypes' | 'references'>;

/** One violation as `policy.json` lists it. */
export interface PolicyReportViolation {
  /** Stack name. */
  readonly stack: string;
  /** The resource's logical name. */
  readonly name: string;
  /** The resource's type token. */
  readonly type: string;
  /** The rule's name. */
  readonly rule: string;
  /** The rule's enforcement level. */
  readonly level: RuleLevel;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** `policy.json`. */
export interface PolicyReport {
  /** The pack's name. */
  readonly pack: string;
  /** Every rule of the pack. */
  readonly rules: readonly PolicyReportRule[];
  /** How many (resource, rule) evaluations ran: each rule counts once per resource of a type it covers. */
  readonly evaluated: number;
  /** Every violation, mandatory and advisory, in plan order. */
  readonly violations: readonly PolicyReportViolation[];
}

/** Mandatory violations: the offline run refuses to write anything. */
export class PolicyViolationError extends Error {
  constructor(
    /** The pack's name. */
    public readonly pack: string,
    /** Every mandatory violation. */
    public readonly violations: readonly PolicyReportViolation[],
  ) {
    super(
      `policy pack ${pack}: ${violations.length} mandatory violation${violations.length === 1 ? '' : 's'}:\n` +
        violations.map((v) => `  - ${v.stack}: ${v.type} '${v.name}' breaks ${v.rule}: ${v.message}`).join('\n'),
    );
    this.name = 'PolicyViolationError';
  }
}

/** A plan's resource with `retainOnDelete`, which only the plan knows, next to the options CrossGuard passes. */
export interface PlanResourceArgs extends ResourceArgsLike {
  /** The options, with `retainOnDelete`. */
  readonly opts: ResourceArgsLike['opts'] & {
    /** The `retainOnDelete` option. */
    readonly retainOnDelete: boolean;
  };
}

/** A plan resource as CrossGuard would hand it to a policy (plus `retainOnDelete`). */
export function planResourceArgs(project: string, stack: string, r: PlannedResource): PlanResourceArgs {
  return {
    type: r.type,
    name: r.name,
    urn: `urn:pulumi:${stack}::${project}::${r.type}::${r.name}`,
    props: r.inputs,
    opts: {
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      ignoreChanges: [...r.ignoreChanges],
      additionalSecretOutputs: [...r.additionalSecretOutputs],
    },
  };
}

/** The rows of `policy.json`'s `rules`. */
export function reportRules(pack: PolicyPackDefinition): PolicyReportRule[] {
  return pack.rules.map((r) => ({
    name: r.name,
    description: r.description,
    enforcementLevel: r.enforcementLevel,
    resourceTypes: [...r.resourceTypes],
    references: [...r.references],
  }));
}

/** Evaluates every resource of every stack of `plan` with the pack's policies. */
export function evaluatePlan(plan: Plan, pack: PolicyPackDefinition, project: string): PolicyReport {
  const violations: PolicyReportViolation[] = [];
  let evaluated = 0;
  const policies = pack.rules.map((rule) => ({ rule, policy: toCrossGuardPolicy(rule) }));
  for (const [stack, planned] of Object.entries(plan.stacks)) {
    const args = planned.resources.map((r) => planResourceArgs(project, stack, r));
    const byUrn = new Map(args.map((a) => [a.urn, a]));
    for (const { rule, policy } of policies) {
      const record = (target: ResourceArgsLike) => (message: string) =>
        violations.push({ stack, name: target.name, type: target.type, rule: rule.name, level: rule.enforcementLevel, message });
      const covered = args.filter((a) => appliesTo(rule, a.type));
      evaluated += covered.length;
      if ('validateResource' in policy) {
        covered.forEach((a) => policy.validateResource(a, record(a)));
      } else if (covered.length > 0) {
        policy.validateStack({ resources: covered }, (message, urn) => record(byUrn.get(urn ?? '') ?? covered[0])(message));
      }
    }
  }
  // Plan order, then the pack's rule order: the same run always lists violations the same way.
  const position = new Map<string, number>();
  Object.entries(plan.stacks).forEach(([stack, s]) => s.resources.forEach((r, i) => position.set(`${stack}::${r.type}::${r.name}`, i)));
  const ruleOrder = new Map(pack.rules.map((r, i) => [r.name, i]));
  const stackOrder = new Map(Object.keys(plan.stacks).map((s, i) => [s, i]));
  violations.sort(
    (a, b) =>
      stackOrder.get(a.stack)! - stackOrder.get(b.stack)! ||
      position.get(`${a.stack}::${a.type}::${a.name}`)! - position.get(`${b.stack}::${b.type}::${b.name}`)! ||
      ruleOrder.get(a.rule)! - ruleOrder.get(b.rule)!,
  );
  return { pack: pack.name, rules: reportRules(pack), evaluated, violations };
}

/** Throws {@link PolicyViolationError} listing every mandatory violation of `report`. */
export function assertNoMandatoryViolations(report: PolicyReport): void {
  const mandatory = report.violations.filter((v) => v.level === 'mandatory');
  if (mandatory.length > 0) {
    throw new PolicyViolationError(report.pack, mandatory);
  }
}
