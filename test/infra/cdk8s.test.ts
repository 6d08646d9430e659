/**
 * The Kubernetes-only path as `cdk8s synth` runs it: `cdk8s.yaml`'s app command in a child process,
 * with a preload that records every module it loads. It loads no Pulumi, and writes exactly the
 * manifests of the offline run (test/golden/dist/k8s), byte for byte. The cases about its settings
 * call the app's main in this process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { parseStackConfig, readStackFile } from '../../stacks/config';
import { SHARED_OUTPUTS_ENV } from '../../stacks/shared-outputs-file';
import { sharedStandInOutputs } from '../../stacks/shared-stand-ins';
import { listFiles } from '../helpers/files';
import { main } from '../../infra/cdk8s';
import { callMain } from '../helpers/cli';

const ROOT = path.resolve(__dirname, '../..');
const GOLDEN = path.join(ROOT, 'test/golden/dist/k8s');
const RECORDER = path.join(ROOT, 'test/helpers/record-modules.js');

/** Runs cdk8s.yaml's `app:` the way `cdk8s synth` does: through a shell, in the project, with CDK8S_OUTDIR set. */
function runApp(work: string, env: Record<string, string> = {}, name = 'out') {
  const app = (parseYaml(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8')) as { app: string }).app;
  const outDir = path.join(work, name);
  const modules = path.join(work, `${name}.modules.txt`);
  const run = spawnSync(app, {
    shell: true,
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...baseEnv(), CDK8S_OUTDIR: outDir, NODE_OPTIONS: `--require=${RECORDER}`, RECORD_MODULES_TO: modules, ...env },
  });
  const loaded = fs.existsSync(modules) ? fs.readFileSync(modules, 'utf8').split('\n').filter(Boolean) : [];
  return { run, outDir, loaded };
}

/** The environment without the app's own settings. */
function baseEnv(): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base[SHARED_OUTPUTS_ENV];
  delete base.PROJECT_DIR;
  return base;
}

/** The app's main in this process, from the project folder, with `env` added to the environment. */
async function callApp(work: string, env: Record<string, string>, name: string) {
  const outDir = path.join(work, name);
  const run = await callMain(main, [], { cwd: ROOT, env: { ...baseEnv(), CDK8S_OUTDIR: outDir, ...env } });
  return { run, outDir };
}

