export {
  DEFAULT_AGENT_CONTAINER,
  DEFAULT_AGENT_LABEL,
  DEFAULT_BRANCH,
  DEFAULT_DOCKERFILE,
  DEFAULT_GITLAB_CREDENTIAL_ID,
  DEFAULT_HARBOR_CREDENTIAL_ID,
  DEFAULT_HARBOR_PROJECT,
  DEFAULT_MAVEN_LOCAL_REPOSITORY,
  DEFAULT_TOKEN_CREDENTIAL_ID,
  DEFAULT_WECOM_CREDENTIAL_ID,
  DEPLOY_ENVIRONMENTS,
  DEPLOY_WHENS,
  type DeployEnvironment,
  type DeployTarget,
  type DeployWhen,
  type JenkinsfileSpec,
  type PipelineSharedSettings,
  type ResolvedDeployTarget,
  type ResolvedJenkinsfileSpec,
  type ServiceBuildOptions,
  resolveJenkinsfileSpec,
} from './spec';
export {
  APPROVAL_TIMEOUT_MINUTES,
  ROLLOUT_TIMEOUT_SECONDS,
  STAGE_BUILD,
  STAGE_CHECKOUT,
  STAGE_IMAGE,
  WECOM_WEBHOOK_URL,
  deployStageName,
  renderJenkinsfile,
  wecomCommand,
} from './jenkinsfile';
export {
  isDns1123Label,
  validateJenkinsfileSpec,
  validateRepositoryUrl,
  validateServiceBuildOptions,
  validateSharedSettings,
} from './validate';
export {
  DEFAULT_BUILDS_TO_KEEP,
  DEFAULT_DAYS_TO_KEEP_BUILDS,
  DevOpsProject,
  type DevOpsProjectProps,
  type DevOpsServiceProps,
  WORKSPACE_LABEL,
  gitlabRepositoryUrl,
  validateDevOpsProjectProps,
} from './devops-project';
export { DEFAULT_HOST_CLUSTER_NAME, KubeSphereWorkspace, type KubeSphereWorkspaceProps } from './workspace';
export * as tenantv1 from '../imports/tenant.kubesphere.io';
export * as devopsv1alpha3 from './imports/devops.kubesphere.io';
