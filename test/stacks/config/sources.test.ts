import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { readPulumiConfig, readStackFile, toPulumiConfigMap } from '../../../stacks/config/sources';

function projectWith(stackYaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sources-'));
  fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), 'name: platform\nruntime: nodejs\n');
  fs.writeFileSync(path.join(dir, 'Pulumi.dev.yaml'), stackYaml);
  return dir;
}

const STACK_YAML = `
config:
  alicloud:region: cn-shenzhen
  platform:adminPassword:
    secure: AAABAKx2w9mC2Xf0HgD5hZ4mY1/8u9dVxk=
  platform:database:
    host: mysql.internal
    port: 3306
    password:
      secure: AAABAFiUJ1k8fN0M=
`;

describe('readStackFile', () => {
  test('reads values and never decrypts secure entries, at any depth', () => {
    const raw = readStackFile(projectWith(STACK_YAML), 'dev');
    expect(raw).toEqual({
      project: 'platform',
      stack: 'dev',
      values: {
        'alicloud:region': 'cn-shenzhen',
        'platform:adminPassword': { secret: true, value: '[secret]' },
        'platform:database': { host: 'mysql.internal', port: 3306, password: { secret: true, value: '[secret]' } },
      },
    });
    expect(JSON.stringify(raw)).not.toContain('AAAB');
  });

  test('toPulumiConfigMap gives setAllConfig JSON text and the secret keys', () => {
    const map = toPulumiConfigMap(readStackFile(projectWith(STACK_YAML), 'dev'));
    expect(map).toEqual({
      config: {
        'alicloud:region': 'cn-shenzhen',
        'platform:adminPassword': '[secret]',
        'platform:database': '{"host":"mysql.internal","port":3306,"password":"[secret]"}',
      },
      secretKeys: ['platform:adminPassword', 'platform:database'],
    });
  });
});

describe('readPulumiConfig', () => {
  test('reads what the engine set, parsing JSON values and marking every string of a secret key', async () => {
    await pulumi.runtime.setMocks({ newResource: () => ({ id: 'x', state: {} }), call: () => ({}) }, 'platform', 'dev', false);
    pulumi.runtime.setAllConfig(
      { 'alicloud:region': 'cn-shenzhen', 'platform:count': '3', 'platform:db': '{"host":"h","password":"p4ss"}' },
      ['platform:db'],
    );
    expect(readPulumiConfig()).toEqual({
      project: 'platform',
      stack: 'dev',
      values: {
        'alicloud:region': 'cn-shenzhen',
        'platform:count': 3,
        'platform:db': { host: { secret: true, value: 'h' }, password: { secret: true, value: 'p4ss' } },
      },
    });
  });
});
