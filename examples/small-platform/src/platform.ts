/**
 * A small KubeSphere platform on Alibaba Cloud, built only from the public API of the
 * `aliyun-kubesphere` package: one `KubeSpherePlatform` (one zone, a NAT gateway for egress, 3 nodes
 * that carry every KubeKey role, NAS with its CSI driver, a KubeSphere cluster installed outside this
 * program whose kubeconfig comes from secret config), and one Spring Boot service in a cdk8s chart,
 * applied with `@pulumi/kubernetes`. No SLB (the nodes reach their own apiservers), no CDN.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart, Yaml } from 'cdk8s';
import { KubeSpherePlatform, k8s as workloads, offline } from 'aliyun-kubesphere';

/** The cluster's name: KubeKey document, node tags and the offline output folders. */
export const CLUSTER = 'small';

/** The namespace of the service. */
export const NAMESPACE = 'shop';

interface ServiceConfig {
  readonly name: string;
  readonly image: string;
  readonly replicas?: number;
}

/** The manifests of the cluster's one chart, as objects for Pulumi and as YAML for the offline output. */
function appManifests(nasMountDomain: string, service: ServiceConfig): { objects: unknown[]; yaml: string } {
  const app = new App();
  const chart = new Chart(app, 'apps', { namespace: NAMESPACE });
  new workloads.NasStorageClass(chart, 'nas', { mountDomain: nasMountDomain });
  new workloads.SpringBootService(chart, service.name, { image: service.image, replicas: service.replicas });
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } };
  const objects: unknown[] = [namespace, ...chart.toJson()];
  return { objects, yaml: Yaml.stringify(...objects) };
}

/** The program: `pulumi up` runs it, and so does the offline run under mocks. */
export async function smallPlatform(): Promise<offline.StackResult> {
  const config = new pulumi.Config('small');

  // The whole estate from one construct: VPC, vSwitch and NAT gateway, the KubeKey port matrix, 3 nodes
  // that carry every role, NAS with its CSI driver and the nodes' RAM role, and the cluster's provider.
  const platform = new KubeSpherePlatform(CLUSTER, {
    region: new pulumi.Config('alicloud').require('region'),
    vpcCidr: config.require('vpcCidr'),
    zones: [config.require('zone')],
    nodes: {
      count: 3,
      instanceType: config.require('instanceType'),
      imageId: config.require('imageId'),
      keyPairName: config.require('keyPairName'),
    },
    adminCidrs: config.requireObject<string[]>('adminCidrs'),
    kubeconfig: config.requireSecret('kubeconfig'),
    tags: { project: 'small', cluster: CLUSTER },
  });
  const nas = platform.nas;
  if (nas === undefined) throw new Error('KubeSpherePlatform makes NAS unless nas: false');

  // cdk8s needs plain strings: the chart is built once the NAS mount domain is known.
  const manifests = nas.mountDomain.apply((domain) => appManifests(domain, config.requireObject<ServiceConfig>('service')));
  new k8s.yaml.v2.ConfigGroup(
    'small-apps',
    { objs: manifests.objects },
    { provider: platform.cluster.provider, dependsOn: platform.csiDriver ? [platform.csiDriver] : [] },
  );

  return {
    outputs: {
      nodes: platform.pool.nodes.map((n) => ({ name: n.name, privateIp: n.privateIp, roles: n.roles })),
      nasMountDomain: nas.mountDomain,
      egressIp: platform.network.egressIp,
      kubeconfig: platform.cluster.kubeconfig,
    },
    artifacts: [
      { path: `kubekey/${CLUSTER}.yaml`, content: platform.cluster.document },
      { path: `k8s/${CLUSTER}/apps.k8s.yaml`, content: manifests.yaml },
    ],
    warnings: platform.cluster.warnings,
  };
}
