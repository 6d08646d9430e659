/**
 * The Pulumi program (`pulumi preview`, `pulumi up`): reads this stack's config, validates all of
 * it before creating anything, and runs the composition the stack name selects.
 */
import * as path from 'path';
import { readPulumiConfig } from '../constructs/offline';
import { parseStackConfig, readStackFile, stackKind } from '../stacks/config';
import { PREVIEW_BASE_STACK, parsePreviewConfig } from '../stacks/preview';
import { programFor } from '../stacks/program';

export = (async () => {
  const raw = readPulumiConfig();
  // A `pr-<n>` stack has no settings file: its config derives from the test stack's.
  const spec =
    stackKind(raw.stack) === 'preview'
      ? parsePreviewConfig(raw, readStackFile(path.resolve(__dirname, '..'), PREVIEW_BASE_STACK))
      : parseStackConfig(raw);
  const result = await programFor(spec)();
  return result.outputs;
})();
