/**
 * `platform:images` end to end: two offline runs of the shipped stacks, as shipped (the shared run,
 * test/helpers/shipped-run.ts) and with `platform:images.registry` set on prod and test. With the mirror, every image of every manifest,
 * every image value of the Helm releases and KubeKey's registry point at it (the services' own
 * Harbor images excepted); the rest of the output is what it was without.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { runOffline } from '../../../stacks/offline';
import { copyProject } from '../workloads/helpers';
import { SHIPPED_RUN_TIMEOUT_MS, shippedOutput } from '../../helpers/shipped-run';

const CLUSTERS = ['prod', 'test'] as const;
const HOST = 'registry-vpc.cn-shenzhen.aliyuncs.com';
const NAMESPACE = 'acme-mirror';
const MIRROR = `${HOST}/${NAMESPACE}/`;
const COMPANY = 'harbor.iot.example.com/iot/';

/** harbor-helm 1.14.3 values.yaml: every `<component>.image` of the chart. */
const HARBOR_IMAGE_PATHS = [
  'nginx.image',
  'portal.image',
  'core.image',
  'jobservice.image',
  'registry.registry.image',
  'registry.controller.image',
  'trivy.image',
  'database.internal.image',
  'redis.internal.image',
  'exporter.image',
];
/** alibaba-cloud-csi-driver 1.36.2 templates: the images the NAS driver alone runs (controller and node plugin). */
const CSI_RUNNING_COMPONENTS = ['controller', 'externalProvisioner', 'externalResizer', 'plugin', 'pluginInit', 'pluginRegistrar'];

interface Resource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
interface Run {
  /** The project copy to remove after, if the run made one. */
  dir?: string;
  files: Record<string, string>;
  resources: Record<string, Resource[]>;
}

function withMirror(text: string): string {
  return `${text.trimEnd()}\n  platform:images:\n    registry: ${HOST}/${NAMESPACE}\n`;
}

/** The shipped stacks with the mirror set on prod and test. */
async function mirroredRun(): Promise<Run> {
  const project = copyProject();
  for (const stack of CLUSTERS) {
    const file = path.join(project, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, withMirror(fs.readFileSync(file, 'utf8')));
  }
  const out = path.join(project, 'out');
  await runOffline({ projectDir: project, outDir: out });
  return { ...readRun(out), dir: project };
}

function readRun(out: string): Run {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(out, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(out);
  const plan = JSON.parse(files['plan.json']) as { stacks: Record<string, { resources: Resource[] }> };
  const resources = Object.fromEntries(Object.entries(plan.stacks).map(([s, v]) => [s, v.resources]));
  return { files, resources };
}

/** Every string under a key named `image` in the manifests of one cluster (containers, init containers, anything). */
function manifestImages(files: Record<string, string>, cluster: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'image' && typeof v === 'string') found.push(v);
        else walk(v);
      }
    }
  };
  for (const [file, text] of Object.entries(files).filter(([f]) => f.startsWith(`k8s/${cluster}/`))) {
    expect(file.endsWith('.yaml')).toBe(true);
    parseAllDocuments(text).forEach((d) => walk(d.toJSON()));
  }
  return found;
}

function release(run: Run, cluster: string, suffix: string): Record<string, unknown> {
  const r = run.resources[cluster].find((x) => x.type === 'kubernetes:helm.sh/v3:Release' && x.name === `${cluster}-${suffix}`);
  if (r === undefined) throw new Error(`no release ${cluster}-${suffix}`);
  return r.inputs.values as Record<string, unknown>;
}

function get(values: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
}

/** The KubeKey Cluster's `spec.registry` and the ClusterConfiguration's `spec`. */
function kubeKey(run: Run, cluster: string): { registry: Record<string, unknown>; cc: Record<string, unknown> } {
  const [doc, cc] = parseAllDocuments(run.files[`kubekey/${cluster}.yaml`]).map((d) => d.toJSON() as { spec: Record<string, unknown> });
  return { registry: doc.spec.registry as Record<string, unknown>, cc: cc.spec };
}

/** The image list of one cluster: `source → mirrored`. */
function imageList(run: Run, cluster: string): Map<string, string> {
  const lines = run.files[`images/${cluster}.txt`].split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  return new Map(lines.map((l) => l.split(' ') as [string, string]));
}

