/**
 * `aliyun-kubesphere/stack-config`: a Pulumi project's stack config read from its files, without
 * the Pulumi CLI and without loading any Pulumi module (what the Kubernetes-only path needs).
 */
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
