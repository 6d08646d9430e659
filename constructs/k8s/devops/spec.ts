/**
 * The typed description of one service's CI/CD pipeline: GitLab push → Generic Webhook Trigger →
 * Maven build → image pushed to Harbor → `kubectl` deploy → WeCom robot message.
 *
 * Only credential IDs appear here, never credential values: the values live in Jenkins
 * (KubeSphere DevOps credentials) and are bound at run time with `withCredentials`.
 */

/** Where a deploy target sits in the promotion order. */
export type DeployEnvironment = 'test' | 'production';

/**
 * When a deploy stage runs.
 * - `branch`: on every build of the pipeline's branch (a push or merge to it).
 * - `tag`: on builds of a pushed Git tag (the GitLab webhook must send tag push events).
 * - `approval`: on builds of the pipeline's branch, after a person approves an `input` step.
 */
export type DeployWhen = 'branch' | 'tag' | 'approval';

/** The order of deploy stages in the Jenkinsfile, whatever order the targets are given in. */
export const DEPLOY_ENVIRONMENTS: readonly DeployEnvironment[] = ['test', 'production'];

/** All values of {@link DeployWhen}, for validating input from untyped callers. */
export const DEPLOY_WHENS: readonly DeployWhen[] = ['branch', 'tag', 'approval'];

/** One environment the pipeline deploys to with `kubectl set image` and `kubectl rollout status`. */
export interface DeployTarget {
  /** Which environment; at most one target per environment. */
  readonly environment: DeployEnvironment;
  /** Kubernetes namespace of the Deployment (DNS-1123 label). */
  readonly namespace: string;
  /**
   * ID of the Jenkins kubeconfig credential (KubeSphere credential type `kubeconfig`) for the
   * target cluster. Bound with `kubeconfigFile`; the kubeconfig itself never enters the file.
   */
  readonly kubeconfigCredentialId: string;
  /** When the stage runs. `production` must use `tag` or `approval`, never plain `branch`. */
  readonly when: DeployWhen;
  /**
   * Name of the Deployment to update.
   *
   * @default - the service name
   */
  readonly deployment?: string;
  /**
   * Name of the container in the Deployment whose image is replaced. It must be the Deployment's real
   * container name, or every deploy fails: a `SpringBootService` names its container
   * `SPRING_BOOT_CONTAINER_NAME` (`app`), not after the service, so pass that for one.
   *
   * @default - the service name (as `kubectl create deployment` names the container)
   */
  readonly container?: string;
}

/**
 * Settings that every service of a DevOps project usually shares: the registry, the credential
 * IDs and the Jenkins agent.
 */
export interface PipelineSharedSettings {
  /** Harbor registry host, optionally with a port, for example `harbor.example.com`. */
  readonly harborHost: string;
  /**
   * Harbor project that holds the images.
   *
   * @default 'library'
   */
  readonly harborProject?: string;
  /**
   * ID of the Jenkins username/password credential for Harbor (a robot account is best).
   *
   * @default 'harbor'
   */
  readonly harborCredentialId?: string;
  /**
   * ID of the Jenkins credential used to clone from GitLab.
   *
   * @default 'gitlab'
   */
  readonly gitlabCredentialId?: string;
  /**
   * ID of the Jenkins "secret text" credential that holds the Generic Webhook Trigger token. GitLab
   * sends the same token as its webhook "Secret token" (`X-Gitlab-Token`).
   *
   * @default 'gitlab-webhook-token'
   */
  readonly tokenCredentialId?: string;
  /**
   * ID of the Jenkins "secret text" credential that holds the WeCom (企业微信) group robot key.
   *
   * @default 'wecom-robot-key'
   */
  readonly wecomCredentialId?: string;
  /**
   * Jenkins agent label. KubeSphere's built-in `maven` pod template has Maven, Docker (through
   * the node's socket) and kubectl.
   *
   * @default 'maven'
   */
  readonly agentLabel?: string;
  /**
   * Container of the agent pod that runs the build, image and deploy steps.
   *
   * @default 'maven'
   */
  readonly agentContainer?: string;
}

