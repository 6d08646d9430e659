/**
 * Where raw stack config comes from: the package's offline stack-config reader, which any project's
 * offline run uses (see `constructs/offline/stack-config.ts`).
 */
export {
  ConfigFileError,
  MAX_YAML_ALIASES,
  type RawConfig,
  readYamlFile,
  readProjectName,
  readPulumiConfig,
  readStackFile,
  stackFile,
  toPulumiConfigMap,
} from '../../constructs/offline/stack-config';
