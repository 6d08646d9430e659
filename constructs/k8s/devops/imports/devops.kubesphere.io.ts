/**
 * Hand-written bindings for the KubeSphere DevOps CRDs `DevOpsProject` and `Pipeline`
 * (`devops.kubesphere.io/v1alpha3`).
 *
 * Source: kubesphere/ks-devops, tag v3.4.1-231116 (commit 6b65524a),
 * `pkg/api/devops/v1alpha3/devopsproject_types.go` and `pipeline_types.go`.
 *
 * Field names are the CRD's JSON names (snake_case for `Pipeline`), not camelCase: there is no
 * generated `toJson` mapping layer here, so what is typed is exactly what is written to YAML.
 * Every field the Go types mark `omitempty` is optional. Only the parts of `spec` a user writes
 * are typed; `status` is owned by the controllers.
 */
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** `metav1.GroupKind`, used by the Argo CD allow and deny lists. */
export interface GroupKind {
  /** API group of the resource, `''` for the core group (for example `apps`, `rbac.authorization.k8s.io`). */
  readonly group: string;
  /** Resource kind, for example `Namespace` or `ClusterRole`; Argo CD accepts `*` as a wildcard. */
  readonly kind: string;
}

/** Where Argo CD applications of the project may deploy (`ApplicationDestination`). */
export interface ApplicationDestination {
  /** API server URL of the target cluster, for example `https://kubernetes.default.svc`; `*` allows any. Set this or `name`. */
  readonly server?: string;
  /** Namespace applications may deploy into; `*` allows any namespace. */
  readonly namespace?: string;
  /** Name of the target cluster as registered in Argo CD, an alternative to `server`. */
  readonly name?: string;
}

/** A user-defined Argo CD RBAC role (`ProjectRole`). */
export interface ProjectRole {
  /** Role name, unique within the project; referenced in policies as `proj:<project>:<name>`. */
  readonly name: string;
  /** Free-text description shown in the Argo CD UI. */
  readonly description?: string;
  /** Casbin-formatted policy lines. */
  readonly policies?: readonly string[];
  /** OIDC group claims bound to the role. */
  readonly groups?: readonly string[];
}

/** A window in which Argo CD syncs are allowed or denied (`SyncWindow`). */
export interface SyncWindow {
  /** `allow` or `deny`. */
  readonly kind?: string;
  /** Cron expression for the window start. */
  readonly schedule?: string;
  /** For example `1h`. */
  readonly duration?: string;
  /** Application names (globs allowed) the window applies to. */
  readonly applications?: readonly string[];
  /** Destination namespaces (globs allowed) the window applies to. */
  readonly namespaces?: readonly string[];
  /** Destination cluster servers (globs allowed) the window applies to. */
  readonly clusters?: readonly string[];
  /** Whether manual syncs are still allowed while a `deny` window is active. */
  readonly manualSync?: boolean;
  /** IANA time zone the `schedule` is evaluated in, for example `Asia/Shanghai`; Argo CD uses UTC when unset. */
  readonly timeZone?: string;
}

/** Argo CD project settings of a DevOps project (`Argo`). */
export interface DevOpsProjectArgo {
  /** Git repository URLs (globs allowed, `*` for any) that applications of the project may pull manifests from. */
  readonly sourceRepos?: readonly string[];
  /** Clusters and namespaces that applications of the project may deploy to. */
  readonly destinations?: readonly ApplicationDestination[];
  /** Free-text description of the Argo CD project. */
  readonly description?: string;
  /** Project-scoped RBAC roles, for example a read-only role for CI tokens. */
  readonly roles?: readonly ProjectRole[];
  /** Cluster-scoped kinds applications may create; Argo CD denies all cluster-scoped kinds when empty. */
  readonly clusterResourceWhitelist?: readonly GroupKind[];
  /** Cluster-scoped kinds applications may not create, applied after the whitelist. */
  readonly clusterResourceBlacklist?: readonly GroupKind[];
  /** Namespaced kinds applications may create; Argo CD allows all namespaced kinds when empty. */
  readonly namespaceResourceWhitelist?: readonly GroupKind[];
  /** Namespaced kinds applications may not create. */
  readonly namespaceResourceBlacklist?: readonly GroupKind[];
  /** Monitoring of resources in destination namespaces that no application of the project owns. */
  readonly orphanedResources?: {
    /** Whether an application shows a warning condition when orphaned resources exist. */
    readonly warn?: boolean;
    /** Resources not reported as orphaned, matched by group, kind and name (globs allowed). */
    readonly ignore?: readonly {
      /** API group to match. */
      readonly group?: string;
      /** Kind to match. */
      readonly kind?: string;
      /** Object name to match. */
      readonly name?: string;
    }[];
  };
  /** Time windows that allow or deny syncs of the project's applications. */
  readonly syncWindows?: readonly SyncWindow[];
  /** GnuPG keys of which at least one must have signed a commit before Argo CD syncs it. */
  readonly signatureKeys?: readonly {
    /** GnuPG key ID (the 16-hex-digit long form), which must be imported into Argo CD. */
    readonly keyID: string;
  }[];
}