describe("cdk8s.yaml's app", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-app-'));
  let result: ReturnType<typeof runApp>;

  beforeAll(() => {
    result = runApp(work);
  }, 60000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('succeeds, says where the shared outputs came from, and prints no error', () => {
    expect(result.run.stderr).toBe('');
    expect(result.run.status).toBe(0);
    expect(result.run.stdout).toContain(`shared stack outputs: the offline stand-ins (for a real estate, set ${SHARED_OUTPUTS_ENV}`);
    expect(result.run.stdout).toContain('wrote 10 manifests to');
  });

  test('loads no @pulumi module (the recorder saw the app, cdk8s and the workloads, so it did record)', () => {
    const { loaded } = result;
    expect(loaded).toContain(path.join(ROOT, 'infra/cdk8s.ts'));
    expect(loaded).toContain(path.join(ROOT, 'stacks/workloads/build.ts'));
    expect(loaded.some((m) => m.includes(`${path.sep}node_modules${path.sep}cdk8s-plus-27${path.sep}`))).toBe(true);
    expect(loaded.filter((m) => m.includes(`${path.sep}node_modules${path.sep}@pulumi${path.sep}`))).toEqual([]);
  });

  test("none of the project's modules it loads imports Pulumi, not even its types (they would vanish at run time, unseen above)", () => {
    const own = result.loaded.filter((m) => m.startsWith(ROOT) && m.endsWith('.ts') && !m.includes(`${path.sep}node_modules${path.sep}`));
    expect(own.length).toBeGreaterThan(50);
    expect(own.filter((m) => /from '@pulumi\//.test(fs.readFileSync(m, 'utf8'))).map((m) => path.relative(ROOT, m))).toEqual([]);
  });

  test('writes the files of the offline run, all five charts per cluster', () => {
    expect(listFiles(result.outDir)).toEqual(listFiles(GOLDEN));
    expect(listFiles(GOLDEN)).toEqual(
      ['prod', 'test'].flatMap((c) => ['apps', 'devops', 'logging', 'middleware', 'platform'].map((f) => path.join(c, `${f}.k8s.yaml`))),
    );
  });

  test.each(listFiles(GOLDEN))('%s is byte-identical to test/golden/dist/k8s', (file) => {
    expect(fs.readFileSync(path.join(result.outDir, file)).equals(fs.readFileSync(path.join(GOLDEN, file)))).toBe(true);
  });
});

describe(`${SHARED_OUTPUTS_ENV}: the shared stack's real outputs`, () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-real-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('its NAS mount domains and backup bucket go into the manifests in place of the stand-ins, nothing else changes', async () => {
    const shared = parseStackConfig(readStackFile(ROOT, 'shared'), { missingSecrets: 'placeholder' });
    if (shared.kind !== 'shared') throw new Error('Pulumi.shared.yaml is not the shared stack');
    const standIn = sharedStandInOutputs(shared);
    const real = {
      prod: '1f2e3d4c5b-a1b2c.cn-shenzhen.nas.aliyuncs.com',
      test: '6a7b8c9d0e-f1e2d.cn-shenzhen.nas.aliyuncs.com',
      bucket: 'estate-backups',
      endpoint: 'oss-cn-shenzhen-internal.aliyuncs.com',
    };
    // As `pulumi stack output --json --stack shared` prints it: every output of the stack.
    const outputs = {
      network: { vpcId: 'vpc-wz9', vpcCidr: '10.20.0.0/16', vswitches: [], securityGroupIds: {}, egressIp: '47.106.1.2' },
      nas: {
        prod: { fileSystemId: '0a1b2c', mountDomain: real.prod, accessGroupName: 'platform-data', squash: 'no_squash' },
        test: { fileSystemId: '3d4e5f', mountDomain: real.test, accessGroupName: 'platform-test-data', squash: 'no_squash' },
      },
      backup: { bucketName: real.bucket, intranetEndpoint: real.endpoint },
      devtools: { privateIp: '10.20.0.5', publicIp: '47.106.3.4', sshHostKey: null },
    };
    const file = path.join(work, 'shared-outputs.json');
    fs.writeFileSync(file, JSON.stringify(outputs, null, 2));
    const { run, outDir } = await callApp(work, { [SHARED_OUTPUTS_ENV]: file }, 'out');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`shared stack outputs: ${file}`);

    const platform = fs.readFileSync(path.join(outDir, 'prod/platform.k8s.yaml'), 'utf8');
    expect(platform).toContain(`server: ${real.prod}`);
    expect(fs.readFileSync(path.join(outDir, 'test/platform.k8s.yaml'), 'utf8')).toContain(`server: ${real.test}`);
    const middleware = fs.readFileSync(path.join(outDir, 'prod/middleware.k8s.yaml'), 'utf8');
    expect(middleware).toContain(real.bucket);
    // Put the stand-ins back: every file is the offline run's again.
    const back = (text: string) =>
      text
        .replaceAll(real.prod, standIn.nas!.prod.mountDomain)
        .replaceAll(real.test, standIn.nas!.test.mountDomain)
        .replaceAll(real.bucket, standIn.backup!.bucketName)
        .replaceAll(real.endpoint, standIn.backup!.intranetEndpoint);
    expect(listFiles(outDir)).toEqual(listFiles(GOLDEN));
    for (const f of listFiles(GOLDEN)) {
      expect([f, back(fs.readFileSync(path.join(outDir, f), 'utf8'))]).toEqual([f, fs.readFileSync(path.join(GOLDEN, f), 'utf8')]);
    }
  }, 60000);

  test('a bad file is refused with every problem, naming the file, and nothing is written', async () => {
    const file = path.join(work, 'cluster-outputs.json');
    fs.writeFileSync(file, JSON.stringify({ nodes: [], nas: { prod: { fileSystemId: 'x' } }, backup: { bucketName: 'Backups' } }));
    const { run, outDir } = await callApp(work, { [SHARED_OUTPUTS_ENV]: file }, 'refused');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Invalid shared stack outputs in ${file} (${SHARED_OUTPUTS_ENV}; `);
    expect(run.stderr).toContain('  - network: (missing) is not an object');
    expect(run.stderr).toContain('  - nas.prod.mountDomain: (missing) is not a NAS mount domain');
    expect(run.stderr).toContain('  - backup.bucketName: "Backups" may contain only lowercase letters');
    expect(run.stderr).toContain('  - backup.intranetEndpoint: (missing) is not an OSS endpoint');
    expect(run.stderr).toContain('Nothing was written.');
    expect(fs.existsSync(outDir)).toBe(false);
  }, 60000);
});
