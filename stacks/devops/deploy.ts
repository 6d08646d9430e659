/** Applies a cluster's DevOps manifests (rendered by `pipelines.ts`) through its Kubernetes provider. */
import { Provider } from '@pulumi/kubernetes/provider';
import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';
import * as pulumi from '@pulumi/pulumi';
import type { ManifestObject } from './pipelines';

/**
 * Applies the workspace, then the project (ks-devops binds it to its workspace only if that exists), then the
 * Pipelines. The DevOps controller creates the Pipelines' namespace only after it sees the project, so the very
 * first `pulumi up` may need a second run.
 */
export function deployDevOps(name: string, objects: readonly ManifestObject[], provider: Provider): pulumi.Resource[] {
  const workspace = objects.filter((o) => o.kind === 'WorkspaceTemplate');
  const project = objects.filter((o) => o.kind === 'DevOpsProject');
  const pipelines = objects.filter((o) => o.kind === 'Pipeline');
  const groups: pulumi.Resource[] = [];
  if (workspace.length > 0) {
    groups.push(new yamlv2.ConfigGroup(`${name}-workspace`, { objs: [...workspace] }, { provider }));
  }
  const projectGroup = new yamlv2.ConfigGroup(`${name}-project`, { objs: [...project] }, { provider, dependsOn: [...groups] });
  groups.push(projectGroup);
  if (pipelines.length > 0) {
    groups.push(new yamlv2.ConfigGroup(`${name}-pipelines`, { objs: [...pipelines] }, { provider, dependsOn: [projectGroup] }));
  }
  return groups;
}
