/**
 * The shared stack as the committed Pulumi.shared.yaml plans it: the nodes' route to the internet
 * (NAT gateway, EIP, SNAT per vSwitch) and GitLab/Mantis reachable from inside the VPC.
 */
import { mockResourceId } from '../../constructs/offline/mocks';
import { PlannedStack } from '../../constructs/core/plan';
import { SHIPPED_RUN_TIMEOUT_MS, shippedPlan } from '../helpers/shipped-run';

let shared: PlannedStack;

// The shared stack of the shared offline run of the shipped stacks (test/helpers/shipped-run.ts).
beforeAll(async () => {
  shared = (await shippedPlan()).stacks.shared;
}, SHIPPED_RUN_TIMEOUT_MS);

const ofType = (type: string) => shared.resources.filter((r) => r.type === type);

describe('the shared stack', () => {
  test('routes every vSwitch to the internet through an enhanced NAT gateway, and exports the egress IP', () => {
    const [gateway] = ofType('alicloud:vpc/natGateway:NatGateway');
    expect(gateway.inputs).toMatchObject({ natType: 'Enhanced', paymentType: 'PayAsYouGo' });
    const vswitchIds = ofType('alicloud:vpc/switch:Switch').map((v) => mockResourceId(v.type, v.name));
    expect(ofType('alicloud:vpc/snatEntry:SnatEntry').map((e) => e.inputs.sourceVswitchId)).toEqual(vswitchIds);
    const network = shared.outputs.network as { egressIp: string };
    expect(network.egressIp).toMatch(/^47\.106\.\d+\.\d+$/);
    expect(ofType('alicloud:vpc/snatEntry:SnatEntry').every((e) => e.inputs.snatIp === network.egressIp)).toBe(true);
  });

  test('both public addresses (node egress, GitLab) and what binds and routes them are Pulumi-protected; the EIPs retained', () => {
    const eips = ofType('alicloud:ecs/eipAddress:EipAddress');
    expect(eips).toHaveLength(2);
    expect(eips.every((e) => e.protect && e.retainOnDelete)).toBe(true);
    const bound = [
      ...ofType('alicloud:vpc/natGateway:NatGateway'),
      ...ofType('alicloud:ecs/eipAssociation:EipAssociation'),
      ...ofType('alicloud:vpc/snatEntry:SnatEntry'),
    ];
    expect(bound.map((r) => r.type.split(':')[2])).toEqual(['NatGateway', 'EipAssociation', 'EipAssociation', 'SnatEntry', 'SnatEntry']);
    expect(bound.every((r) => r.protect)).toBe(true);
  });

  test('admits the VPC to GitLab and Mantis and resolves their names to the private IP inside it', () => {
    const vpc = ofType('alicloud:vpc/network:Network')[0];
    const internal = ofType('alicloud:ecs/securityGroupRule:SecurityGroupRule').filter((r) => r.inputs.cidrIp === vpc.inputs.cidrBlock);
    expect(internal.map((r) => r.inputs.portRange)).toEqual(['443/443', '80/80', '2222/2222']);

    const devtools = shared.outputs.devtools as { privateIp: string };
    expect(ofType('alicloud:pvtz/zone:Zone').map((z) => z.inputs.zoneName)).toEqual(['git.iot.example.com', 'bugs.iot.example.com']);
    expect(ofType('alicloud:pvtz/zoneRecord:ZoneRecord').map((r) => [r.inputs.type, r.inputs.value])).toEqual([
      ['A', devtools.privateIp],
      ['A', devtools.privateIp],
    ]);
    expect(ofType('alicloud:pvtz/zoneAttachment:ZoneAttachment').map((a) => a.inputs.vpcIds)).toEqual([
      [mockResourceId(vpc.type, vpc.name)],
      [mockResourceId(vpc.type, vpc.name)],
    ]);
  });
});
