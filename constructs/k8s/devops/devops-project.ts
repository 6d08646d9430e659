/**
 * A KubeSphere DevOps project with one Jenkinsfile pipeline per service, as cdk8s objects.
 */
import { Construct } from 'constructs';
import { Validator } from '../../core';
import * as kdevops from './imports/devops.kubesphere.io';
import { renderJenkinsfile } from './jenkinsfile';
import { PipelineSharedSettings, ServiceBuildOptions } from './spec';
import { isDns1123Label, validateRepositoryUrl, validateServiceBuildOptions, validateSharedSettings } from './validate';

/** Label that ties a DevOps project to its KubeSphere workspace (ks-devops `WorkspaceLabelKey`). */
export const WORKSPACE_LABEL = 'kubesphere.io/workspace';
/** Builds kept per pipeline. */
export const DEFAULT_BUILDS_TO_KEEP = 10;
/** Days a build is kept. */
export const DEFAULT_DAYS_TO_KEEP_BUILDS = 7;

/** GitLab project paths: `group/project`, nested groups allowed. */
const REPOSITORY_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/;
const GITLAB_URL = /^(https?|ssh):\/\/[^\s/'"\\]+(\/[^\s'"\\]*)?$/;

/** One service of a {@link DevOpsProject}: the per-service part of a Jenkinsfile spec. */
export interface DevOpsServiceProps extends ServiceBuildOptions {
  /** Service name (DNS-1123 label); also the Pipeline name. Unique within the project. */
  readonly name: string;
  /**
   * GitLab project path, for example `shop/orders`. The clone URL is
   * `<gitlabUrl>/<repository>.git`.
   */
  readonly repository: string;
  /**
   * Pipeline description shown in the KubeSphere console.
   *
   * @default - no description
   */
  readonly description?: string;
}

/** Props of {@link DevOpsProject}. */
export interface DevOpsProjectProps extends PipelineSharedSettings {
  /**
   * Project name (DNS-1123 label). The DevOps controller creates a Namespace of this name, where
   * the Pipelines live, so it must not clash with an existing namespace.
   */
  readonly name: string;
  /** KubeSphere workspace the project belongs to (label `kubesphere.io/workspace`). */
  readonly workspace: string;
  /** GitLab base URL, for example `https://gitlab.example.com`. */
  readonly gitlabUrl: string;
  /** The services; one Pipeline each. */
  readonly services: readonly DevOpsServiceProps[];
  /**
   * Builds kept per pipeline (`discarder.num_to_keep`).
   *
   * @default 10
   */
  readonly buildsToKeep?: number;
  /**
   * Days a build is kept (`discarder.days_to_keep`).
   *
   * @default 7
   */
  readonly daysToKeepBuilds?: number;
}

/** Clone URL of a GitLab project: `<base>/<path>.git`, without doubling a trailing slash. */
export function gitlabRepositoryUrl(gitlabUrl: string, repository: string): string {
  return `${gitlabUrl.replace(/\/+$/, '')}/${repository}.git`;
}

/** Checks every prop and throws one {@link ValidationError} listing all problems. */
export function validateDevOpsProjectProps(props: DevOpsProjectProps): void {
  const v = new Validator();
  for (const key of ['name', 'workspace'] as const) {
    if (!isDns1123Label(props[key])) {
      v.add(key, props[key], 'must be a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters');
    }
  }
  if (typeof props.gitlabUrl !== 'string' || !GITLAB_URL.test(props.gitlabUrl)) {
    v.add('gitlabUrl', props.gitlabUrl, 'must be an https://, http:// or ssh:// URL without spaces or quotes');
  }
  v.addAll(validateSharedSettings(props));
  const counts: readonly [keyof DevOpsProjectProps, number | undefined][] = [
    ['buildsToKeep', props.buildsToKeep],
    ['daysToKeepBuilds', props.daysToKeepBuilds],
  ];
  for (const [key, value] of counts) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      v.add(key, value, 'must be a whole number of at least 1');
    }
  }
  const seen = new Set<string>();
  props.services.forEach((service, i) => {
    const key = `services[${i}]`;
    if (!isDns1123Label(service.name)) {
      v.add(`${key}.name`, service.name, 'must be a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters');
    } else if (seen.has(service.name)) {
      v.add(`${key}.name`, service.name, 'is already the name of an earlier service; Pipeline names must be unique');
    }
    seen.add(service.name);
    if (typeof service.repository !== 'string' || !REPOSITORY_PATH.test(service.repository)) {
      v.add(`${key}.repository`, service.repository, 'must be a GitLab project path such as "group/project"');
    } else if (typeof props.gitlabUrl === 'string') {
      validateRepositoryUrl(v, `${key}.repository`, gitlabRepositoryUrl(props.gitlabUrl, service.repository));
    }
    v.addAll(validateServiceBuildOptions(service), key);
  });
  v.throwIfAny(`Invalid DevOpsProject props for ${JSON.stringify(props.name)}`);
}

