/**
 * The rules as CrossGuard policies. The shapes below are the parts of `@pulumi/policy`'s
 * `ResourceValidationPolicy` / `StackValidationPolicy` these policies use, written out so that
 * this module (and the offline run) never loads `@pulumi/policy`: constructing a `PolicyPack`
 * starts the analyzer's gRPC server. `policy/pack.ts` passes the result to `new PolicyPack(...)`,
 * where type-checking against the real types proves the shapes match.
 */
import { PolicyRule, ResourceView, appliesTo } from './types';

/** `@pulumi/policy`'s `ReportViolation`. */
export type ReportViolation = (message: string, urn?: string) => void;

/** The part of `@pulumi/policy`'s `PolicyResourceOptions` the rules read. */
export interface PolicyOptionsLike {
  /** The `protect` option. */
  readonly protect: boolean;
  /** The `ignoreChanges` option. */
  readonly ignoreChanges: string[];
  /** The `additionalSecretOutputs` option. */
  readonly additionalSecretOutputs: string[];
}

/** The part of `@pulumi/policy`'s `ResourceValidationArgs` the rules read. */
export interface ResourceArgsLike {
  /** The resource's type token. */
  readonly type: string;
  /** The resource's logical name. */
  readonly name: string;
  /** The resource's URN. */
  readonly urn: string;
  /** The resource's inputs. */
  readonly props: Readonly<Record<string, unknown>>;
  /** The resource's options. */
  readonly opts: PolicyOptionsLike;
}

/** The part of `@pulumi/policy`'s `StackValidationArgs` the rules read. */
export interface StackArgsLike {
  /** Every resource of the stack. */
  readonly resources: readonly ResourceArgsLike[];
}

/** A CrossGuard policy with a `validateResource`. */
export interface CrossGuardResourcePolicy {
  /** The policy's name (the rule's). */
  name: string;
  /** What it protects, then its references. */
  description: string;
  /** The rule's level. */
  enforcementLevel: 'mandatory' | 'advisory';
  /** How to fix a violation. */
  remediationSteps: string;
  /** Checks one resource; reports each problem with its fix. */
  validateResource: (args: ResourceArgsLike, reportViolation: ReportViolation) => void;
}

/** A CrossGuard policy with a `validateStack`. */
export interface CrossGuardStackPolicy {
  /** The policy's name (the rule's). */
  name: string;
  /** What it protects, then its references. */
  description: string;
  /** The rule's level. */
  enforcementLevel: 'mandatory' | 'advisory';
  /** How to fix a violation. */
  remediationSteps: string;
  /** Checks a whole stack; reports each problem on the URN of the resource at fault. */
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
  const base = {
    name: rule.name,
    description: `${rule.description} (${rule.references.join('; ')})`,
    enforcementLevel: rule.enforcementLevel,
    remediationSteps: rule.remediation,
  };
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
