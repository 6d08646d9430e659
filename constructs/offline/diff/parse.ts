/**
 * Turns the raw contents of an offline-run output folder into the typed {@link OfflineOutput}
 * parts. Pure (text in, values out) so a malformed folder is testable without files; every shape
 * problem in a file is collected with `Validator` and reported at once, naming the file and key.
 */
import { parseAllDocuments } from 'yaml';
import { Validator } from '../../core';
import { formatPath, ValuePath } from './deep-diff';
import { KubeKeyDocument, ManifestObject, PlannedResource, PlannedStack } from './model';

/** Thrown when a file cannot be read or parsed at all; `file` is the path to show the user. */
export class OfflineInputError extends Error {
  constructor(
    /** The file or folder that could not be read. */
    public readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'OfflineInputError';
  }
}

/** Resource options an older plan may omit; these are Pulumi's own defaults. */
const DEFAULT_PARENT = null;
const DEFAULT_PROTECT = false;
const DEFAULT_RETAIN_ON_DELETE = false;
const DEFAULT_PROPERTY_LIST: readonly string[] = [];
const DEFAULT_DELETE_BEFORE_REPLACE = false;

type JsonRecord = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function key(file: string, path: ValuePath): string {
  return `${file}: ${formatPath(path) || '(root)'}`;
}

/** Parses `plan.json` text into stacks by name. `file` is only used in messages. */
export function parsePlan(text: string, file: string): Map<string, PlannedStack> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new OfflineInputError(file, `not valid JSON (${(e as Error).message})`);
  }
  const v = new Validator();
  const stacks = new Map<string, PlannedStack>();
  const rawStacks = isRecord(json) ? json.stacks : undefined;
  if (!isRecord(rawStacks)) {
    v.add(key(file, ['stacks']), rawStacks, 'must be an object of stacks by name');
  } else {
    for (const [name, raw] of Object.entries(rawStacks)) {
      const stack = parseStack(raw, file, ['stacks', name], v);
      if (stack !== undefined) stacks.set(name, stack);
    }
  }
  v.throwIfAny(`Invalid plan file ${file}`);
  return stacks;
}

function parseStack(raw: unknown, file: string, path: ValuePath, v: Validator): PlannedStack | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.resources)) {
    v.add(key(file, [...path, 'resources']), isRecord(raw) ? raw.resources : raw, 'must be an array of resources');
    return undefined;
  }
  const outputs = raw.outputs ?? {};
  if (!isRecord(outputs)) {
    v.add(key(file, [...path, 'outputs']), outputs, 'must be an object');
  }
  const resources: PlannedResource[] = [];
  const seen = new Map<string, number>();
  raw.resources.forEach((item: unknown, i: number) => {
    const r = parseResource(item, file, [...path, 'resources', i], v);
    if (r === undefined) return;
    const id = `${r.type}::${r.name}`;
    const first = seen.get(id);
    if (first !== undefined) {
      // Pulumi would reject the duplicate URN, so the diff could only guess which one is meant.
      v.add(key(file, [...path, 'resources', i]), id, `duplicates resources[${first}]: (type, name) must be unique`);
      return;
    }
    seen.set(id, i);
    resources.push(r);
  });
  return { resources, outputs: isRecord(outputs) ? outputs : {} };
}

function parseResource(raw: unknown, file: string, path: ValuePath, v: Validator): PlannedResource | undefined {
  if (!isRecord(raw)) {
    v.add(key(file, path), raw, 'must be a resource object');
    return undefined;
  }
  const { type, name } = raw;
  const parent = raw.parent ?? DEFAULT_PARENT;
  const inputs = raw.inputs ?? {};
  const protect = raw.protect ?? DEFAULT_PROTECT;
  const retainOnDelete = raw.retainOnDelete ?? DEFAULT_RETAIN_ON_DELETE;
  const ignoreChanges = raw.ignoreChanges ?? DEFAULT_PROPERTY_LIST;
  const replaceOnChanges = raw.replaceOnChanges ?? DEFAULT_PROPERTY_LIST;
  const deleteBeforeReplace = raw.deleteBeforeReplace ?? DEFAULT_DELETE_BEFORE_REPLACE;
  const additionalSecretOutputs = raw.additionalSecretOutputs ?? DEFAULT_PROPERTY_LIST;
  if (typeof type !== 'string' || type === '') v.add(key(file, [...path, 'type']), type, 'must be a Pulumi type token');
  if (typeof name !== 'string' || name === '') v.add(key(file, [...path, 'name']), name, 'must be a non-empty string');
  if (parent !== null && typeof parent !== 'string') v.add(key(file, [...path, 'parent']), parent, 'must be a string or null');
  if (!isRecord(inputs)) v.add(key(file, [...path, 'inputs']), inputs, 'must be an object');
  if (typeof protect !== 'boolean') v.add(key(file, [...path, 'protect']), protect, 'must be a boolean');
  if (typeof retainOnDelete !== 'boolean') {
    v.add(key(file, [...path, 'retainOnDelete']), retainOnDelete, 'must be a boolean');
  }
  if (!isPropertyList(ignoreChanges)) v.add(key(file, [...path, 'ignoreChanges']), ignoreChanges, 'must be an array of property names');
  if (!isPropertyList(replaceOnChanges)) {
    v.add(key(file, [...path, 'replaceOnChanges']), replaceOnChanges, 'must be an array of property names');
  }
  if (typeof deleteBeforeReplace !== 'boolean') {
    v.add(key(file, [...path, 'deleteBeforeReplace']), deleteBeforeReplace, 'must be a boolean');
  }
  if (!isPropertyList(additionalSecretOutputs)) {
    v.add(key(file, [...path, 'additionalSecretOutputs']), additionalSecretOutputs, 'must be an array of property names');
  }
  // Repeats the checks above so the compiler can narrow the fields; the issues are already recorded.
  if (
    typeof type !== 'string' ||
    typeof name !== 'string' ||
    (parent !== null && typeof parent !== 'string') ||
    !isRecord(inputs) ||
    typeof protect !== 'boolean' ||
    typeof retainOnDelete !== 'boolean' ||
    !isPropertyList(ignoreChanges) ||
    !isPropertyList(replaceOnChanges) ||
    typeof deleteBeforeReplace !== 'boolean' ||
    !isPropertyList(additionalSecretOutputs)
  ) {
    return undefined;
  }
  return {
    type,
    name,
    parent,
    inputs: { ...inputs },
    protect,
    retainOnDelete,
    ignoreChanges,
    replaceOnChanges,
    deleteBeforeReplace,
    additionalSecretOutputs,
  };
}

