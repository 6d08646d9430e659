// Public API of the offline run. `values.ts` (secret scrubbing, input resolution) and
// `writeOutputFolder` are internal: `evaluateStack` and `synthesize` use them.
export { type EvaluateOptions, type EvaluatedStack, evaluateStack } from './evaluate';
export { type MockRegistration, PlanMocks, type PlanMocksOptions, mockResourceId } from './mocks';
export { type OutputFile, type OutputFolderCheck, OUTPUT_MARKER, checkOutputFolder } from './output';
export { summarizePlan } from './summary';
export { type EvaluationCache, type OfflineStack, type SynthesizeOptions, type SynthesizeResult, synthesize } from './synthesize';
export {
  type OfflineStackConfig,
  type ReadOfflineStackOptions,
  type RunOfflineProjectOptions,
  type RunOfflineProjectResult,
  readOfflineStack,
  runOfflineProject,
} from './project';
export { readPulumiConfig } from './engine-config';
export {
  type ComputeDiffOptions,
  OfflineInputError,
  type ProcedureRule,
  type ProcedureRules,
  type RenderOptions,
  type ReplaceRules,
  diffOfflineOutputs,
} from './diff';
// Also part of the offline run's API, defined where they belong: the program contract and the plan
// model (core) and the stack-file reader (stack-config), which load no Pulumi module.
export { type Artifact, type Plan, type PlannedResource, type PlannedStack, type StackProgram, type StackResult } from '../core';
// The stack-config barrel lists its exports by name, so re-exporting all of it leaks nothing internal.
export * from '../stack-config';