let plain: Run;
let mirrored: Run;

beforeAll(async () => {
  plain = readRun(await shippedOutput());
  mirrored = await mirroredRun();
}, SHIPPED_RUN_TIMEOUT_MS);

afterAll(() => {
  for (const run of [plain, mirrored]) if (run?.dir) fs.rmSync(run.dir, { recursive: true, force: true });
});

describe.each(CLUSTERS)('with platform:images on %s', (cluster) => {
  test("every image of every manifest is in the mirror, except the services' own Harbor images", () => {
    const images = manifestImages(mirrored.files, cluster);
    const outside = images.filter((i) => !i.startsWith(MIRROR) && !i.startsWith(COMPANY));
    expect(outside).toEqual([]);
    // Middleware, logging, the Nacos Job and the Elasticsearch init container are all there.
    for (const name of [
      'mysql:',
      'redis:',
      'rabbitmq:',
      'nacos-server:',
      'curl:',
      'sentinel-dashboard:',
      'emqx:',
      'elasticsearch:',
      'logstash:',
      'kibana:',
    ]) {
      expect(images.some((i) => i.startsWith(`${MIRROR}${name}`))).toBe(true);
    }
    // Only the catalogue services keep their Harbor images, which the mirror never holds.
    expect(new Set(images.filter((i) => i.startsWith(COMPANY)).map((i) => i.slice(COMPANY.length).split(':')[0]))).toEqual(
      new Set(['gateway', 'device-service', 'order-service', 'payment-service', 'user-service']),
    );
  });

  test('the NAS CSI driver release pulls every running component from the mirror', () => {
    const values = release(mirrored, cluster, 'csi-driver');
    expect(get(values, 'images.registry')).toBe(`${HOST}/${NAMESPACE}`);
    expect(get(values, 'images.registryVPC')).toBe(`${HOST}/${NAMESPACE}`);
    for (const component of CSI_RUNNING_COMPONENTS) {
      // The chart pulls <registry>/<repo>:<tag>: the repo must be the bare name, as namespaceOverride pulls it.
      expect(get(values, `images.${component}.repo`)).toMatch(/^csi-[a-z-]+$/);
      expect(get(values, `images.${component}.tag`)).toMatch(/^v\d/);
    }
    // The rest of the values is untouched.
    expect(get(values, 'deploy')).toEqual(get(release(plain, cluster, 'csi-driver'), 'deploy'));
  });

  test("KubeKey pulls Kubernetes' and KubeSphere's images from the mirror: privateRegistry, namespaceOverride, local_registry, no zone", () => {
    const { registry, cc } = kubeKey(mirrored, cluster);
    expect(registry.privateRegistry).toBe(HOST);
    expect(registry.namespaceOverride).toBe(NAMESPACE);
    // Harbor's pull credentials stay.
    expect(Object.keys(registry.auths as object)).toEqual(['harbor.iot.example.com']);
    expect(cc.local_registry).toBe(HOST);
    expect(cc.namespace_override).toBe(NAMESPACE);
    // KKZONE=cn would turn `zone: ""` into `zone: cn`, which ks-installer prefers over local_registry.
    expect(cc).not.toHaveProperty('zone');
  });

  test('the image list names every mirrored image the cluster pulls, by its upstream source', () => {
    const list = imageList(mirrored, cluster);
    const pulled = new Set(manifestImages(mirrored.files, cluster).filter((i) => i.startsWith(MIRROR)));
    const csi = release(mirrored, cluster, 'csi-driver');
    for (const component of CSI_RUNNING_COMPONENTS) {
      pulled.add(`${get(csi, 'images.registry')}/${get(csi, `images.${component}.repo`)}:${get(csi, `images.${component}.tag`)}`);
    }
    if (cluster === 'prod') {
      const harbor = release(mirrored, cluster, 'harbor');
      // Exposed through an Ingress: no nginx; metrics off: no exporter.
      for (const p of HARBOR_IMAGE_PATHS.filter((x) => !['nginx.image', 'exporter.image'].includes(x))) {
        pulled.add(`${get(harbor, `${p}.repository`)}:${get(harbor, `${p}.tag`)}`);
      }
    }
    expect(new Set(list.values())).toEqual(pulled);
    for (const [source, image] of list) {
      expect(image).toBe(`${MIRROR}${source.slice(source.lastIndexOf('/') + 1)}`);
      expect(source).toMatch(/^[a-z0-9.-]+\.[a-z]+\/[a-z0-9._/-]+:[A-Za-z0-9._-]+$/);
    }
  });

  test('nothing else changes: with each mirrored image put back to its source, the manifests are as without the mirror', () => {
    const back = new Map([...imageList(mirrored, cluster)].map(([source, image]) => [image, source]));
    for (const file of Object.keys(plain.files).filter((f) => f.startsWith(`k8s/${cluster}/`))) {
      const restored = mirrored.files[file].replace(
        /image: (\S+)/g,
        (_, image: string) => `image: ${unqualify(back.get(image) ?? image, plain.files[file])}`,
      );
      expect([file, restored]).toEqual([file, plain.files[file]]);
    }
  });
});

