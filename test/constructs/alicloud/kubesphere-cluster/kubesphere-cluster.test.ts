import * as pulumi from '@pulumi/pulumi';
import { parseAllDocuments } from 'yaml';
import { KubeSphereBootstrapProps, KubeSphereCluster, KubeSphereClusterNode } from '../../../../constructs/alicloud';
import * as kubekeyRender from '../../../../constructs/kubekey/render';
import { ValidationError } from '../../../../constructs/core/validation';
import { resolveInput } from '../../../../constructs/offline/values';
import { evaluate, ofType } from '../../../helpers/evaluate';
import { adminKubeconfig } from './fixtures';

const PROD_NODES: KubeSphereClusterNode[] = [
  ...[1, 2, 3].map((i) => ({ name: `prod-cp-${i}`, privateIp: `10.20.0.${10 + i}`, roles: ['etcd', 'control-plane'] as const })),
  ...[1, 2, 3, 4, 5].map((i) => ({ name: `prod-worker-${i}`, privateIp: `10.20.16.${20 + i}`, roles: ['worker'] as const })),
];

const SSH_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----';
// Stands in for the pinned tarball's digest; these tests run nothing.
const KK_SHA256 = 'c'.repeat(64);
const JUMP_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nnot-the-jump-key\n-----END OPENSSH PRIVATE KEY-----';
const REGISTRY_PASSWORD = 'Harbor-S3cret!';
const ADMIN_PASSWORD = 'Ks-Adm1n-Secret';
const NODE_HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINodeNodeNodeNodeNodeNodeNodeNodeNodeNodeNo root@prod-cp-1';
const JUMP_HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJumpJumpJumpJumpJumpJumpJumpJumpJumpJumpJu root@devtools';
/** Everything a bootstrap needs but the secrets' environment. */
const ACCESS = {
  jumpHost: '47.106.9.9',
  jumpHostKey: JUMP_HOST_KEY,
  jumpPrivateKey: pulumi.secret(JUMP_KEY),
  sshPrivateKey: pulumi.secret(SSH_KEY),
  hostKey: NODE_HOST_KEY,
  adminPassword: pulumi.secret(ADMIN_PASSWORD),
  kubeKeySha256: KK_SHA256,
};