/** `DevOpsProjectSpec`. */
export interface DevOpsProjectSpec {
  /** Only needed for the GitOps (Argo CD) feature. */
  readonly argo?: DevOpsProjectArgo;
}

/** Props of the cluster-scoped {@link DevOpsProject} object. */
export interface DevOpsProjectProps {
  /**
   * Object metadata. The name is also the name of the Namespace the controller creates, and the
   * label `kubesphere.io/workspace` places the project in a workspace.
   * @default - cdk8s generates a unique name from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Desired state of the project.
   * @default - no `spec`: a project without GitOps settings
   */
  readonly spec?: DevOpsProjectSpec;
}

/**
 * `DevOpsProject`: cluster-scoped. Its controller creates a Namespace of the same name, labelled
 * `kubesphere.io/devopsproject: <name>`, and a matching Jenkins folder.
 */
export class DevOpsProject extends ApiObject {
  /** `devops.kubesphere.io/v1alpha3`, kind `DevOpsProject`. */
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'devops.kubesphere.io/v1alpha3',
    kind: 'DevOpsProject',
  };

  public constructor(scope: Construct, id: string, props: DevOpsProjectProps = {}) {
    super(scope, id, { ...DevOpsProject.GVK, ...props });
  }
}

/** `DiscarderProperty`. The Go type holds numbers as strings, so these are strings too. */
export interface PipelineDiscarder {
  /** Days a build record is kept before Jenkins deletes it, for example `'7'`; `'-1'` keeps them forever. */
  readonly days_to_keep?: string;
  /** Most recent builds kept, for example `'10'`; `'-1'` keeps any number. */
  readonly num_to_keep?: string;
}

/** `ParameterDefinition`: a build parameter a user can set when running the pipeline. */
export interface PipelineParameter {
  /** Parameter name, available to the Jenkinsfile as `params.<name>` and as an environment variable. */
  readonly name: string;
  /** Jenkins parameter type, for example `string`, `boolean`, `choice`. */
  readonly type: string;
  /** Value used when the run does not set the parameter; for `choice`, the newline-separated choices. */
  readonly default_value?: string;
  /** Help text shown next to the parameter in the run dialog. */
  readonly description?: string;
}

/** `GenericVariable`: a request or header variable of the generic webhook trigger. */
export interface GenericWebhookVariable {
  /** Name of the query parameter or header to read; it becomes a build variable of the same name. */
  readonly key?: string;
  /** Regular expression whose matches are removed from the value (the plugin's `regexpFilter`), for example `[^0-9]`. */
  readonly regexp_filter?: string;
}

/**
 * `GenericWebhook`: rendered by ks-devops into the job's `GenericTrigger`. It has no JSONPath
 * (`genericVariables`), which is why the renderer in this folder declares the trigger in the
 * Jenkinsfile instead and leaves this unset.
 */
export interface GenericWebhook {
  /** Whether the generic webhook trigger is attached to the job at all. */
  readonly enable?: boolean;
  /** Token a caller must send to trigger this job; it selects the job, so keep it unique and secret. */
  readonly token?: string;
  /** Build cause shown in Jenkins; may reference variables, for example `Triggered on $ref`. */
  readonly cause?: string;
  /** Whether the build log lists the variables the trigger contributed. */
  readonly print_variables?: boolean;
  /** Whether the build log prints the raw request body (may leak payload content into logs). */
  readonly print_post_content?: boolean;
  /** Query-string parameters of the webhook request turned into build variables. */
  readonly request_variables?: readonly GenericWebhookVariable[];
  /** Request headers turned into build variables (header names lower-cased, `-` becomes `_`). */
  readonly header_variables?: readonly GenericWebhookVariable[];
  /** Text, usually built from variables (for example `$ref`), that `filter_expression` must match for a build to start. */
  readonly filter_text?: string;
  /** Regular expression `filter_text` must match, for example `^refs/heads/main$`. */
  readonly filter_expression?: string;
}

