/**
 * Where raw stack config comes from: the package's offline stack-config reader, which any project's
 * offline run uses (see `constructs/offline/stack-config.ts`). The engine's config under `pulumi up`
 * is read by `constructs/offline/engine-config.ts`, outside this barrel: the config layer loads no Pulumi.
 */
export {
  ConfigFileError,
  MAX_YAML_ALIASES,
  type RawConfig,
  readYamlFile,
  readProjectName,
  readStackFile,
  stackFile,
  toPulumiConfigMap,
} from '../../constructs/stack-config/index';
