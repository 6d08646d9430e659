/**
 * The diagram `npm run synth` writes, checked against the plan of the same run: the 12 ECS with
 * their addresses and roles, the SLB in front of the three production control-plane nodes, the NAS
 * and the bucket. (It runs this company's stacks: the diagram is only worth as much as its match
 * with the real plan.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { dotString } from '../../../../constructs/offline/diagram';
import { Plan, PlannedResource } from '../../../../constructs/core/plan';
import { SHIPPED_RUN_TIMEOUT_MS, shippedOutput, shippedPlan } from '../../../helpers/shipped-run';
import { decodeXml, xmlProblems } from './xml';

let plan: Plan;
let dot: string;
let svg: string;

beforeAll(async () => {
  const outDir = await shippedOutput();
  plan = await shippedPlan();
  dot = fs.readFileSync(path.join(outDir, 'architecture.dot'), 'utf8');
  svg = fs.readFileSync(path.join(outDir, 'architecture.svg'), 'utf8');
}, SHIPPED_RUN_TIMEOUT_MS);

function all(type: string): Array<PlannedResource & { stack: string }> {
  return Object.entries(plan.stacks).flatMap(([stack, s]) => s.resources.filter((r) => r.type === type).map((r) => ({ ...r, stack })));
}

/** Roles as the diagram writes them: KubeKey's role groups, or the dev-tools host's purpose. */
function rolesOf(instance: PlannedResource): string {
  if (instance.parent?.startsWith('aliyun-kubesphere:alicloud:DevToolsHost::')) {
    return 'GitLab, Mantis';
  }
  return /\(([^)]*)\)$/.exec(String(instance.inputs.description))?.[1] ?? '';
}

test('every ECS of the plan appears with its name, private IP and roles', () => {
  const instances = all('alicloud:ecs/instance:Instance');
  expect(instances).toHaveLength(12);
  const text = decodeXml(svg);
  for (const i of instances) {
    const label = dotString(String(i.inputs.instanceName), String(i.inputs.privateIp), rolesOf(i));
    expect(dot).toContain(label.slice(0, -1));
    expect(text).toContain(String(i.inputs.privateIp));
  }
  expect(dot).toContain(dotString('prod-cp-1', '10.20.0.10', 'etcd, control-plane').slice(0, -1));
  expect(dot).toContain(dotString('test-node-1', '10.20.0.40', 'etcd, control-plane, worker').slice(0, -1));
});

test('the SLB fronts exactly the three production control-plane nodes', () => {
  const [slb] = all('alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer');
  const edges = dot.split('\n').filter((l) => l.startsWith(`  "slb:${slb.stack}/${slb.name}" -> "ecs:`));
  const targets = edges.map((l) => /-> "ecs:([^"]+)"/.exec(l)?.[1]).sort();
  const controlPlane = all('alicloud:ecs/instance:Instance').filter((i) => i.stack === 'prod' && rolesOf(i).includes('control-plane'));
  expect(controlPlane).toHaveLength(3);
  expect(targets).toEqual(controlPlane.map((i) => `${i.stack}/${i.name}`).sort());
});

test('the NAS and the bucket with its CDN domain appear', () => {
  const [nas] = all('alicloud:nas/fileSystem:FileSystem');
  const [bucket] = all('alicloud:oss/bucket:Bucket');
  const [cdn] = all('alicloud:cdn/domainNew:DomainNew');
  expect(dot).toContain(`NAS ${nas.name}`);
  expect(dot).toContain(`OSS ${String(bucket.inputs.bucket)}`);
  expect(dot).toContain(`"cdn:${String(cdn.inputs.domainName)}" -> "oss:${bucket.stack}/${bucket.name}"`);
  expect(decodeXml(svg)).toContain(`OSS ${String(bucket.inputs.bucket)}`);
});

test('the SVG is well-formed XML', () => {
  expect(xmlProblems(svg)).toEqual([]);
});

test('the backup bucket appears as a private bucket, and the MySQL backup CronJobs in the middleware namespace', () => {
  expect(dot).toContain(dotString('OSS hsh-iot-backups', 'ZRS, versioned private'));
  expect(dot).not.toContain('"oss:shared/platform-backups-bucket" [label="OSS hsh-iot-backups\\nZRS, versioned origin"');
  expect(decodeXml(svg)).toContain('OSS hsh-iot-backups');
  expect(dot).toContain('CronJob mysql-backup\\l');
});
