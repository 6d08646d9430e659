/**
 * Renders the KubeKey file: the `Cluster` document, `---`, then the ks-installer `ClusterConfiguration`.
 */
import { Document, isScalar, visit, type ToStringOptions } from 'yaml';
import { clusterDocumentFromResolved } from './cluster';
import { clusterConfigurationFromResolved } from './cluster-configuration';
import type { ResolvedKubeKeyInput } from './defaults';
import type { KubeKeyClusterInput } from './types';
import { prepareKubeKeyInput } from './validate';

const PLACEHOLDER = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

const YAML_OPTIONS: ToStringOptions = {
  // KubeKey edits the ClusterConfiguration line by line with sed: a folded long value would split
  // one key over several lines.
  lineWidth: 0,
  minContentWidth: 0,
};

/** The rendered file plus warnings the caller should print. */
export interface RenderedKubeKeyFile {
  /** The file for `kk create cluster -f`: the `Cluster` document, `---`, then the `ClusterConfiguration`. */
  readonly yaml: string;
  /** Things the user accepted but should see, for example an unsupported Kubernetes version; empty when none. */
  readonly warnings: readonly string[];
}

/**
 * Renders the KubeKey file. Deterministic: the same input gives the same bytes. Throws
 * `ValidationError` on bad input; see {@link renderKubeKeyFileWithWarnings} to also get warnings.
 */
export function renderKubeKeyFile(input: KubeKeyClusterInput): string {
  return renderKubeKeyFileWithWarnings(input).yaml;
}

/** Like {@link renderKubeKeyFile}, also returning warnings (for example an acknowledged unsupported version). */
export function renderKubeKeyFileWithWarnings(input: KubeKeyClusterInput): RenderedKubeKeyFile {
  const { resolved, warnings } = prepareKubeKeyInput(input);
  return { yaml: renderResolved(resolved), warnings };
}

function renderResolved(r: ResolvedKubeKeyInput): string {
  const docs = [clusterDocumentFromResolved(r), clusterConfigurationFromResolved(r)].map(toYaml);
  return `${docs[0]}---\n${docs[1]}`;
}

function toYaml(value: object): string {
  // Shared constant objects (such as `{ enabled: false }`) must not become YAML anchors and aliases.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      // envsubst pastes the secret in verbatim: inside double quotes, a value with `: `, `#` or a
      // leading `*`, `&` or `!` still parses as one string. The bootstrap must escape `"` and `\`.
      if (typeof node.value === 'string' && PLACEHOLDER.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString(YAML_OPTIONS);
}

/**
 * Names of the environment variables the rendered file references as `${NAME}` placeholders, sorted.
 * The bootstrap passes exactly these to `envsubst '$A $B'`, so no other `$` in the file is touched.
 */
export function listSecretEnvVars(input: KubeKeyClusterInput): readonly string[] {
  const { resolved } = prepareKubeKeyInput(input);
  const names = new Set<string>();
  for (const doc of [clusterDocumentFromResolved(resolved), clusterConfigurationFromResolved(resolved)]) {
    visit(new Document(doc, { aliasDuplicateObjects: false }), {
      Scalar(_key, node) {
        const m = isScalar(node) && typeof node.value === 'string' ? PLACEHOLDER.exec(node.value) : null;
        if (m) {
          names.add(m[1]);
        }
      },
    });
  }
  return [...names].sort();
}
