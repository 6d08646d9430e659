/**
 * Issue 14: bad input refused early and precisely. Each case starts from a shipped stack file,
 * breaks one thing, and expects exactly the root cause, under the user's config key.
 */
import * as path from 'path';
import { ConfigError, parseStackConfig } from '../../../stacks/config/parse';
import { RawConfig, readStackFile } from '../../../stacks/config/sources';

const ROOT = path.resolve(__dirname, '../../..');

/** A shipped stack file's config, deep-copied, with `mutate` applied. */
export function shipped(stack: string, mutate: (values: Record<string, any>) => void = () => undefined): RawConfig {
  const raw = readStackFile(ROOT, stack);
  const values = JSON.parse(JSON.stringify(raw.values)) as Record<string, any>;
  mutate(values);
  return { ...raw, values };
}

function issuesOf(raw: RawConfig): Array<[string, string]> {
  try {
    parseStackConfig(raw, { missingSecrets: 'placeholder' });
  } catch (err) {
    if (err instanceof ConfigError) {
      return err.issues.map((i) => [i.key, i.message]);
    }
    throw err;
  }
  return [];
}

describe('the shipped stack files', () => {
  test.each(['shared', 'prod', 'test'])('%s is accepted', (stack) => {
    expect(issuesOf(shipped(stack))).toEqual([]);
  });
});

describe('config namespaces', () => {
  test('a typo in the namespace is refused', () => {
    expect(issuesOf(shipped('test', (v) => (v['platfrom:kubesphere'] = { devops: false })))).toEqual([
      [
        'platfrom:kubesphere',
        "is not in a known config namespace; expected one of 'platform:', 'alicloud:', 'kubernetes:', 'command:', 'pulumi:' (keys are <namespace>:<key>)",
      ],
    ]);
  });

  test("the providers' namespaces are theirs", () => {
    expect(
      issuesOf(
        shipped('test', (v) =>
          Object.assign(v, { 'alicloud:profile': 'ops', 'kubernetes:context': 'x', 'pulumi:disable-default-providers': ['*'] }),
        ),
      ),
    ).toEqual([]);
  });
});

describe('one root cause, not a cascade', () => {
  test('a bad middleware key is the only problem reported', () => {
    expect(issuesOf(shipped('test', (v) => (v['platform:middleware'].mysql.bogus = 1)))).toEqual([
      ['platform:middleware.mysql.bogus', 'is not a known key; expected one of storageSize, resources, database, user'],
    ]);
  });

  test('a withdrawn SLB spec does not add "apiServer is required"', () => {
    const issues = issuesOf(shipped('prod', (v) => (v['platform:apiServer'].loadBalancer.spec = 'slb.s2.small')));
    expect(issues.map(([k]) => k)).toEqual(['platform:apiServer.loadBalancer.spec']);
  });
});

