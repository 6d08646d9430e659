import * as pulumi from '@pulumi/pulumi';
import { parseAllDocuments } from 'yaml';
import { KubeSphereCluster, KubeSphereClusterNode } from '../../../../constructs/alicloud/kubesphere-cluster';
import { ValidationError } from '../../../../constructs/lib/validation';
import { resolveInput } from '../../../../constructs/offline/values';
import { evaluate, ofType } from '../../../helpers/evaluate';

const PROD_NODES: KubeSphereClusterNode[] = [
  ...[1, 2, 3].map((i) => ({ name: `prod-cp-${i}`, privateIp: `10.20.0.${10 + i}`, roles: ['etcd', 'control-plane'] as const })),
  ...[1, 2, 3, 4, 5].map((i) => ({ name: `prod-worker-${i}`, privateIp: `10.20.16.${20 + i}`, roles: ['worker'] as const })),
];

const SSH_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----';
const REGISTRY_PASSWORD = 'Harbor-S3cret!';

function prodCluster(bootstrap: boolean): KubeSphereCluster {
  return new KubeSphereCluster('prod', {
    nodes: PROD_NODES,
    kubeKey: {
      name: 'prod',
      controlPlaneEndpoint: { internalLoadbalancer: 'haproxy' },
      vpcCidr: '10.20.0.0/16',
      requireHighAvailability: true,
      registry: { privateRegistry: 'harbor.example.com', auths: [{ host: 'harbor.example.com', usernameEnv: 'HARBOR_USER', passwordEnv: 'HARBOR_PASSWORD' }] },
    },
    externalEndpoints: [pulumi.output('47.107.1.2')],
    bootstrap: bootstrap
      ? {
          jumpHost: '47.106.9.9',
          sshPrivateKey: pulumi.secret(SSH_KEY),
          environment: { HARBOR_USER: 'admin', HARBOR_PASSWORD: pulumi.secret(REGISTRY_PASSWORD) },
        }
      : undefined,
    kubeconfig: bootstrap ? undefined : pulumi.secret('apiVersion: v1\nkind: Config\n'),
  });
}

