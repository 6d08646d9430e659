/**
 * A temp copy of the project whose prod stack runs N minimal services: the scale case of
 * `npm run bench` (how the offline run grows with the catalogue).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';

/** The smallest service the config accepts: one replica, a heap that fits, no middleware. */
export function minimalService(index: number): Record<string, unknown> {
  const name = `svc-${String(index).padStart(4, '0')}`;
  return {
    name,
    image: `harbor.iot.example.com/iot/${name}`,
    tag: '1.0.0',
    replicas: 1,
    resources: { cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '768Mi', memoryLimit: '768Mi' },
  };
}

/** `Pulumi.prod.yaml`'s text with `platform:services` replaced by `count` minimal services. */
export function withServices(prodYaml: string, count: number): string {
  const doc = parseDocument(prodYaml);
  doc.setIn(
    ['config', 'platform:services'],
    Array.from({ length: count }, (_, i) => minimalService(i)),
  );
  return doc.toString();
}

/** Writes the project's `Pulumi*.yaml` files to `dir`, prod with `count` minimal services. */
export function writeCatalogueProject(projectDir: string, dir: string, count: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(projectDir).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))) {
    const text = fs.readFileSync(path.join(projectDir, file), 'utf8');
    fs.writeFileSync(path.join(dir, file), file === 'Pulumi.prod.yaml' ? withServices(text, count) : text);
  }
}
