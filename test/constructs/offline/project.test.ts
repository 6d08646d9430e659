import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { readOfflineStack, runOfflineProject } from '../../../constructs/offline/project';
import { ValidationError } from '../../../constructs/core/validation';

let dir: string;

function project(files: Record<string, string>): string {
  const d = fs.mkdtempSync(path.join(dir, 'p-'));
  fs.writeFileSync(path.join(d, 'Pulumi.yaml'), 'name: shop\nruntime: nodejs\n');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(d, name), text);
  return d;
}

const program = async () => {
  const config = new pulumi.Config('shop');
  return {
    outputs: { size: config.requireNumber('size'), zones: config.requireObject<string[]>('zones'), token: config.requireSecret('token') },
  };
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-project-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('readOfflineStack', () => {
  test('values as setAllConfig takes them, secure entries as placeholders, declared secrets it lacks listed', () => {
    const d = project({ 'Pulumi.dev.yaml': 'config:\n  shop:size: 3\n  shop:zones: [a, b]\n  shop:db:\n    secure: v1:abc\n' });
    const read = readOfflineStack({ projectDir: d, stack: 'dev', program, secretKeys: ['shop:token', 'shop:db'] });
    expect(read.stack.config).toEqual({ 'shop:size': '3', 'shop:zones': '["a","b"]', 'shop:db': '[secret]', 'shop:token': '[secret]' });
    expect([...read.stack.secretKeys].sort()).toEqual(['shop:db', 'shop:token']);
    expect(read.missingSecrets).toEqual(['shop:token']);
  });

  test('a declared secret in clear text is refused without echoing it; a missing file is named', () => {
    const d = project({ 'Pulumi.dev.yaml': 'config:\n  shop:token: hunter2-leak\n' });
    expect(() => readOfflineStack({ projectDir: d, stack: 'dev', program, secretKeys: ['shop:token'] })).toThrow(
      new ValidationError(
        [
          {
            key: 'shop:token',
            value: '(clear text)',
            message: `must be set with \`pulumi config set --secret shop:token\`, not in clear in ${path.join(d, 'Pulumi.dev.yaml')}`,
          },
        ],
        'Invalid config of stack dev',
      ),
    );
    expect(() => readOfflineStack({ projectDir: d, stack: 'prod', program })).toThrow(/Pulumi\.prod\.yaml: \(missing\) is missing from/);
  });
});

describe('runOfflineProject', () => {
  test('evaluates every stack under mocks and writes the plan', async () => {
    const d = project({ 'Pulumi.dev.yaml': 'config:\n  shop:size: 3\n  shop:zones: [a]\n' });
    const outDir = path.join(d, 'out');
    const result = await runOfflineProject({ projectDir: d, stacks: ['dev'], outDir, program, secretKeys: ['shop:token'] });
    expect(result.missingSecrets).toEqual({ dev: ['shop:token'] });
    const plan = JSON.parse(fs.readFileSync(path.join(outDir, 'plan.json'), 'utf8')) as {
      stacks: Record<string, { outputs: Record<string, unknown> }>;
    };
    expect(plan.stacks.dev.outputs).toEqual({ size: 3, zones: ['a'], token: '[secret]' });
  });

  test('every problem of every stack in one error, before anything is written', async () => {
    const d = project({ 'Pulumi.dev.yaml': 'config:\n  shop:token: clear\n' });
    const outDir = path.join(d, 'out');
    await expect(
      runOfflineProject({ projectDir: d, stacks: ['dev', 'prod'], outDir, program, secretKeys: ['shop:token'] }),
    ).rejects.toThrow(
      /Invalid config of project shop \(2 problems\):\n {2}- dev: shop:token: "\(clear text\)" must be set with .*\n {2}- prod: Pulumi\.prod\.yaml: \(missing\) is missing from/,
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });
});