/** Per-service build and deploy options. */
export interface ServiceBuildOptions {
  /**
   * The branch that is built, and deployed to targets with `when: 'branch'` or `'approval'`.
   *
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * Image repository name inside the Harbor project.
   *
   * @default - the service name
   */
  readonly imageName?: string;
  /**
   * Maven local repository, passed as `-Dmaven.repo.local`. Point it at a persistent volume so
   * dependencies survive the short-lived agent pod; KubeSphere's `maven` agent mounts the node's
   * `/var/data/jenkins_maven_cache` at `/root/.m2`.
   *
   * @default '/root/.m2/repository'
   */
  readonly mavenLocalRepository?: string;
  /**
   * Add `-DskipTests` to the Maven build.
   *
   * @default false
   */
  readonly mavenSkipTests?: boolean;
  /**
   * Dockerfile path, relative to the repository root. The build context is the root.
   *
   * @default 'Dockerfile'
   */
  readonly dockerfile?: string;
  /**
   * Deploy targets. Stages are always rendered test first, then production.
   *
   * @default - no deploy stages: the pipeline stops after pushing the image
   */
  readonly deployTargets?: readonly DeployTarget[];
}

/** Everything {@link renderJenkinsfile} needs for one service. */
export interface JenkinsfileSpec extends PipelineSharedSettings, ServiceBuildOptions {
  /** Service name (DNS-1123 label); also the default image, Deployment and container name. */
  readonly serviceName: string;
  /** Clone URL of the GitLab repository (`https://…`, `ssh://…` or `git@host:group/repo.git`). */
  readonly repositoryUrl: string;
}

/** Default of {@link PipelineSharedSettings.harborProject}: the project every Harbor install starts with. */
export const DEFAULT_HARBOR_PROJECT = 'library';
/** Default of {@link PipelineSharedSettings.harborCredentialId}. */
export const DEFAULT_HARBOR_CREDENTIAL_ID = 'harbor';
/** Default of {@link PipelineSharedSettings.gitlabCredentialId}. */
export const DEFAULT_GITLAB_CREDENTIAL_ID = 'gitlab';
/** Default of {@link PipelineSharedSettings.tokenCredentialId}. */
export const DEFAULT_TOKEN_CREDENTIAL_ID = 'gitlab-webhook-token';
/** Default of {@link PipelineSharedSettings.wecomCredentialId}. */
export const DEFAULT_WECOM_CREDENTIAL_ID = 'wecom-robot-key';
/** Default of {@link PipelineSharedSettings.agentLabel}: KubeSphere's built-in Maven agent pod template. */
export const DEFAULT_AGENT_LABEL = 'maven';
/** Default of {@link PipelineSharedSettings.agentContainer}: the container of the `maven` pod template with Maven, Docker and kubectl. */
export const DEFAULT_AGENT_CONTAINER = 'maven';
/** Default of {@link ServiceBuildOptions.branch}. */
export const DEFAULT_BRANCH = 'main';
/** Default of {@link ServiceBuildOptions.mavenLocalRepository}: under `/root/.m2`, where the `maven` agent mounts its node cache. */
export const DEFAULT_MAVEN_LOCAL_REPOSITORY = '/root/.m2/repository';
/** Default of {@link ServiceBuildOptions.dockerfile}: at the repository root. */
export const DEFAULT_DOCKERFILE = 'Dockerfile';

/** A {@link DeployTarget} with every default applied. */
export type ResolvedDeployTarget = Required<DeployTarget>;