/** `NoScmPipeline`: a pipeline whose Jenkinsfile is stored in the CRD itself. */
export interface NoScmPipeline {
  /** Jenkins job name inside the project's folder; the KubeSphere console keeps it equal to the `Pipeline` object's name. */
  readonly name: string;
  /** Free-text description shown in the KubeSphere console and on the Jenkins job. */
  readonly description?: string;
  /** When Jenkins deletes old build records of the job. */
  readonly discarder?: PipelineDiscarder;
  /** Build parameters a user or trigger can set for each run. */
  readonly parameters?: readonly PipelineParameter[];
  /** Whether a new run waits until the previous one finished (Jenkins `disableConcurrentBuilds`). */
  readonly disable_concurrent?: boolean;
  /** Periodic trigger of the job. */
  readonly timer_trigger?: {
    /** Jenkins cron spec, for example `H 2 * * *` for once a night. */
    readonly cron?: string;
  };
  /** Trigger by Jenkins' remote build URL (`/job/<name>/build?token=`). */
  readonly remote_trigger?: {
    /** Token the remote build URL must carry. */
    readonly token?: string;
  };
  /** Generic Webhook Trigger plugin settings of the job. */
  readonly generic_webhook?: GenericWebhook;
  /** Full Jenkinsfile (declarative or scripted) stored in the CRD and synced into the job. */
  readonly jenkinsfile?: string;
}

/** `GitCloneOption`. */
export interface GitCloneOption {
  /** Whether to shallow-clone (fetch only the last `depth` commits). */
  readonly shallow?: boolean;
  /** Clone timeout in minutes. */
  readonly timeout?: number;
  /** Number of commits fetched by a shallow clone. */
  readonly depth?: number;
}

/** `GitSource`: a plain git repository of a multi-branch pipeline. */
export interface GitSource {
  /** Jenkins' ID of the SCM source; set by ks-devops, leave unset when creating. */
  readonly scm_id?: string;
  /** Clone URL of the repository (HTTPS or SSH). */
  readonly url?: string;
  /** ID of the DevOps credential used to clone. */
  readonly credential_id?: string;
  /** Whether every branch is discovered and gets its own job. */
  readonly discover_branches?: boolean;
  /** Whether tags are discovered and get their own jobs. */
  readonly discover_tags?: boolean;
  /** Advanced clone settings (shallow clone, depth, timeout). */
  readonly git_clone_option?: GitCloneOption;
  /** Regular expression a branch or tag name must match to get a job, for example `main|release-.*`. */
  readonly regex_filter?: string;
}

/**
 * `GithubSource`, `BitbucketServerSource` and (plus `server_name`) `GitlabSource`: the Go types
 * are separate structs with the same fields. Discovery strategies are Jenkins' integer codes.
 */
export interface ScmOwnerRepoSource {
  /** Jenkins' ID of the SCM source; set by ks-devops, leave unset when creating. */
  readonly scm_id?: string;
  /** Owner of the repository: user, organisation or GitLab group path. */
  readonly owner?: string;
  /** Repository name within `owner`. */
  readonly repo?: string;
  /** ID of the DevOps credential (token or username/password) used to call the API and clone. */
  readonly credential_id?: string;
  /** API endpoint of a self-hosted server, for example `https://gitlab.example.com`; unset for the public service. */
  readonly api_uri?: string;
  /** Branch discovery strategy: `1` branches that are not also PRs/MRs, `2` only branches filed as PRs/MRs, `3` all branches. */
  readonly discover_branches?: number;
  /** PR/MR discovery from the origin repository: `1` merged with the target, `2` the PR head, `3` both. */
  readonly discover_pr_from_origin?: number;
  /** PR/MR discovery from forks. */
  readonly discover_pr_from_forks?: {
    /** Same codes as `discover_pr_from_origin`: `1` merged, `2` head, `3` both. */
    readonly strategy?: number;
    /** Whose fork PRs may run their own Jenkinsfile, as Jenkins' trust code (`1` contributors, `2` everyone, `3` users with write permission, `4` nobody). */
    readonly trust?: number;
  };
  /** Whether tags are discovered and get their own jobs. */
  readonly discover_tags?: boolean;
  /** Advanced clone settings (shallow clone, depth, timeout). */
  readonly git_clone_option?: GitCloneOption;
  /** Regular expression a branch, PR or tag name must match to get a job. */
  readonly regex_filter?: string;
  /** Whether webhook notifications relayed to Jenkins may trigger a re-scan of this source, besides the timed scans. This library never sets it. */
  readonly accept_jenkins_notification?: boolean;
}

