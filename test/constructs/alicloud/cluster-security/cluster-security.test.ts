import * as pulumi from '@pulumi/pulumi';
import { ClusterSecurityRules, ClusterSecurityRulesProps } from '../../../../constructs/alicloud';
import { ValidationError } from '../../../../constructs/core/validation';
import { evaluate as evaluateStack, ofType } from '../../../helpers/evaluate';

/** `evaluate`, then let `registerOutputs` reach this test's mock monitor before the next test replaces it. */
async function evaluate(program: Parameters<typeof evaluateStack>[0]): ReturnType<typeof evaluateStack> {
  const stack = await evaluateStack(program);
  await pulumi.runtime.disconnect();
  return stack;
}

const RULE = 'alicloud:ecs/securityGroupRule:SecurityGroupRule';
const PROD: ClusterSecurityRulesProps = {
  // As the cluster stacks get them from the network stack's StackReference: IDs are Outputs.
  controlPlaneSecurityGroupId: pulumi.output('sg-cp'),
  workerSecurityGroupId: pulumi.output('sg-worker'),
  vpcCidr: '10.20.0.0/16',
  adminCidrs: ['203.0.113.0/24'],
  apiClientCidrs: ['198.51.100.0/24'],
};

/** SG, protocol, ports, source (SG or CIDR), policy. */
function rows(resources: ReturnType<typeof ofType>): string[][] {
  return resources.map((r) => [
    String(r.inputs.securityGroupId),
    String(r.inputs.ipProtocol),
    String(r.inputs.portRange),
    String(r.inputs.sourceSecurityGroupId ?? r.inputs.cidrIp),
    String(r.inputs.policy),
  ]);
}

