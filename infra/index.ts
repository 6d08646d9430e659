/**
 * The Pulumi program (`pulumi preview`, `pulumi up`): reads this stack's config, validates all of
 * it before creating anything, and runs the composition the stack name selects.
 */
import { parseStackConfig, readPulumiConfig } from '../stacks/config';
import { programFor } from '../stacks/program';

export = (async () => {
  const spec = parseStackConfig(readPulumiConfig());
  const result = await programFor(spec)();
  return result.outputs;
})();
