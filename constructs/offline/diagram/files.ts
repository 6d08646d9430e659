/** The diagram as offline-run files, ready for `synthesize`'s `extraFiles`. */
import { Plan } from '../../core';
import { DiagramArtifact, ReadDiagramInputsOptions, readDiagramInputs } from './artifacts';
import { DotOptions, planToDot } from './dot';
import { renderSvg } from './render';

/** Options of {@link architectureFiles}. */
export interface ArchitectureFilesOptions extends DotOptions, ReadDiagramInputsOptions {
  /**
   * Path of the files, without extension, relative to the output folder.
   * @default DEFAULT_ARCHITECTURE_PATH ('architecture')
   */
  readonly basePath?: string;
  /**
   * Also render the SVG (needs `@viz-js/viz`); `false` writes the DOT source only.
   * @default true
   */
  readonly svg?: boolean;
}

/** Where {@link architectureFiles} writes by default: `architecture.dot` and `architecture.svg`. */
export const DEFAULT_ARCHITECTURE_PATH = 'architecture';

/**
 * The estate diagram of a finished offline run: the DOT source drawn from the plan and the run's
 * KubeKey documents and manifests, and the SVG rendered from it.
 *
 * @example
 * synthesize({ project, stacks, outDir: 'dist', extraFiles: (plan, artifacts) => architectureFiles(plan, artifacts) });
 */
export async function architectureFiles(
  plan: Plan,
  artifacts: readonly DiagramArtifact[],
  options: ArchitectureFilesOptions = {},
): Promise<DiagramArtifact[]> {
  const base = options.basePath ?? DEFAULT_ARCHITECTURE_PATH;
  const dot = planToDot(plan, { ...options, ...readDiagramInputs(artifacts, options) });
  const files = [{ path: `${base}.dot`, content: dot }];
  if (options.svg ?? true) {
    files.push({ path: `${base}.svg`, content: await renderSvg(dot) });
  }
  return files;
}