describe('ClusterSecurityRules', () => {
  test('split groups: every rule on the right SG, from the right source', async () => {
    const stack = await evaluate(() => {
      new ClusterSecurityRules('prod', PROD);
    });
    const rules = ofType(stack, RULE);
    expect(rows(rules)).toEqual([
      ['sg-cp', 'tcp', '22/22', '203.0.113.0/24', 'accept'],
      ['sg-cp', 'tcp', '2379/2380', 'sg-cp', 'accept'],
      ['sg-cp', 'tcp', '6443/6443', 'sg-cp', 'accept'],
      ['sg-cp', 'tcp', '6443/6443', 'sg-worker', 'accept'],
      ['sg-cp', 'tcp', '6443/6443', '100.64.0.0/10', 'accept'],
      ['sg-cp', 'tcp', '6443/6443', '198.51.100.0/24', 'accept'],
      ['sg-cp', 'tcp', '10250/10250', 'sg-cp', 'accept'],
      ['sg-cp', 'tcp', '10250/10250', 'sg-worker', 'accept'],
      ['sg-cp', 'tcp', '179/179', 'sg-cp', 'accept'],
      ['sg-cp', 'tcp', '179/179', 'sg-worker', 'accept'],
      ['sg-cp', 'tcp', '9099/9100', 'sg-cp', 'accept'],
      ['sg-cp', 'tcp', '9099/9100', 'sg-worker', 'accept'],
      ['sg-cp', 'tcp', '53/53', 'sg-cp', 'accept'],
      ['sg-cp', 'tcp', '53/53', 'sg-worker', 'accept'],
      ['sg-cp', 'udp', '53/53', 'sg-cp', 'accept'],
      ['sg-cp', 'udp', '53/53', 'sg-worker', 'accept'],
      ['sg-cp', 'all', '-1/-1', 'sg-cp', 'accept'],
      ['sg-cp', 'all', '-1/-1', 'sg-worker', 'accept'],
      ['sg-cp', 'tcp', '2379/2380', 'sg-worker', 'drop'],
      ['sg-cp', 'tcp', '10257/10259', 'sg-worker', 'drop'],
      ['sg-worker', 'tcp', '22/22', '203.0.113.0/24', 'accept'],
      ['sg-worker', 'tcp', '10250/10250', 'sg-cp', 'accept'],
      ['sg-worker', 'tcp', '10250/10250', 'sg-worker', 'accept'],
      ['sg-worker', 'tcp', '179/179', 'sg-cp', 'accept'],
      ['sg-worker', 'tcp', '179/179', 'sg-worker', 'accept'],
      ['sg-worker', 'tcp', '9099/9100', 'sg-cp', 'accept'],
      ['sg-worker', 'tcp', '9099/9100', 'sg-worker', 'accept'],
      ['sg-worker', 'tcp', '53/53', 'sg-cp', 'accept'],
      ['sg-worker', 'tcp', '53/53', 'sg-worker', 'accept'],
      ['sg-worker', 'udp', '53/53', 'sg-cp', 'accept'],
      ['sg-worker', 'udp', '53/53', 'sg-worker', 'accept'],
      ['sg-worker', 'tcp', '30000/30879', '10.20.0.0/16', 'accept'],
      ['sg-worker', 'tcp', '30000/30879', '100.64.0.0/10', 'accept'],
      ['sg-worker', 'tcp', '30881/32767', '10.20.0.0/16', 'accept'],
      ['sg-worker', 'tcp', '30881/32767', '100.64.0.0/10', 'accept'],
      ['sg-worker', 'tcp', '30880/30880', '203.0.113.0/24', 'accept'],
      ['sg-worker', 'all', '-1/-1', 'sg-cp', 'accept'],
      ['sg-worker', 'all', '-1/-1', 'sg-worker', 'accept'],
    ]);
    for (const r of rules) {
      expect(r.parent).toBe('aliyun-kubesphere:alicloud:ClusterSecurityRules::prod');
      expect(r.name.startsWith('prod-')).toBe(true);
      expect(r.inputs.type).toBe('ingress');
      expect(r.inputs.nicType).toBe('intranet');
      expect(typeof r.inputs.description).toBe('string');
      // Exactly one explicit source on every rule: never the provider's default.
      expect([r.inputs.cidrIp, r.inputs.sourceSecurityGroupId].filter((s) => s !== undefined)).toHaveLength(1);
    }
    expect(rules.find((r) => r.name === 'prod-cp-etcd-from-cp')?.inputs).toMatchObject({
      priority: 1,
      description: 'Allow etcd client and peer from cp nodes',
    });
    expect(rules.find((r) => r.name === 'prod-cp-ipip-from-worker')?.inputs.priority).toBe(100);
    expect(stack.resources).toHaveLength(1 + 38);
  });

  test('one SG for every role (test cluster): rules deduplicated onto that SG', async () => {
    const sg = pulumi.output('sg-test');
    const stack = await evaluate(() => {
      new ClusterSecurityRules('test', { ...PROD, controlPlaneSecurityGroupId: sg, workerSecurityGroupId: sg });
    });
    const rules = ofType(stack, RULE);
    expect(rows(rules)).toEqual([
      ['sg-test', 'tcp', '22/22', '203.0.113.0/24', 'accept'],
      ['sg-test', 'tcp', '2379/2380', 'sg-test', 'accept'],
      ['sg-test', 'tcp', '6443/6443', 'sg-test', 'accept'],
      ['sg-test', 'tcp', '6443/6443', '100.64.0.0/10', 'accept'],
      ['sg-test', 'tcp', '6443/6443', '198.51.100.0/24', 'accept'],
      ['sg-test', 'tcp', '10250/10250', 'sg-test', 'accept'],
      ['sg-test', 'tcp', '179/179', 'sg-test', 'accept'],
      ['sg-test', 'tcp', '9099/9100', 'sg-test', 'accept'],
      ['sg-test', 'tcp', '53/53', 'sg-test', 'accept'],
      ['sg-test', 'udp', '53/53', 'sg-test', 'accept'],
      ['sg-test', 'tcp', '30000/30879', '10.20.0.0/16', 'accept'],
      ['sg-test', 'tcp', '30000/30879', '100.64.0.0/10', 'accept'],
      ['sg-test', 'tcp', '30881/32767', '10.20.0.0/16', 'accept'],
      ['sg-test', 'tcp', '30881/32767', '100.64.0.0/10', 'accept'],
      ['sg-test', 'tcp', '30880/30880', '203.0.113.0/24', 'accept'],
      ['sg-test', 'all', '-1/-1', 'sg-test', 'accept'],
    ]);
    expect(rules.every((r) => r.inputs.nicType === 'intranet')).toBe(true);
  });

  test('leaving the worker SG out is single-group mode too', async () => {
    const stack = await evaluate(() => {
      new ClusterSecurityRules('test', { controlPlaneSecurityGroupId: 'sg-test', vpcCidr: '10.20.0.0/16' });
    });
    const rules = ofType(stack, RULE);
    expect(rules).toHaveLength(13); // no SSH, no console, no API clients
    expect(rules.every((r) => r.inputs.securityGroupId === 'sg-test')).toBe(true);
  });

  test('nothing opens 22, 6443, 2379-2380, 10250 or NodePorts to 0.0.0.0/0', async () => {
    const stack = await evaluate(() => {
      new ClusterSecurityRules('prod', PROD);
    });
    const world = ofType(stack, RULE).filter(
      (r) => r.inputs.cidrIp === '0.0.0.0/0' || (r.inputs.cidrIp === undefined && r.inputs.sourceSecurityGroupId === undefined),
    );
    expect(world).toEqual([]);
  });

  test.each([
    ['adminCidrs', { adminCidrs: ['0.0.0.0/0'] }],
    ['apiClientCidrs', { apiClientCidrs: ['0.0.0.0/0'] }],
  ])('refuses 0.0.0.0/0 in %s before registering anything', (key, change) => {
    let error: unknown;
    try {
      new ClusterSecurityRules('bad', { ...PROD, ...change });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.key)).toEqual([`${key}[0]`]);
    expect((error as ValidationError).message).toContain('is the whole internet');
  });
});
