/**
 * The offline stand-ins of the shared stack's outputs are what the shared program gives under the
 * mocks: the Kubernetes-only path uses them in place of evaluating it, so any drift would change its
 * manifests. Checked on the shipped stack and on configs that vary every input they derive from.
 */
import * as path from 'path';
import { evaluateStack } from '../../constructs/offline/evaluate';
import { RawConfig, SharedSpec, parseStackConfig, readStackFile, toPulumiConfigMap } from '../../stacks/config';
import { programFor } from '../../stacks/program';
import { SharedOutputsForWorkloads } from '../../stacks/shared-outputs';
import { sharedStandInOutputs } from '../../stacks/shared-stand-ins';

const ROOT = path.resolve(__dirname, '../..');

function sharedSpec(raw: RawConfig): SharedSpec {
  const spec = parseStackConfig(raw, { missingSecrets: 'placeholder' });
  if (spec.kind !== 'shared') throw new Error(`${raw.stack} is not the shared stack`);
  return spec;
}

/** The nas mount domains and the backup bucket the shared program exports under the offline mocks. */
async function underMocks(raw: RawConfig): Promise<SharedOutputsForWorkloads> {
  const evaluated = await evaluateStack({
    project: raw.project,
    stack: raw.stack,
    ...toPulumiConfigMap(raw),
    program: programFor(sharedSpec(raw)),
  });
  const { nas, backup } = evaluated.outputs as {
    nas?: Record<string, { mountDomain: string }>;
    backup?: SharedOutputsForWorkloads['backup'];
  };
  return {
    ...(nas ? { nas: Object.fromEntries(Object.entries(nas).map(([c, fs]) => [c, { mountDomain: fs.mountDomain }])) } : {}),
    ...(backup ? { backup } : {}),
  };
}

const shipped = readStackFile(ROOT, 'shared');

/** The shipped shared config with some keys replaced (undefined removes one). */
function variant(values: Record<string, unknown>): RawConfig {
  const merged: Record<string, unknown> = { ...shipped.values, ...values };
  return { ...shipped, values: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) };
}

test('the shipped shared stack: the stand-ins are the values the mocks give, the exact ones in test/golden', async () => {
  const standIn = sharedStandInOutputs(sharedSpec(shipped));
  expect(standIn).toEqual(await underMocks(shipped));
  // prod keeps the estate's original file system (platform-data); test has its own.
  expect(standIn).toEqual({
    nas: {
      prod: { mountDomain: 'b71968c379-6cd8d.cn-shenzhen.nas.aliyuncs.com' },
      test: { mountDomain: expect.stringMatching(/^[0-9a-f]{10}-[0-9a-f]{5}\.cn-shenzhen\.nas\.aliyuncs\.com$/) },
    },
    backup: { bucketName: 'hsh-iot-backups', intranetEndpoint: 'oss-cn-shenzhen-internal.aliyuncs.com' },
  });
  expect(standIn.nas!.test.mountDomain).not.toBe(standIn.nas!.prod.mountDomain);
});

test.each<[string, Record<string, unknown>, string[], boolean]>([
  [
    'another region and cluster list, no existing file system, no backup bucket',
    {
      'alicloud:region': 'cn-beijing',
      'platform:network': {
        vpcCidr: '10.30.0.0/16',
        zones: ['cn-beijing-h'],
        securityGroups: ['prod-control-plane', 'prod-worker', 'test-node', 'devtools'],
      },
      'platform:nas': { clusters: ['prod', 'test', 'edge'] },
      'platform:site': undefined,
      'platform:devtools': undefined,
      'platform:backup': undefined,
    },
    ['prod', 'test', 'edge'],
    false,
  ],
  [
    'the existing file system kept for test instead of prod',
    { 'platform:nas': { clusters: ['prod', 'test'], existingFileSystemFor: 'test' } },
    ['prod', 'test'],
    true,
  ],
  ['no NAS at all', { 'platform:nas': undefined }, [], true],
])('%s: the stand-ins are the values the mocks give', async (_name, values, clusters, backup) => {
  const raw = variant(values);
  const standIn = sharedStandInOutputs(sharedSpec(raw));
  expect(standIn).toEqual(await underMocks(raw));
  expect([Object.keys(standIn.nas ?? {}), standIn.backup !== undefined]).toEqual([clusters, backup]);
});

test('another project name changes the NAS names, and the stand-ins follow', async () => {
  const raw = { ...variant({}), project: 'estate' };
  const renamed = (v: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/^platform:/, 'estate:'), x]));
  const estate = { ...raw, values: renamed(raw.values) };
  const standIn = sharedStandInOutputs(sharedSpec(estate));
  expect(standIn).toEqual(await underMocks(estate));
  expect(standIn.nas!.prod.mountDomain).not.toBe(sharedStandInOutputs(sharedSpec(shipped)).nas!.prod.mountDomain);
});
