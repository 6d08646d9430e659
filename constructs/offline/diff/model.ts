/**
 * The in-memory shape of one offline-run output folder (`dist/` by default), as the diff sees it.
 * Loading (`load.ts`) is the only place that touches the file system; everything downstream is
 * pure and works on these types, so tests can build snapshots without writing files.
 */

/** One recorded Pulumi resource from `plan.json`. Identity within a stack: (`type`, `name`). */
export interface PlannedResource {
  /** Pulumi type token, for example `alicloud:ecs/instance:Instance`. */
  readonly type: string;
  readonly name: string;
  /** `<parent type>::<parent name>`, or null for resources directly under the stack. */
  readonly parent: string | null;
  /** Resource inputs; secrets are already the string `[secret]`. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** Inputs `pulumi up` keeps at their state value: a change there is never applied. */
  readonly ignoreChanges: readonly string[];
  /** Inputs whose change replaces the resource, whatever the provider would do. */
  readonly replaceOnChanges: readonly string[];
  readonly deleteBeforeReplace: boolean;
}

/** One stack from `plan.json`. */
export interface PlannedStack {
  readonly resources: readonly PlannedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

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