describe('values that would break the cluster or the cloud', () => {
  const BIG = 'x'.repeat(4097);
  test.each<[string, string, (v: Record<string, any>) => void, Array<[string, string]>]>([
    [
      'a workload namespace that is a system one',
      'test',
      (v) => (v['platform:namespaces'].apps = 'kube-system'),
      [
        [
          'platform:namespaces.apps',
          "is a namespace of Kubernetes or KubeSphere itself; expected a namespace of the platform's own, such as iot-apps",
        ],
      ],
    ],
    [
      'a KubeSphere namespace for the middleware',
      'test',
      (v) => (v['platform:namespaces'].middleware = 'kubesphere-system'),
      [
        [
          'platform:namespaces.middleware',
          "is a namespace of Kubernetes or KubeSphere itself; expected a namespace of the platform's own, such as iot-middleware",
        ],
      ],
    ],
    [
      "a pod CIDR in Alibaba's internal range",
      'test',
      (v) => (v['platform:kubernetes'].podCidr = '100.64.0.0/16'),
      [
        [
          'platform:kubernetes.podCidr',
          "overlaps Alibaba's internal 100.64.0.0/10 (metadata service, VPC DNS); expected a private range such as 10.233.0.0/18",
        ],
      ],
    ],
    [
      "a service CIDR in Alibaba's internal range",
      'test',
      (v) => (v['platform:kubernetes'].serviceCidr = '100.100.0.0/18'),
      [
        [
          'platform:kubernetes.serviceCidr',
          "overlaps Alibaba's internal 100.64.0.0/10 (metadata service, VPC DNS); expected a private range such as 10.233.0.0/18",
        ],
      ],
    ],
    [
      'a pod CIDR too small for the nodes',
      'test',
      (v) => (v['platform:kubernetes'].podCidr = '10.233.64.0/23'),
      [
        [
          'platform:kubernetes.podCidr',
          'holds 2 node block(s) of /24, fewer than the 3 nodes of platform:nodePools; expected a /22 or larger',
        ],
      ],
    ],
    [
      'a service CIDR of a handful of addresses',
      'test',
      (v) => (v['platform:kubernetes'].serviceCidr = '10.233.0.0/28'),
      [
        [
          'platform:kubernetes.serviceCidr',
          "is a /28; expected a /12 to /24 (kube-apiserver refuses larger, KubeSphere's own services need a /24)",
        ],
      ],
    ],
    [
      'a region that does not exist',
      'test',
      (v) => (v['alicloud:region'] = 'cn-shenzen'),
      [
        [
          'alicloud:region',
          expect.stringContaining('is not an Alibaba Cloud region; expected one of cn-qingdao, cn-beijing,') as unknown as string,
        ],
      ],
    ],
    [
      'a zone of another region',
      'shared',
      (v) => (v['platform:network'].zones[1] = 'cn-beijing-f'),
      [
        [
          'platform:network.zones[1]',
          "is not a zone of the stack's region cn-shenzhen (alicloud:region); expected cn-shenzhen-<letter>, such as cn-shenzhen-a",
        ],
      ],
    ],
    [
      'a node pool zone of another region',
      'test',
      (v) => (v['platform:nodePools'][0].zones = ['cn-hangzhou-h']),
      [
        [
          'platform:nodePools[0].zones[0]',
          "is not a zone of the stack's region cn-shenzhen (alicloud:region); expected cn-shenzhen-<letter>, such as cn-shenzhen-a",
        ],
      ],
    ],
    [
      'a newline in a key pair name',
      'test',
      (v) => (v['platform:cluster'].ssh.keyPairName = 'platform-ops\nrm -rf /'),
      [['platform:cluster.ssh.keyPairName', 'holds a line break or control character; expected one line of text']],
    ],
    [
      'a space in an image id',
      'test',
      (v) => (v['platform:nodePools'][0].imageId = 'ubuntu 22.04'),
      [['platform:nodePools[0].imageId', 'is not allowed; expected an id without spaces or line breaks']],
    ],
    [
      'a space in the dev-tools key pair',
      'shared',
      (v) => (v['platform:devtools'].keyPairName = 'platform ops'),
      [['platform:devtools.keyPairName', 'is not allowed; expected an id without spaces or line breaks']],
    ],
    [
      'an env value of megabytes',
      'test',
      (v) => (v['platform:services'][0].env = { BANNER: BIG }),
      [['platform:services[0].env.BANNER', 'is too long; expected at most 4096 characters']],
    ],
    [
      'a password in clear text in env',
      'test',
      (v) => (v['platform:services'][0].env = { DB_PASSWORD: 'hunter2' }),
      [
        [
          'platform:services[0].env.DB_PASSWORD',
          "looks like a credential in clear text; store it with 'pulumi config set --secret --path platform:secrets.<name>' and list <name> in platform:services[0].secrets",
        ],
      ],
    ],
    [
      'a private key in env under an innocent name',
      'test',
      (v) => (v['platform:services'][0].env = { SIGNING: '-----BEGIN RSA PRIVATE KEY-----\nMIIE' }),
      [
        [
          'platform:services[0].env.SIGNING',
          "looks like a credential in clear text; store it with 'pulumi config set --secret --path platform:secrets.<name>' and list <name> in platform:services[0].secrets",
        ],
      ],
    ],
    [
      'two services deriving the same MySQL password secret',
      'test',
      (v) => v['platform:services'].push({ ...v['platform:services'][1], name: 'device--service' }),
      [
        [
          'platform:services[5].name',
          'derives the secret platform:secrets.deviceServiceMysqlPassword, like platform:services[1].name; rename one of them',
        ],
      ],
    ],
    [
      "the internet in two halves as the API server's allowed CIDRs",
      'prod',
      (v) => (v['platform:apiServer'].loadBalancer.allowedCidrs = ['0.0.0.0/1', '128.0.0.0/1']),
      [
        [
          'platform:apiServer.loadBalancer.allowedCidrs[0]',
          'is broader than a /8; the Kubernetes API must only be reachable from known networks (list the office, VPN or CI ranges)',
        ],
        [
          'platform:apiServer.loadBalancer.allowedCidrs[1]',
          'is broader than a /8; the Kubernetes API must only be reachable from known networks (list the office, VPN or CI ranges)',
        ],
      ],
    ],
    [
      'the internet in two halves as the dev-tools admin CIDRs',
      'shared',
      (v) => (v['platform:devtools'].adminCidrs = ['0.0.0.0/1', '128.0.0.0/1']),
      [
        [
          'platform:devtools.adminCidrs[0]',
          'is broader than a /8; SSH on the dev-tools host must only be reachable from known networks (list the office, VPN or CI ranges)',
        ],
        [
          'platform:devtools.adminCidrs[1]',
          'is broader than a /8; SSH on the dev-tools host must only be reachable from known networks (list the office, VPN or CI ranges)',
        ],
      ],
    ],
    [
      'replacing more etcd members at once than the quorum survives',
      'test',
      (v) => (v['platform:nodePools'][0].replaceNodes = ['test-node-1', 'test-node-2']),
      [
        [
          'platform:nodePools[0].replaceNodes',
          'replaces 2 of the 3 etcd members at once; etcd keeps its quorum losing at most 1: replace at most 1 at a time',
        ],
      ],
    ],
  ])('refuses %s', (_what, stack, mutate, expected) => {
    expect(issuesOf(shipped(stack, mutate))).toEqual(expected);
  });
});

describe("the constructs' checks, run in the config layer under the config key", () => {
  test.each<[string, (v: Record<string, any>) => void, Array<[string, string]>]>([
    [
      'a GitLab URL with a port, which the schema allows and DevToolsHost refuses',
      (v) => (v['platform:devtools'].gitlabUrl = 'http://git.iot.example.com:8080'),
      [['platform:devtools.gitlabUrl', 'must be https://<lowercase host name>, without port, path or query']],
    ],
    [
      'Mantis on the GitLab host',
      (v) => (v['platform:devtools'].mantisUrl = v['platform:devtools'].gitlabUrl),
      [['platform:devtools.mantisUrl', 'uses the same host as gitlabUrl; the proxy routes by host name, so each needs its own']],
    ],
    [
      'an address offset beyond the vSwitch',
      (v) => (v['platform:devtools'].addressOffset = 5000),
      [
        [
          'platform:devtools.addressOffset',
          'puts 1 node(s) in 10.20.0.0/20 (cn-shenzhen-e) from host index 5000, but only 0 usable address(es) remain there (the last 3 are reserved)',
        ],
      ],
    ],
  ])('%s', (_what, mutate, expected) => {
    expect(issuesOf(shipped('shared', mutate))).toEqual(expected);
  });
});
