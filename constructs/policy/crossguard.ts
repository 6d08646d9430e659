/**
 * The rules as CrossGuard policies. The shapes below are the parts of `@pulumi/policy`'s
 * `ResourceValidationPolicy` / `StackValidationPolicy` these policies use, written out so that
 * this module (and the offline run) never loads `@pulumi/policy`: constructing a `PolicyPack`
 * starts the analyzer's gRPC server. `policy/index.ts` passes the result to `new PolicyPack(...)`,
 * where type-checking against the real types proves the shapes match.
 */
import { PolicyRule, ResourceView, appliesTo } from './types';

/** `@pulumi/policy`'s `ReportViolation`. */
export type ReportViolation = (message: string, urn?: string) => void;

/** The part of `@pulumi/policy`'s `PolicyResourceOptions` the rules read. */
export interface PolicyOptionsLike {
  readonly protect: boolean;
  readonly ignoreChanges: string[];
  readonly additionalSecretOutputs: string[];
}

/** The part of `@pulumi/policy`'s `ResourceValidationArgs` the rules read. */
export interface ResourceArgsLike {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Readonly<Record<string, unknown>>;
  readonly opts: PolicyOptionsLike;
}

/** The part of `@pulumi/policy`'s `StackValidationArgs` the rules read. */
export interface StackArgsLike {
  readonly resources: readonly ResourceArgsLike[];
}

/** A CrossGuard policy with a `validateResource`. */
export interface CrossGuardResourcePolicy {
  name: string;
  description: string;
  enforcementLevel: 'mandatory' | 'advisory';
  remediationSteps: string;
  validateResource: (args: ResourceArgsLike, reportViolation: ReportViolation) => void;
}

/** A CrossGuard policy with a `validateStack`. */
export interface CrossGuardStackPolicy {
  name: string;
  description: string;
  enforcementLevel: 'mandatory' | 'advisory';
  remediationSteps: string;
  validateStack: (args: StackArgsLike, reportViolation: ReportViolation) => void;
}

/** Either kind. */
export type CrossGuardPolicy = CrossGuardResourcePolicy | CrossGuardStackPolicy;

/**
 * The rule's view of a resource. `retainOnDelete` is read when the caller has it (the offline
 * run passes it in `opts`); CrossGuard does not.
 */
export function viewOf(args: ResourceArgsLike): ResourceView {
  const opts = args.opts as PolicyOptionsLike & { readonly retainOnDelete?: boolean };
  return {
    type: args.type,
    name: args.name,
    urn: args.urn,
    props: args.props ?? {},
    protect: opts.protect === true,
    ignoreChanges: opts.ignoreChanges ?? [],
    additionalSecretOutputs: opts.additionalSecretOutputs ?? [],
    retainOnDelete: opts.retainOnDelete,
  };
}

/** `problem. Fix: how` — every message says how to fix it. */
export function withFix(rule: PolicyRule, problem: string): string {
  return `${problem}. Fix: ${rule.remediation}`;
}

/** One rule as a CrossGuard policy; it ignores resources of types it does not cover. */
export function toCrossGuardPolicy(rule: PolicyRule): CrossGuardPolicy {
  const base = { name: rule.name, description: `${rule.description} (${rule.references.join('; ')})`, enforcementLevel: rule.enforcementLevel, remediationSteps: rule.remediation };
  if (rule.kind === 'resource') {
    return {
      ...base,
      validateResource: (args, report) => {
        if (appliesTo(rule, args.type)) {
          rule.check(viewOf(args)).forEach((problem) => report(withFix(rule, problem)));
        }
      },
    };
  }
  return {
    ...base,
    validateStack: (args, report) => {
      const views = args.resources.filter((r) => appliesTo(rule, r.type)).map(viewOf);
      rule.check(views).forEach((f) => report(withFix(rule, f.message), f.resource.urn));
    },
  };
}

/** Every rule as a CrossGuard policy, for `new PolicyPack(name, { policies })`. */
export function toCrossGuardPolicies(rules: readonly PolicyRule[]): CrossGuardPolicy[] {
  return rules.map(toCrossGuardPolicy);
}
