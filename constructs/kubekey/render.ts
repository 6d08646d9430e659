/**
 * Renders the KubeKey file (the `Cluster` document, `---`, then the ks-installer
 * `ClusterConfiguration`) once from the typed model, with everything derived from it: the warnings,
 * the secret variables its placeholders name, and the fingerprints the installer re-runs its steps on.
 */
import { Document, isScalar, visit, type ToStringOptions } from 'yaml';
import { type ClusterFileFingerprints, type KubeKeyFileDocuments, kubeKeyFileAspects, kubeKeyFileFingerprints } from './changes';
import { type KubeKeyClusterDocument, clusterDocumentFromResolved } from './cluster';
import { type ClusterConfigurationDocument, clusterConfigurationFromResolved } from './cluster-configuration';
import type { KubeKeyClusterInput } from './types';
import { prepareKubeKeyInput } from './validate';
import type { ClusterVersions } from './versions';

const PLACEHOLDER = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

const YAML_OPTIONS: ToStringOptions = {
  // KubeKey edits the ClusterConfiguration line by line with sed: a folded long value would split
  // one key over several lines.
  lineWidth: 0,
  minContentWidth: 0,
};

/** The two documents of a rendered KubeKey file, typed. */
export interface RenderedKubeKeyDocuments extends KubeKeyFileDocuments {
  /** The KubeKey `Cluster` document. */
  readonly cluster: KubeKeyClusterDocument;
  /** The ks-installer `ClusterConfiguration`, the file's only other document. */
  readonly others: readonly [ClusterConfigurationDocument];
}

/** The rendered file and everything derived from the same documents. */
export interface RenderedKubeKeyFile {
  /** The file for `kk create cluster -f`: the `Cluster` document, `---`, then the `ClusterConfiguration`. */
  readonly yaml: string;
  /** Things the user accepted but should see, for example an unsupported Kubernetes version; empty when none. */
  readonly warnings: readonly string[];
  /**
   * Names of the environment variables the file references as `${NAME}` placeholders, sorted. The
   * bootstrap passes exactly these to `envsubst`, so no other `$` in the file is touched.
   */
  readonly secretEnvVars: readonly string[];
  /** The two documents the YAML was rendered from, as data: what the change check compares. */
  readonly documents: RenderedKubeKeyDocuments;
  /** The versions the file installs (`kk upgrade` runs when they change). */
  readonly versions: ClusterVersions;
  /** Digests of the parts each install step re-runs on (hosts, versions, other settings). */
  readonly fingerprints: ClusterFileFingerprints;
}

/**
 * Renders the KubeKey file once, with its warnings, secret variables, versions and fingerprints.
 * Deterministic: the same input gives the same bytes.
 * @throws ValidationError on bad input, naming every bad key
 */
export function renderKubeKey(input: KubeKeyClusterInput): RenderedKubeKeyFile {
  const { resolved, warnings } = prepareKubeKeyInput(input);
  const cluster = clusterDocumentFromResolved(resolved);
  const configuration = clusterConfigurationFromResolved(resolved);
  const secretEnvVars = new Set<string>();
  const [clusterYaml, configurationYaml] = [cluster, configuration].map((doc) => toYaml(doc, secretEnvVars));
  const documents = { cluster, others: [configuration] as const };
  return {
    yaml: `${clusterYaml}---\n${configurationYaml}`,
    warnings,
    secretEnvVars: [...secretEnvVars].sort(),
    documents,
    versions: kubeKeyFileAspects(documents).versions,
    fingerprints: kubeKeyFileFingerprints(documents),
  };
}

/** The YAML of {@link renderKubeKey}. Throws `ValidationError` on bad input. */
export function renderKubeKeyFile(input: KubeKeyClusterInput): string {
  return renderKubeKey(input).yaml;
}

/** The secret variables of {@link renderKubeKey}. Throws `ValidationError` on bad input. */
export function listSecretEnvVars(input: KubeKeyClusterInput): readonly string[] {
  return renderKubeKey(input).secretEnvVars;
}

/** One document as YAML; the `${NAME}` placeholders it holds are added to `placeholders`. */
function toYaml(value: object, placeholders: Set<string>): string {
  // Shared constant objects (such as `{ enabled: false }`) must not become YAML anchors and aliases.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      const m = isScalar(node) && typeof node.value === 'string' ? PLACEHOLDER.exec(node.value) : null;
      if (m) {
        // envsubst pastes the secret in verbatim: inside double quotes, a value with `: `, `#` or a
        // leading `*`, `&` or `!` still parses as one string. The bootstrap must escape `"` and `\`.
        node.type = 'QUOTE_DOUBLE';
        placeholders.add(m[1]);
      }
    },
  });
  return doc.toString(YAML_OPTIONS);
}
