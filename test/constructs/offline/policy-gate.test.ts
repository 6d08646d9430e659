/**
 * The offline run with a policy pack: each mandatory rule's violation, planted among compliant
 * resources registered under the mocks, makes the run refuse with nothing written; a clean or
 * advisory-only estate writes policy.json.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { PlannedResource } from '../../../constructs/core/plan';
import { synthesize } from '../../../constructs/offline/synthesize';
import { BASELINE_PACK_NAME, BASELINE_RULES, PolicyReport, PolicyViolationError } from '../../../constructs/policy';
import { CASES } from '../policy/cases';
import { COMPLIANT_ESTATE, plant } from '../policy/estate';
import * as f from '../policy/fixtures';

const PACK = { name: BASELINE_PACK_NAME, rules: BASELINE_RULES };

/** A custom resource of any type token: what a provider SDK class registers, without the SDK. */
class Planted extends pulumi.CustomResource {
  constructor(type: string, name: string, inputs: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(type, name, inputs, opts);
  }
}

/** Registers `resources` as they are: type token, inputs and the options the rules read. */
function program(resources: readonly PlannedResource[]) {
  return async () => {
    for (const r of resources) {
      new Planted(r.type, r.name, r.inputs, {
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        ignoreChanges: [...r.ignoreChanges],
        additionalSecretOutputs: [...r.additionalSecretOutputs],
      });
    }
    return { outputs: {} };
  };
}

function run(resources: readonly PlannedResource[], outDir: string) {
  return synthesize({
    project: 'unit',
    outDir,
    policyPack: PACK,
    stacks: [{ name: 'estate', config: { 'alicloud:region': '"cn-shenzhen"' }, secretKeys: [], program: program(resources) }],
  });
}

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-gate-')), 'out');

describe('the offline run enforces the pack', () => {
  test('a compliant estate writes policy.json: the pack, every rule, the evaluations, no violation', async () => {
    const out = tmp();
    await run(COMPLIANT_ESTATE, out);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'policy.json'), 'utf8')) as PolicyReport;
    expect(Object.keys(report)).toEqual(['pack', 'rules', 'evaluated', 'violations']);
    expect(report.pack).toBe('aliyun-kubesphere-baseline');
    expect(report.rules.map((r) => r.name)).toEqual(BASELINE_RULES.map((r) => r.name));
    expect(report.rules.find((r) => r.name === 'sg-ssh-not-public')).toEqual({
      name: 'sg-ssh-not-public',
      description: 'No security-group rule opens SSH (22) to the internet.',
      enforcementLevel: 'mandatory',
      resourceTypes: ['alicloud:ecs/securityGroupRule:SecurityGroupRule'],
      references: ['CKV_ALI_2', 'InfraGuard rule:aliyun:sg-risky-ports-check'],
    });
    // One evaluation per (resource, rule) where the rule covers the resource's type. By hand: the
    // instance 6, disk 4, attachment 1, security-group rule 6, CLB 3, listener 1, ACL entry 1, EIP 2,
    // NAS 2, NAS rule 1, bucket 7, bucket ACL 2, bucket policy 2, command 2, Helm 1, RAM policy 1,
    // the ConfigGroup 17 (every workload rule and the namespace rule) = 59.
    const perType = (type: string) => BASELINE_RULES.filter((r) => r.resourceTypes.includes(type)).length;
    expect(report.evaluated).toBe(COMPLIANT_ESTATE.reduce((n, r) => n + perType(r.type), 0));
    expect(report.evaluated).toBe(59);
    expect(report.violations).toEqual([]);
  });

  test('advisory violations are recorded and written, not refused', async () => {
    const out = tmp();
    await run(plant(COMPLIANT_ESTATE, [f.disk({ kmsKeyId: undefined })]), out);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'policy.json'), 'utf8')) as PolicyReport;
    expect(report.violations).toEqual([
      {
        stack: 'estate',
        name: 'node-1-data',
        type: 'alicloud:ecs/ecsDisk:EcsDisk',
        rule: 'ecs-disk-customer-managed-key',
        level: 'advisory',
        message: 'encrypted with the service key (no kmsKeyId). Fix: set kmsKeyId to a KMS key of the account',
      },
    ]);
  });

  const mandatory = CASES.filter(([name]) => BASELINE_RULES.find((r) => r.name === name)!.enforcementLevel === 'mandatory');

  test('every mandatory rule is planted below', () => {
    expect(mandatory.map(([name]) => name)).toEqual(BASELINE_RULES.filter((r) => r.enforcementLevel === 'mandatory').map((r) => r.name));
  });

  test.each(mandatory)('planting a violation of %s refuses the run and writes nothing', async (name, _pass, fail) => {
    const out = tmp();
    const error = await run(plant(COMPLIANT_ESTATE, fail), out).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PolicyViolationError);
    const violations = (error as PolicyViolationError).violations;
    expect(violations.map((v) => v.rule)).toContain(name);
    expect(violations.every((v) => v.level === 'mandatory' && fail.some((r) => r.name === v.name && r.type === v.type))).toBe(true);
    const first = violations.find((v) => v.rule === name)!;
    expect((error as Error).message).toContain(`  - estate: ${first.type} '${first.name}' breaks ${name}: ${first.message}`);
    expect(first.message).toContain('. Fix: ');
    expect(fs.existsSync(out)).toBe(false);
  });
});
