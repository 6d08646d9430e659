/**
 * A KubeSphere cluster estate from one construct. The stack's config (written by `pulumi new`) says
 * where and how big; the kubeconfig of the installed cluster is a secret.
 */
import * as pulumi from '@pulumi/pulumi';
import { KubeSpherePlatform, offline } from 'aliyun-kubesphere';

/** The program; the offline run (`npm run synth`) runs it too. */
export async function program(): Promise<offline.StackResult> {
  const config = new pulumi.Config();
  const name = pulumi.getProject();
  const platform = new KubeSpherePlatform(name, {
    region: new pulumi.Config('alicloud').require('region'),
    vpcCidr: config.require('vpcCidr'),
    zones: config.requireObject<string[]>('zones'),
    nodes: { count: config.requireNumber('nodeCount'), instanceType: config.require('instanceType'), imageId: config.require('imageId'), keyPairName: config.require('keyPairName') },
    adminCidrs: config.requireObject<string[]>('adminCidrs'),
    kubeconfig: config.requireSecret('kubeconfig'),
  });
  return {
    outputs: {
      nodes: platform.pool.nodes.map((n) => ({ name: n.name, privateIp: n.privateIp })),
      egressIp: platform.network.egressIp,
      nasMountDomain: platform.nas?.mountDomain,
      kubeconfig: platform.cluster.kubeconfig,
    },
    artifacts: [{ path: `kubekey/${name}.yaml`, content: platform.cluster.document }],
    warnings: platform.cluster.warnings,
  };
}
