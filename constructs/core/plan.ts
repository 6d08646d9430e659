/** The shape of `plan.json`, the offline run's record of every resource each stack registers. */

/** One resource as the program registered it. */
export interface PlannedResource {
  /** Pulumi type token, for example `alicloud:vpc/network:Network`. */
  readonly type: string;
  /** The resource's logical name (unique per type within a stack). */
  readonly name: string;
  /** `type::name` of the parent resource, or null for a child of the stack itself. */
  readonly parent: string | null;
  /** Inputs as registered; secret values replaced by `SECRET_PLACEHOLDER` (`[secret]`). */
  readonly inputs: Record<string, unknown>;
  /** The `protect` option as given (not inherited). */
  readonly protect: boolean;
  /** The `retainOnDelete` option as given (not inherited). */
  readonly retainOnDelete: boolean;
  /** Input properties `pulumi up` leaves as they are in the state (the `ignoreChanges` option), sorted. */
  readonly ignoreChanges: readonly string[];
  /** Input properties whose change replaces the resource (the `replaceOnChanges` option), sorted. */
  readonly replaceOnChanges: readonly string[];
  /** Whether a replacement deletes the old resource before creating the new one (`deleteBeforeReplace`). */
  readonly deleteBeforeReplace: boolean;
  /** Outputs Pulumi stores and shows as secrets (the `additionalSecretOutputs` option), sorted; the policy pack reads it. */
  readonly additionalSecretOutputs: readonly string[];
}

/** One stack of the plan. */
export interface PlannedStack {
  /** Every resource, in registration order. */
  readonly resources: PlannedResource[];
  /** The stack's outputs, secrets replaced by `SECRET_PLACEHOLDER` (`[secret]`). */
  readonly outputs: Record<string, unknown>;
}

/** `plan.json`: every stack of the offline run. */
export interface Plan {
  /** By stack name, in evaluation order. */
  readonly stacks: Record<string, PlannedStack>;
}
