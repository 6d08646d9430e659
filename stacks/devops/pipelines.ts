/**
 * The KubeSphere DevOps project of one cluster stack, with one Jenkinsfile `Pipeline` per service
 * of the catalogue: GitLab push → Generic Webhook Trigger → Maven → Harbor → deploy → WeCom.
 * The test stack's pipelines deploy to test on every merge to the branch; the prod stack's deploy
 * to production on a tag or after an approval step (`platform:devops.deploy`).
 * No Pulumi here (`cdk8s synth` renders them too); `deploy.ts` applies them.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DEFAULT_HOST_CLUSTER_NAME,
  DevOpsProject,
  DevOpsProjectProps,
  KubeSphereWorkspace,
  KubeSphereWorkspaceProps,
  manifestYaml,
} from '../../constructs/k8s';
import type { ClusterSpec } from '../config';
import { DevOpsSpec } from '../config/devops';
import { catalogueServices, devopsProjectProps } from '../config/construct-props';
import type { KubeSphereSpec } from '../config/cluster';
import { manifestPath, manifestDir } from '../workloads/manifest-paths';

/** The chart id, and the file name under `k8s/<cluster>/`. */
export const DEVOPS_CHART = 'devops';

export { devopsProjectProps } from '../config/construct-props';

/**
 * The workspace the project joins, where this stack creates it: on the multicluster host, placed on
 * `workspaceClusters` (default: the host alone); on a single cluster, locally. A member creates none: the host's
 * placement brings the workspace there (KubeSphere v3.4.1 runs the member's workspace controller without
 * multicluster, so a local template would be a second owner of the Workspace the federation manages).
 */
export function devopsWorkspaceProps(
  devops: DevOpsSpec,
  multiclusterRole: KubeSphereSpec['multiclusterRole'],
): KubeSphereWorkspaceProps | undefined {
  if (multiclusterRole === 'member') return undefined;
  return {
    name: devops.workspace,
    ...(multiclusterRole === 'host' ? { clusters: devops.workspaceClusters ?? [DEFAULT_HOST_CLUSTER_NAME] } : {}),
  };
}

/** Adds the `devops` chart to an app: the workspace (where this stack creates it), then the project and its pipelines. */
export function addDevOpsChart(app: Construct, props: DevOpsProjectProps, workspace?: KubeSphereWorkspaceProps): Chart {
  const chart = new Chart(app, DEVOPS_CHART);
  if (workspace !== undefined) new KubeSphereWorkspace(chart, 'workspace', workspace);
  new DevOpsProject(chart, 'project', props);
  return chart;
}

/** A Kubernetes object as cdk8s writes it. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

/** The project's manifests, as objects and as the file the offline run writes. */
export function renderDevOps(props: DevOpsProjectProps, workspace?: KubeSphereWorkspaceProps): { objects: ManifestObject[]; yaml: string } {
  const app = new App();
  const chart = addDevOpsChart(app, props, workspace);
  const objects = chart.toJson() as ManifestObject[];
  // One resolve: App.synth() would resolve the chart a second time.
  return { objects, yaml: manifestYaml(objects) };
}

/** Path of the DevOps manifests in the offline output. */
export function devopsArtifactPath(cluster: string): string {
  return manifestPath(manifestDir(cluster), DEVOPS_CHART);
}

/** A cluster stack's DevOps manifests, or undefined without `platform:devops` and `platform:harbor`. */
export function renderClusterDevOps(spec: ClusterSpec): { path: string; objects: ManifestObject[]; yaml: string } | undefined {
  if (spec.devops === undefined || spec.harbor === undefined) {
    return undefined;
  }
  const workspace = devopsWorkspaceProps(spec.devops, spec.kubesphere?.multiclusterRole ?? 'none');
  const { objects, yaml } = renderDevOps(devopsProjectProps(spec.devops, spec.harbor, catalogueServices(spec)), workspace);
  return { path: devopsArtifactPath(spec.cluster.name), objects, yaml };
}
