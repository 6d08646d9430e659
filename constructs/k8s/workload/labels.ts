import { Labels } from '../common';

/** Selector labels and full labels of a workload. */
export interface WorkloadLabels {
  /** Immutable once deployed: used in selectors. */
  readonly selector: Labels;
  /** Selector labels plus descriptive and caller labels. */
  readonly all: Labels;
}

/** Recommended `app.kubernetes.io/*` labels; `component` is the software (mysql, redis …), `name` the instance. */
export function workloadLabels(component: string, name: string, extra?: Labels): WorkloadLabels {
  const selector = { 'app.kubernetes.io/name': component, 'app.kubernetes.io/instance': name };
  return { selector, all: { ...extra, ...selector, 'app.kubernetes.io/managed-by': 'cdk8s' } };
}
