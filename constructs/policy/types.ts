/**
 * The rules of the policy pack as plain data and pure functions: a resource's type, inputs and
 * options in, violation messages out. Nothing here imports Pulumi or `@pulumi/policy`, so the
 * offline run and the tests use the rules without starting a policy server; `crossguard.ts`
 * turns them into CrossGuard policies.
 */

/** How a violation is treated: `mandatory` fails the run (and `pulumi preview`), `advisory` is reported. */
export type RuleLevel = 'mandatory' | 'advisory';

/** One resource as a rule sees it: under `pulumi preview` (CrossGuard) or from the offline plan. */
export interface ResourceView {
  /** Pulumi type token, for example `alicloud:ecs/instance:Instance`. */
  readonly type: string;
  /** The resource's logical name. */
  readonly name: string;
  /** The resource's URN (offline: a URN built from the stack, project, type and name). */
  readonly urn: string;
  /** The resource's inputs. */
  readonly props: Readonly<Record<string, unknown>>;
  /** The `protect` option. */
  readonly protect: boolean;
  /** The `ignoreChanges` option. */
  readonly ignoreChanges: readonly string[];
  /** The `additionalSecretOutputs` option. */
  readonly additionalSecretOutputs: readonly string[];
  /**
   * The `retainOnDelete` option. CrossGuard does not pass it to policies, so it is only known
   * offline; `undefined` means "not known here" and rules then check what they can see.
   */
  readonly retainOnDelete?: boolean;
}

/** What every rule declares: the row of the rule table and of `policy.json`. */
export interface RuleInfo {
  /** Kebab-case policy name, unique in the pack. */
  readonly name: string;
  /** What the rule protects, one sentence. */
  readonly description: string;
  /** `mandatory` for what must never ship, `advisory` for judgement calls. */
  readonly enforcementLevel: RuleLevel;
  /** The Pulumi type tokens the rule evaluates. */
  readonly resourceTypes: readonly string[];
  /** The external rules it implements (`CKV_ALI_2`, `rule:aliyun:…`, `PSS restricted: …`) or the platform's reason. */
  readonly references: readonly string[];
  /** How to fix a violation; appended to every message. */
  readonly remediation: string;
}

/** A rule that looks at one resource at a time. */
export interface ResourceRule extends RuleInfo {
  /** Discriminates the two kinds of rule. */
  readonly kind: 'resource';
  /** The problems of `resource` (one message each); empty when it complies. */
  check(resource: ResourceView): string[];
}

/** A violation a stack rule found, on one of the stack's resources. */
export interface StackFinding {
  /** The resource at fault. */
  readonly resource: ResourceView;
  /** What is wrong. */
  readonly message: string;
}

/** A rule that needs several resources of a stack at once (a bucket and its standalone policy). */
export interface StackRule extends RuleInfo {
  /** Discriminates the two kinds of rule. */
  readonly kind: 'stack';
  /** The problems among `resources` (every resource of the stack). */
  check(resources: readonly ResourceView[]): StackFinding[];
}

/** Any rule of the pack. */
export type PolicyRule = ResourceRule | StackRule;

/** True when `rule` evaluates resources of `type`. */
export function appliesTo(rule: RuleInfo, type: string): boolean {
  return rule.resourceTypes.includes(type);
}
