/** The bench's scale case: the prod stack with N minimal services is valid config (bench/catalogue.ts). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { minimalService, withServices, writeCatalogueProject } from '../../bench/catalogue';
import { parseStackConfig, readStackFile } from '../../stacks/config';

const ROOT = path.resolve(__dirname, '../..');

test('minimalService: numbered names, one replica, the smallest heap the JVM check accepts', () => {
  expect(minimalService(7)).toEqual({
    name: 'svc-0007',
    image: 'harbor.iot.example.com/iot/svc-0007',
    tag: '1.0.0',
    replicas: 1,
    resources: { cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '768Mi', memoryLimit: '768Mi' },
  });
});

test('withServices replaces the catalogue and keeps every other key', () => {
  const text = withServices('config:\n  platform:services:\n    - name: gateway\n  platform:harbor:\n    host: h\n', 2);
  expect(text).toContain('name: svc-0000');
  expect(text).toContain('name: svc-0001');
  expect(text).not.toContain('gateway');
  expect(text).toContain('platform:harbor:\n    host: h\n');
});

test('the generated project parses: prod runs exactly the N services, the other stacks are copies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-'));
  try {
    writeCatalogueProject(ROOT, dir, 25);
    const spec = parseStackConfig(readStackFile(dir, 'prod'), { missingSecrets: 'placeholder' });
    expect(spec.kind === 'cluster' && spec.services.map((s) => s.name)).toEqual(
      Array.from({ length: 25 }, (_, i) => minimalService(i).name),
    );
    for (const file of ['Pulumi.yaml', 'Pulumi.shared.yaml', 'Pulumi.test.yaml']) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
