// Public API of the offline run. `values.ts` (secret scrubbing, input resolution) and
// `writeOutputFolder` are internal: `evaluateStack` and `synthesize` use them.
export * from './evaluate';
export * from './mocks';
export { type OutputFile, type OutputFolderCheck, OUTPUT_MARKER, checkOutputFolder } from './output';
export * from './summary';
export * from './synthesize';
export {
  type OfflineStackConfig,
  type ReadOfflineStackOptions,
  type RunOfflineProjectOptions,
  type RunOfflineProjectResult,
  readOfflineStack,
  runOfflineProject,
} from './project';
export { readPulumiConfig } from './engine-config';
export { type ComputeDiffOptions, OfflineInputError, type RenderOptions, diffOfflineOutputs } from './diff';
export { SECRET_PLACEHOLDER } from '../core';
