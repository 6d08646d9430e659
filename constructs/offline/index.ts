// Public API of the offline run. `values.ts` (secret scrubbing, input resolution) and
// `writeOutputFolder` are internal: `evaluateStack` and `synthesize` use them.
export * from './evaluate';
export * from './mocks';
export { type OutputFile, type OutputFolderCheck, OUTPUT_MARKER, checkOutputFolder } from './output';
export * from './plan';
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
export {
  ConfigFileError,
  MAX_YAML_ALIASES,
  type PulumiConfigMap,
  type RawConfig,
  SECRET_PLACEHOLDER,
  type SecretValue,
  isSecretValue,
  readProjectName,
  readStackFile,
  readYamlFile,
  stackFile,
  toPulumiConfigMap,
} from './stack-config';
export { readPulumiConfig } from './engine-config';
