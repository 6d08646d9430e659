/**
 * Reads one offline-run output folder from disk. The only module here that does I/O: it lists and
 * reads files, and hands the text to the pure parsers in `parse.ts`.
 *
 * `plan.json` is required (without it the folder is almost certainly the wrong one); `k8s/` and
 * `kubekey/` may be missing, which reads as "no clusters".
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidationIssue, ValidationError } from '../../core';
import { KubeKeyDocument, ManifestObject, OfflineOutput } from './model';
import { compareStrings } from './deep-diff';
import { OfflineInputError, parseKubeKeyFile, parseManifestFile, parsePlan } from './parse';

export const PLAN_FILE = 'plan.json';
export const MANIFEST_DIR = 'k8s';
export const KUBEKEY_DIR = 'kubekey';
const YAML_FILE = /\.ya?ml$/;

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new OfflineInputError(
      file,
      reason === 'ENOENT' ? 'not found (is this an offline-run output folder? see npm run synth)' : `cannot be read (${reason})`,
    );
  }
}

/** Sorted entries of a directory, or `[]` when it does not exist. */
function list(dir: string, wantDirectories: boolean): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new OfflineInputError(dir, `cannot be listed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return entries
    .filter((d) => (wantDirectories ? d.isDirectory() : d.isFile() && YAML_FILE.test(d.name)))
    .map((d) => d.name)
    .sort(compareStrings);
}

/** Loads and validates the folder; throws {@link OfflineInputError} or `ValidationError` naming the file. */
export function loadOfflineOutput(dir: string): OfflineOutput {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isDirectory()) {
    throw new OfflineInputError(dir, 'is not a directory (expected an offline-run output folder such as dist/)');
  }
  const stacks = parsePlan(readText(path.join(dir, PLAN_FILE)), path.join(dir, PLAN_FILE));

  const manifests = new Map<string, readonly ManifestObject[]>();
  const manifestRoot = path.join(dir, MANIFEST_DIR);
  for (const cluster of list(manifestRoot, true)) {
    const clusterDir = path.join(manifestRoot, cluster);
    const objects = list(clusterDir, false).flatMap((f) => {
      const file = path.join(clusterDir, f);
      return parseManifestFile(readText(file), file);
    });
    rejectDuplicateObjects(objects);
    manifests.set(cluster, objects);
  }

  const kubekey = new Map<string, readonly KubeKeyDocument[]>();
  const kubekeyRoot = path.join(dir, KUBEKEY_DIR);
  for (const f of list(kubekeyRoot, false)) {
    const file = path.join(kubekeyRoot, f);
    kubekey.set(f.replace(YAML_FILE, ''), parseKubeKeyFile(readText(file), file));
  }
  return { stacks, manifests, kubekey };
}

/** Two objects with one identity would be applied over each other; the diff cannot tell which wins. */
function rejectDuplicateObjects(objects: readonly ManifestObject[]): void {
  const seen = new Map<string, ManifestObject>();
  const issues: ValidationIssue[] = [];
  for (const o of objects) {
    const id = [o.group, o.kind, o.namespace, o.name].join('/');
    const first = seen.get(id);
    if (first !== undefined) {
      issues.push({ key: o.source, value: `${o.kind} ${o.namespace}/${o.name}`, message: `is also defined in ${first.source}` });
    } else {
      seen.set(id, o);
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, 'Duplicate Kubernetes objects');
}
