import { ApiObject, Chart, JsonPatch } from 'cdk8s';

/**
 * Drops the namespace a chart stamps on every object from a cluster-scoped one (StorageClass, Namespace): the
 * API server rejects `metadata.namespace` there on some paths and `kubectl diff` shows it as drift on others.
 */
export function markClusterScoped<T extends ApiObject>(obj: T): T {
  if (Chart.of(obj).namespace !== undefined) {
    obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return obj;
}