describe('with platform:images, Harbor on prod', () => {
  test('every image value of the chart points at the mirror', () => {
    const values = release(mirrored, 'prod', 'harbor');
    for (const p of HARBOR_IMAGE_PATHS) {
      expect([p, get(values, `${p}.repository`)]).toEqual([p, `${MIRROR}${(get(values, `${p}.repository`) as string).split('/').pop()}`]);
      expect([p, get(values, `${p}.tag`)]).toEqual([p, 'v2.10.3']);
    }
    // The rest of the values is as without the mirror (the image keys taken out: other keys share their sections).
    const plainValues = release(plain, 'prod', 'harbor');
    const withoutImages = structuredClone(values);
    for (const p of HARBOR_IMAGE_PATHS) {
      const parent = get(withoutImages, p.split('.').slice(0, -1).join('.')) as Record<string, unknown>;
      delete parent[p.split('.').pop() as string];
    }
    for (const key of Object.keys(plainValues)) {
      expect([key, withoutImages[key]]).toEqual([key, plainValues[key]]);
    }
  });
});

describe('without platform:images (the shipped stacks)', () => {
  test.each(CLUSTERS)('%s: KubeKey keeps the public registries and zone, the charts their own image values', (cluster) => {
    const { registry, cc } = kubeKey(plain, cluster);
    expect(registry.privateRegistry).toBe('');
    expect(registry.namespaceOverride).toBe('');
    expect(cc).not.toHaveProperty('local_registry');
    expect(cc.zone).toBe('');
    expect(release(plain, cluster, 'csi-driver')).not.toHaveProperty('images');
  });

  test("Harbor keeps the chart's images", () => {
    const values = release(plain, 'prod', 'harbor');
    for (const p of HARBOR_IMAGE_PATHS) expect(get(values, p)).toBeUndefined();
  });

  test.each(CLUSTERS)('%s: every manifest image is the pinned upstream one, listed with its name under a mirror namespace', (cluster) => {
    const list = imageList(plain, cluster);
    for (const image of manifestImages(plain.files, cluster).filter((i) => !i.startsWith(COMPANY))) {
      expect(image.startsWith(HOST)).toBe(false);
      const source = [...list.keys()].find((s) => s === image || s.endsWith(`/${image}`));
      expect([image, source]).toEqual([image, expect.any(String)]);
      expect(list.get(source as string)).toBe(image.slice(image.lastIndexOf('/') + 1));
    }
  });

  test('both runs write the same files', () => {
    expect(Object.keys(mirrored.files).sort()).toEqual(Object.keys(plain.files).sort());
  });

  test.each(CLUSTERS)('%s: the KubeKey documents differ only in the registry fields and the zone line', (cluster) => {
    const m = kubeKey(mirrored, cluster);
    const p = kubeKey(plain, cluster);
    expect({ ...m.registry, privateRegistry: '', namespaceOverride: '' }).toEqual(p.registry);
    const { local_registry: _l, namespace_override: _n, ...rest } = m.cc;
    expect({ ...rest, zone: '' }).toEqual(p.cc);
  });
});

/** The list spells sources out (`docker.io/library/redis:7.2.5`); the manifest as written may not (`redis:7.2.5`). */
function unqualify(source: string, original: string): string {
  const candidates = [source, source.replace(/^docker\.io\/library\//, ''), source.replace(/^docker\.io\//, '')];
  return candidates.find((c) => original.includes(`image: ${c}\n`)) ?? source;
}