function isPropertyList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Parses a multi-document YAML file into its non-empty documents. */
function parseYamlDocuments(text: string, file: string): unknown[] {
  const docs = parseAllDocuments(text);
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new OfflineInputError(file, `not valid YAML (${doc.errors[0].message})`);
    }
    const value: unknown = doc.toJS();
    // `---` separators around nothing are legal and common in generated manifests.
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** API group of an `apiVersion`: `apps/v1` → `apps`, `v1` → `''` (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Parses one `k8s/<cluster>/*.yaml` file. Duplicates across files are checked by the loader. */
export function parseManifestFile(text: string, file: string): ManifestObject[] {
  const v = new Validator();
  const objects: ManifestObject[] = [];
  parseYamlDocuments(text, file).forEach((doc, i) => {
    const where = `${file} document ${i + 1}`;
    const metadata = isRecord(doc) ? doc.metadata : undefined;
    const apiVersion = isRecord(doc) ? doc.apiVersion : undefined;
    const kind = isRecord(doc) ? doc.kind : undefined;
    const name = isRecord(metadata) ? metadata.name : undefined;
    const namespace = isRecord(metadata) ? (metadata.namespace ?? '') : '';
    if (!isRecord(doc)) v.add(where, doc, 'must be a Kubernetes object');
    if (typeof apiVersion !== 'string') v.add(`${where}: apiVersion`, apiVersion, 'must be a string');
    if (typeof kind !== 'string') v.add(`${where}: kind`, kind, 'must be a string');
    if (typeof name !== 'string') v.add(`${where}: metadata.name`, name, 'must be a string');
    if (typeof namespace !== 'string') v.add(`${where}: metadata.namespace`, namespace, 'must be a string if set');
    if (
      isRecord(doc) &&
      typeof apiVersion === 'string' &&
      typeof kind === 'string' &&
      typeof name === 'string' &&
      typeof namespace === 'string'
    ) {
      objects.push({ group: apiGroup(apiVersion), kind, namespace, name, body: doc, source: file });
    }
  });
  v.throwIfAny(`Invalid Kubernetes manifest ${file}`);
  return objects;
}

/** Parses `kubekey/<cluster>.yaml`: the KubeKey `Cluster`, then the ks-installer `ClusterConfiguration`. */
export function parseKubeKeyFile(text: string, file: string): KubeKeyDocument[] {
  const v = new Validator();
  const docs: KubeKeyDocument[] = [];
  const seen = new Set<string>();
  parseYamlDocuments(text, file).forEach((doc, i) => {
    const where = `${file} document ${i + 1}`;
    const kind = isRecord(doc) ? doc.kind : undefined;
    const metadata = isRecord(doc) ? doc.metadata : undefined;
    const name = isRecord(metadata) ? (metadata.name ?? '') : '';
    if (!isRecord(doc) || typeof kind !== 'string' || typeof name !== 'string') {
      v.add(where, isRecord(doc) ? { kind, name } : doc, 'must be an object with a string kind and metadata.name');
      return;
    }
    if (seen.has(`${kind}/${name}`)) {
      v.add(where, `${kind}/${name}`, 'appears twice: each kind and name may appear once');
      return;
    }
    seen.add(`${kind}/${name}`);
    docs.push({ kind, name, body: doc });
  });
  v.throwIfAny(`Invalid KubeKey file ${file}`);
  return docs;
}