describe('KubeSphereCluster', () => {
  test('builds both documents from the nodes, with the SLB address as an extra SAN and no LB address', async () => {
    let document: pulumi.Output<string> | undefined;
    const stack = await evaluate(() => {
      document = prodCluster(false).document;
      return { outputs: {}, artifacts: [{ path: 'kubekey/prod.yaml', content: document }] };
    });
    const [cluster, configuration] = parseAllDocuments(stack.artifacts[0].content).map((d) => d.toJS());
    expect(cluster.kind).toBe('Cluster');
    expect(cluster.spec.hosts.map((h: { internalAddress: string }) => h.internalAddress)).toEqual(PROD_NODES.map((n) => n.privateIp));
    expect(cluster.spec.roleGroups).toEqual({
      etcd: ['prod-cp-1', 'prod-cp-2', 'prod-cp-3'],
      'control-plane': ['prod-cp-1', 'prod-cp-2', 'prod-cp-3'],
      worker: ['prod-worker-1', 'prod-worker-2', 'prod-worker-3', 'prod-worker-4', 'prod-worker-5'],
    });
    expect(cluster.spec.controlPlaneEndpoint).toMatchObject({ internalLoadbalancer: 'haproxy', address: '' });
    expect(cluster.spec.kubernetes.apiserverCertExtraSans).toEqual(['47.107.1.2']);
    expect(configuration.kind).toBe('ClusterConfiguration');
    expect(stack.artifacts[0].content).not.toContain(REGISTRY_PASSWORD);
  });

  test('without bootstrap: no command, a provider from the kubeconfig given, kept secret', async () => {
    let kubeconfigSecret: boolean | undefined;
    const stack = await evaluate(async () => {
      const cluster = prodCluster(false);
      kubeconfigSecret = await pulumi.isSecret(cluster.kubeconfig);
      return { outputs: { kubeconfig: cluster.kubeconfig } };
    });
    expect(stack.resources.filter((r) => r.type.startsWith('command:'))).toEqual([]);
    expect(ofType(stack, 'pulumi:providers:kubernetes').map((r) => [r.name, r.inputs.kubeconfig])).toEqual([['prod-k8s', '[secret]']]);
    expect(kubeconfigSecret).toBe(true);
    expect(stack.outputs.kubeconfig).toBe('[secret]');
  });

  test('with bootstrap: the install steps run in order on the first control-plane node, through the jump host', async () => {
    let kubeconfigSecret: boolean | undefined;
    const connections: Array<Promise<unknown>> = [];
    const stack = await evaluate(async () => {
      // The command provider keeps the whole connection secret in state, so read it as given.
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type.startsWith('command:')) {
          connections.push(resolveInput(pulumi.unsecret(pulumi.output(args.props.connection))));
        }
        return undefined;
      });
      const cluster = prodCluster(true);
      kubeconfigSecret = await pulumi.isSecret(cluster.kubeconfig);
      return { outputs: { kubeconfig: cluster.kubeconfig } };
    });
    const steps = stack.resources.filter((r) => r.type.startsWith('command:'));
    expect(steps.map((r) => [r.type, r.name])).toEqual([
      ['command:remote:Command', 'prod-install-kk'],
      ['command:remote:Command', 'prod-install-ssh-key'],
      ['command:remote:CopyToRemote', 'prod-documents'],
      ['command:remote:Command', 'prod-create-cluster'],
      ['command:remote:Command', 'prod-add-nodes'],
      ['command:remote:Command', 'prod-wait-ready'],
      ['command:remote:Command', 'prod-read-kubeconfig'],
    ]);
    for (const step of steps) {
      expect(step.parent).toBe('aliyun-kubesphere:alicloud:KubeSphereCluster::prod');
      expect(step.inputs.connection).toBe('[secret]');
    }
    const given = await Promise.all(connections);
    expect(given).toHaveLength(7);
    for (const connection of given) {
      expect(connection).toMatchObject({ host: '10.20.0.11', user: 'root', privateKey: SSH_KEY, proxy: { host: '47.106.9.9', user: 'root', privateKey: SSH_KEY } });
    }
    const byName = Object.fromEntries(steps.map((s) => [s.name, s.inputs]));
    expect(byName['prod-install-kk'].create).toContain("VERSION='v3.1.12'");
    expect(byName['prod-create-cluster'].create).toContain("./kk create cluster -f '/root/kubekey/prod.yaml' --yes");
    expect(byName['prod-add-nodes'].create).toContain("./kk add nodes -f '/root/kubekey/prod.yaml' --yes");
    // Secrets go on standard input: a stock sshd refuses environment variables (AcceptEnv LANG LC_*).
    expect(byName['prod-create-cluster'].stdin).toBe('[secret]');
    expect(byName['prod-add-nodes'].stdin).toBe('[secret]');
    for (const step of steps) {
      expect(step.inputs.environment).toBeUndefined();
      if (step.type === 'command:remote:Command') {
        expect([step.name, step.inputs.addPreviousOutputInEnv]).toEqual([step.name, false]);
      }
    }
    expect(byName['prod-create-cluster'].create).toContain("export KKZONE='cn'");
    expect(byName['prod-documents'].remotePath).toBe('/root/kubekey/prod.yaml.tmpl');
    // kk needs the key on the install host, at the path the documents name; it travels as a secret.
    expect(byName['prod-install-ssh-key'].stdin).toBe('[secret]');
    expect(byName['prod-install-ssh-key'].create).toContain(`target="$HOME"/'.ssh/id_rsa'`);
    const everything = JSON.stringify(stack.resources);
    expect(everything).not.toContain(REGISTRY_PASSWORD);
    expect(everything).not.toContain('not-a-real-key');
    expect(kubeconfigSecret).toBe(true);
  });

  test('invalid KubeKey input is refused before any child exists', () => {
    expect(
      () =>
        new KubeSphereCluster('bad', {
          nodes: PROD_NODES.slice(0, 2).map((n) => ({ ...n, roles: ['etcd', 'control-plane'] })),
          kubeKey: { name: 'bad', controlPlaneEndpoint: { internalLoadbalancer: 'haproxy', address: '10.0.0.1' } },
          kubeconfig: 'x',
        }),
    ).toThrow(ValidationError);
  });

  test('refuses a non-root bootstrap user', () => {
    expect(
      () =>
        new KubeSphereCluster('user', {
          nodes: PROD_NODES,
          kubeKey: { name: 'user', controlPlaneEndpoint: { internalLoadbalancer: 'haproxy' } },
          bootstrap: { jumpHost: '47.106.9.9', sshPrivateKey: 'k', sshUser: 'ecs-user' },
        }),
    ).toThrow("KubeSphereCluster 'user': bootstrap.sshUser 'ecs-user' is not supported; the install runs as 'root'");
  });

  test('needs bootstrap or a kubeconfig', () => {
    expect(() => new KubeSphereCluster('none', { nodes: PROD_NODES, kubeKey: { name: 'none' } })).toThrow(
      "KubeSphereCluster 'none': set 'bootstrap' to install the cluster, or 'kubeconfig' for one installed elsewhere",
    );
  });
});

describe('KubeSphereCluster re-runs', () => {
  async function installSteps(workers: number, version?: string) {
    const nodes = [
      ...PROD_NODES.slice(0, 3),
      ...Array.from({ length: workers }, (_, i) => ({ name: `prod-worker-${i + 1}`, privateIp: `10.20.16.${21 + i}`, roles: ['worker'] as const })),
    ];
    const stack = await evaluate(() => {
      new KubeSphereCluster('prod', {
        nodes,
        kubeKey: { name: 'prod', controlPlaneEndpoint: { internalLoadbalancer: 'haproxy' }, kubernetes: { version } },
        bootstrap: { jumpHost: '47.106.9.9', sshPrivateKey: pulumi.secret(SSH_KEY) },
      });
    });
    return Object.fromEntries(stack.resources.filter((r) => r.type.startsWith('command:')).map((r) => [r.name, r.inputs]));
  }

  test('unchanged documents give identical inputs: pulumi up has nothing to do', async () => {
    expect(await installSteps(5)).toEqual(await installSteps(5));
  });

  test('added workers change only the add-nodes step; other settings re-run create cluster', async () => {
    const before = await installSteps(5);
    const more = await installSteps(6);
    expect(more['prod-create-cluster']).toEqual(before['prod-create-cluster']);
    expect(more['prod-add-nodes'].triggers).not.toEqual(before['prod-add-nodes'].triggers);
    const upgraded = await installSteps(5, 'v1.26.12');
    expect(upgraded['prod-create-cluster'].triggers).not.toEqual(before['prod-create-cluster'].triggers);
    expect(upgraded['prod-add-nodes']).toEqual(before['prod-add-nodes']);
  });
});