/**
 * A KubeSphere DevOps project (`DevOpsProject`, cluster-scoped) and one `Pipeline` per service
 * (type `pipeline`, Jenkinsfile from {@link renderJenkinsfile}) in the project's namespace.
 *
 * Apply order: the Pipelines' namespace is created by the DevOps controller after it sees the
 * project, so a first `kubectl apply` may reject the Pipelines until that namespace exists; apply
 * again (or wait for `status.adminNamespace`). The namespace is not created here because the
 * controller refuses a pre-existing namespace that lacks its label.
 *
 * Each pipeline declares its GenericTrigger in the Jenkinsfile, which Jenkins registers on the
 * first run: run every new pipeline once by hand, then point the GitLab webhook at
 * `<jenkins>/generic-webhook-trigger/invoke` with the token as "Secret token".
 *
 * @see https://github.com/kubesphere/ks-devops/tree/v3.4.1-231116/pkg/api/devops/v1alpha3
 */
export class DevOpsProject extends Construct {
  /** Project name, which is also the namespace of its Pipelines. */
  public readonly projectName: string;
  /** The `DevOpsProject` object. */
  public readonly project: kdevops.DevOpsProject;
  /** The `Pipeline` objects, by service name, in the order the services were given. */
  public readonly pipelines: ReadonlyMap<string, kdevops.Pipeline>;

  public constructor(scope: Construct, id: string, props: DevOpsProjectProps) {
    super(scope, id);
    validateDevOpsProjectProps(props);
    this.projectName = props.name;

    this.project = new kdevops.DevOpsProject(this, 'Resource', {
      metadata: { name: props.name, labels: { [WORKSPACE_LABEL]: props.workspace } },
    });

    const discarder: kdevops.PipelineDiscarder = {
      // the CRD holds these as strings
      days_to_keep: String(props.daysToKeepBuilds ?? DEFAULT_DAYS_TO_KEEP_BUILDS),
      num_to_keep: String(props.buildsToKeep ?? DEFAULT_BUILDS_TO_KEEP),
    };
    const pipelines = new Map<string, kdevops.Pipeline>();
    const scopeForPipelines = new Construct(this, 'Pipelines');
    for (const service of props.services) {
      const { name, repository, description, ...buildOptions } = service;
      const jenkinsfile = renderJenkinsfile({
        ...sharedSettings(props),
        ...buildOptions,
        serviceName: name,
        repositoryUrl: gitlabRepositoryUrl(props.gitlabUrl, repository),
      });
      const pipeline = new kdevops.Pipeline(scopeForPipelines, name, {
        metadata: { name, namespace: props.name },
        spec: {
          type: 'pipeline',
          pipeline: {
            name,
            ...(description !== undefined ? { description } : {}),
            discarder,
            // two builds of one service racing to `kubectl set image` would deploy out of order
            disable_concurrent: true,
            jenkinsfile,
          },
        },
      });
      // lets `kubectl apply` of a synthesized file list the project first
      pipeline.addDependency(this.project);
      pipelines.set(name, pipeline);
    }
    this.pipelines = pipelines;
  }
}

/** Picks exactly the shared settings out of the project props. */
function sharedSettings(props: DevOpsProjectProps): PipelineSharedSettings {
  return {
    harborHost: props.harborHost,
    harborProject: props.harborProject,
    harborCredentialId: props.harborCredentialId,
    gitlabCredentialId: props.gitlabCredentialId,
    tokenCredentialId: props.tokenCredentialId,
    wecomCredentialId: props.wecomCredentialId,
    agentLabel: props.agentLabel,
    agentContainer: props.agentContainer,
  };
}
