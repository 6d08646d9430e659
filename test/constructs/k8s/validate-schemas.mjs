// Validates synthesized manifests against the kubernetes-models JSON schemas.
// kubernetes-models is ES-module only, so jest runs this file with plain `node` rather than importing it.
// Usage: node validate-schemas.mjs <manifests.json>; prints {"errors": [...], "skipped": [...]} on stdout.
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const errors = [];
const skipped = [];
for (const obj of objects) {
  const id = `${obj.apiVersion}/${obj.kind}/${obj.metadata?.name}`;
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['v1', undefined];
  const modulePath = version === undefined ? `kubernetes-models/v1/${obj.kind}` : `kubernetes-models/${group}/${version}/${obj.kind}`;
  let mod;
  try {
    mod = await import(modulePath);
  } catch {
    skipped.push(id);
    continue;
  }
  const Model = mod[obj.kind] ?? mod.default;
  try {
    new Model(obj).validate();
  } catch (e) {
    errors.push({ id, message: e.message });
  }
}
process.stdout.write(JSON.stringify({ errors, skipped }));
