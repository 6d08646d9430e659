/**
 * Issue 14: every check a construct makes on a value config gives it runs in the config layer first,
 * under the config key. Each case plants, in a shipped stack file, a value the config schema lets
 * through and only the construct's own validator refuses; the offline run (`npm run synth`) must
 * refuse it before anything runs, name the config key, and leave the output folder as it was.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { OfflineConfigError, runOffline } from '../../../stacks/offline';
import { OUTPUT_MARKER } from '../../../constructs/offline/output';
import { underConfigKeys } from '../../../stacks/config/construct-checks';

const ROOT = path.resolve(__dirname, '../../..');

type Edit = ReadonlyArray<readonly [path: ReadonlyArray<string | number>, value: unknown]>;

describe('construct checks run on config, under the config key, before anything is written', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'construct-checks-'));
  const out = path.join(project, 'dist');

  beforeAll(() => {
    for (const file of fs.readdirSync(ROOT).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))) {
      fs.copyFileSync(path.join(ROOT, file), path.join(project, file));
    }
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, OUTPUT_MARKER), '');
    fs.writeFileSync(path.join(out, 'plan.json'), 'previous run');
  });

  async function refusal(stack: string, edits: Edit): Promise<Array<[string, string]>> {
    const file = path.join(project, `Pulumi.${stack}.yaml`);
    const original = fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8');
    const doc = parseDocument(original);
    for (const [at, value] of edits) {
      doc.setIn(['config', ...at], value);
    }
    fs.writeFileSync(file, doc.toString());
    try {
      await runOffline({ projectDir: project, outDir: out, stack });
    } catch (err) {
      expect(err).toBeInstanceOf(OfflineConfigError);
      return (err as OfflineConfigError).errors.flatMap((e) => e.issues.map((i): [string, string] => [i.key, i.message]));
    } finally {
      fs.writeFileSync(file, original);
      expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'plan.json']);
      expect(fs.readFileSync(path.join(out, 'plan.json'), 'utf8')).toBe('previous run');
    }
    throw new Error('the run was not refused');
  }

  test('NodePool: a node label Kubernetes refuses', async () => {
    expect(await refusal('test', [[['platform:nodePools', 0, 'labels'], { 'team name': 'iot' }]])).toEqual([
      [
        'platform:nodePools[0].labels.team name',
        'has a key that is not a Kubernetes label name (1-63 alphanumerics, -, _ or ., starting and ending alphanumeric)',
      ],
    ]);
  });

  test('ApiServerLoadBalancer: a client CIDR listed twice (the ACL refuses a repeated entry)', async () => {
    const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'Pulumi.prod.yaml'), 'utf8'));
    const first = String(doc.getIn(['config', 'platform:apiServer', 'loadBalancer', 'allowedCidrs', 0]));
    expect(
      await refusal('prod', [
        [
          ['platform:apiServer', 'loadBalancer', 'allowedCidrs'],
          [first, first],
        ],
      ]),
    ).toEqual([['platform:apiServer.loadBalancer.allowedCidrs[1]', 'repeats an earlier entry']]);
  });

  test('DevOpsProject: a branch name Git refuses', async () => {
    expect(await refusal('test', [[['platform:devops', 'branch'], 'release.lock']])).toEqual([
      ['platform:devops.branch', 'must be a branch name: letters, digits, ".", "_", "-", "/" (no "..", no ".lock" suffix)'],
    ]);
  });

  test('DevOpsProject: a repository path without its group', async () => {
    expect(await refusal('test', [[['platform:devops', 'repositories'], { gateway: 'gateway' }]])).toEqual([
      ['platform:devops.repositories.gateway', 'must be a GitLab project path such as "group/project"'],
    ]);
  });

  test("KubeKey: a private registry holding a word KubeKey's sed edits", async () => {
    const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'Pulumi.test.yaml'), 'utf8'));
    const host = 'harbor.zone.example.com';
    const services = (doc.getIn(['config', 'platform:services']) as { items: unknown[] }).items.length;
    const edits: Edit = [
      [['platform:harbor', 'host'], host],
      [['platform:harbor', 'clusterImages'], true],
      ...Array.from({ length: services }, (_, i) => {
        const image = String(doc.getIn(['config', 'platform:services', i, 'image']));
        return [['platform:services', i, 'image'], image.replace('harbor.iot.example.com', host)] as const;
      }),
    ];
    const issues = await refusal('test', edits);
    expect(issues).toEqual([['platform:harbor.host', expect.stringContaining("'zone'")]]);
  });
});

describe('underConfigKeys', () => {
  const props = { labels: 'p:nodePools[0].labels', 'systemDisk.sizeGiB': 'p:nodePools[0].systemDiskGiB', 'hosts[1]': 'p:nodePools[1]' };
  test.each([
    ['labels.a b', 'p:nodePools[0].labels.a b'],
    ['systemDisk.sizeGiB', 'p:nodePools[0].systemDiskGiB'],
    ['systemDisk.category', 'p:cluster (systemDisk.category)'],
    ['hosts[1].labels.x', 'p:nodePools[1].labels.x'],
    ['hosts[10].name', 'p:cluster (hosts[10].name)'],
    ['labelsX', 'p:cluster (labelsX)'],
  ])('%s → %s', (key, expected) => {
    expect(underConfigKeys([{ key, value: 1, message: 'm' }], props, 'p:cluster')[0].key).toBe(expected);
  });
});
