/**
 * The in-memory shape of one offline-run output folder (`dist/` by default), as the diff sees it.
 * Loading (`load.ts`) is the only place that touches the file system; everything downstream is
 * pure and works on these types, so tests can build snapshots without writing files.
 */
import type { PlannedStack } from '../../core';

/**
 * `plan.json`'s records, as the offline run writes them (`../plan.ts` is their one definition). The
 * diff reads plans of older commits too: `parse.ts` fills the options such a plan lacks with Pulumi's
 * defaults. Identity of a resource within a stack: (`type`, `name`).
 */
export type { PlannedResource, PlannedStack } from '../../core';

/** A Kubernetes manifest object; `group` is derived from `apiVersion` (`''` for the core group). */
export interface ManifestObject {
  readonly group: string;
  readonly kind: string;
  /** `''` when the manifest leaves it unset (cluster-scoped, or the apply-time default). */
  readonly namespace: string;
  readonly name: string;
  /** The whole document, as parsed. */
  readonly body: Readonly<Record<string, unknown>>;
  /** `k8s/<cluster>/<file>`, for error messages. */
  readonly source: string;
}

/** One document of `kubekey/<cluster>.yaml`, identified by its `kind` and `metadata.name`. */
export interface KubeKeyDocument {
  readonly kind: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Everything the diff reads from one output folder. Map keys are stack and cluster names. */
export interface OfflineOutput {
  readonly stacks: ReadonlyMap<string, PlannedStack>;
  readonly manifests: ReadonlyMap<string, readonly ManifestObject[]>;
  readonly kubekey: ReadonlyMap<string, readonly KubeKeyDocument[]>;
}
