/**
 * What CI/CD needs of the service catalogue (`platform:services`): a name, the namespace it runs
 * in, and the image it runs. The catalogue itself belongs to the workloads; this is the narrow
 * view the pipelines and the previews read, so they do not depend on the rest of its shape.
 */
import { ClusterSpec } from '../config';

export interface CatalogueService {
  /** Service name (DNS-1123 label): the Pipeline, Deployment and container name. */
  readonly name: string;
  /** Namespace the service runs in on its cluster. */
  readonly namespace: string;
  /** Image repository without tag (`<harbor>/<project>/<name>`). */
  readonly imageRepository: string;
  /** The image tag Pulumi deploys (the pipelines replace it with each build's commit). */
  readonly imageTag: string;
}

/** The services of a cluster stack's catalogue, in catalogue order; none when it has none. */
export function catalogueServices(spec: ClusterSpec): readonly CatalogueService[] {
  const namespace = spec.namespaces.apps;
  return spec.services.map((s) => ({ name: s.name, namespace, imageRepository: s.image, imageTag: s.tag }));
}
