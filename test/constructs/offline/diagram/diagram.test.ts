/**
 * The diagram of a small estate built from the constructs alone: every machine with its address
 * and roles in its zone, the SLB with an edge to each control-plane node, the NAS, the bucket and its
 * CDN domain, and the namespaces and workloads of the cluster's manifests.
 */
import { parseAllDocuments } from 'yaml';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiServerLoadBalancer } from '../../../../constructs/alicloud';
import { NasStorage } from '../../../../constructs/alicloud';
import { Network } from '../../../../constructs/alicloud';
import { NodePool } from '../../../../constructs/alicloud';
import { OssCdnSite } from '../../../../constructs/alicloud';
import { architectureFiles, dotLeftLines, dotString, planToDot, readDiagramInputs } from '../../../../constructs/offline/diagram';
import { Plan } from '../../../../constructs/core/plan';
import { synthesize } from '../../../../constructs/offline/synthesize';
import { decodeXml, xmlProblems } from './xml';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
spec:
  replicas: 2
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
  namespace: data
spec:
  replicas: 1
---
apiVersion: v1
kind: Namespace
metadata:
  name: empty
`;

let plan: Plan;
let files: Readonly<Record<string, string>>;

beforeAll(async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
  const result = await synthesize({
    project: 'demo',
    outDir,
    stacks: [
      {
        name: 'dev',
        config: {},
        secretKeys: [],
        program: async () => {
          const network = new Network('demo', {
            vpcCidr: '10.0.0.0/16',
            zones: ['cn-hangzhou-h', 'cn-hangzhou-i'],
            securityGroups: ['nodes'],
          });
          const vswitches = network.vswitches.map((v) => ({ zone: v.zone, cidr: v.cidr, id: v.vswitch.id }));
          const pool = new NodePool('cp', {
            count: 3,
            instanceType: 'ecs.c7.2xlarge',
            imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
            keyName: 'ops',
            securityGroupIds: [network.securityGroups.nodes.id],
            vswitches,
            roles: ['etcd', 'control-plane'],
          });
          new NodePool('wk', {
            count: 2,
            instanceType: 'ecs.c7.2xlarge',
            imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
            keyName: 'ops',
            securityGroupIds: [network.securityGroups.nodes.id],
            vswitches,
            roles: ['worker'],
            addressOffset: 20,
          });
          new ApiServerLoadBalancer('api', { controlPlaneNodes: pool.nodes, allowedCidrs: ['203.0.113.0/24'] });
          const first = network.vswitches[0];
          new NasStorage('data', {
            vpc: { id: network.vpc.id, cidr: network.vpcCidr },
            vswitch: { id: first.vswitch.id, cidr: first.cidr, zone: first.zone },
          });
          new OssCdnSite('site', { bucketName: 'demo-files', domainName: 'files.demo.example.com', httpsEnabled: false });
          return { outputs: {}, artifacts: [{ path: 'k8s/dev/app.k8s.yaml', content: MANIFESTS }] };
        },
      },
    ],
    extraFiles: (p, artifacts) => architectureFiles(p, artifacts, { title: 'demo "estate"' }),
  });
  plan = result.plan;
  files = Object.fromEntries(result.files.map((f) => [f.path, f.content]));
});

function resources(type: string) {
  return plan.stacks.dev.resources.filter((r) => r.type === type);
}

test('every ECS appears with its address and roles', () => {
  const dot = files['architecture.dot'];
  const instances = resources('alicloud:ecs/instance:Instance');
  expect(instances).toHaveLength(5);
  for (const i of instances) {
    const roles = String(i.inputs.hostName).startsWith('cp-') ? 'etcd, control-plane' : 'worker';
    expect(dot).toContain(dotString(String(i.inputs.hostName), String(i.inputs.privateIp), roles, 'ecs.c7.2xlarge'));
  }
});

test('the SLB has an edge to each control-plane node and to nothing else', () => {
  const dot = files['architecture.dot'];
  const edges = dot.split('\n').filter((l) => l.includes('"slb:dev/api-slb" -> '));
  expect(edges.map((l) => /-> "ecs:dev\/([^"]+)"/.exec(l)?.[1]).sort()).toEqual(['cp-cp-1', 'cp-cp-2', 'cp-cp-3']);
  expect(dot).toContain(dotString('SLB api', 'internet, TCP 6443'));
});

test('zones, NAS, bucket, CDN and workloads appear', () => {
  const dot = files['architecture.dot'];
  expect(dot).toContain(dotString('VPC demo 10.0.0.0/16'));
  expect(dot).toMatch(/zone cn-hangzhou-h - vSwitch 10\.0\.\d+\.0\/\d+/);
  expect(dot).toMatch(/zone cn-hangzhou-i - vSwitch/);
  expect(dot).toContain('NAS data-fs');
  expect(dot).toContain(dotString('OSS demo-files', 'ZRS, versioned origin'));
  expect(dot).toContain('"cdn:files.demo.example.com" -> "oss:dev/site-bucket"');
  expect(dot).toContain(dotLeftLines('namespace shop', 'Deployment orders x2'));
  expect(dot).toContain(dotLeftLines('namespace data', 'StatefulSet redis x1'));
  expect(dot).toContain(dotLeftLines('namespace empty', '(no workloads)'));
  expect(dot).toContain(dotString('demo "estate"').slice(1, -1));
});

test('the SVG is well-formed and carries the same labels', () => {
  const svg = files['architecture.svg'];
  expect(svg).toContain('<svg');
  expect(xmlProblems(svg)).toEqual([]);
  const text = decodeXml(svg);
  const labels = resources('alicloud:ecs/instance:Instance').flatMap((i) => [String(i.inputs.hostName), String(i.inputs.privateIp)]);
  for (const label of [
    ...labels,
    'etcd, control-plane',
    'SLB api',
    'NAS data-fs',
    'OSS demo-files',
    'namespace shop',
    'Deployment orders x2',
    'demo "estate"',
  ]) {
    expect(text).toContain(label);
  }
});

test('the diagram is deterministic', () => {
  expect(planToDot(plan, readDiagramInputs([{ path: 'k8s/dev/app.k8s.yaml', content: MANIFESTS }]))).toBe(
    planToDot(plan, readDiagramInputs([{ path: 'k8s/dev/app.k8s.yaml', content: MANIFESTS }])),
  );
});

test.each([
  ['plain', ['a'], '"a"'],
  ['two lines', ['a', 'b'], '"a\\nb"'],
  ['quotes', ['say "hi"'], '"say \\"hi\\""'],
  ['backslash', ['a\\b'], '"a\\\\b"'],
])('dotString escapes %s', (_name, lines, expected) => {
  expect(dotString(...lines)).toBe(expected);
});

test.each([
  [
    'KubeKey roles and versions',
    'kubekey/x.yaml',
    'apiVersion: kubekey.kubesphere.io/v1alpha2\nkind: Cluster\nmetadata: {name: c1}\nspec:\n  hosts: [{name: n1, internalAddress: 10.0.0.1}]\n  roleGroups: {etcd: [n1], worker: [n1]}\n  kubernetes: {version: v1.26.15}\n---\napiVersion: installer.kubesphere.io/v1alpha1\nkind: ClusterConfiguration\nmetadata: {name: ks-installer, labels: {version: v3.4.1}}\nspec: {multicluster: {clusterRole: host}}\n',
    {
      name: 'c1',
      kubernetesVersion: 'v1.26.15',
      kubesphereVersion: 'v3.4.1',
      multiclusterRole: 'host',
      hosts: [{ name: 'n1', address: '10.0.0.1', roles: ['etcd', 'worker'] }],
      namespaces: [],
    },
  ],
  ['a manifest outside k8s/ is ignored', 'other/app.yaml', MANIFESTS, undefined],
  ['a non-YAML file is ignored', 'k8s/c1/notes.txt', 'kind: Deployment', undefined],
])('readDiagramInputs: %s', (_name, filePath, content, expected) => {
  expect(readDiagramInputs([{ path: filePath, content }]).clusters?.[0]).toEqual(expected);
});

test('readDiagramInputs: a manifest that brings its documents as data is read from them, not parsed again', () => {
  const documents = parseAllDocuments(MANIFESTS).map((d) => d.toJS() as unknown);
  const fromText = readDiagramInputs([{ path: 'k8s/dev/app.k8s.yaml', content: MANIFESTS }]);
  expect(readDiagramInputs([{ path: 'k8s/dev/app.k8s.yaml', content: MANIFESTS, documents }])).toEqual(fromText);
  // The text is not looked at: an unparsable one changes nothing.
  expect(readDiagramInputs([{ path: 'k8s/dev/app.k8s.yaml', content: 'kind: [', documents }])).toEqual(fromText);
  expect(fromText.clusters?.[0].namespaces.map((n) => n.name)).toEqual(['data', 'empty', 'shop']);
});
