/** The shared stack's real outputs for `cdk8s synth`: a saved `pulumi stack output --json`, checked before use. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationIssue } from '../../constructs/core/validation';
import { SHARED_OUTPUTS_ENV, SharedOutputsError, parseSharedOutputs, readSharedOutputsFile } from '../../stacks/shared-outputs-file';

const FILE = 'shared-outputs.json';

/** As `pulumi stack output --json --stack shared` prints it for the shipped stack. */
const OUTPUTS = {
  network: {
    vpcId: 'vpc-wz9abc',
    vpcCidr: '10.20.0.0/16',
    vswitches: [{ zone: 'cn-shenzhen-e', cidr: '10.20.0.0/20', id: 'vsw-wz9abc' }],
    securityGroupIds: { devtools: 'sg-wz9abc' },
    egressIp: '47.106.1.2',
  },
  nas: {
    prod: {
      fileSystemId: '0a1b2c',
      mountDomain: '0a1b2c3d4e-abcde.cn-shenzhen.nas.aliyuncs.com',
      accessGroupName: 'platform-data',
      squash: 'no_squash',
    },
    test: {
      fileSystemId: '3d4e5f',
      mountDomain: '5f6a7b8c9d-fedcb.cn-shenzhen.nas.aliyuncs.com',
      accessGroupName: 'platform-test-data',
      squash: 'no_squash',
    },
  },
  site: { bucketName: 'hsh-iot-files', domainName: 'files.iot.example.com', cdnCname: 'files.iot.example.com.w.kunlunaq.com' },
  backup: { bucketName: 'hsh-iot-backups', intranetEndpoint: 'oss-cn-shenzhen-internal.aliyuncs.com' },
  devtools: { privateIp: '10.20.0.5', publicIp: '47.106.3.4', sshHostKey: null },
};

function issuesOf(text: string): Array<[string, unknown, string]> {
  try {
    parseSharedOutputs(text, FILE);
  } catch (err) {
    if (!(err instanceof SharedOutputsError)) throw err;
    expect(err.file).toBe(FILE);
    expect(err.message.split('\n')[0]).toMatch(
      new RegExp(
        `^Invalid shared stack outputs in ${FILE} \\(${SHARED_OUTPUTS_ENV}; expected the output of 'pulumi stack output --json --stack shared'\\) \\(\\d+ problems?\\):$`,
      ),
    );
    return err.issues.map((i: ValidationIssue) => [i.key, i.value, i.message]);
  }
  throw new Error('expected a SharedOutputsError');
}

describe('parseSharedOutputs', () => {
  test("takes each cluster's mount domain and the backup bucket, nothing else", () => {
    expect(parseSharedOutputs(JSON.stringify(OUTPUTS, null, 2), FILE)).toEqual({
      nas: {
        prod: { mountDomain: '0a1b2c3d4e-abcde.cn-shenzhen.nas.aliyuncs.com' },
        test: { mountDomain: '5f6a7b8c9d-fedcb.cn-shenzhen.nas.aliyuncs.com' },
      },
      backup: { bucketName: 'hsh-iot-backups', intranetEndpoint: 'oss-cn-shenzhen-internal.aliyuncs.com' },
    });
  });

  test('a shared stack without NAS or backup bucket exports neither (absent or null): none in the result', () => {
    expect(parseSharedOutputs(JSON.stringify({ network: OUTPUTS.network }), FILE)).toEqual({});
    expect(parseSharedOutputs(JSON.stringify({ network: OUTPUTS.network, nas: null, backup: null }), FILE)).toEqual({});
  });

  test.each<[string, string, Array<[string, unknown, string]>]>([
    ['not JSON', '{"network": ', [[FILE, undefined, expect.stringMatching(/^is not JSON: /)]]],
    ['not an object', '[]', [[FILE, [], 'is not a JSON object of outputs by name']]],
    [
      "another stack's outputs (no network)",
      JSON.stringify({ nodes: [], kubeconfig: '[secret]' }),
      [['network', undefined, "is not an object: every shared stack exports 'network', so this is another stack's file"]],
    ],
    [
      'every bad output at once',
      JSON.stringify({
        network: OUTPUTS.network,
        nas: { prod: { fileSystemId: '0a1b2c' }, test: { mountDomain: 'http://nas.example.com/' }, edge: 'x' },
        backup: { bucketName: 'Hsh_Backups', intranetEndpoint: 42 },
      }),
      [
        ['nas.prod.mountDomain', undefined, expect.stringMatching(/^is not a NAS mount domain; expected a lowercase host name/)],
        ['nas.test.mountDomain', 'http://nas.example.com/', expect.stringMatching(/^is not a NAS mount domain; /)],
        ['nas.edge.mountDomain', undefined, expect.stringMatching(/^is not a NAS mount domain; /)],
        [
          'backup.bucketName',
          'Hsh_Backups',
          'may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit',
        ],
        ['backup.intranetEndpoint', 42, expect.stringMatching(/^is not an OSS endpoint; /)],
      ],
    ],
    [
      'nas not a map',
      JSON.stringify({ network: OUTPUTS.network, nas: ['prod'] }),
      [['nas', ['prod'], 'is not an object of file systems by cluster name']],
    ],
    [
      'backup not a map',
      JSON.stringify({ network: OUTPUTS.network, backup: 'hsh-iot-backups' }),
      [['backup', 'hsh-iot-backups', 'is not an object with bucketName and intranetEndpoint']],
    ],
    [
      'a bucket name that is not a string',
      JSON.stringify({ network: OUTPUTS.network, backup: { bucketName: 7, intranetEndpoint: 'oss-cn-shenzhen-internal.aliyuncs.com' } }),
      [['backup.bucketName', 7, 'is not a string; expected an OSS bucket name']],
    ],
  ])('refuses %s, naming the file and every problem', (_name, text, issues) => {
    expect(issuesOf(text)).toEqual(issues);
  });
});

describe('readSharedOutputsFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-outputs-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reads the file', () => {
    const file = path.join(dir, 'ok.json');
    fs.writeFileSync(file, JSON.stringify(OUTPUTS));
    expect(readSharedOutputsFile(file).backup).toEqual(OUTPUTS.backup);
  });

  test('a missing file is refused naming it and how to make it', () => {
    const file = path.join(dir, 'missing.json');
    expect(() => readSharedOutputsFile(file)).toThrow(SharedOutputsError);
    expect(() => readSharedOutputsFile(file)).toThrow(
      `  - ${file}: (missing) cannot be read (ENOENT); save it with 'pulumi stack output --json --stack shared > <file>'`,
    );
  });
});
