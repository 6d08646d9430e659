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
  readonly group: string;
  readonly kind: string;
}

/** Where Argo CD applications of the project may deploy (`ApplicationDestination`). */
export interface ApplicationDestination {
  readonly server?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** A user-defined Argo CD RBAC role (`ProjectRole`). */
export interface ProjectRole {
  readonly name: string;
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
  readonly applications?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly clusters?: readonly string[];
  readonly manualSync?: boolean;
  readonly timeZone?: string;
}

/** Argo CD project settings of a DevOps project (`Argo`). */
export interface DevOpsProjectArgo {
  readonly sourceRepos?: readonly string[];
  readonly destinations?: readonly ApplicationDestination[];
  readonly description?: string;
  readonly roles?: readonly ProjectRole[];
  readonly clusterResourceWhitelist?: readonly GroupKind[];
  readonly clusterResourceBlacklist?: readonly GroupKind[];
  readonly namespaceResourceWhitelist?: readonly GroupKind[];
  readonly namespaceResourceBlacklist?: readonly GroupKind[];
  readonly orphanedResources?: {
    readonly warn?: boolean;
    readonly ignore?: readonly { readonly group?: string; readonly kind?: string; readonly name?: string }[];
  };
  readonly syncWindows?: readonly SyncWindow[];
  readonly signatureKeys?: readonly { readonly keyID: string }[];
}

/** `DevOpsProjectSpec`. */
export interface DevOpsProjectSpec {
  /** Only needed for the GitOps (Argo CD) feature. */
  readonly argo?: DevOpsProjectArgo;
}

/** Props of the cluster-scoped {@link DevOpsProject} object. */
export interface DevOpsProjectProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec?: DevOpsProjectSpec;
}

/**
 * `DevOpsProject`: cluster-scoped. Its controller creates a Namespace of the same name, labelled
 * `kubesphere.io/devopsproject: <name>`, and a matching Jenkins folder.
 */
export class DevOpsProject extends ApiObject {
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
  readonly days_to_keep?: string;
  readonly num_to_keep?: string;
}

/** `ParameterDefinition`: a build parameter a user can set when running the pipeline. */
export interface PipelineParameter {
  readonly name: string;
  /** Jenkins parameter type, for example `string`, `boolean`, `choice`. */
  readonly type: string;
  readonly default_value?: string;
  readonly description?: string;
}

/** `GenericVariable`: a request or header variable of the generic webhook trigger. */
export interface GenericWebhookVariable {
  readonly key?: string;
  readonly regexp_filter?: string;
}

/**
 * `GenericWebhook`: rendered by ks-devops into the job's `GenericTrigger`. It has no JSONPath
 * (`genericVariables`), which is why the renderer in this folder declares the trigger in the
 * Jenkinsfile instead and leaves this unset.
 */
export interface GenericWebhook {
  readonly enable?: boolean;
  readonly token?: string;
  readonly cause?: string;
  readonly print_variables?: boolean;
  readonly print_post_content?: boolean;
  readonly request_variables?: readonly GenericWebhookVariable[];
  readonly header_variables?: readonly GenericWebhookVariable[];
  readonly filter_text?: string;
  readonly filter_expression?: string;
}

/** `NoScmPipeline`: a pipeline whose Jenkinsfile is stored in the CRD itself. */
export interface NoScmPipeline {
  readonly name: string;
  readonly description?: string;
  readonly discarder?: PipelineDiscarder;
  readonly parameters?: readonly PipelineParameter[];
  readonly disable_concurrent?: boolean;
  readonly timer_trigger?: { readonly cron?: string };
  readonly remote_trigger?: { readonly token?: string };
  readonly generic_webhook?: GenericWebhook;
  readonly jenkinsfile?: string;
}

/** `GitCloneOption`. */
export interface GitCloneOption {
  readonly shallow?: boolean;
  readonly timeout?: number;
  readonly depth?: number;
}

/** `GitSource`: a plain git repository of a multi-branch pipeline. */
export interface GitSource {
  readonly scm_id?: string;
  readonly url?: string;
  readonly credential_id?: string;
  readonly discover_branches?: boolean;
  readonly discover_tags?: boolean;
  readonly git_clone_option?: GitCloneOption;
  readonly regex_filter?: string;
}

/**
 * `GithubSource`, `BitbucketServerSource` and (plus `server_name`) `GitlabSource`: the Go types
 * are separate structs with the same fields. Discovery strategies are Jenkins' integer codes.
 */
export interface ScmOwnerRepoSource {
  readonly scm_id?: string;
  readonly owner?: string;
  readonly repo?: string;
  readonly credential_id?: string;
  readonly api_uri?: string;
  readonly discover_branches?: number;
  readonly discover_pr_from_origin?: number;
  readonly discover_pr_from_forks?: { readonly strategy?: number; readonly trust?: number };
  readonly discover_tags?: boolean;
  readonly git_clone_option?: GitCloneOption;
  readonly regex_filter?: string;
  readonly accept_jenkins_notification?: boolean;
}

/** `GitlabSource`. */
export interface GitlabSource extends ScmOwnerRepoSource {
  /** The GitLab server name configured in Jenkins. */
  readonly server_name?: string;
}

/** `SvnSource` / `SingleSvnSource` (the latter has no includes or excludes). */
export interface SvnSource {
  readonly scm_id?: string;
  readonly remote?: string;
  readonly credential_id?: string;
  readonly includes?: string;
  readonly excludes?: string;
}

/** `MultiBranchPipeline`: branches discovered from an SCM, each with its own Jenkinsfile. */
export interface MultiBranchPipeline {
  readonly name: string;
  readonly description?: string;
  readonly discarder?: PipelineDiscarder;
  readonly timer_trigger?: { readonly interval?: string };
  readonly source_type: 'git' | 'github' | 'gitlab' | 'svn' | 'single_svn' | 'bitbucket_server';
  readonly git_source?: GitSource;
  readonly github_source?: ScmOwnerRepoSource;
  readonly gitlab_source?: GitlabSource;
  readonly svn_source?: SvnSource;
  readonly single_svn_source?: SvnSource;
  readonly bitbucket_server_source?: ScmOwnerRepoSource;
  /** Path of the Jenkinsfile inside the repository. */
  readonly script_path: string;
  readonly multibranch_job_trigger?: {
    readonly create_action_job_to_trigger?: string;
    readonly delete_action_job_to_trigger?: string;
  };
}

/** `PipelineSpec`: set `pipeline` for type `pipeline`, `multi_branch_pipeline` otherwise. */
export interface PipelineSpec {
  readonly type: 'pipeline' | 'multi-branch-pipeline';
  readonly pipeline?: NoScmPipeline;
  readonly multi_branch_pipeline?: MultiBranchPipeline;
}

/** Props of the namespaced {@link Pipeline} object. */
export interface PipelineProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: PipelineSpec;
}

/** `Pipeline` (short name `pip`): namespaced, lives in the DevOps project's admin namespace. */
export class Pipeline extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'devops.kubesphere.io/v1alpha3',
    kind: 'Pipeline',
  };

  public constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id, { ...Pipeline.GVK, ...props });
  }
}
