/**
 * A diagram of the estate, drawn from an offline run's plan (never by hand): DOT source, and SVG
 * rendered in-process with the WebAssembly build of Graphviz.
 */
export {
  type ClusterFacts,
  type ClusterHostFacts,
  type DiagramArtifact,
  type DiagramInputs,
  type NamespaceFacts,
  type ReadDiagramInputsOptions,
  WORKLOAD_KINDS,
  type WorkloadFacts,
  readDiagramInputs,
} from './artifacts';
export { type DotOptions, type PlanToDotOptions, dotLeftLines, dotString, estateToDot, planToDot } from './dot';
export { type ArchitectureFilesOptions, DEFAULT_ARCHITECTURE_PATH, architectureFiles } from './files';
export {
  type Estate,
  type EstateBucket,
  type EstateFileSystem,
  type EstateLoadBalancer,
  type EstateMachine,
  type EstateVpc,
  type EstateZone,
  describeEstate,
} from './model';
export { renderSvg } from './render';
