/** A resource of an offline plan, for tests that build plans by hand (policy rules, the plan diff). */
import { PlannedResource } from '../../constructs/core/plan';

/** A plan resource with defaults: no parent, not protected, not retained, no other option. */
export function res(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  opts: Partial<Omit<PlannedResource, 'type' | 'name' | 'inputs'>> = {},
): PlannedResource {
  return {
    type,
    name,
    parent: null,
    inputs,
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    replaceOnChanges: [],
    deleteBeforeReplace: false,
    additionalSecretOutputs: [],
    ...opts,
  };
}