function prodCluster(bootstrap: boolean): KubeSphereCluster {
  return new KubeSphereCluster('prod', {
    nodes: PROD_NODES,
    kubeKey: {
      name: 'prod',
      controlPlaneEndpoint: { internalLoadbalancer: 'haproxy' },
      vpcCidr: '10.20.0.0/16',
      requireHighAvailability: true,
      registry: {
        privateRegistry: 'harbor.example.com',
        auths: [{ host: 'harbor.example.com', usernameEnv: 'HARBOR_USER', passwordEnv: 'HARBOR_PASSWORD' }],
      },
    },
    externalEndpoints: [pulumi.output('47.107.1.2')],
    bootstrap: bootstrap
      ? {
          ...ACCESS,
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
    const secretOutputs: Record<string, readonly string[] | undefined> = {};
    const stack = await evaluate(async () => {
      // The command provider keeps the whole connection secret in state, so read it as given.
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type.startsWith('command:')) {
          connections.push(resolveInput(pulumi.unsecret(pulumi.output(args.props.connection))));
          secretOutputs[args.name] = (args.opts as pulumi.CustomResourceOptions).additionalSecretOutputs;
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
      ['command:remote:Command', 'prod-upgrade'],
      ['command:remote:Command', 'prod-create-cluster'],
      ['command:remote:Command', 'prod-add-nodes'],
      ['command:remote:Command', 'prod-wait-ready'],
      ['command:remote:Command', 'prod-admin-password'],
      ['command:remote:Command', 'prod-read-kubeconfig'],
    ]);
    for (const step of steps) {
      expect(step.parent).toBe('aliyun-kubesphere:alicloud:KubeSphereCluster::prod');
      expect(step.inputs.connection).toBe('[secret]');
    }
    const given = await Promise.all(connections);
    expect(given).toHaveLength(9);
    for (const connection of given) {
      // Both host keys pinned; the jump host opens with its own key, the node with the cluster's.
      expect(connection).toMatchObject({
        host: '10.20.0.11',
        user: 'root',
        privateKey: SSH_KEY,
        hostKey: NODE_HOST_KEY,
        proxy: { host: '47.106.9.9', user: 'root', privateKey: JUMP_KEY, hostKey: JUMP_HOST_KEY },
      });
    }
    const byName = Object.fromEntries(steps.map((s) => [s.name, s.inputs]));
    // The pinned tarball, checked before kk is unpacked; nothing piped into a shell.
    expect(byName['prod-install-kk'].create).toContain("archive='kubekey-v3.1.12-linux-amd64.tar.gz'");
    expect(byName['prod-install-kk'].create).toContain(`expected='${KK_SHA256}'`);
    expect(byName['prod-install-kk'].create).toContain(
      "url='https://github.com/kubesphere/kubekey/releases/download/v3.1.12/kubekey-v3.1.12-linux-amd64.tar.gz'",
    );
    expect(byName['prod-install-kk'].create).not.toMatch(/get-kk|\|\s*(ba)?sh\b/);
    // The kubeconfig (a cluster-admin key) never reaches the display or CI logs, and stays secret in state.
    expect(byName['prod-read-kubeconfig'].logging).toBe('none');
    expect(byName['prod-install-ssh-key'].logging).toBe('none');
    // (the command provider adds its own 'connection')
    for (const step of ['prod-read-kubeconfig', 'prod-install-ssh-key', 'prod-upgrade', 'prod-create-cluster', 'prod-add-nodes']) {
      expect([step, secretOutputs[step]]).toEqual([step, ['stdout', 'stderr', 'connection']]);
    }
    // The upgrade step records the versions first; only a version change (its update) runs kk upgrade.
    expect(byName['prod-upgrade'].create).toBe("echo 'installed: Kubernetes v1.26.15, KubeSphere v3.4.1'");
    expect(byName['prod-upgrade'].update).toContain("./kk upgrade --with-kubernetes 'v1.26.15' -f '/root/kubekey/prod.yaml' --yes");
    expect(byName['prod-upgrade'].stdin).toBe('[secret]');
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
    // The admin password is set after the install is ready, from standard input, never in the script.
    expect(byName['prod-admin-password'].stdin).toBe('[secret]');
    expect(byName['prod-admin-password'].create).toContain(
      'kubectl patch users.iam.kubesphere.io admin --type merge --patch-file <(printf',
    );
    const everything = JSON.stringify(stack.resources);
    expect(everything).not.toContain(ADMIN_PASSWORD);
    expect(everything).not.toContain('not-the-jump-key');
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
          bootstrap: { ...ACCESS, sshUser: 'ecs-user' },
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
  function nodesWith(workers: number): KubeSphereClusterNode[] {
    return [
      ...PROD_NODES.slice(0, 3),
      ...Array.from({ length: workers }, (_, i) => ({
        name: `prod-worker-${i + 1}`,
        privateIp: `10.20.16.${21 + i}`,
        roles: ['worker'] as const,
      })),
    ];
  }

  function cluster(workers: number, version?: string, previous: Partial<KubeSphereBootstrapProps> = {}): KubeSphereCluster {
    return new KubeSphereCluster('prod', {
      nodes: nodesWith(workers),
      kubeKey: { name: 'prod', controlPlaneEndpoint: { internalLoadbalancer: 'haproxy' }, kubernetes: { version } },
      bootstrap: { ...ACCESS, ...previous },
    });
  }

  async function installSteps(workers: number, version?: string) {
    const stack = await evaluate(() => {
      cluster(workers, version);
    });
    return Object.fromEntries(stack.resources.filter((r) => r.type.startsWith('command:')).map((r) => [r.name, r.inputs]));
  }

  /** The KubeKey file a previous deployment installed (its `installedDocument` output). */
  async function installedDocument(workers: number, version?: string): Promise<string> {
    const stack = await evaluate(() => ({ outputs: { document: cluster(workers, version).installedDocument } }));
    return stack.outputs.document as string;
  }

  test('unchanged documents give identical inputs: pulumi up has nothing to do', async () => {
    expect(await installSteps(5)).toEqual(await installSteps(5));
  });

  test('added workers change only the add-nodes step', async () => {
    const before = await installSteps(5);
    const more = await installSteps(6);
    expect(more['prod-create-cluster']).toEqual(before['prod-create-cluster']);
    expect(more['prod-upgrade']).toEqual(before['prod-upgrade']);
    expect(more['prod-add-nodes'].triggers).not.toEqual(before['prod-add-nodes'].triggers);
  });

  test('a version change runs kk upgrade (the upgrade step updates) and never re-creates the cluster', async () => {
    const before = await installSteps(5, 'v1.25.16');
    const upgraded = await installSteps(5, 'v1.26.15');
    expect(upgraded['prod-create-cluster']).toEqual(before['prod-create-cluster']);
    expect(upgraded['prod-add-nodes']).toEqual(before['prod-add-nodes']);
    expect(upgraded['prod-upgrade'].triggers).not.toEqual(before['prod-upgrade'].triggers);
    expect(upgraded['prod-upgrade'].update).toContain("./kk upgrade --with-kubernetes 'v1.26.15' -f '/root/kubekey/prod.yaml' --yes");
    // kubeadm renews the certificates during an upgrade: the kubeconfig is read again.
    expect(upgraded['prod-read-kubeconfig'].triggers).not.toEqual(before['prod-read-kubeconfig'].triggers);
  });

  test('the installed document is the one the steps applied', async () => {
    const document = await installedDocument(5);
    expect(parseAllDocuments(document)[0].toJS().spec.hosts).toHaveLength(8);
  });

  test("renders the KubeKey file once and reads back no YAML but the previous install's", async () => {
    const previousDocument = await installedDocument(5);
    const render = jest.spyOn(kubekeyRender, 'renderKubeKey');
    // The module object itself (an `import *` gives a frozen copy): what the kubekey code calls through.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yamlModule: typeof import('yaml') = require('yaml');
    const parse = jest.spyOn(yamlModule, 'parseAllDocuments');
    try {
      await evaluate(() => {
        new KubeSphereCluster('prod', {
          nodes: nodesWith(6),
          kubeKey: { name: 'prod' },
          externalEndpoints: ['47.107.1.2'],
          bootstrap: { ...ACCESS, previousDocument },
        });
      });
      // One render: the checks, the document, the secret variables, the versions and the step
      // fingerprints all come from it; the only YAML parsed is the previous install's file.
      expect(render).toHaveBeenCalledTimes(1);
      expect(parse.mock.calls).toEqual([[previousDocument]]);
      render.mockClear();
      parse.mockClear();
      // An external address that is an output is only known later: the checks render the known
      // parts, the document is rendered once more with the address.
      await evaluate(() => {
        new KubeSphereCluster('prod', {
          nodes: nodesWith(5),
          kubeKey: { name: 'prod' },
          externalEndpoints: [pulumi.output('47.107.1.2')],
          bootstrap: ACCESS,
        });
      });
      expect(render).toHaveBeenCalledTimes(2);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      render.mockRestore();
      parse.mockRestore();
    }
  });

  test('a removed node is refused, naming where it is declared, with the kk delete node procedure', async () => {
    const previousDocument = await installedDocument(5);
    expect(() =>
      cluster(4, undefined, {
        previousDocument,
        nodeSource: (n) => (n.startsWith('prod-worker-') ? 'platform:nodePools[1].count' : undefined),
      }),
    ).toThrow(
      "KubeSphereCluster 'prod': node(s) prod-worker-5 (platform:nodePools[1].count) would leave the cluster, and nodes are never removed by a config change. " +
        "To remove a node: (1) on the first control-plane node, cd /root/kubekey and run './kk delete node <name> -f prod.yaml' for each",
    );
  });

  test('nodes and versions changed together are refused: one change per pulumi up', async () => {
    const previousDocument = await installedDocument(5, 'v1.25.16');
    expect(() => cluster(6, 'v1.26.15', { previousDocument })).toThrow(
      "KubeSphereCluster 'prod': the nodes and the Kubernetes/KubeSphere versions (Kubernetes v1.25.16, KubeSphere v3.4.1 → Kubernetes v1.26.15, KubeSphere v3.4.1) changed together.",
    );
  });

  test('an upgrade outside the rules is refused with the version matrix reason', async () => {
    const previousDocument = await installedDocument(5, 'v1.24.17');
    expect(() => cluster(5, 'v1.26.15', { previousDocument, kubernetesVersionSource: 'platform:kubernetes.version' })).toThrow(
      "KubeSphereCluster 'prod': platform:kubernetes.version v1.26.15 skips a minor from the installed v1.24.17; upgrade one minor per change (v1.25 next), testing and backing up etcd between steps",
    );
    const installed = await installedDocument(5, 'v1.25.16');
    const stack = await evaluate(() => {
      cluster(5, 'v1.26.15', { previousDocument: installed });
    });
    expect(ofType(stack, 'command:remote:Command').map((r) => r.name)).toContain('prod-upgrade');
  });

  test('the kubeconfig is read again when its certificate nears expiry', async () => {
    const previousKubeconfig = adminKubeconfig();
    const readTriggers = async (now: string) => {
      let warnings: readonly string[] = [];
      const stack = await evaluate(() => {
        warnings = cluster(5, undefined, { previousKubeconfig, now: new Date(now) }).warnings;
      });
      return {
        triggers: ofType(stack, 'command:remote:Command').find((r) => r.name === 'prod-read-kubeconfig')?.inputs.triggers as unknown[],
        warnings,
      };
    };
    const early = await readTriggers('2027-06-01T00:00:00Z');
    const later = await readTriggers('2027-09-01T00:00:00Z');
    const near = await readTriggers('2027-11-27T00:00:00Z');
    expect(later).toEqual(early);
    expect(early.triggers[2]).toBe('valid-until:2027-12-07T15:10:52.000Z');
    expect(near.triggers[2]).toBe('refresh-before:2027-12-07T15:10:52.000Z');
    expect(near.warnings).toEqual([
      expect.stringMatching(/^the admin kubeconfig's certificate expires on 2027-12-07T15:10:52.000Z \(10 days left\)/),
    ]);
  });

  test.each([
    [
      'a digest that is not SHA-256',
      { kubeKeySha256: 'abc' },
      "bootstrap.kubeKeySha256 'abc' is not a SHA-256 (64 hex digits) of the KubeKey tarball",
    ],
    [
      'a plain-HTTP download',
      { kubeKeyUrl: 'http://mirror.example.com/kk.tar.gz' },
      "bootstrap.kubeKeyUrl 'http://mirror.example.com/kk.tar.gz' is not an https URL",
    ],
  ])('refuses %s before anything registers', (_name, bad, message) => {
    expect(() => cluster(5, undefined, bad)).toThrow(`KubeSphereCluster 'prod': ${message}`);
  });

  test('the download URL can point at an OSS copy', async () => {
    const url = 'https://acme-tools.oss-cn-shenzhen-internal.aliyuncs.com/kubekey/kubekey-v3.1.12-linux-amd64.tar.gz';
    const stack = await evaluate(() => {
      cluster(5, undefined, { kubeKeyUrl: url });
    });
    expect(ofType(stack, 'command:remote:Command').find((r) => r.name === 'prod-install-kk')?.inputs.create).toContain(`url='${url}'`);
  });
});
