import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { ValidationIssue } from '../../../constructs/core/validation';
import { record, secret } from '../../../stacks/config/schema';
import { readPulumiConfig } from '../../../constructs/offline/engine-config';
import { ConfigFileError, readStackFile, toPulumiConfigMap } from '../../../stacks/config/sources';

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

describe('readPulumiConfig: secrets per path of the stack file', () => {
  test('a clear-text entry beside an encrypted one stays clear, and secret() refuses it by its path', async () => {
    const dir = projectWith(
      'config:\n  platform:secrets:\n    sshPrivateKey:\n      secure: AAABAKx2w9mC2Xf0\n    jwtSigningKey: hunter2\n',
    );
    await pulumi.runtime.setMocks({ newResource: () => ({ id: 'x', state: {} }), call: () => ({}) }, 'platform', 'dev', false);
    pulumi.runtime.setAllConfig({ 'platform:secrets': '{"sshPrivateKey":"-----BEGIN","jwtSigningKey":"hunter2"}' }, ['platform:secrets']);
    const raw = readPulumiConfig(dir);
    expect(raw.values['platform:secrets']).toEqual({ sshPrivateKey: { secret: true, value: '-----BEGIN' }, jwtSigningKey: 'hunter2' });
    const issues: ValidationIssue[] = [];
    record(secret())(raw.values['platform:secrets'], 'platform:secrets', issues);
    expect(issues).toEqual([
      {
        key: 'platform:secrets.jwtSigningKey',
        value: '(clear text, not shown)',
        message: "must be set with 'pulumi config set --secret platform:secrets …', never in clear text",
      },
    ]);
  });

  test('a key the stack file does not hold is secret as the engine says', async () => {
    const dir = projectWith('config:\n  alicloud:region: cn-shenzhen\n');
    await pulumi.runtime.setMocks({ newResource: () => ({ id: 'x', state: {} }), call: () => ({}) }, 'platform', 'dev', false);
    pulumi.runtime.setAllConfig({ 'platform:secrets': '{"a":"x"}' }, ['platform:secrets']);
    expect(readPulumiConfig(dir).values['platform:secrets']).toEqual({ a: { secret: true, value: 'x' } });
  });
});

describe('readStackFile: YAML that is not config', () => {
  const BOMB = [
    'config:',
    '  platform:a: &a [x, x, x, x, x, x, x, x, x]',
    '  platform:b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    '  platform:c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    '  platform:d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    '',
  ].join('\n');

  test.each([
    ['a syntax error', 'config:\n  alicloud:region: [cn-shenzhen\n', ':3:1', 'is not valid YAML: '],
    [
      'a duplicate key',
      'config:\n  alicloud:region: cn-shenzhen\n  alicloud:region: cn-beijing\n',
      ':3:3',
      'is not valid YAML: Map keys must be unique',
    ],
    ['an alias bomb', BOMB, ':3:19', 'expands its aliases (*name) beyond 16 times'],
    ['config that is a list', 'config:\n  - a\n', ': config', 'is not a map'],
  ])('%s is a ConfigFileError naming file, line and column', (_what, yaml, where, message) => {
    const dir = projectWith(yaml);
    const file = path.join(dir, 'Pulumi.dev.yaml');
    let error: unknown;
    try {
      readStackFile(dir, 'dev');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    const issues = (error as ConfigFileError).issues;
    expect(issues[0].key).toBe(`${file}${where}`);
    expect(issues[0].message).toContain(message);
    expect((error as Error).message).toContain(`Invalid config file ${file}`);
    expect((error as Error).message).not.toMatch(/\n\s+at /);
  });
});