/** `GitlabSource`. */
export interface GitlabSource extends ScmOwnerRepoSource {
  /** The GitLab server name configured in Jenkins. */
  readonly server_name?: string;
}

/** `SvnSource` / `SingleSvnSource` (the latter has no includes or excludes). */
export interface SvnSource {
  /** Jenkins' ID of the SCM source; set by ks-devops, leave unset when creating. */
  readonly scm_id?: string;
  /** Repository URL, for example `svn://svn.example.com/project`. */
  readonly remote?: string;
  /** ID of the DevOps credential used to check out. */
  readonly credential_id?: string;
  /** Comma-separated branch paths (wildcards allowed) that get jobs, for example `trunk,branches/*`. Multi-branch only. */
  readonly includes?: string;
  /** Comma-separated branch paths excluded from `includes`. Multi-branch only. */
  readonly excludes?: string;
}

/** `MultiBranchPipeline`: branches discovered from an SCM, each with its own Jenkinsfile. */
export interface MultiBranchPipeline {
  /** Jenkins multi-branch job name inside the project's folder; the console keeps it equal to the `Pipeline` object's name. */
  readonly name: string;
  /** Free-text description shown in the KubeSphere console and on the Jenkins job. */
  readonly description?: string;
  /** When Jenkins deletes old build records (and jobs of deleted branches). */
  readonly discarder?: PipelineDiscarder;
  /** Periodic re-scan of the repository for new or deleted branches. */
  readonly timer_trigger?: {
    /** Scan interval in milliseconds as a string, for example `'3600000'` for hourly. */
    readonly interval?: string;
  };
  /** Which SCM the branches come from; selects which `*_source` field is read. */
  readonly source_type: 'git' | 'github' | 'gitlab' | 'svn' | 'single_svn' | 'bitbucket_server';
  /** Plain git repository, read when `source_type` is `git`. */
  readonly git_source?: GitSource;
  /** GitHub repository, read when `source_type` is `github`. */
  readonly github_source?: ScmOwnerRepoSource;
  /** GitLab project, read when `source_type` is `gitlab`. */
  readonly gitlab_source?: GitlabSource;
  /** Subversion repository with several branches, read when `source_type` is `svn`. */
  readonly svn_source?: SvnSource;
  /** Single-branch Subversion location, read when `source_type` is `single_svn`. */
  readonly single_svn_source?: SvnSource;
  /** Bitbucket Server repository, read when `source_type` is `bitbucket_server`. */
  readonly bitbucket_server_source?: ScmOwnerRepoSource;
  /** Path of the Jenkinsfile inside the repository. */
  readonly script_path: string;
  /** Other pipelines to run when a branch job is created or deleted (multibranch-action-triggers plugin). */
  readonly multibranch_job_trigger?: {
    /** Name of the pipeline run when a branch job is created. */
    readonly create_action_job_to_trigger?: string;
    /** Name of the pipeline run when a branch job is deleted. */
    readonly delete_action_job_to_trigger?: string;
  };
}

/** `PipelineSpec`: set `pipeline` for type `pipeline`, `multi_branch_pipeline` otherwise. */
export interface PipelineSpec {
  /** `pipeline` for a single job with an inline Jenkinsfile, `multi-branch-pipeline` for one job per SCM branch. */
  readonly type: 'pipeline' | 'multi-branch-pipeline';
  /** The single job; required when `type` is `pipeline`. */
  readonly pipeline?: NoScmPipeline;
  /** The multi-branch job; required when `type` is `multi-branch-pipeline`. */
  readonly multi_branch_pipeline?: MultiBranchPipeline;
}

/** Props of the namespaced {@link Pipeline} object. */
export interface PipelineProps {
  /**
   * Object metadata. Set `namespace` to the DevOps project's admin namespace, and `name` to the
   * job name used in `spec`.
   * @default - cdk8s generates a unique name, in no namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** The Jenkins job the controller creates and keeps in sync. */
  readonly spec: PipelineSpec;
}

/** `Pipeline` (short name `pip`): namespaced, lives in the DevOps project's admin namespace. */
export class Pipeline extends ApiObject {
  /** `devops.kubesphere.io/v1alpha3`, kind `Pipeline`. */
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'devops.kubesphere.io/v1alpha3',
    kind: 'Pipeline',
  };

  public constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id, { ...Pipeline.GVK, ...props });
  }
}
