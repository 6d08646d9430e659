/**
 * A small KubeSphere platform on Alibaba Cloud, built only from the public API of the
 * `aliyun-kubesphere` package: one zone, a NAS file system, one node pool of 3 nodes that carry
 * every KubeKey role, a KubeSphere cluster installed outside this program (its kubeconfig comes
 * from secret config), and one Spring Boot service in a cdk8s chart, applied with
 * `@pulumi/kubernetes`. No SLB (the nodes reach their own apiservers), no CDN.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart, Yaml } from 'cdk8s';
import { ClusterSecurityRules, KubeSphereCluster, NasStorage, Network, NodePool, k8s as workloads, offline } from 'aliyun-kubesphere';

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
  const zone = config.require('zone');
  const tags = { project: 'small', cluster: CLUSTER };

  const network = new Network('small', { vpcCidr: config.require('vpcCidr'), zones: [zone], securityGroups: ['nodes'], tags });
  const vswitch = network.vswitches[0];
  const nodesGroup = network.securityGroups.nodes;

  // The network contract (IVSwitch): a Network's vSwitches go to NAS and the node pool as they are.
  const nas = new NasStorage('small-data', { vpc: { id: network.vpcId, cidr: network.vpcCidr }, vswitch, tags });

  // One security group for every node: the KubeKey port matrix between them, SSH from the admins.
  new ClusterSecurityRules('small-rules', {
    controlPlaneSecurityGroupId: nodesGroup.id,
    vpcCidr: network.vpcCidr,
    adminCidrs: config.requireObject<string[]>('adminCidrs'),
  });

  const pool = new NodePool('small', {
    count: 3,
    roles: ['etcd', 'control-plane', 'worker'],
    instanceType: config.require('instanceType'),
    imageId: config.require('imageId'),
    keyName: config.require('keyPairName'),
    securityGroupIds: [nodesGroup.id],
    vswitches: network.vswitches,
    tags,
  });

  const cluster = new KubeSphereCluster(CLUSTER, {
    nodes: pool.nodes,
    kubeKey: { name: CLUSTER, vpcCidr: network.vpcCidr },
    kubeconfig: config.requireSecret('kubeconfig'),
  });

  // cdk8s needs plain strings: the chart is built once the NAS mount domain is known.
  const manifests = nas.mountDomain.apply((domain) => appManifests(domain, config.requireObject<ServiceConfig>('service')));
  new k8s.yaml.v2.ConfigGroup('small-apps', { objs: manifests.objects }, { provider: cluster.provider });

  return {
    outputs: {
      nodes: pool.nodes.map((n) => ({ name: n.name, privateIp: n.privateIp, roles: n.roles })),
      nasMountDomain: nas.mountDomain,
      kubeconfig: cluster.kubeconfig,
    },
    artifacts: [
      { path: `kubekey/${CLUSTER}.yaml`, content: cluster.document },
      { path: `k8s/${CLUSTER}/apps.k8s.yaml`, content: manifests.yaml },
    ],
    warnings: cluster.warnings,
  };
}
