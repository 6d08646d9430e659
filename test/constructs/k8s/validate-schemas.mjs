// Validates synthesized manifests against the kubernetes-models JSON schemas, strictly (as `kubeconform -strict`):
// a field the schema does not know is an error, not silently dropped by the API server.
// kubernetes-models is ES-module only, so jest runs this file with plain `node` rather than importing it.
// Usage: node validate-schemas.mjs <manifests.json>; prints {"errors": [...], "skipped": [...]} on stdout.
//
// Strictness: kubernetes-models ships its schemas as ajv-compiled functions that check each *known* property
// (`void 0 !== data.replicas && validate(...)`) and enumerate an object's keys only where the schema allows
// any key (labels, resource quantities). So the object is validated through proxies that record which keys the
// schema read and which objects it enumerated; every other key of an object is one the schema does not declare.
// One exception: the generator strips every `description` key from the schemas to save space, which also removes
// properties *named* `description` (PriorityClass.description), so the compiled code never reads those.
const STRIPPED_BY_GENERATOR = new Set(['description']);
import { readFileSync } from 'node:fs';

/** Where each Model lives: core kinds in kubernetes-models, the prometheus-operator CRDs in their own package. */
function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['v1', undefined];
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  return version === undefined ? `kubernetes-models/v1/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

/** Wraps `root` so that every property read and every key enumeration is recorded per object node. */
export function recordingProxy(root) {
  const nodes = [];
  const cache = new Map();
  const wrap = (value, path) => {
    if (value === null || typeof value !== 'object') return value;
    if (cache.has(value)) return cache.get(value);
    let proxy;
    if (Array.isArray(value)) {
      proxy = new Proxy(value, {
        get: (t, k) => (typeof k === 'string' && /^\d+$/.test(k) ? wrap(t[k], `${path}/${k}`) : Reflect.get(t, k)),
      });
    } else {
      const node = { target: value, path, read: new Set(), enumerated: false };
      nodes.push(node);
      proxy = new Proxy(value, {
        get: (t, k) => {
          if (typeof k !== 'string') return Reflect.get(t, k);
          node.read.add(k);
          return wrap(t[k], `${path}/${k}`);
        },
        ownKeys: (t) => {
          node.enumerated = true;
          return Reflect.ownKeys(t);
        },
      });
    }
    cache.set(value, proxy);
    return proxy;
  };
  const unknownFields = () =>
    nodes
      .filter((n) => !n.enumerated)
      .flatMap((n) =>
        Object.keys(n.target)
          .filter((k) => !n.read.has(k) && !(STRIPPED_BY_GENERATOR.has(k) && typeof n.target[k] === 'string'))
          .map((k) => `${n.path}/${k}`),
      );
  return { proxy: wrap(root, ''), unknownFields };
}

/** Schema errors, then one error per field the schema does not declare. */
export function strictErrors(Model, obj) {
  const errors = [];
  const { proxy, unknownFields } = recordingProxy(structuredClone(obj));
  try {
    // Model.prototype.validate runs the compiled schema on `this`: here, the recording proxy.
    Model.prototype.validate.call(proxy);
  } catch (e) {
    errors.push(e.message);
  }
  for (const field of unknownFields()) errors.push(`${field}: unknown field`);
  return errors;
}

// KubeSphere's CRDs have no kubernetes-models package: their shapes, written from the CRDs at the pinned versions
// (ks-devops v3.4.1-231116 `config/crd/bases`, kubesphere v3.4.1 `config/ks-core/crds`). A shape is a type name,
// an object of field shapes, or [shape] for a list; ANY marks a declared field whose inside this project never
// writes (and so does not check).
const ANY = 'any';
const STRING_MAP = 'string-map';
const META = { name: 'string', namespace: 'string', labels: STRING_MAP, annotations: STRING_MAP };
const KUBESPHERE_SHAPES = {
  'devops.kubesphere.io/v1alpha3/DevOpsProject': { spec: { argo: ANY } },
  'devops.kubesphere.io/v1alpha3/Pipeline': {
    spec: {
      type: 'string',
      pipeline: {
        name: 'string',
        description: 'string',
        disable_concurrent: 'boolean',
        discarder: { days_to_keep: 'string', num_to_keep: 'string' },
        generic_webhook: ANY,
        jenkinsfile: 'string',
        parameters: ANY,
        remote_trigger: { token: 'string' },
        timer_trigger: { cron: 'string', interval: 'string' },
      },
      multi_branch_pipeline: ANY,
    },
  },
  'tenant.kubesphere.io/v1alpha1/Workspace': { spec: { manager: 'string', networkIsolation: 'boolean' } },
  'tenant.kubesphere.io/v1alpha2/WorkspaceTemplate': {
    spec: {
      template: { metadata: META, spec: { manager: 'string', networkIsolation: 'boolean' } },
      placement: { clusters: [{ name: 'string' }], clusterSelector: ANY },
      overrides: ANY,
    },
  },
};

/** Every field of `value` that `shape` does not declare, or whose type is wrong. */
export function shapeErrors(shape, value, path = '') {
  if (shape === ANY) return [];
  if (shape === STRING_MAP) {
    const ok =
      value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
    return ok ? [] : [`${path}: must be a map of strings`];
  }
  if (typeof shape === 'string') {
    const ok = shape === 'integer' ? Number.isInteger(value) : typeof value === shape;
    return ok ? [] : [`${path}: must be ${shape}`];
  }
  if (Array.isArray(shape)) {
    return Array.isArray(value) ? value.flatMap((v, i) => shapeErrors(shape[0], v, `${path}/${i}`)) : [`${path}: must be a list`];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: must be an object`];
  return Object.entries(value).flatMap(([k, v]) =>
    k in shape ? shapeErrors(shape[k], v, `${path}/${k}`) : [`${path}/${k}: unknown field`],
  );
}

function kubesphereErrors(id, obj) {
  const shape = KUBESPHERE_SHAPES[id];
  return shapeErrors({ apiVersion: 'string', kind: 'string', metadata: META, ...shape }, obj);
}

if (process.argv[2] !== undefined) {
  const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const errors = [];
  const skipped = [];
  for (const obj of objects) {
    const id = `${obj.apiVersion}/${obj.kind}/${obj.metadata?.name}`;
    if (KUBESPHERE_SHAPES[`${obj.apiVersion}/${obj.kind}`] !== undefined) {
      const found = kubesphereErrors(`${obj.apiVersion}/${obj.kind}`, obj);
      if (found.length > 0) errors.push({ id, message: found.join('; ') });
      continue;
    }
    let mod;
    try {
      mod = await import(modulePath(obj.apiVersion, obj.kind));
    } catch {
      skipped.push(id);
      continue;
    }
    const Model = mod[obj.kind] ?? mod.default;
    const found = strictErrors(Model, obj);
    if (found.length > 0) errors.push({ id, message: found.join('; ') });
  }
  process.stdout.write(JSON.stringify({ errors, skipped }));
}