/** A {@link JenkinsfileSpec} with every default applied. */
export interface ResolvedJenkinsfileSpec {
  /** {@link JenkinsfileSpec.serviceName}. */
  readonly serviceName: string;
  /** {@link JenkinsfileSpec.repositoryUrl}. */
  readonly repositoryUrl: string;
  /** {@link PipelineSharedSettings.harborHost}. */
  readonly harborHost: string;
  /** {@link PipelineSharedSettings.harborProject}, or {@link DEFAULT_HARBOR_PROJECT}. */
  readonly harborProject: string;
  /** {@link PipelineSharedSettings.harborCredentialId}, or {@link DEFAULT_HARBOR_CREDENTIAL_ID}. */
  readonly harborCredentialId: string;
  /** {@link PipelineSharedSettings.gitlabCredentialId}, or {@link DEFAULT_GITLAB_CREDENTIAL_ID}. */
  readonly gitlabCredentialId: string;
  /** {@link PipelineSharedSettings.tokenCredentialId}, or {@link DEFAULT_TOKEN_CREDENTIAL_ID}. */
  readonly tokenCredentialId: string;
  /** {@link PipelineSharedSettings.wecomCredentialId}, or {@link DEFAULT_WECOM_CREDENTIAL_ID}. */
  readonly wecomCredentialId: string;
  /** {@link PipelineSharedSettings.agentLabel}, or {@link DEFAULT_AGENT_LABEL}. */
  readonly agentLabel: string;
  /** {@link PipelineSharedSettings.agentContainer}, or {@link DEFAULT_AGENT_CONTAINER}. */
  readonly agentContainer: string;
  /** {@link ServiceBuildOptions.branch}, or {@link DEFAULT_BRANCH}. */
  readonly branch: string;
  /** {@link ServiceBuildOptions.imageName}, or the service name. */
  readonly imageName: string;
  /** {@link ServiceBuildOptions.mavenLocalRepository}, or {@link DEFAULT_MAVEN_LOCAL_REPOSITORY}. */
  readonly mavenLocalRepository: string;
  /** {@link ServiceBuildOptions.mavenSkipTests}, or `false`. */
  readonly mavenSkipTests: boolean;
  /** {@link ServiceBuildOptions.dockerfile}, or {@link DEFAULT_DOCKERFILE}. */
  readonly dockerfile: string;
  /** {@link ServiceBuildOptions.deployTargets} with defaults applied, sorted test first, then production; empty when none. */
  readonly deployTargets: readonly ResolvedDeployTarget[];
}

/** Applies every default once, so rendering never sees `undefined`. */
export function resolveJenkinsfileSpec(spec: JenkinsfileSpec): ResolvedJenkinsfileSpec {
  const byOrder = (t: DeployTarget): number => DEPLOY_ENVIRONMENTS.indexOf(t.environment);
  return {
    serviceName: spec.serviceName,
    repositoryUrl: spec.repositoryUrl,
    harborHost: spec.harborHost,
    harborProject: spec.harborProject ?? DEFAULT_HARBOR_PROJECT,
    harborCredentialId: spec.harborCredentialId ?? DEFAULT_HARBOR_CREDENTIAL_ID,
    gitlabCredentialId: spec.gitlabCredentialId ?? DEFAULT_GITLAB_CREDENTIAL_ID,
    tokenCredentialId: spec.tokenCredentialId ?? DEFAULT_TOKEN_CREDENTIAL_ID,
    wecomCredentialId: spec.wecomCredentialId ?? DEFAULT_WECOM_CREDENTIAL_ID,
    agentLabel: spec.agentLabel ?? DEFAULT_AGENT_LABEL,
    agentContainer: spec.agentContainer ?? DEFAULT_AGENT_CONTAINER,
    branch: spec.branch ?? DEFAULT_BRANCH,
    imageName: spec.imageName ?? spec.serviceName,
    mavenLocalRepository: spec.mavenLocalRepository ?? DEFAULT_MAVEN_LOCAL_REPOSITORY,
    mavenSkipTests: spec.mavenSkipTests ?? false,
    dockerfile: spec.dockerfile ?? DEFAULT_DOCKERFILE,
    deployTargets: [...(spec.deployTargets ?? [])]
      .sort((a, b) => byOrder(a) - byOrder(b))
      .map((t) => ({
        environment: t.environment,
        namespace: t.namespace,
        kubeconfigCredentialId: t.kubeconfigCredentialId,
        when: t.when,
        deployment: t.deployment ?? spec.serviceName,
        container: t.container ?? spec.serviceName,
      })),
  };
}
