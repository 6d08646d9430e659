/**
 * The whole estate as the offline run plans it from the committed Pulumi.<stack>.yaml files: the
 * facts the seed fixes (12 ECS of 8 vCPU / 16 GiB, one SLB in front of the production control
 * plane, NAS, OSS + CDN) and the KubeKey documents generated from the same nodes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { cidrContainsIp, mustParseCidr, parseIpv4 } from '../../constructs/core/cidr';
import { instanceSize } from '../../constructs/alicloud/instance-types';
import { Plan, PlannedResource } from '../../constructs/core/plan';
import { mockResourceId } from '../../constructs/offline/mocks';
import { SHIPPED_RUN_TIMEOUT_MS, shippedOutput, shippedPlan } from '../helpers/shipped-run';
import { renderNodeDataDiskScript } from '../../constructs/kubekey';

function all(plan: Plan, type: string): Array<PlannedResource & { stack: string }> {
  return Object.entries(plan.stacks).flatMap(([stack, s]) => s.resources.filter((r) => r.type === type).map((r) => ({ ...r, stack })));
}

let plan: Plan;
let out: string;

beforeAll(async () => {
  out = await shippedOutput();
  plan = await shippedPlan();
}, SHIPPED_RUN_TIMEOUT_MS);

describe('the cloud estate', () => {
  test('12 ECS: shared 1, prod 8, test 3, each 8 vCPU / 16 GiB', () => {
    const instances = all(plan, 'alicloud:ecs/instance:Instance');
    expect(instances).toHaveLength(12);
    expect(['shared', 'prod', 'test'].map((s) => instances.filter((i) => i.stack === s).length)).toEqual([1, 8, 3]);
    for (const instance of instances) {
      expect(instanceSize(instance.inputs.instanceType as string)).toEqual({ vcpus: 8, memoryGiB: 16 });
    }
  });

  test('every ECS has a fixed private IP inside its vSwitch, none repeated', () => {
    expect(all(plan, 'alicloud:vpc/switch:Switch')).toHaveLength(2);
    const idToCidr = new Map(
      (plan.stacks.shared.outputs.network as { vswitches: Array<{ id: string; cidr: string }> }).vswitches.map((v) => [v.id, v.cidr]),
    );
    const ips = all(plan, 'alicloud:ecs/instance:Instance').map((i) => {
      const ip = i.inputs.privateIp as string;
      const cidr = idToCidr.get(i.inputs.vswitchId as string);
      expect(cidr).toBeDefined();
      expect(cidrContainsIp(mustParseCidr(cidr!), parseIpv4(ip)!)).toBe(true);
      return ip;
    });
    expect(new Set(ips).size).toBe(12);
  });

  test('hardened nodes: deletion protection, encrypted disks, hardened metadata, key pair only, no public IP', () => {
    for (const i of all(plan, 'alicloud:ecs/instance:Instance')) {
      expect(i.inputs).toMatchObject({
        deletionProtection: true,
        systemDiskEncrypted: true,
        httpTokens: 'required',
        internetMaxBandwidthOut: 0,
      });
      expect(i.inputs.password).toBeUndefined();
      expect(typeof i.inputs.keyName).toBe('string');
    }
  });

  test('one SLB, a TCP 6443 listener, and exactly the three production control-plane nodes behind it', () => {
    const slbs = all(plan, 'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer');
    expect(slbs.map((s) => s.stack)).toEqual(['prod']);
    expect(slbs[0].inputs.deleteProtection).toBe('on');
    const listeners = all(plan, 'alicloud:slb/listener:Listener');
    expect(listeners.map((l) => [l.inputs.protocol, l.inputs.frontendPort, l.inputs.aclStatus, l.inputs.aclType])).toEqual([
      ['tcp', 6443, 'on', 'white'],
    ]);
    const backends = all(plan, 'alicloud:slb/serverGroupServerAttachment:ServerGroupServerAttachment');
    const prodInstances = plan.stacks.prod.resources.filter((r) => r.type === 'alicloud:ecs/instance:Instance');
    const controlPlane = prodInstances.filter((r) => (r.inputs.instanceName as string).startsWith('prod-cp-'));
    expect(controlPlane).toHaveLength(3);
    expect(backends.map((b) => b.inputs.port)).toEqual([6443, 6443, 6443]);
    // The mocks give each instance a stable id derived from its type and name.
    expect(backends.map((b) => b.inputs.serverId)).toEqual(controlPlane.map((c) => mockResourceId(c.type, c.name)));
    const zones = new Set(controlPlane.map((c) => c.inputs.availabilityZone ?? c.inputs.vswitchId));
    expect(zones.size).toBeGreaterThanOrEqual(2);
  });

  test('NAS: a protected file system per cluster, prod keeping the original one; each mountable by its own nodes only', () => {
    const fileSystems = all(plan, 'alicloud:nas/fileSystem:FileSystem');
    // prod's keeps the name (and so the URN) of the one file system the estate had: its data stays.
    expect(fileSystems.map((f) => [f.stack, f.name, f.parent])).toEqual([
      ['shared', 'platform-data-fs', 'aliyun-kubesphere:alicloud:NasStorage::platform-data'],
      ['shared', 'platform-test-data-fs', 'aliyun-kubesphere:alicloud:NasStorage::platform-test-data'],
    ]);
    for (const fs of fileSystems) {
      expect(fs).toMatchObject({ protect: true, retainOnDelete: true });
      expect(fs.inputs.encryptType).toBe(1);
    }
    expect(all(plan, 'alicloud:nas/mountTarget:MountTarget').map((m) => m.inputs.accessGroupName)).toEqual([
      'platform-data',
      'platform-test-data',
    ]);
    // No rule for the VPC: each cluster admits its own nodes, one /32 each, into its own group.
    const rules = all(plan, 'alicloud:nas/accessRule:AccessRule');
    const nodeIps = (stack: string) =>
      all(plan, 'alicloud:ecs/instance:Instance')
        .filter((i) => i.stack === stack)
        .map((i) => `${i.inputs.privateIp as string}/32`);
    for (const [stack, group] of [
      ['prod', 'platform-data'],
      ['test', 'platform-test-data'],
    ]) {
      const own = rules.filter((r) => r.stack === stack);
      expect(own.map((r) => r.inputs.sourceCidrIp).sort()).toEqual(nodeIps(stack).sort());
      expect(new Set(own.map((r) => r.inputs.accessGroupName))).toEqual(new Set([group]));
      expect(own.every((r) => r.inputs.rwAccessType === 'RDWR' && r.inputs.userAccessType === 'no_squash')).toBe(true);
    }
    expect(rules.filter((r) => r.stack === 'shared')).toEqual([]);
    expect(rules).toHaveLength(11);
  });

  test('SSH to the nodes only from the jump host and the install host, the console NodePort only from the jump host', () => {
    const jumpHost = `${(plan.stacks.shared.outputs.devtools as { privateIp: string }).privateIp}/32`;
    const rules = all(plan, 'alicloud:ecs/securityGroupRule:SecurityGroupRule');
    const covering = (stack: string, port: number) =>
      rules
        .filter((r) => r.stack === stack && r.inputs.policy === 'accept' && r.inputs.cidrIp !== undefined)
        .filter((r) => {
          const [from, to] = (r.inputs.portRange as string).split('/').map(Number);
          return from <= port && port <= to;
        })
        .map((r) => r.inputs.cidrIp as string);
    expect(new Set(covering('prod', 22))).toEqual(new Set([jumpHost, '10.20.0.10/32']));
    expect(new Set(covering('test', 22))).toEqual(new Set([jumpHost, '10.20.0.40/32']));
    for (const stack of ['prod', 'test']) {
      expect(covering(stack, 30880)).toEqual([jumpHost]);
    }
  });

  test('OSS + CDN: a protected bucket, the CDN domain with the bucket as origin', () => {
    const [bucket] = all(plan, 'alicloud:oss/bucket:Bucket');
    expect(bucket).toMatchObject({ protect: true, retainOnDelete: true });
    expect(bucket.inputs.bucket).toBe('hsh-iot-files');
    const [cdn] = all(plan, 'alicloud:cdn/domainNew:DomainNew');
    expect(cdn.inputs.domainName).toBe('files.iot.example.com');
    expect(cdn.inputs.sources).toEqual([
      expect.objectContaining({ type: 'oss', content: 'hsh-iot-files.oss-cn-shenzhen.aliyuncs.com', port: 443 }),
    ]);
  });

  test('the nodes of both clusters carry an instance role for the NAS CSI driver, not an AccessKey', () => {
    const attachments = all(plan, 'alicloud:ecs/ramRoleAttachment:RamRoleAttachment');
    expect(['prod', 'test'].map((s) => attachments.filter((a) => a.stack === s).length)).toEqual([8, 3]);
    expect(all(plan, 'alicloud:ram/role:Role').map((r) => r.inputs.roleName)).toEqual(['platform-prod-nodes', 'platform-test-nodes']);
  });

  test('no security group rule opens SSH, 6443, etcd, kubelet or NodePorts to 0.0.0.0/0', () => {
    const sensitive = [22, 6443, 2379, 2380, 10250, 30000, 32767];
    const rules = all(plan, 'alicloud:ecs/securityGroupRule:SecurityGroupRule');
    expect(rules.length).toBeGreaterThan(40);
    for (const rule of rules) {
      expect(rule.inputs.cidrIp !== undefined || rule.inputs.sourceSecurityGroupId !== undefined).toBe(true);
      if (rule.inputs.cidrIp !== '0.0.0.0/0' || rule.inputs.type !== 'ingress') {
        continue;
      }
      const [from, to] = String(rule.inputs.portRange).split('/').map(Number);
      for (const port of sensitive) {
        expect([rule.name, port >= from && port <= to]).toEqual([rule.name, false]);
      }
    }
  });
});

describe('the KubeKey documents', () => {
  function documents(cluster: string) {
    return parseAllDocuments(fs.readFileSync(path.join(out, 'kubekey', `${cluster}.yaml`), 'utf8')).map((d) => d.toJS());
  }

  test('prod: 8 hosts at exactly the production ECS addresses, etcd 3 / control-plane 3 / worker 5', () => {
    const [cluster] = documents('prod');
    const ecsIps = plan.stacks.prod.resources.filter((r) => r.type === 'alicloud:ecs/instance:Instance').map((r) => r.inputs.privateIp);
    expect(cluster.spec.hosts.map((h: { internalAddress: string }) => h.internalAddress)).toEqual(ecsIps);
    expect(cluster.spec.hosts).toHaveLength(8);
    expect([
      cluster.spec.roleGroups.etcd.length,
      cluster.spec.roleGroups['control-plane'].length,
      cluster.spec.roleGroups.worker.length,
    ]).toEqual([3, 3, 5]);
  });

  test('prod: HA without the hairpin trap: haproxy, empty address, the SLB address as an extra SAN', () => {
    const [cluster, configuration] = documents('prod');
    const slb = plan.stacks.prod.outputs.apiServerAddress as string;
    expect(slb).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(cluster.spec.controlPlaneEndpoint).toEqual({
      internalLoadbalancer: 'haproxy',
      domain: 'lb.kubesphere.local',
      address: '',
      port: 6443,
    });
    expect(cluster.spec.kubernetes.apiserverCertExtraSans).toContain(slb);
    expect(cluster.spec.kubernetes.version).toMatch(/^v1\.26\.\d+$/);
    expect(configuration.metadata.labels.version).toBe('v3.4.1');
    expect(configuration.spec.devops).toMatchObject({ enabled: true, jenkinsMemoryReq: '4Gi', jenkinsMemoryLim: '4Gi' });
    expect(configuration.spec.openpitrix.store.enabled).toBe(true);
    expect(configuration.spec.multicluster.clusterRole).toBe('host');
  });

  test('test: 3 hosts, each in etcd, control-plane and worker; a member of the prod host', () => {
    const [cluster, configuration] = documents('test');
    const names = cluster.spec.hosts.map((h: { name: string }) => h.name);
    expect(names).toEqual(['test-node-1', 'test-node-2', 'test-node-3']);
    expect(cluster.spec.roleGroups).toEqual({ etcd: names, 'control-plane': names, worker: names });
    // Three control planes: haproxy mode, so KubeKey points each node at its own apiserver.
    expect(cluster.spec.controlPlaneEndpoint).toMatchObject({ internalLoadbalancer: 'haproxy', address: '' });
    expect(configuration.spec.multicluster.clusterRole).toBe('member');
    expect(configuration.spec.metrics_server.enabled).toBe(true);
  });

  test.each(['prod', 'test'])('%s: every node has exactly one data disk, prepared by the one preInstall script on every host', (stack) => {
    const [cluster] = documents(stack);
    const resources = plan.stacks[stack].resources;
    const instances = resources.filter((r) => r.type === 'alicloud:ecs/instance:Instance');
    const disks = resources.filter((r) => r.type === 'alicloud:ecs/ecsDisk:EcsDisk');
    const attachments = resources.filter((r) => r.type === 'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment');
    // The script refuses a node with several blank disks, so each node must get exactly one: a
    // separate disk in the node's zone, protected and retained, so a replaced node gets it back.
    expect(instances.every((i) => i.inputs.dataDisks === undefined)).toBe(true);
    const zoneOf = new Map(
      (plan.stacks.shared.outputs.network as { vswitches: Array<{ id: string; zone: string }> }).vswitches.map((v) => [v.id, v.zone]),
    );
    const nodeDisks = instances.map((i) =>
      attachments
        .filter((a) => a.inputs.instanceId === mockResourceId(i.type, i.name))
        .map((a) => disks.find((d) => mockResourceId(d.type, d.name) === a.inputs.diskId)!)
        .map((d) => [d.inputs.diskName, d.inputs.zoneId, d.inputs.encrypted, d.protect, d.retainOnDelete]),
    );
    expect(nodeDisks).toEqual(
      instances.map((i) => [[`${i.inputs.instanceName}-data`, zoneOf.get(i.inputs.vswitchId as string), true, true, true]]),
    );
    expect([disks.length, attachments.length]).toEqual([instances.length, instances.length]);
    // First, on every host; the etcd hosts then get the snapshot shipping (see 'backups').
    expect(cluster.spec.system.preInstall[0]).toEqual({ name: 'node-data-disk', bash: renderNodeDataDiskScript() });
    const text = fs.readFileSync(path.join(out, 'kubekey', `${stack}.yaml`), 'utf8');
    expect(text).toContain('\n    preInstall:\n      - name: node-data-disk\n        bash: |\n          #!/bin/bash\n');
  });
});

describe('backups', () => {
  test('the shared stack keeps one protected, versioned backup bucket with a retention per kind', () => {
    const [bucket] = all(plan, 'alicloud:oss/bucket:Bucket').filter((b) => b.name === 'platform-backups-bucket');
    expect([bucket.stack, bucket.inputs.bucket, bucket.protect, bucket.retainOnDelete, bucket.inputs.versioning]).toEqual([
      'shared',
      'hsh-iot-backups',
      true,
      true,
      { status: 'Enabled' },
    ]);
    const rules = bucket.inputs.lifecycleRules as Array<{ prefix?: string; expirations?: Array<{ days?: number }> }>;
    expect(rules.filter((r) => r.prefix !== undefined).map((r) => [r.prefix, r.expirations![0].days])).toEqual([
      ['mysql/', 30],
      ['etcd/', 14],
    ]);
    const [nasPlan] = all(plan, 'alicloud:hbr/nasBackupPlan:NasBackupPlan');
    expect([nasPlan.stack, nasPlan.inputs.retention, nasPlan.inputs.schedule]).toEqual(['shared', '30', 'I|1767207600|PT24H']);
    expect(plan.stacks.shared.outputs.backup).toEqual({
      bucketName: 'hsh-iot-backups',
      intranetEndpoint: 'oss-cn-shenzhen-internal.aliyuncs.com',
    });
  });

  test.each(['prod', 'test'])('%s: MySQL is dumped nightly by a CronJob whose key may only add objects under its own prefix', (stack) => {
    const policy = plan.stacks[stack].resources.find(
      (r) => r.type === 'alicloud:ram/policy:Policy' && r.name === `${stack}-mysql-backup-policy`,
    )!;
    expect(JSON.parse(policy.inputs.policyDocument as string).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'],
        Resource: [`acs:oss:*:*:hsh-iot-backups/mysql/${stack}/*`],
      },
    ]);
    const secret = plan.stacks[stack].resources.find(
      (r) => r.type === 'kubernetes:core/v1:Secret' && r.name === `${stack}-iot-middleware-mysql-backup-oss`,
    )!;
    expect(secret.inputs.stringData).toBe('[secret]');
    const docs = parseAllDocuments(fs.readFileSync(path.join(out, 'k8s', stack, 'middleware.k8s.yaml'), 'utf8')).map((d) => d.toJSON());
    const cron = docs.find((d) => d.kind === 'CronJob' && d.metadata.name === 'mysql-backup');
    expect(cron.spec.schedule).toBe('30 2 * * *');
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0].command.at(-1)).toBe(`oss:hsh-iot-backups/mysql/${stack}/`);
  });

  test.each(['prod', 'test'])(
    '%s: etcd snapshots go to the data disk and are shipped by the etcd nodes with a write-only role',
    (stack) => {
      const [cluster] = parseAllDocuments(fs.readFileSync(path.join(out, 'kubekey', `${stack}.yaml`), 'utf8')).map((d) => d.toJS());
      expect(cluster.spec.etcd).toMatchObject({ backupDir: '/mnt/kube-data/etcd-backups', backupPeriod: 60, keepBackupNumber: 24 });
      expect(cluster.spec.system.preInstall.map((p: { name: string; role?: string }) => [p.name, p.role])).toEqual([
        ['node-data-disk', undefined],
        ['etcd-backup-shipping', 'etcd'],
      ]);
      expect(cluster.spec.system.preInstall[1].bash).toContain(`OSS_PREFIX=etcd/${stack}/\nRAM_ROLE=platform-${stack}-nodes\n`);
      const policy = plan.stacks[stack].resources.find(
        (r) => r.type === 'alicloud:ram/policy:Policy' && r.name === `${stack}-nodes-policy`,
      )!;
      expect(JSON.parse(policy.inputs.policyDocument as string).Statement.slice(-1)).toEqual([
        {
          Effect: 'Allow',
          Action: ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'],
          Resource: [`acs:oss:*:*:hsh-iot-backups/etcd/${stack}/*`],
        },
      ]);
    },
  );
});
