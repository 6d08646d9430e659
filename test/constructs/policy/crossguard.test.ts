/**
 * The rules in their CrossGuard form, called as `@pulumi/policy`'s analyzer calls them: the args
 * objects here have the shape of `ResourceValidationArgs` / `StackValidationArgs`.
 */
import {
  CrossGuardResourcePolicy,
  CrossGuardStackPolicy,
  ResourceArgsLike,
  toCrossGuardPolicies,
  viewOf,
} from '../../../constructs/policy/crossguard';
import { BASELINE_RULES } from '../../../constructs/policy/rules';

const policies = toCrossGuardPolicies(BASELINE_RULES);
const byName = (name: string) => policies.find((p) => p.name === name)!;

function args(type: string, name: string, props: Record<string, unknown>, opts: Partial<ResourceArgsLike['opts']> = {}): ResourceArgsLike {
  return {
    type,
    name,
    urn: `urn:pulumi:dev::app::${type}::${name}`,
    props,
    opts: { protect: false, ignoreChanges: [], additionalSecretOutputs: [], ...opts },
  };
}

function reports(run: (report: (message: string, urn?: string) => void) => void): Array<[string, string | undefined]> {
  const seen: Array<[string, string | undefined]> = [];
  run((message, urn) => seen.push([message, urn]));
  return seen;
}

describe('toCrossGuardPolicies', () => {
  test('one policy per rule, same name and level, references in the description, the fix as remediation steps', () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual(BASELINE_RULES.map((r) => [r.name, r.enforcementLevel]));
    expect(byName('sg-ssh-not-public')).toMatchObject({
      description: 'No security-group rule opens SSH (22) to the internet. (CKV_ALI_2; InfraGuard rule:aliyun:sg-risky-ports-check)',
      remediationSteps: 'admit only named CIDRs (cidrIp) or a source security group; reach admin ports through the jump host or a VPN',
    });
  });

  test('validateResource reports a violation with its fix, and stays silent on types it does not cover', () => {
    const policy = byName('ecs-instance-metadata-hardened') as CrossGuardResourcePolicy;
    expect(reports((r) => policy.validateResource(args('alicloud:ecs/instance:Instance', 'n', { httpTokens: 'optional' }), r))).toEqual([
      ['httpTokens is "optional". Fix: set httpTokens: \'required\' on the instance', undefined],
    ]);
    expect(reports((r) => policy.validateResource(args('alicloud:ecs/ecsDisk:EcsDisk', 'd', { httpTokens: 'optional' }), r))).toEqual([]);
  });

  test('validateStack reports on the URN of the resource at fault', () => {
    const policy = byName('oss-standalone-settings-ignored') as CrossGuardStackPolicy;
    const resources = [
      args('alicloud:oss/bucket:Bucket', 'site', { bucket: 'files' }, { ignoreChanges: ['acl'] }),
      args('alicloud:oss/bucketPolicy:BucketPolicy', 'site-policy', { bucket: 'files', policy: '{}' }),
      args('alicloud:oss/bucketAcl:BucketAcl', 'site-acl', { bucket: 'files', acl: 'private' }),
      args('alicloud:ecs/instance:Instance', 'n', {}),
    ];
    expect(reports((r) => policy.validateStack({ resources }, r))).toEqual([
      [
        "'policy' is managed by site-policy (alicloud:oss/bucketPolicy:BucketPolicy) but not in the bucket's ignoreChanges. Fix: add the input to the bucket's ignoreChanges, e.g. ignoreChanges: ['acl', 'policy']",
        'urn:pulumi:dev::app::alicloud:oss/bucket:Bucket::site',
      ],
    ]);
  });

  test('under CrossGuard retainOnDelete is unknown, so the stateful rule checks protect only', () => {
    const policy = byName('stateful-resource-protected') as CrossGuardResourcePolicy;
    expect(viewOf(args('alicloud:nas/fileSystem:FileSystem', 'fs', {})).retainOnDelete).toBeUndefined();
    expect(reports((r) => policy.validateResource(args('alicloud:nas/fileSystem:FileSystem', 'fs', {}, { protect: true }), r))).toEqual([]);
    expect(reports((r) => policy.validateResource(args('alicloud:nas/fileSystem:FileSystem', 'fs', {}), r)).map(([m]) => m)).toEqual([
      'protect is not set. Fix: pass { protect: true, retainOnDelete: true } to the resource',
    ]);
  });
});
